"""Funding programmes: the catalogue, eligibility rules, amounts, matching and tiers.

:func:`ki_check.funding.match.match_funding` says which programmes a company may
apply for and why; :mod:`~ki_check.funding.tiers` says which of them suit its next
steps. Kept empty so that importing one module does not import the others.
"""
