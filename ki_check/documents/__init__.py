"""The PDFs as application functions: load, assess or summarise, then hand to render.

Each function here is what one command calls: it reads the input through the
core, computes what the document shows, and writes it with
:func:`ki_check.render.pdf.write_pdf`. Kept empty so that importing one module
does not import the others.
"""
