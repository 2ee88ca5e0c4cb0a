"""Prioritised actions: the order an advisor gives, as documented rules over data.

The rules (``docs/advice.md`` has them in words with a worked example):

1. **Legal red flags, within days.** Every EU AI Act item whose light is red, in
   the order prohibited, high_risk, transparency, literacy. Staff using AI on their
   own (fact ``shadow_ai``) while AI literacy is not green gives a usage rule and a
   short training, which replaces the literacy training.
2. **The role of a provider.** A company that builds AI into what it sells (fact
   ``ai_product``) clarifies its duties as a provider, then gets its development funded.
3. **Foundations that block everything**, only at the bottom of their scale: a
   dimension on the theme ``daten`` or ``infrastruktur`` whose score lies in the
   questionnaire's lowest stage.
4. **The gaps that cost this company most.** ``cost = weight × distance × relevance``:
   ``distance`` is how far the dimension lies below the start of the stage after the
   company's overall stage (at the top stage: below 100, worded as the distance to the
   maximum, since there is no next stage), ``relevance`` is 1 + the largest
   relevance − use gap among its question pairs. Optional dimensions rank after all
   others; dimensions without answers, without a theme or covered by a legal action
   do not count. The lead gap is the costliest one that is not a foundation — or,
   where the company stated its own goal, the costliest on a use-case theme
   (``prozesse``, then ``ki_einsatz``); it starts within 90 days, quotes the goal and,
   as a quick win that gets introduced, serves the needs of its theme's first and
   12-month step. The next gap starts within 6 months.
5. **A named person** within 90 days, unless the answers name one (fact ``ai_owner``).
6. **Own R&D without an AI product**: get it funded (6 months).
7. **Scale and measure**: the 12-month step of the lead gap's theme.

**A provisional result** (:func:`is_provisional`: fewer than :data:`PROVISIONAL_BELOW` of
the applicable questions answered) chooses no step from scores or stages: rules 3, 4
and 7 wait, and after the red flags and the provider's duties comes completing the
check, naming the dimensions still (almost) unanswered.

The steps for themes come from ``data/next_steps.yaml`` (the 90-day step of the
theme at the dimension's readiness); texts, needs and owners of the other actions
from ``data/actions.yaml``. No step appears twice, and a step an action already
covers is skipped. Owners fit the size: in a business of fewer than ten people the
owner carries every action; the works council is named where the answers show one,
and "if there is one" is said only where they do not say.

Where the rules live: the order and the plan's bookkeeping here; rule 1 in
:mod:`~ki_check.advice.legal`; what a gap costs, which foundations block and which
gap may lead (rules 3 and 4) in :mod:`~ki_check.advice.gaps`; the provisional
threshold in :mod:`~ki_check.advice.provisional`; every reason's words in
:mod:`~ki_check.advice.reasons`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ki_check.advice import reasons
from ki_check.advice.actions import HORIZONS, ActionData, ActionText
from ki_check.advice.content import Step
from ki_check.advice.gaps import DimensionGap, blocks, dimension_gaps, lead_order
from ki_check.advice.legal import red_flags
from ki_check.advice.provisional import is_provisional
from ki_check.advice.reasons import join
from ki_check.assessment.profile import size_class
from ki_check.assessment.scoring import ScoreResult
from ki_check.i18n import Text, tr
from ki_check.questionnaire.model import Questionnaire

READINESS_ORDER = ("early", "emerging", "ready")
# the facts that show the company uses AI (of others, on its own, or in what it sells)
AI_USE_FACTS = frozenset({"uses_ai", "shadow_ai", "ai_product"})


class Action(NamedTuple):
    """One prioritised action: what, by when, by whom, why, and the needs it serves.

    ``kind`` is ``legal``, ``role``, ``check`` (complete a provisional check),
    ``foundation``, ``gap``, ``person``, ``development`` or ``scale``; ``dimension`` is
    ``None`` for actions that do not come from a dimension; ``goal`` holds the company's
    own words it is tied to.
    """

    id: str
    kind: str
    title: Text
    text: Text
    dimension: str | None
    horizon: str
    owner: Text
    why: Text
    needs: tuple[str, ...]
    goal: str | None = None
    duration: Text | None = None

    @property
    def when(self) -> str:
        """``now`` for a legal red flag (docs/advice.md, rule 1), else the horizon."""
        return "now" if self.kind == "legal" else self.horizon


def prioritise(
    q: Questionnaire,
    result: ScoreResult,
    *,
    employees: int | None,
    founding: bool,
    goal: str | None,
    data: ActionData,
    steps: tuple[Step, ...],
    gaps: tuple[DimensionGap, ...] | None = None,
    levels: Mapping[str, str] | None = None,
) -> tuple[Action, ...]:
    """The actions in priority order (rules in the module docstring and ``docs/advice.md``).

    ``founding`` says the profile is a start-up or a university spin-off; ``goal``
    is the company's own stated goal (a ``goal`` question's answer), if any;
    ``gaps`` are :func:`dimension_gaps` if already computed; ``levels`` the AI Act
    levels as the assessment shows them (default: the answers' own levels). A
    provisional result (:func:`is_provisional`) gets no step chosen from scores or
    stages.
    """
    plan = _Plan(q, result, employees, founding, data, steps)
    for aid, why in red_flags(result.ai_act if levels is None else levels, result.facts, data):
        plan.add_text(aid, "legal", why)
    if "ai_product" in result.facts:
        plan.add_text("provider_duties", "role", reasons.why_provider())
    if is_provisional(result):
        plan.add_text("complete_check", "check", reasons.why_incomplete(q, result))
        if "ai_product" in result.facts:
            plan.development()
        if "ai_owner" not in result.facts:
            plan.add_text("named_person", "person", reasons.why_person())
        if "rnd" in result.facts and "ai_product" not in result.facts:
            plan.development()
        return in_time(plan.actions)
    if "ai_product" in result.facts:
        plan.development()
    if gaps is None:
        gaps = dimension_gaps(q, result)
    for g in gaps:
        if blocks(q, g):
            plan.gap(g, "foundation", "90d")
    lead = next((g for g in lead_order(gaps, goal) if plan.gap(g, "gap", "90d", goal)), None)
    if "ai_owner" not in result.facts:
        plan.add_text("named_person", "person", reasons.why_person())
    # the next gap: never optional while a required one is left
    for g in sorted(gaps, key=lambda g: g.optional):
        if plan.gap(g, "gap", "6m"):
            break
    if "rnd" in result.facts and "ai_product" not in result.facts:
        plan.development()
    if lead is not None:
        plan.scale(lead)
    return in_time(plan.actions)


def in_time(actions: list[Action]) -> tuple[Action, ...]:
    """The actions numbered in time: 90 days, then 6, then 12 months; within a horizon
    the order of the rules (docs/advice.md, *One order*)."""
    return tuple(sorted(actions, key=lambda a: HORIZONS.index(a.horizon)))


_STEPS: list[tuple[tuple[Step, ...], dict[tuple[str, str, str], Step]]] = []


def _steps_by_key(steps: tuple[Step, ...]) -> dict[tuple[str, str, str], Step]:
    """The steps by (topic, readiness, horizon), worked out once per steps tuple."""
    for known, by_key in _STEPS:
        if known is steps:
            return by_key
    by_key = {(s.topic, s.readiness, s.horizon): s for s in steps}
    _STEPS[:] = [(steps, by_key), *_STEPS[:3]]
    return by_key


class _Plan:
    """The actions chosen so far, with what they cover; owners resolved by size and facts."""

    def __init__(
        self,
        q: Questionnaire,
        result: ScoreResult,
        employees: int | None,
        founding: bool,
        data: ActionData,
        steps: tuple[Step, ...],
    ) -> None:
        self.q, self.result, self.data = q, result, data
        self.steps = _steps_by_key(steps)
        self.micro = size_class(employees) == "micro"
        # a works council needs five permanent staff (BetrVG § 1)
        self.council: str | None = None
        if "works_council" in result.facts:
            self.council = "works_council"
        elif "no_works_council" in result.facts or (employees is not None and employees < 5):
            self.council = "no_works_council"
        self.situations = set(result.facts) | ({"founding"} if founding else set())
        self.actions: list[Action] = []
        self.covered: set[str] = set()
        self.dimensions: set[str] = set()
        self.lead_step: tuple[str, str] | None = None
        self.uses_ai = bool(AI_USE_FACTS & result.facts)

    def ids(self) -> set[str]:
        return {a.id for a in self.actions}

    # --- actions from data/actions.yaml -------------------------------------------------
    def add_text(self, aid: str, kind: str, why: Text) -> None:
        a: ActionText = self.data.actions[aid]
        if aid in self.ids():
            return
        title, text = a.title, a.text
        if self.micro and a.micro_title:
            title = a.micro_title
        if self.micro and a.micro_text:
            text = a.micro_text
        duration = a.duration
        # what the answers say exists changes the words (docs/advice.md, never advise it)
        variant = next((v for s, v in a.variants.items() if s in self.situations), None)
        if variant is not None:
            title, text = variant["title"], variant["text"]
            duration = variant.get("duration", duration)
        for situation, note in a.notes.items():
            if situation in self.situations:
                text = join(text, " ", note)
        needs = a.needs
        if aid == "fund_development" and "founding" in self.situations:
            needs = (*needs, "founding")
        self.actions.append(
            Action(
                aid,
                kind,
                title,
                text,
                None,
                a.horizon,
                self._who(a.who),
                why,
                needs,
                duration=duration,
            )
        )
        self.covered.update(a.covers)

    def development(self) -> None:
        self.add_text("fund_development", "development", reasons.why_development(self.situations))

    def _who(self, who: dict[str, Text]) -> Text:
        if self.micro:
            return who.get("micro", self.data.micro_owner)
        if "works_council" in self.result.facts and "works_council" in who:
            return who["works_council"]
        return who["default"]

    # --- steps of next_steps.yaml for dimensions ----------------------------------------
    def gap(self, g: DimensionGap, kind: str, horizon: str, goal: str | None = None) -> bool:
        """Add the first step for gap ``g``; ``False`` if it is taken, covered or missing."""
        if g.dimension.id in self.dimensions:
            return False
        readiness: str = self.q.stage_for(g.dimension.score).readiness  # type: ignore[arg-type]
        step, readiness = self._step(g.topic, readiness, "90d")
        if step is None or step.id in self.ids() or step.id in self.covered:
            return False
        text: Text = self._variant(step, "what", step.what)
        why = reasons.why_gap(self.q, g, kind)
        if step.because is not None:
            why = join(why, " ", step.because)
        if readiness != self.q.stage_for(g.dimension.score).readiness:  # type: ignore[arg-type]
            why = join(why, " ", reasons.why_no_ai_use())
        start = reasons.goal_start(goal) if goal else reasons.gap_start(self.q, g.question)
        if start is not None:
            text = join(text, " ", start)
        if goal:
            why = join(why, " ", reasons.why_goal(goal))
        needs = self.data.start_needs.get(g.topic, ())
        if kind == "gap" and self.lead_step is None:  # the lead gap: a quick win introduced
            scale = self.data.scale_needs.get(g.topic, ())
            needs = (*needs, *(n for n in scale if n not in needs))
        self.actions.append(
            Action(
                step.id,
                kind,
                step.title,
                text,
                g.dimension.id,
                horizon,
                self._step_owner(step),
                why,
                needs,
                goal,
                step.duration,
            )
        )
        self.dimensions.add(g.dimension.id)
        if kind == "gap" and self.lead_step is None:
            self.lead_step = (g.topic, readiness)
        return True

    def scale(self, lead: DimensionGap) -> None:
        if self.lead_step is None:
            return
        step, _ = self._step(*self.lead_step, "12m")
        if step is None or step.id in self.ids() or step.id in self.covered:
            return
        first = next((a for a in self.actions if a.dimension == lead.dimension.id), None)
        why = reasons.why_scale(first.title if first else step.title)
        needs = self.data.scale_needs.get(lead.topic, ())
        self.actions.append(
            Action(
                step.id,
                "scale",
                step.title,
                self._variant(step, "what", step.what),
                lead.dimension.id,
                "12m",
                self._step_owner(step),
                why,
                needs,
                duration=step.duration,
            )
        )

    def _step(self, topic: str, readiness: str, horizon: str) -> tuple[Step | None, str]:
        """The step of a theme at a readiness and horizon, with the readiness used.

        A step that assumes AI in use is taken only where the answers show AI use;
        otherwise the theme's step one readiness lower (and so on) that does not. A
        step whose ``done_if`` facts the answers show is never taken, and no more basic
        step of the theme stands in for it: the gap moves on.
        """
        level = READINESS_ORDER.index(readiness) if readiness in READINESS_ORDER else 0
        for r in reversed(READINESS_ORDER[: level + 1]):
            step = self.steps.get((topic, r, horizon))
            if step is not None and set(step.done_if) & self.result.facts:
                return None, readiness  # what it makes exists: the gap moves on
            if step is not None and (self.uses_ai or not step.assumes_ai_use):
                return step, r
        return None, readiness

    def _variant(self, step: Step, field: str, own: Text) -> Text:
        """The step's words for the works-council situation the answers show, else its own."""
        if self.council is None:
            return own
        return self.data.step_variants.get(step.id, {}).get(self.council, {}).get(field, own)

    def _step_owner(self, step: Step) -> Text:
        if self.micro:
            return self.data.micro_owner
        return self._variant(step, "who", step.who)


def action_json(a: Action, lang: str) -> dict[str, Any]:
    """One action for ``score --json``."""
    return {
        "id": a.id,
        "kind": a.kind,
        "text": tr(a.title, lang),
        "details": tr(a.text, lang),
        "dimension": a.dimension,
        "horizon": a.horizon,
        "when": a.when,
        "owner": tr(a.owner, lang),
        "why": tr(a.why, lang),
        "needs": list(a.needs),
        "goal": a.goal,
    }
