"""Reports: view model, templates, charts and — at the very edge — the PDF.

Only :mod:`ki_check.render.pdf` imports WeasyPrint; everything else here builds
HTML that tests can read exactly.
"""
