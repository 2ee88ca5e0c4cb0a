"""Many companies at once: a consultant's portfolio batch and a workshop's group.

Inputs (folder, CSV, XLSX, form submissions) become records
(:mod:`~ki_check.batch.inputs`), :mod:`~ki_check.batch.run` scores them and writes
the tables and reports; :mod:`~ki_check.batch.workshop` reads a workshop's answers.
Kept empty so that importing one module (openpyxl, worker pools) does not import
the others.
"""
