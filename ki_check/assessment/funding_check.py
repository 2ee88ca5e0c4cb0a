"""``funding match``: the funding verdicts for one answer file, from the assessment.

With answers, the verdicts are the assessment's own (:func:`ki_check.assessment.assess.assess`):
recommended, possible (apart from them those that would be recommended but for
old data: check before applying) and not matching, each with its reasons and the
amount for this company — the same tiers ``score`` and the report show, computed
once. A file that holds only the company profile gets the
eligibility check alone (tier ``eligible``): without answers there are no next
steps a programme could pay for, so nothing is recommended, and the output says so.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.assessment.answers import AnswerFile, open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.funding.match import match_funding
from ki_check.funding.tiers import FundingVerdict, eligibility_only

# how the verdicts are grouped for the terminal, in this order (docs/advice.md)
GROUPS = ("recommended", "possible", "check_first", "eligible", "not_matching")


class FundingCheck(NamedTuple):
    """Every programme's verdict for one company; ``assessment`` is ``None`` without answers."""

    answers: AnswerFile
    verdicts: tuple[FundingVerdict, ...]
    assessment: Assessment | None

    @property
    def advised(self) -> bool:
        """Whether the verdicts are advice (tiers from the assessment), not eligibility alone."""
        return self.assessment is not None

    def groups(self) -> list[tuple[str, tuple[FundingVerdict, ...]]]:
        """The non-empty groups of :data:`GROUPS` with their verdicts.

        As the report's appendix groups them: ``check_first`` holds the programmes
        that would be recommended but whose newest source is older than 12 months
        ("vor einem Antrag prüfen"), ``possible`` the other possible ones.
        """
        out = []
        for name in GROUPS:
            if name == "possible":
                rows = tuple(v for v in self.verdicts if v.tier == name and not v.fresh_action)
            elif name == "check_first":
                rows = tuple(v for v in self.verdicts if v.tier == "possible" and v.fresh_action)
            else:
                rows = tuple(v for v in self.verdicts if v.tier == name)
            if rows:
                out.append((name, rows))
        return out

    def to_json(self, lang: str = "de") -> list[dict[str, Any]]:
        """One object per programme: ``score --json``'s ``funding`` keys (``id``,
        ``name``, ``tier``, ``reasons``, ``amount``, ``stale``, ``action``) and
        ``match`` (eligible or not)."""
        return [{**v.to_json(lang), "match": bool(v.match.match)} for v in self.verdicts]


def has_answers(af: AnswerFile) -> bool:
    """Whether the file holds at least one answer (not only the company profile)."""
    return any(value is not None for value in af.answers.values())


def check_funding(path: str | Path, *, as_of: dt.date | None = None) -> FundingCheck:
    """The funding verdicts for the company of the answer file at ``path``.

    Raises :class:`~ki_check.errors.ValidationError` for a broken answer file and
    :class:`~ki_check.errors.NotFoundError` for an unknown questionnaire.
    """
    q, af = open_answers(path)
    day = as_of or dt.date.today()
    if has_answers(af):
        a = assess(q, af, as_of=day)
        return FundingCheck(af, a.funding, a)
    return FundingCheck(af, eligibility_only(match_funding(af.company, day), af.company), None)
