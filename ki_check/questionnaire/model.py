"""The questionnaire as validated, immutable data.

Built only by :mod:`ki_check.questionnaire.load` after validation, so code that
receives a :class:`Questionnaire` can rely on every reference being sound.
"""

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal, NamedTuple

from ki_check.i18n import Text
from ki_check.questionnaire.conditions import Condition

QuestionType = Literal[
    "single_choice", "multiple_choice", "scale", "number", "yes_no", "text", "matrix"
]
QUESTION_TYPES: tuple[str, ...] = (
    "single_choice",
    "multiple_choice",
    "scale",
    "number",
    "yes_no",
    "text",
    "matrix",
)
CHOICE_TYPES = frozenset({"single_choice", "multiple_choice", "yes_no"})
# Shared themes of dimensions: advice (next steps per theme and stage) is keyed by them,
# so it applies to every questionnaire whose dimensions name their topic.
TOPICS: tuple[str, ...] = (
    "strategie",
    "infrastruktur",
    "daten",
    "prozesse",
    "ki_einsatz",
    "kompetenzen",
    "recht",
    "ressourcen",
    "nachhaltigkeit",
)
SIGNAL_KINDS: tuple[str, ...] = ("barrier", "ai_act", "fact")
# What the answers establish about a company, beyond its score: set by signals of
# kind ``fact`` and read by the advice rules (actions, funding tiers, AI Act role).
# A questionnaire may set any of them; one that is not set is simply not known.
FACTS: dict[str, str] = {
    "rnd": "does R&D or develops its own software or products",
    "ai_product": "builds AI into products or machines it sells, or offers an AI system"
    " under its own name (AI Act provider)",
    "uses_ai": "uses AI systems of others at work, experiments included (AI Act deployer)",
    "shadow_ai": "employees use AI tools on their own, e.g. with private accounts",
    "works_council": "the company has a works council",
    "no_works_council": "the answers say there is no works council",
    "ai_in_hr": "AI is used or planned for applications or decisions on staff",
    "ai_owner": "a named person is responsible for AI or digital tools",
    "ai_policy": "a written rule on the use of AI tools exists",
}
LEVELS: tuple[str, ...] = ("green", "amber", "red")
Readiness = Literal["early", "emerging", "ready"]
READINESS: tuple[str, ...] = ("early", "emerging", "ready")


class Option(NamedTuple):
    """One answer option: stored id, label, points, optional advice when chosen."""

    id: str
    label: Text
    points: float = 0.0
    exclusive: bool = False
    recommendation: Text | None = None


class Row(NamedTuple):
    """One row of a matrix question; all rows share the question's options."""

    id: str
    label: Text


class Band(NamedTuple):
    """Points for a number answer within ``min``..``max`` (both inclusive)."""

    min: float
    max: float
    points: float


class Question(NamedTuple):
    """A question with everything needed to ask, check and score it."""

    id: str
    type: QuestionType
    text: Text
    dimension: str
    position: int
    hint: Text | None = None
    guidance: Text | None = None
    weight: float = 1.0
    required: bool = False
    allow_not_relevant: bool = False
    scored: bool = True
    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    min: float | None = None
    max: float | None = None
    integer: bool = False
    unit: Text | None = None
    scale_labels: tuple[tuple[int, Text], ...] = ()
    bands: tuple[Band, ...] = ()
    max_points: float | None = None
    show_if: Condition | None = None
    # the highest points of any option or band: the divisor that normalises to 0–1
    top_points: float = 0.0
    # an earlier question asking how relevant this topic is: relevance − use = gap
    relevance_question: str | None = None
    # a text question in which the company states its own goal or biggest time waster;
    # the advice quotes it in the action it ties to (docs/advice.md)
    goal: bool = False
    option_map: Mapping[str, Option] = MappingProxyType({})

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or ``None``."""
        return self.option_map.get(option_id)

    @property
    def scale_ends(self) -> tuple[float, float]:
        """A scale's lowest and highest value; a loaded scale question has both."""
        assert self.min is not None, self.id
        assert self.max is not None, self.id
        return self.min, self.max


class Dimension(NamedTuple):
    """A scored area of the check (strategy, data, skills, …) and its questions."""

    id: str
    label: Text
    weight: float
    questions: tuple[Question, ...]
    description: Text | None = None
    topic: str = ""
    # optional: scored as usual, but the advice never leads with it (docs/advice.md)
    optional: bool = False


class Stage(NamedTuple):
    """A maturity stage for overall scores ``min <= s < max`` (the last includes 100)."""

    id: str
    label: Text
    min: float
    max: float
    readiness: Readiness
    description: Text | None = None


class Adoption(NamedTuple):
    """Which question tells whether the company already uses AI productively."""

    question: str
    adopter_options: frozenset[str]


class RangeRecommendation(NamedTuple):
    """Advice shown when a dimension's (or the overall) score lies in ``min <= s < max``."""

    id: str
    dimension: str | None
    min: float
    max: float
    text: Text


class Signal(NamedTuple):
    """Answers that reveal a barrier or set an EU AI Act item to a traffic-light level.

    ``kind`` is ``barrier`` (``ref`` names a barrier in ``data/barriers.yaml``) or
    ``ai_act`` (``ref`` names an item in ``data/ai_act.yaml``, ``level`` its colour).
    """

    id: str
    kind: str
    ref: str
    when: Condition
    level: str | None = None


UNANSWERED_RULES: tuple[str, ...] = ("leave_out", "zero")
ROUNDINGS: tuple[str, ...] = ("one_decimal", "whole")


class ScoringRules(NamedTuple):
    """Questionnaire-level scoring settings (``scoring:`` in the YAML; docs/scoring.md).

    ``unanswered``: ``leave_out`` (default) – unanswered and "don't know" leave the
    denominator; ``zero`` – they count as 0 points, as in the EU DMA (the strict
    reading). ``rounding``: the overall score, and so the stage, on
    ``one_decimal`` (default) or ``whole`` points, as the DMA shows it.
    ``comparable_with`` names an external method the questionnaire reproduces;
    a result that left answers out is then marked as not comparable with it.
    """

    unanswered: str = "leave_out"
    rounding: str = "one_decimal"
    comparable_with: Text | None = None


class Source(NamedTuple):
    """Where the content of a questionnaire comes from."""

    title: str
    url: str | None = None
    checked: str | None = None


class Questionnaire(NamedTuple):
    """A validated questionnaire."""

    id: str
    version: str
    title: Text
    default_language: str
    languages: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    stages: tuple[Stage, ...]
    adoption: Adoption | None = None
    recommendations: tuple[RangeRecommendation, ...] = ()
    signals: tuple[Signal, ...] = ()
    description: Text | None = None
    sources: tuple[Source, ...] = ()
    updated: str | None = None
    path: Path | None = None
    questions: tuple[Question, ...] = ()
    question_map: Mapping[str, Question] = MappingProxyType({})
    scoring: ScoringRules = ScoringRules()

    @property
    def ref(self) -> str:
        """``id@version``, as written in answer files."""
        return f"{self.id}@{self.version}"

    def question(self, question_id: str) -> Question | None:
        """The question with this id, or ``None``."""
        return self.question_map.get(question_id)

    def dimension(self, dimension_id: str) -> Dimension | None:
        """The dimension with this id, or ``None``."""
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def stage_for(self, score: float) -> Stage:
        """The stage whose range holds ``score`` (0–100)."""
        for stage in self.stages:
            if stage.min <= score < stage.max:
                return stage
        return self.stages[-1]
