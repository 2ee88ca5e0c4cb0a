"""Scoring: from questionnaire + answers (+ baselines, day) to scores, stage and position.

The rules (also in ``docs/scoring.md``):

1. Each scored question is normalised to 0–1:
   single choice and yes/no: points of the answer ÷ the highest points;
   multiple choice: sum of the chosen points ÷ the sum of all points (or
   ÷ ``max_points`` where set), at most 1; scale: (value − min) ÷ (max − min);
   number: the points of the band holding the value ÷ the highest band points;
   matrix: the mean of its answered rows, each scored like a single choice.
2. A dimension's score is 100 × the weighted mean over its answered, visible
   questions. Questions hidden by skip logic, "don't know" and "not relevant"
   leave the denominator. A dimension with nothing answered has no score.
   With ``scoring: {unanswered: zero}`` (the EU DMA's strict reading)
   unanswered and "don't know" questions and matrix rows count 0 instead,
   once anything in the questionnaire is answered.
3. The overall score is the weighted mean of the dimensions that have a score,
   rounded half-up to one decimal (``scoring: {rounding: whole}``: to whole
   points); the stage is looked up from that rounded value.
4. Coverage is answered ÷ applicable scored questions, where applicable means
   visible and not "not relevant" — "don't know" and unanswered lower it, a
   company is not punished for what does not apply to it.

Beside the score the result carries what the answers trigger and reveal: the
questionnaire's recommendations (:mod:`~ki_check.assessment.recommendations`, with
the table of advising questions worked out once per questionnaire) and the
signals' barriers, AI Act lights and facts (:mod:`~ki_check.assessment.signals`).
"""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, NamedTuple

from ki_check.assessment.answers import Answer, AnswerFile
from ki_check.assessment.baseline import BaselineResult, BaselineSet, compare, load_baselines
from ki_check.assessment.comparability import comparability
from ki_check.assessment.profile import SIZE_CLASSES
from ki_check.assessment.recommendations import RecommendationHit, recommendations
from ki_check.assessment.signals import open_facts, signals
from ki_check.i18n import Text, tr
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT, visible
from ki_check.questionnaire.model import Question, Questionnaire, Stage

Status = Literal["answered", "dont_know", "not_relevant", "unanswered", "hidden", "unscored"]


class QuestionResult(NamedTuple):
    """How one question entered the score."""

    id: str
    dimension: str
    status: Status
    value: float | None
    weight: float


class DimensionResult(NamedTuple):
    """Score 0–100 (``None`` when nothing was answered), answered of applicable questions."""

    id: str
    label: Text
    weight: float
    score: float | None
    answered: int
    total: int


class Gap(NamedTuple):
    """How much more relevant a topic is to the company than it is in use (0–1 each)."""

    question: str
    dimension: str
    relevance: float
    use: float

    @property
    def size(self) -> float:
        """relevance − use: the larger, the more urgent."""
        return self.relevance - self.use


class ScoreResult(NamedTuple):
    """Everything :func:`score` computes for one company."""

    questionnaire: str
    version: str
    overall: float | None
    stage: Stage | None
    dimensions: tuple[DimensionResult, ...]
    coverage: float
    answered: int
    applicable: int
    questions: tuple[QuestionResult, ...]
    baseline: BaselineResult | None
    recommendations: tuple[RecommendationHit, ...]
    as_of: dt.date
    gaps: tuple[Gap, ...] = ()
    barriers: tuple[str, ...] = ()
    ai_act: dict[str, str] = {}  # noqa: RUF012 - never mutated
    facts: frozenset[str] = frozenset()
    # facts no answer decides yet: a signal could set them, but a question it reads is
    # shown and still unanswered (docs/advice.md, "Facts and role")
    open_facts: frozenset[str] = frozenset()
    # why the result is not comparable with the method the questionnaire reproduces
    comparability: Text | None = None
    decimals: int = 1  # of the overall score (0 with ``scoring: {rounding: whole}``)

    def to_json(self, lang: str = "de") -> dict[str, Any]:
        """Plain data for ``score --json`` (labels in ``lang``, numbers unformatted)."""
        return {
            "questionnaire": {"id": self.questionnaire, "version": self.version},
            "as_of": self.as_of.isoformat(),
            "overall": self.overall,
            "stage": None
            if self.stage is None
            else {
                "id": self.stage.id,
                "label": tr(self.stage.label, lang),
                "min": self.stage.min,
                "max": self.stage.max,
            },
            "coverage": round(self.coverage, 4),
            "comparability": tr(self.comparability, lang) if self.comparability else None,
            "dimensions": [
                {
                    "id": d.id,
                    "label": tr(d.label, lang),
                    "score": None if d.score is None else round1(d.score),
                    "answered": d.answered,
                    "total": d.total,
                    "weight": d.weight,
                }
                for d in self.dimensions
            ],
            "baseline": None if self.baseline is None else _baseline_json(self.baseline, lang),
            "gaps": [
                {
                    "question": g.question,
                    "dimension": g.dimension,
                    "relevance": round(g.relevance, 4),
                    "use": round(g.use, 4),
                    "gap": round(g.size, 4),
                }
                for g in self.gaps
            ],
            "barriers": list(self.barriers),
            "ai_act": dict(self.ai_act),
            "facts": sorted(self.facts),
            "open_facts": sorted(self.open_facts),
            "recommendations": [
                {
                    "id": r.id,
                    "kind": r.kind,
                    "dimension": r.dimension,
                    "question": r.question,
                    "text": tr(r.text, lang),
                }
                for r in self.recommendations
            ],
        }


def _baseline_json(b: BaselineResult, lang: str) -> dict[str, Any]:
    """The comparison with the baseline in ``score --json``."""
    return {
        "id": b.id,
        "label": tr(b.label, lang),
        "region": b.region,
        "share": b.share,
        "year": b.year,
        "source": b.source,
        "url": b.url,
        "population": tr(b.population, lang),
        "position": b.position,
        "position_label": tr(b.position_label, lang),
        "adopter": b.adopter,
        "size_class": None
        if b.size_class is None
        else {
            "id": b.size_class,
            "label": tr(SIZE_CLASSES[b.size_class], lang),
            "share": b.size_share,
            "year": b.size_year,
            "baseline": b.size_baseline,
        },
        "current": None
        if b.size_share is None
        else {
            "share": b.size_share,
            "period": b.current.baseline.when if b.current else None,
            "baseline": b.size_baseline,
            "group": tr(b.current.group, lang) if b.current and b.current.group else None,
        },
    }


def round0(x: float) -> float:
    """Round half-up to whole points (``25.5`` → ``26.0``), as the EU DMA shows its score."""
    return float(Decimal(repr(x)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def round1(x: float) -> float:
    """Round half-up to one decimal (``24.95`` → ``25.0``), unlike ``round``'s half-even."""
    return float(Decimal(repr(x)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def normalise(q: Question, answer: Answer) -> float:
    """The 0–1 value of a real (not special) answer to a scored question.

    Raises ``ValueError`` for an answer of the wrong shape (the answer checker lets
    none through) or a question type that is not scored.
    """
    if q.type in ("single_choice", "yes_no") and isinstance(answer, str):
        return _points(q, answer)
    if q.type == "multiple_choice" and isinstance(answer, list):
        chosen = sum(q.option_map[o].points for o in answer)
        total = q.max_points or sum(o.points for o in q.options)
        return min(chosen / total, 1.0)
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        if q.type == "scale" and q.min is not None and q.max is not None:
            return (answer - q.min) / (q.max - q.min)
        if q.type == "number":
            for band in q.bands:
                if band.min <= answer <= band.max:
                    return band.points / q.top_points
            return 0.0
    raise ValueError(f"no value for {answer!r} to a {q.type} question")  # pragma: no cover


def _points(q: Question, option_id: str) -> float:
    return q.option_map[option_id].points / q.top_points


def _matrix(q: Question, answer: dict[str, str], strict: bool) -> tuple[Status, float | None]:
    values = [_points(q, v) for v in answer.values() if v not in (DONT_KNOW, NOT_RELEVANT)]
    if values:
        if strict:  # rows left empty or "don't know" count 0, as in the EU DMA
            rows = sum(1 for row in q.rows if answer.get(row.id) != NOT_RELEVANT)
            return "answered", sum(values) / rows
        return "answered", sum(values) / len(values)
    if answer and all(v == NOT_RELEVANT for v in answer.values()):
        return "not_relevant", None
    return ("dont_know", None) if answer else ("unanswered", None)


def question_result(q: Question, shown: dict[str, Any], strict: bool = False) -> QuestionResult:
    """How question ``q`` counts, given the answers of the visible questions.

    ``strict`` (``scoring: {unanswered: zero}``): empty or "don't know" rows of an
    answered matrix count 0 instead of leaving the row mean.
    """
    if not q.scored:
        return QuestionResult(q.id, q.dimension, "unscored", None, q.weight)
    if q.id not in shown:
        return QuestionResult(q.id, q.dimension, "hidden", None, q.weight)
    answer = shown[q.id]
    status: Status
    value: float | None = None
    if answer is None:
        status = "unanswered"
    elif answer == DONT_KNOW:
        status = "dont_know"
    elif answer == NOT_RELEVANT:
        status = "not_relevant"
    elif q.type == "matrix":
        status, value = _matrix(q, answer, strict)
    else:
        status, value = "answered", normalise(q, answer)
    return QuestionResult(q.id, q.dimension, status, value, q.weight)


def score(
    questionnaire: Questionnaire,
    answers: AnswerFile,
    *,
    baseline: str | None = None,
    baselines: BaselineSet | None = None,
    as_of: dt.date | None = None,
) -> ScoreResult:
    """Score one company: no funding, no advice (see :func:`.assess.assess`).

    The same inputs always give the same result. The only file it reads is the
    bundled baseline catalogue (through the cache), and only when ``baselines``
    is not given: pass it for a computation that touches no file.

    ``baseline`` picks a baseline id (default: the data file's default);
    ``baselines`` replaces the bundled baseline data; ``as_of`` (default today)
    decides which size-class figures were already published. Raises
    :class:`~ki_check.errors.NotFoundError` for an unknown baseline id.
    """
    shown = visible(questionnaire.questions, answers.answers)
    return score_shown(
        questionnaire, answers, shown, baseline=baseline, baselines=baselines, as_of=as_of
    )


def score_shown(
    questionnaire: Questionnaire,
    answers: AnswerFile,
    shown: dict[str, Any],
    *,
    baseline: str | None = None,
    baselines: BaselineSet | None = None,
    as_of: dt.date | None = None,
) -> ScoreResult:
    """:func:`score` for ``shown``, the answers of the visible questions as
    :func:`~ki_check.questionnaire.conditions.visible` gives them for ``answers``
    (worked out once by a caller that needs them too)."""
    q = questionnaire
    as_of = as_of or dt.date.today()
    strict = q.scoring.unanswered == "zero"
    results = tuple(question_result(question, shown, strict) for question in q.questions)
    # the strict reading counts what is missing as 0 – once anything is answered at all
    zero = strict and any(r.status == "answered" for r in results)
    by_dim: dict[str, list[QuestionResult]] = {}
    for r in results:
        by_dim.setdefault(r.dimension, []).append(r)
    dims = tuple(
        _dimension(d.id, d.label, d.weight, by_dim.get(d.id, []), zero) for d in q.dimensions
    )
    scored = [(d.weight, d.score) for d in dims if d.score is not None]
    overall = None
    stage = None
    if scored:
        mean = sum(w * s for w, s in scored) / sum(w for w, _ in scored)
        overall = round0(mean) if q.scoring.rounding == "whole" else round1(mean)
        stage = q.stage_for(overall)
    answered = sum(d.answered for d in dims)
    applicable = sum(d.total for d in dims)
    coverage = answered / applicable if applicable else 0.0
    data = baselines or load_baselines()
    base = _baseline(q, answers, shown, stage, data, baseline, as_of)
    recs = recommendations(q, shown, {d.id: d.score for d in dims}, overall)
    barriers, ai_act, facts = signals(q, shown)
    return ScoreResult(
        questionnaire=q.id,
        version=q.version,
        overall=overall,
        stage=stage,
        dimensions=dims,
        coverage=coverage,
        answered=answered,
        applicable=applicable,
        questions=results,
        baseline=base,
        recommendations=recs,
        as_of=as_of,
        gaps=_gaps(q, results, shown),
        barriers=barriers,
        ai_act=ai_act,
        facts=facts,
        open_facts=open_facts(q, shown, facts),
        comparability=comparability(q, results, shown),
        decimals=0 if q.scoring.rounding == "whole" else 1,
    )


def _relevance(question: Question, shown: dict[str, Any]) -> float | None:
    """0–1 relevance from the relevance question's answer; it need not count for the score."""
    answer = shown.get(question.id)
    if answer is None or answer in (DONT_KNOW, NOT_RELEVANT) or question.type == "matrix":
        return None
    return normalise(question, answer)


def _gaps(
    q: Questionnaire, results: tuple[QuestionResult, ...], shown: dict[str, Any]
) -> tuple[Gap, ...]:
    """Answered use/relevance pairs where relevance exceeds use, largest gap first."""
    by_id = {r.id: r for r in results}
    gaps = []
    for question in q.questions:
        if question.relevance_question is None:
            continue
        use = by_id[question.id].value
        rel = _relevance(q.question_map[question.relevance_question], shown)
        if use is not None and rel is not None and rel > use:
            gaps.append(Gap(question.id, question.dimension, rel, use))
    return tuple(sorted(gaps, key=lambda g: (-g.size, q.question_map[g.question].position)))


def _dimension(
    did: str, label: Text, weight: float, rs: list[QuestionResult], zero: bool = False
) -> DimensionResult:
    """Score of a dimension; with ``zero`` unanswered and "don't know" count 0 points."""
    answered = [r for r in rs if r.status == "answered"]
    applicable = [r for r in rs if r.status in ("answered", "dont_know", "unanswered")]
    counted = applicable if zero else answered
    value = None
    if counted:
        w = sum(r.weight for r in counted)
        value = 100 * sum(r.weight * (r.value or 0.0) for r in counted) / w
    return DimensionResult(did, label, weight, value, len(answered), len(applicable))


def _baseline(
    q: Questionnaire,
    answers: AnswerFile,
    shown: dict[str, Any],
    stage: Stage | None,
    data: BaselineSet,
    baseline_id: str | None,
    as_of: dt.date,
) -> BaselineResult:
    adopter: bool | None = None
    if q.adoption is not None:
        value = shown.get(q.adoption.question)
        if value not in (None, DONT_KNOW, NOT_RELEVANT):
            adopter = value in q.adoption.adopter_options
    readiness = stage.readiness if stage else None
    company = answers.company
    return compare(
        data, baseline_id, adopter, readiness, company.employees, as_of, q.id, company.sector
    )
