"""The plumbing every room uses: YAML with positions, typed readers, atomic files,
file locks, the validation cache, bundled resources, safe terminal text and cells.

Nothing here knows about questionnaires, scores or funding. Kept empty so that
importing one module does not import the others.
"""
