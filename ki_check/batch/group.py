"""A workshop's answers taken together: how many, which stages, spread per dimension.

:func:`summarise` is a pure function from scored companies to a
:class:`GroupSummary`; :func:`load_group` reads a folder of answer files, or
the CSV/XLSX sheet that ``ki-check batch`` reads (a workshop's paper forms
typed into the template), and sets aside, with a reason, every file or row
that is invalid or belongs to another questionnaire. The summary is anonymous
by design: a figure computed from fewer than :data:`MIN_ANSWERS` companies is
not given (``mean`` etc. are ``None``), so nobody in the room can be recognised
by their numbers.

What counts as a *gap* of a company (``GapCount``):

- a question answered with at most a third of its points (``LOW``), or
- for a use question paired with a relevance question: use below relevance.

Relevance questions themselves are never gaps: little need is no weakness.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ki_check.assessment.answers import AnswerFile, open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.assessment.scoring import ScoreResult
from ki_check.batch.row_errors import RowError
from ki_check.errors import NotFoundError, ValidationError
from ki_check.funding.match import Programme
from ki_check.i18n import Text, plural
from ki_check.questionnaire.model import Questionnaire, Stage

MIN_ANSWERS = 3
LOW = 1 / 3
ANSWER_SUFFIXES = (".yaml", ".yml")


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
    """A file of the folder that was not used, and why (de + en)."""

    path: Path
    reason: Text
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


class DimensionSpread(NamedTuple):
    """A dimension's scores across the group."""

    id: str
    label: Text
    weight: float
    spread: Spread


class StageCount(NamedTuple):
    """How many companies reached a stage."""

    stage: Stage
    count: int


class GapCount(NamedTuple):
    """How many companies show a gap at a question."""

    question: str
    dimension: str
    count: int


class ProgrammeCount(NamedTuple):
    """How many companies a funding programme fits."""

    programme: Programme
    count: int


class Member(NamedTuple):
    """One company as listed with ``--named``."""

    name: str
    overall: float | None
    stage: Stage | None


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
    stage_counts = Counter(r.stage.id for r in results if r.stage is not None)
    dims = []
    for d in q.dimensions:
        values = [
            dr.score
            for r in results
            for dr in r.dimensions
            if dr.id == d.id and dr.score is not None
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
        key=lambda pc: (-pc.count, _LEVEL[pc.programme.level], pc.programme.id),
    )
    return GroupSummary(
        questionnaire=q.id,
        version=q.version,
        companies=len(results),
        files=len(results) + len(skipped),
        skipped=tuple(skipped),
        overall=spread([r.overall for r in results if r.overall is not None]),
        stages=tuple(StageCount(s, stage_counts.get(s.id, 0)) for s in q.stages),
        unscored=sum(1 for r in results if r.stage is None),
        dimensions=tuple(dims),
        adopters=sum(1 for a in known if a),
        adoption_known=len(known),
        positions=dict(positions),
        gaps=gap_counts(q, results)[:top],
        barriers=tuple(sorted(barrier_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        funding=tuple(funding[:top]),
        members=tuple(
            Member(p.name, p.result.overall, p.result.stage)
            for p in sorted(participants, key=lambda p: p.name.casefold())
        ),
        as_of=day,
        unit=unit,
    )


_LEVEL = {"eu": 2, "bund": 1, "land": 0}


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
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], q.question(kv[0]).position))  # type: ignore[union-attr]
    return tuple(GapCount(qid, q.question(qid).dimension, n) for qid, n in ranked)  # type: ignore[union-attr]


def answer_files(folder: Path) -> list[Path]:
    """The YAML files directly in ``folder``, sorted by name (hidden files left out)."""
    if not folder.is_dir():
        raise NotFoundError(
            f"Der Ordner {folder} existiert nicht (oder ist kein Ordner).",
            f"The folder {folder} does not exist (or is not a folder).",
        )
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ANSWER_SUFFIXES and not p.name.startswith(".")
    )


def load_group(
    q: Questionnaire,
    folder: str | Path,
    *,
    as_of: dt.date | None = None,
    baseline: str | None = None,
) -> tuple[list[Participant], list[Skipped]]:
    """Load and score every answer file in ``folder`` (or every row of a CSV/XLSX) against ``q``.

    Files or rows that are invalid or name another questionnaire (or version)
    are returned as :class:`Skipped` with the first error; raises
    :class:`~ki_check.errors.NotFoundError` when the folder is missing.
    ``folder`` may also be a CSV/XLSX as ``batch`` reads it — the filled-in
    template, or a submissions export of a form made by ``ki-check export
    xlsform``: each row is a company, a bad row is skipped.
    """
    if Path(folder).is_file():
        return _load_table(q, Path(folder), as_of=as_of, baseline=baseline)
    if not Path(folder).exists():
        raise NotFoundError(
            f"{folder} existiert nicht. Bitte einen Ordner mit Antwortdateien, die"
            " ausgefüllte Vorlage oder einen Export (.xlsx oder .csv) angeben.",
            f"{folder} does not exist. Please give a folder of answer files, the filled-in"
            " template or an export (.xlsx or .csv).",
        )
    used: list[Participant] = []
    skipped: list[Skipped] = []
    for path in answer_files(Path(folder)):
        try:
            _, af = open_answers(path, q)
        except ValidationError as exc:
            skipped.append(_skip(path, exc))
            continue
        used.append(Participant(af, assess(q, af, baseline=baseline, as_of=as_of)))
    return used, skipped


def _load_table(
    q: Questionnaire, path: Path, *, as_of: dt.date | None, baseline: str | None
) -> tuple[list[Participant], list[Skipped]]:
    """The rows of a sheet or export as ``batch`` reads them, every row checked against ``q``."""
    from ki_check.batch.inputs import read_input

    ref = str(q.path) if q.path else q.ref
    day = as_of or dt.date.today()
    used: list[Participant] = []
    skipped: list[Skipped] = []
    rows = zip(read_input(path, ref, "de", day), read_input(path, ref, "en", day), strict=True)
    for de, en in rows:
        if de.answers is not None and not de.errors:
            used.append(
                Participant(de.answers, assess(q, de.answers, baseline=baseline, as_of=as_of))
            )
            continue
        reason = {"de": _row_reason(de.errors), "en": _row_reason(en.errors)}
        other = any(e.code in ("ANS_001", "ANS_002") for e in de.errors)
        kind = "other_questionnaire" if other else "invalid"
        skipped.append(Skipped(Path(de.source), reason, kind))
    return used, skipped


def _row_reason(errors: Sequence[RowError]) -> str:
    """``column: CODE message`` of the first two errors of a row, and how many more."""
    text = "; ".join(
        ": ".join(x for x in (e.column, f"{e.code} {e.message}") if x) for e in errors[:2]
    )
    return text + (f" (+{len(errors) - 2})" if len(errors) > 2 else "") if errors else "?"


def _skip(path: Path, exc: ValidationError) -> Skipped:
    errors = [i for i in exc.issues if i.severity == "error"] or exc.issues
    other = next((i for i in errors if i.code in ("ANS_001", "ANS_002")), None)
    if other is not None:
        return Skipped(
            path, {"de": other.message("de"), "en": other.message("en")}, "other_questionnaire"
        )
    first = errors[0] if errors else None
    if first is None:
        return Skipped(path, {"de": "ungültig", "en": "invalid"}, "invalid")
    at_de = f"Zeile {first.line}: " if first.line else ""
    at_en = f"line {first.line}: " if first.line else ""
    de, en = at_de + first.message("de"), at_en + first.message("en")
    more = len(errors) - 1
    if more > 0:
        de += f" (und {plural(more, 'weiterer Fehler', 'weitere Fehler')})"
        en += f" (and {plural(more, 'more error', 'more errors')})"
    return Skipped(path, {"de": de, "en": en}, "invalid")
