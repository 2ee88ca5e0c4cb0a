"""One company's assessment: its answers, their scores and where it stands.

Answer files (:mod:`~ki_check.assessment.answers`), the scoring
(:mod:`~ki_check.assessment.scoring`), the AI-adoption baselines, and
:func:`ki_check.assessment.assess.assess`, which puts scores, advice and funding
together. Kept empty so that importing one module does not import the others.
"""
