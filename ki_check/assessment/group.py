"""A workshop's answers taken together: how many, which stages, spread per dimension.

:func:`summarise` is a pure function from scored companies to a
:class:`GroupSummary` (:func:`ki_check.batch.workshop.load_group` reads and
scores them, and sets aside, with its errors in the batch's one format, every
file or row that is invalid or belongs to another questionnaire). The summary is anonymous
by design: a figure computed from fewer than :data:`MIN_ANSWERS` companies is
not given (``mean`` etc. are ``None``), so nobody in the room can be recognised
by their numbers.

What counts as a *gap* of a company (``GapCount``):

- a question answered with at most a third of its points (``LOW``), or
- for a use question paired with a relevance question: use below relevance.

Relevance questions themselves are never gaps: little need is no weakness.

A *provisional* result (fewer than 60 % of the questions answered, ``docs/advice.md``)
counts apart (``GroupSummary.provisional``): not in the stages, the overall and
dimension spreads or the gaps, whose numbers it would bend with a few answers; its
AI use, position, barriers and programmes still count, they are answers, not scores.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ki_check.funding.model import Programme
from ki_check.i18n import Text
from ki_check.questionnaire.model import Questionnaire, Stage

if TYPE_CHECKING:  # read, never built here: this module sums up what the library scored
    from ki_check.assessment.answers import AnswerFile
    from ki_check.assessment.assess import Assessment
    from ki_check.assessment.scoring import ScoreResult
    from ki_check.batch.row_errors import RowError  # carried, never read here

MIN_ANSWERS = 3
LOW = 1 / 3


class Participant(NamedTuple):
    """One company of the workshop: its answer file and its assessment."""

    answers: AnswerFile
    assessment: Assessment

    @property
    def result(self) -> ScoreResult:
        """The score result of the assessment."""
        return self.assessment.result

    @property
    def name(self) -> str:
        """The company name as typed (may be empty)."""
        return self.answers.company.name


class Skipped(NamedTuple):
    """A file (or a sheet's row, ``kunden.xlsx:7``) that was not used, and every error of it."""

    path: Path
    errors: tuple[RowError, ...]  # the batch's one format: where, whose, code, message, fix
    kind: str  # "invalid" or "other_questionnaire"


class Spread(NamedTuple):
    """Mean, minimum and maximum of ``n`` scores; ``None`` below :data:`MIN_ANSWERS`."""

    n: int
    mean: float | None
    min: float | None
    max: float | None

    @property
    def shown(self) -> bool:
        """Whether enough companies answered to show the figures."""
        return self.mean is not None

    @property
    def figures(self) -> tuple[float, float, float] | None:
        """``(mean, min, max)`` where they are shown, else ``None``."""
        if self.mean is None or self.min is None or self.max is None:
            return None
        return self.mean, self.min, self.max


class DimensionSpread(NamedTuple):
    """A dimension's scores across the group."""

    id: str
    label: Text
    weight: float
    spread: Spread


class StageCount(NamedTuple):
    """How many companies reached a stage."""

    stage: Stage
    companies: int  # how many (not `count`: that is a tuple method)


class GapCount(NamedTuple):
    """How many companies show a gap at a question."""

    question: str
    dimension: str
    companies: int  # how many (not `count`: that is a tuple method)


class ProgrammeCount(NamedTuple):
    """How many companies a funding programme fits."""

    programme: Programme
    companies: int  # how many (not `count`: that is a tuple method)


class Member(NamedTuple):
    """One company as listed with ``--named``.

    ``number`` is its place among the companies used, in the order of the
    input (file names, or the sheet's rows): a row without a company name (a
    trainer's paper form) is shown as "Teilnehmer 3".
    """

    name: str
    overall: float | None
    stage: Stage | None
    number: int = 0
    provisional: bool = False  # too few answers: the stage is not final


class GroupSummary(NamedTuple):
    """Everything the group summary shows (see :func:`summarise`)."""

    questionnaire: str
    version: str
    companies: int
    files: int
    skipped: tuple[Skipped, ...]
    overall: Spread
    stages: tuple[StageCount, ...]
    unscored: int
    provisional: int  # scored, but on too few answers to count (the module docstring)
    dimensions: tuple[DimensionSpread, ...]
    adopters: int
    adoption_known: int
    positions: dict[str, int]
    gaps: tuple[GapCount, ...]
    barriers: tuple[tuple[str, int], ...]
    funding: tuple[ProgrammeCount, ...]
    members: tuple[Member, ...]
    as_of: dt.date
    unit: str = "files"  # what was counted: answer "files" or "rows" of a sheet
    provisional_below: float = 0.0  # the share of answers a result needs (from the assessments)

    @property
    def firm(self) -> int:
        """The companies whose scores count: all but the provisional ones."""
        return self.companies - self.provisional

    @property
    def adoption_shown(self) -> bool:
        """Whether enough companies answered the AI-use question to give a share."""
        return self.adoption_known >= MIN_ANSWERS


def spread(values: Sequence[float]) -> Spread:
    """Mean, min and max of ``values``, or only the count when there are too few."""
    n = len(values)
    if n < MIN_ANSWERS:
        return Spread(n, None, None, None)
    return Spread(n, sum(values) / n, min(values), max(values))


def summarise(
    q: Questionnaire,
    participants: Sequence[Participant],
    *,
    skipped: Sequence[Skipped] = (),
    as_of: dt.date | None = None,
    top: int = 8,
    unit: str = "files",
) -> GroupSummary:
    """The group's figures from scored companies (pure: no files, no clock but ``as_of``).

    ``top`` limits the gaps and the funding programmes to the most frequent ones.
    """
    results = [p.result for p in participants]
    day = as_of or (results[0].as_of if results else dt.date.today())
    firm = [p.result for p in participants if not _provisional(p)]
    stage_counts = Counter(r.stage.id for r in firm if r.stage is not None)
    dims = []
    for d in q.dimensions:
        values = [
            dr.score for r in firm for dr in r.dimensions if dr.id == d.id and dr.score is not None
        ]
        dims.append(DimensionSpread(d.id, d.label, d.weight, spread(values)))
    known = [r.baseline.adopter for r in results if r.baseline and r.baseline.adopter is not None]
    positions = Counter(r.baseline.position for r in results if r.baseline is not None)
    barrier_counts = Counter(b for r in results for b in r.barriers)
    funding_counts: Counter[str] = Counter()
    programmes: dict[str, Programme] = {}
    for p in participants:
        for v in p.assessment.tier("recommended"):
            funding_counts[v.programme.id] += 1
            programmes[v.programme.id] = v.programme
    funding = sorted(
        (ProgrammeCount(programmes[pid], n) for pid, n in funding_counts.items()),
        key=lambda pc: (-pc.companies, _LEVEL[pc.programme.level], pc.programme.id),
    )
    return GroupSummary(
        questionnaire=q.id,
        version=q.version,
        companies=len(results),
        files=len(results) + len(skipped),
        skipped=tuple(skipped),
        overall=spread([r.overall for r in firm if r.overall is not None]),
        stages=tuple(StageCount(s, stage_counts.get(s.id, 0)) for s in q.stages),
        unscored=sum(1 for r in results if r.stage is None),
        provisional=sum(1 for p in participants if _provisional(p)),
        dimensions=tuple(dims),
        adopters=sum(1 for a in known if a),
        adoption_known=len(known),
        positions=dict(positions),
        gaps=gap_counts(q, firm)[:top],
        barriers=tuple(sorted(barrier_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        funding=tuple(funding[:top]),
        members=tuple(
            sorted(
                (
                    Member(p.name or "", p.result.overall, p.result.stage, number, _provisional(p))
                    for number, p in enumerate(participants, start=1)
                ),
                key=lambda m: (not m.name, m.name.casefold(), m.number),  # nameless last
            )
        ),
        as_of=day,
        unit=unit,
        provisional_below=participants[0].assessment.provisional_below if participants else 0.0,
    )


_LEVEL = {"eu": 2, "bund": 1, "land": 0}


def _provisional(p: Participant) -> bool:
    """A scored company whose stage rests on too few answers (a company with no score
    at all is ``unscored``, not provisional)."""
    return p.assessment.provisional and p.result.stage is not None


def gap_counts(q: Questionnaire, results: Sequence[ScoreResult]) -> tuple[GapCount, ...]:
    """Questions by how many companies show a gap there (see the module docstring)."""
    relevance = {x.relevance_question for x in q.questions if x.relevance_question}
    paired = {x.id for x in q.questions if x.relevance_question}
    counts: Counter[str] = Counter()
    for r in results:
        gapped = {g.question for g in r.gaps}
        for qr in r.questions:
            if qr.id in relevance or qr.status != "answered" or qr.value is None:
                continue
            if (qr.id in gapped) if qr.id in paired else qr.value <= LOW + 1e-9:
                counts[qr.id] += 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], q.question_map[kv[0]].position))
    return tuple(GapCount(qid, q.question_map[qid].dimension, n) for qid, n in ranked)
