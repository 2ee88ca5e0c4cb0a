"""Formats other tools read and write: XLSForm, form submissions, JSON Schemas.

Kept empty so that importing one module does not import the others (openpyxl is
imported only where a sheet is read or written).
"""
