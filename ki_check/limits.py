"""How much ki-check reads: sizes and ranges beyond which input is refused, not trusted.

Every limit here is documented (``docs/answer-files.md``, ``docs/questionnaire-format.md``)
and a test checks that the documents quote these very numbers. The limits are far above
anything real (the largest bundled questionnaire is 86 KB, its longest text 600
characters, a real answer file a few KB) and far below what makes the tool slow.
"""

from __future__ import annotations

MIB = 1024 * 1024

# --- files ------------------------------------------------------------------------------
MAX_YAML_BYTES = 2 * MIB
"""Answer files, questionnaires and data catalogues: at most 2 MiB."""

MAX_BRAND_BYTES = 64 * 1024
"""A brand file is a dozen lines: at most 64 KiB."""

# --- texts ------------------------------------------------------------------------------
MAX_TEXT_CHARS = 10_000
"""Any single text (scalar) in a YAML file: a note, a question's guidance, a name."""

MAX_KEY_CHARS = 200
"""A mapping key: question, option and row ids, field names."""

MAX_REF_CHARS = 200
"""``questionnaire:`` in an answer file or a batch row: a bundled id or a file name."""

MAX_PATH_CHARS = 1_000
"""A questionnaire given on the command line or in a batch cell: a path of this length at most."""

MAX_ISSUES = 200
"""Findings listed per file; more are counted in one closing note (``DIAG_001``)."""

# --- numbers ----------------------------------------------------------------------------
MAX_INT_DIGITS = 30
"""An integer written with more digits than this is read as too large (never converted)."""

MAX_NUMBER = 1e12
"""Any number in a questionnaire, answer file or catalogue: finite and within ±10¹²."""

MAX_WEIGHT = 100.0
"""Weights of dimensions and questions: greater than 0, at most 100."""

MAX_POINTS = 1_000.0
"""Points of an option or a band, and ``max_points``: 0 to 1,000."""

MAX_SCALE_STEPS = 100
"""A scale runs over whole numbers with ``max − min`` at most 100 (a handout prints each)."""

MAX_EMPLOYEES = 10_000_000
"""``company.employees``: 0 to ten million."""

MAX_EUR = 1e12
"""``company.turnover_eur`` and ``balance_sheet_eur``: 0 to one trillion euros."""
