"""The questionnaire format: the model, skip conditions, reading YAML into the model, loading.

:mod:`~ki_check.questionnaire.load` finds and loads a questionnaire (bundled id or
file); :mod:`~ki_check.questionnaire.build` turns its YAML into
:mod:`~ki_check.questionnaire.model` objects, collecting every finding on the way.
Kept empty so that importing one module does not import the others.
"""
