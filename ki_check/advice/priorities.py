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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ki_check import fmt
from ki_check.advice.actions import ActionData, ActionText
from ki_check.advice.ai_act import load_ai_act
from ki_check.advice.content import Step
from ki_check.assessment.profile import size_class
from ki_check.assessment.scoring import DimensionResult, ScoreResult
from ki_check.i18n import Text, tr
from ki_check.questionnaire.model import Questionnaire

LEGAL_ORDER = ("prohibited", "high_risk", "transparency", "literacy")
LEGAL_ACTIONS = {
    "prohibited": "stop_prohibited",
    "high_risk": "clarify_high_risk",
    "transparency": "label_ai_content",
    "literacy": "train_ai_users",
}
FOUNDATIONS = ("daten", "infrastruktur")
# Below this share of applicable questions answered the overall score and stage rest on
# too few answers: the result is provisional and the plan chooses no stage-based step.
PROVISIONAL_BELOW = 0.6
# a dimension with less than this share of its questions answered counts as open
OPEN_DIMENSION = 0.5
READINESS_ORDER = ("early", "emerging", "ready")
# the facts that show the company uses AI (of others, on its own, or in what it sells)
AI_USE_FACTS = frozenset({"uses_ai", "shadow_ai", "ai_product"})
USE_CASE_TOPICS = ("prozesse", "ki_einsatz")  # in order of preference for a stated goal


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


class DimensionGap(NamedTuple):
    """A scored dimension below the company's next stage, with what it costs."""

    dimension: DimensionResult
    topic: str
    optional: bool
    distance: float
    relevance: float
    cost: float
    target: float
    question: str | None  # the question pair with the largest relevance − use gap


def dimension_gaps(q: Questionnaire, result: ScoreResult) -> tuple[DimensionGap, ...]:
    """Scored dimensions with a theme below the next stage, costliest first (optional last)."""
    if result.overall is None:
        return ()
    target = _target(q, result.overall)
    out = []
    for d in result.dimensions:
        dim = q.dimension(d.id)
        if d.score is None or dim is None or not dim.topic:
            continue
        distance = target - d.score
        if distance <= 0:
            continue
        pairs = [g for g in result.gaps if g.dimension == d.id]
        top = max(pairs, key=lambda g: g.size, default=None)
        relevance = 1.0 + (top.size if top else 0.0)
        cost = d.weight * distance * relevance
        question = top.question if top else None
        out.append(
            DimensionGap(d, dim.topic, dim.optional, distance, relevance, cost, target, question)
        )
    return tuple(sorted(out, key=lambda g: (g.optional, -g.cost, g.dimension.id)))


def is_provisional(result: ScoreResult) -> bool:
    """``True`` when a score exists but rests on fewer than :data:`PROVISIONAL_BELOW` answers."""
    return result.overall is not None and result.coverage < PROVISIONAL_BELOW


def _target(q: Questionnaire, overall: float) -> float:
    """Where the stage after the company's overall stage begins (100 at the top)."""
    stage = q.stage_for(overall)
    later = [s.min for s in q.stages if s.min > stage.min]
    return min(later) if later else 100.0


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
    plan.levels = dict(result.ai_act if levels is None else levels)
    plan.legal()
    if "ai_product" in result.facts:
        plan.add_text("provider_duties", "role", _why_provider())
    if is_provisional(result):
        plan.add_text("complete_check", "check", _why_incomplete(q, result))
        if "ai_product" in result.facts:
            plan.development()
        if "ai_owner" not in result.facts:
            plan.add_text("named_person", "person", _why_person())
        if "rnd" in result.facts and "ai_product" not in result.facts:
            plan.development()
        return tuple(plan.actions)
    if "ai_product" in result.facts:
        plan.development()
    if gaps is None:
        gaps = dimension_gaps(q, result)
    bottom = q.stages[0].max
    for g in gaps:
        if g.topic in FOUNDATIONS and not g.optional and g.dimension.score < bottom:  # type: ignore[operator]
            plan.gap(g, "foundation", "90d")
    lead = next((g for g in _lead_order(gaps, goal) if plan.gap(g, "gap", "90d", goal)), None)
    if "ai_owner" not in result.facts:
        plan.add_text("named_person", "person", _why_person())
    # the next gap: never optional while a required one is left
    for g in sorted(gaps, key=lambda g: g.optional):
        if plan.gap(g, "gap", "6m"):
            break
    if "rnd" in result.facts and "ai_product" not in result.facts:
        plan.development()
    if lead is not None:
        plan.scale(lead)
    return tuple(plan.actions)


def _lead_order(gaps: tuple[DimensionGap, ...], goal: str | None) -> list[DimensionGap]:
    """Candidates to lead, best first: never optional, never a foundation above the bottom.

    Where the company stated its own goal, a gap on a use-case theme comes first
    (processes before AI use: a goal names a process).
    """
    candidates = [g for g in gaps if not g.optional and g.topic not in FOUNDATIONS]
    if goal:
        preferred = [g for t in USE_CASE_TOPICS for g in candidates if g.topic == t]
        return preferred + [g for g in candidates if g not in preferred]
    return candidates


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
        self.levels: dict[str, str] = dict(result.ai_act)

    def ids(self) -> set[str]:
        return {a.id for a in self.actions}

    # --- actions from data/actions.yaml -------------------------------------------------
    def legal(self) -> None:
        levels = self.levels
        rules = load_ai_act()
        fired: list[tuple[str, Text]] = []
        for item_id in LEGAL_ORDER:
            if levels.get(item_id) == "red" and item_id in LEGAL_ACTIONS:
                item = rules.item(item_id)
                why = _join(item.title, ": ", item.levels.get("red", item.summary))
                fired.append((LEGAL_ACTIONS[item_id], why))
        if "shadow_ai" in self.result.facts and levels.get("literacy") != "green":
            fired.append(("shadow_ai_rule", _why_shadow()))
        replaced = {
            r
            for aid, _ in fired
            if aid in self.data.actions
            for r in self.data.actions[aid].replaces
        }
        whys = dict(fired)
        for aid, why in fired:
            if aid in replaced:
                continue
            merged = why
            for other in self.data.actions[aid].replaces:
                if other in whys:
                    merged = _join(whys[other], " ", why)
            self.add_text(aid, "legal", merged)

    def add_text(self, aid: str, kind: str, why: Text) -> None:
        a: ActionText = self.data.actions[aid]
        if aid in self.ids():
            return
        title, text = a.title, a.text
        if self.micro and a.micro_title:
            title = a.micro_title
        if self.micro and a.micro_text:
            text = a.micro_text
        for situation, note in a.notes.items():
            if situation in self.situations:
                text = _join(text, " ", note)
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
                duration=a.duration,
            )
        )
        self.covered.update(a.covers)

    def development(self) -> None:
        self.add_text("fund_development", "development", _why_development(self.situations))

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
        why = _why_gap(self.q, g, kind)
        if readiness != self.q.stage_for(g.dimension.score).readiness:  # type: ignore[arg-type]
            why = _join(why, " ", _why_no_ai_use())
        if goal:
            text = _join(
                text,
                " ",
                _t(
                    f"Ausgangspunkt: Ihr eigenes Ziel „{goal}“.",
                    f"Starting point: your own goal “{goal}”.",
                ),
            )
            why = _join(why, " ", _t(f"Ihr Ziel: „{goal}“.", f"Your goal: “{goal}”."))
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
        label = self.q.dimension(lead.dimension.id).label  # type: ignore[union-attr]
        why = _t(
            f"Baut auf dem ersten Schritt in „{tr(label, 'de')}“ auf: den Nutzen messen und"
            " ausweiten.",
            f"Builds on the first step in “{tr(label, 'en')}”: measure the benefit and extend it.",
        )
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
        otherwise the theme's step one readiness lower (and so on) that does not.
        """
        level = READINESS_ORDER.index(readiness) if readiness in READINESS_ORDER else 0
        for r in reversed(READINESS_ORDER[: level + 1]):
            step = self.steps.get((topic, r, horizon))
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


# --- why, in plain words ---------------------------------------------------------------
def _t(de: str, en: str) -> Text:
    return {"de": de, "en": en}


def _join(a: Text, sep: str, b: Text) -> Text:
    return {lang: f"{tr(a, lang)}{sep}{tr(b, lang)}" for lang in ("de", "en")}


def _why_gap(q: Questionnaire, g: DimensionGap, kind: str) -> Text:
    d = g.dimension
    label = q.dimension(d.id).label  # type: ignore[union-attr]
    score = d.score or 0.0

    def words(lang: str) -> str:
        name, s = tr(label, lang), fmt.number(score, lang)
        if kind == "foundation":
            stage = tr(q.stages[0].label, lang)
            return (
                f"{name}: {s} von 100, in der untersten Stufe ({stage}); ohne diese"
                " Grundlage trägt kein KI-Vorhaben."
                if lang == "de"
                else f"{name}: {s} of 100, in the lowest stage ({stage}); without this"
                " foundation no AI project holds."
            )
        gap = fmt.number(g.distance, lang)
        target = fmt.number(g.target, lang, 0)
        nxt = next((x for x in q.stages if x.min == g.target), None)
        if nxt is not None:  # the start of the company's next overall stage
            below = (
                f"{gap} Punkte unter der nächsten Gesamtstufe „{tr(nxt.label, lang)}“ (ab {target})"
                if lang == "de"
                else f"{gap} points below the next overall stage “{tr(nxt.label, lang)}”"
                f" (from {target})"
            )
        else:  # at the top stage there is no next one: the distance is to the maximum
            top = tr(q.stage_for(g.target).label, lang)
            below = (
                f"{gap} Punkte unter dem Höchstwert {target} – insgesamt steht das"
                f" Unternehmen schon auf der obersten Stufe „{top}“"
                if lang == "de"
                else f"{gap} points below the maximum of {target} – overall the company is"
                f" already at the top stage “{top}”"
            )
        text = (
            f"{name}: {s} von 100, {below};"
            f" Gewicht {fmt.number(d.weight, lang, 2).rstrip('0').rstrip(',')}."
            if lang == "de"
            else f"{name}: {s} of 100, {below};"
            f" weight {fmt.number(d.weight, lang, 2).rstrip('0').rstrip('.')}."
        )
        if g.question:
            question = q.question(g.question)
            asked = tr(question.text, lang) if question else g.question
            text += (
                f" Als wichtig genannt, aber kaum genutzt: {asked}"
                if lang == "de"
                else f" Named as important but little used: {asked}"
            )
        return text

    return {"de": words("de"), "en": words("en")}


def _why_no_ai_use() -> Text:
    return _t(
        "Ihre Antworten zeigen keinen KI-Einsatz; deshalb ein Schritt, der keinen voraussetzt.",
        "Your answers show no AI in use; so a step that does not assume any.",
    )


def _why_shadow() -> Text:
    return _t(
        "Ihre Antworten zeigen: Beschäftigte nutzen KI-Werkzeuge auf eigene Faust, und nicht"
        " alle Nutzenden sind geschult.",
        "Your answers show that staff use AI tools on their own and not everyone who uses"
        " AI is trained.",
    )


def _why_provider() -> Text:
    return _t(
        "Ihre Antworten zeigen: Sie bauen KI in Produkte ein, die Sie verkaufen, oder bieten"
        " ein KI-System unter eigenem Namen an – damit sind Sie Anbieter nach der"
        " EU-KI-Verordnung.",
        "Your answers show that you build AI into products you sell or offer an AI system"
        " under your own name – which makes you a provider under the EU AI Act.",
    )


def _why_development(situations: set[str]) -> Text:
    why = _t(
        "Ihre Antworten zeigen eigene Forschung oder Entwicklung.",
        "Your answers show own research or development.",
    )
    if "founding" in situations:
        why = _join(
            why,
            " ",
            _t(
                "Das Profil nennt ein Start-up oder eine Ausgründung.",
                "The profile names a start-up or a spin-off.",
            ),
        )
    return why


def _why_incomplete(q: Questionnaire, result: ScoreResult) -> Text:
    """Why the check comes first: how much is answered and which dimensions are open."""
    open_dims = [
        d
        for d in result.dimensions
        if d.total
        and d.answered / d.total < OPEN_DIMENSION
        and not getattr(q.dimension(d.id), "optional", False)
    ]

    def words(lang: str) -> str:
        share = fmt.percent(result.coverage, lang)
        limit = fmt.percent(PROVISIONAL_BELOW, lang, decimals=0)
        names = ", ".join(tr(d.label, lang) for d in open_dims)
        if lang == "de":
            text = (
                f"Erst {share} der Fragen beantwortet ({result.answered} von"
                f" {result.applicable}), weniger als {limit}: Stufe und Lücken sind nur"
                " vorläufig."
            )
            return text + (f" Kaum oder nicht beantwortet: {names}." if names else "")
        text = (
            f"Only {share} of the questions answered ({result.answered} of"
            f" {result.applicable}), less than {limit}: stage and gaps are provisional."
        )
        return text + (f" Hardly or not answered: {names}." if names else "")

    return {"de": words("de"), "en": words("en")}


def _why_person() -> Text:
    return _t(
        "Keine Antwort nennt eine Person, die sich mit fester Zeit um KI kümmert; sie ist"
        " der stärkste Einzelfaktor für die Umsetzung.",
        "No answer names a person who looks after AI with fixed time; such a person is the"
        " strongest single factor for getting things done.",
    )


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
