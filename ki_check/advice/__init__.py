"""The advice as data and rules: actions, next steps, use cases, barriers, the AI Act.

Content comes from ``ki_check/data/*.yaml``; :mod:`~ki_check.advice.priorities`
orders the actions by the rules in ``docs/advice.md``. Kept empty so that importing
one module does not import the others.
"""
