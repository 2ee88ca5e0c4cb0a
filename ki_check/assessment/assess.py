"""One assessment: everything the advice consists of, computed once by the library.

:func:`assess` turns a questionnaire and an answer file into an
:class:`Assessment`: the score result, the prioritised actions, every funding
verdict with its tier and the shortlist, the EU AI Act light and the company's
role, use cases, first stops, strengths, the gaps, the position against the
baseline and the advisor's own word. ``score`` (table and JSON), the interview's
end screen, ``report``, ``batch`` and the portfolio all read this one object;
the renderers only lay it out. The rules are in ``docs/advice.md``.

Pure apart from reading the bundled data, which every data argument can replace.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from ki_check.advice.actions import ActionData, load_actions
from ki_check.advice.ai_act import (
    ROLE_FACTS,
    ActStatus,
    ClarifyRule,
    act_role,
    act_statuses,
    clarify_points,
    load_ai_act,
)
from ki_check.advice.content import (
    Barrier,
    FirstStop,
    Step,
    UseCase,
    first_stops_for,
    load_steps,
    use_cases_for,
)
from ki_check.advice.gaps import DimensionGap, dimension_gaps
from ki_check.advice.priorities import Action, action_json, prioritise
from ki_check.advice.provisional import PROVISIONAL_BELOW, is_provisional
from ki_check.assessment.answers import AnswerFile, Company
from ki_check.assessment.barrier_origin import barriers_of
from ki_check.assessment.baseline import Baseline, BaselineSet, load_baselines
from ki_check.assessment.scoring import DimensionResult, ScoreResult, score_shown
from ki_check.funding.match import match_funding
from ki_check.funding.model import source_date
from ki_check.funding.tiers import (
    CHECK_FIRST,
    SHORTLIST,
    FundingVerdict,
    check_first,
    shortlist,
    tier_funding,
)
from ki_check.i18n import Text, tr
from ki_check.questionnaire.conditions import SPECIAL, visible
from ki_check.questionnaire.model import Questionnaire

ROLES = ("none", "deployer", "provider", "unknown")
__all__ = ["PROVISIONAL_BELOW", "Assessment", "assess", "role", "stated_goal", "strengths"]
# A strength: the dimension's own score lies in a stage with this readiness (50 or more
# in every bundled questionnaire) and at least half its questions were answered.
STRENGTH_READINESS = "ready"
STRENGTH_COVERAGE = 0.5
STRENGTHS = 3
GAPS = 3  # the gaps the summary names
# while an AI Act light is red, no dimension on these themes is a strength: the AI in
# use and the rules it breaks hold the red flag (docs/advice.md, Strengths and gaps)
RED_FLAG_TOPICS = ("ki_einsatz", "recht")


class Assessment(NamedTuple):
    """Everything the advice for one company consists of (see the module docstring).

    ``funding`` holds every programme: recommended first, then possible, then not
    matching; ``check_first`` the stale programmes that would be recommended with
    current data (at most three, never recommended); ``position`` and ``readiness``
    are ``None`` where the answers do not place the company (the "unknown" position
    is resolved here, once). ``provisional``: fewer than
    :data:`~ki_check.advice.provisional.PROVISIONAL_BELOW` of the applicable questions
    are answered, so stage and gaps are provisional (``docs/advice.md``).
    ``act_items`` are the EU AI Act items that apply to the company as of the
    assessment's day, with level and dated wording ("gilt seit …"), and ``clarify``
    the legal points to clarify: computed here once, every output reads them.
    """

    questionnaire: Questionnaire
    answers: AnswerFile
    result: ScoreResult
    actions: tuple[Action, ...]
    funding: tuple[FundingVerdict, ...]
    shortlist: tuple[FundingVerdict, ...]
    role: str
    act_items: tuple[ActStatus, ...]
    clarify: tuple[ClarifyRule, ...]
    use_cases: tuple[UseCase, ...]
    first_stops: tuple[FirstStop, ...]
    strengths: tuple[DimensionResult, ...]
    gaps: tuple[DimensionGap, ...]
    unanswered: tuple[DimensionResult, ...]
    position: str | None
    readiness: str | None
    goal: str | None
    check_first: tuple[FundingVerdict, ...] = ()
    provisional: bool = False

    @property
    def provisional_below(self) -> float:
        """The share of answered questions below which a result is provisional."""
        return PROVISIONAL_BELOW

    @property
    def as_of(self) -> dt.date:
        """The date the assessment was made for."""
        return self.result.as_of

    @property
    def facts(self) -> frozenset[str]:
        """What the answers establish (model.FACTS)."""
        return self.result.facts

    @property
    def ai_act(self) -> dict[str, str]:
        """The level (``red``, ``amber``, ``green``) of each AI Act item that has one.

        As :attr:`act_items` show it: the answers' level, an item's default level for
        the company's role, capped where the active date regime sets a ceiling.
        """
        return {s.id: s.level for s in self.act_items if s.level}

    @property
    def conclusion(self) -> str | None:
        """The advisor's own assessment in their words, from the answer file."""
        return self.answers.interview.conclusion

    @property
    def follow_up(self) -> str | None:
        """The date of the planned re-check (``YYYY-MM-DD``), from the answer file."""
        return self.answers.interview.follow_up

    @property
    def act_regime(self) -> Text:
        """The name of the AI Act regime the items are worded for (today's law or a draft)."""
        rules = load_ai_act()
        return rules.regimes[rules.regime]

    @property
    def barriers(self) -> tuple[Barrier, ...]:
        """The barriers the answers reveal: those the company named first, then those its
        answers show, each with a figure for its population (docs/advice.md)."""
        return barriers_of(self.questionnaire, self.answers, self.result, self.role)

    @property
    def summary_gaps(self) -> tuple[DimensionGap, ...]:
        """The gaps the summary names: the costliest :data:`GAPS`."""
        return self.gaps[:GAPS]

    @property
    def strength_from(self) -> float:
        """The score from which a dimension can be a strength (the first ``ready`` stage)."""
        q = self.questionnaire
        return min((s.min for s in q.stages if s.readiness == STRENGTH_READINESS), default=50.0)

    @property
    def baselines_used(self) -> tuple[Baseline, ...]:
        """The baselines the report compares with: the size class's, the trade's, the main one."""
        b = self.result.baseline
        if b is None:
            return ()
        ids = [b.size_baseline] if b.size_baseline else []
        if b.trade is not None:
            ids.append(b.trade.id)
        if b.id not in ids:
            ids.append(b.id)
        data = load_baselines()
        return tuple(data.get(i) for i in ids)

    def tier(self, name: str) -> tuple[FundingVerdict, ...]:
        """The verdicts of one tier (``recommended``, ``possible``, ``not_matching``)."""
        return tuple(v for v in self.funding if v.tier == name)

    def to_json(self, lang: str = "de") -> dict[str, Any]:
        """``score --json``: the score result's keys plus the advice (issue 10's contract)."""
        data = self.result.to_json(lang)
        data["provisional"] = self.provisional
        data["actions"] = [action_json(a, lang) for a in self.actions]
        data["funding"] = [v.to_json(lang) for v in self.funding if v.tier != "not_matching"]
        data["funding_shortlist"] = [v.programme.id for v in self.shortlist]
        data["funding_check_first"] = [
            {
                "id": v.programme.id,
                "name": tr(v.programme.name, lang),
                "amount": tr(v.amount, lang) if v.amount else None,
                "newest_source": source_date(v.programme, lang) or None,
                "action": v.fresh_action,
            }
            for v in self.check_first
        ]
        data["funding_not_matching"] = [
            {
                "id": v.programme.id,
                "name": tr(v.programme.name, lang),
                "reasons": [tr(r, lang) for r in v.reasons],
            }
            for v in self.tier("not_matching")
        ]
        data["ai_act"] = ai_act_json(self, lang)
        data["strengths"] = [d.id for d in self.strengths]
        data["use_cases"] = [u.id for u in self.use_cases]
        data["first_stops"] = [s.id for s in self.first_stops]
        data["conclusion"] = self.conclusion
        data["follow_up"] = self.follow_up
        return data


def assess(
    questionnaire: Questionnaire,
    answers: AnswerFile,
    *,
    as_of: dt.date | None = None,
    baseline: str | None = None,
    baselines: BaselineSet | None = None,
    programmes: tuple[Any, ...] | None = None,
    actions: ActionData | None = None,
    steps: tuple[Step, ...] | None = None,
) -> Assessment:
    """Score and advise one company.

    ``baseline``, ``baselines`` and ``as_of`` are passed to
    :func:`ki_check.assessment.scoring.score`; ``programmes`` (funding catalogue), ``actions``
    (``data/actions.yaml``) and ``steps`` (``data/next_steps.yaml``) replace the
    bundled data. Raises :class:`~ki_check.errors.NotFoundError` for an unknown
    baseline id and :class:`~ki_check.errors.ValidationError` for broken data files.
    """
    q, af = questionnaire, answers
    shown = visible(q.questions, af.answers)  # once, for the score and the stated goal
    result = score_shown(q, af, shown, baseline=baseline, baselines=baselines, as_of=as_of)
    provisional = is_provisional(result)
    if provisional:
        result = _provisional(result, baselines or load_baselines())
    data = actions or load_actions()
    rules = load_ai_act()
    act_items = act_statuses(result.ai_act, result.facts, result.as_of, rules)
    company = af.company
    b = result.baseline
    position = None if b is None or b.position == "unknown" else b.position
    readiness = "ready" if position == "adopter" else position
    goal = _goal(q, shown)
    # a provisional overall stage sets no targets: no gap is ranked against it
    gaps = () if provisional else dimension_gaps(q, result)
    plan = _advise(q, result, company, goal, gaps, act_items, data, steps)
    verdicts, short, first = _fund(result, plan, company, position, data, programmes)
    return Assessment(
        questionnaire=q,
        answers=af,
        result=result,
        actions=plan,
        funding=verdicts,
        shortlist=short,
        role=role(result.facts, undecided_facts(q, result)),
        act_items=act_items,
        clarify=clarify_points(result.facts, rules),
        use_cases=tuple(
            use_cases_for(
                company.sector, readiness, q.id, gaps=[g.question for g in result.gaps[:3]]
            )
        ),
        first_stops=tuple(first_stops_for(company.state, q.id, company.sector)),
        strengths=strengths(q, result, plan, gaps, act_items),
        gaps=gaps,
        unanswered=tuple(d for d in result.dimensions if d.score is None),
        position=position,
        readiness=readiness,
        goal=goal,
        check_first=first,
        provisional=provisional,
    )


def _advise(
    q: Questionnaire,
    result: ScoreResult,
    company: Company,
    goal: str | None,
    gaps: tuple[DimensionGap, ...],
    act_items: tuple[ActStatus, ...],
    data: ActionData,
    steps: tuple[Step, ...] | None,
) -> tuple[Action, ...]:
    """The advice part: the prioritised actions (``docs/advice.md``, *Prioritised actions*).

    The AI Act's red flags are read from ``act_items`` as the assessment shows them;
    ``steps`` (default: the bundled ``data/next_steps.yaml``) replaces the steps.
    """
    return prioritise(
        q,
        result,
        employees=company.employees,
        founding=bool(company.startup or company.university_spinoff),
        goal=goal,
        data=data,
        steps=steps if steps is not None else load_steps(),
        gaps=gaps,
        levels={s.id: s.level for s in act_items if s.level},
    )


def _fund(
    result: ScoreResult,
    plan: tuple[Action, ...],
    company: Company,
    position: str | None,
    data: ActionData,
    programmes: tuple[Any, ...] | None,
) -> tuple[tuple[FundingVerdict, ...], tuple[FundingVerdict, ...], tuple[FundingVerdict, ...]]:
    """The funding part (``docs/advice.md``, *Funding tiers*): every programme's verdict
    for the ``plan``, the shortlist and the stale programmes to check first.

    ``programmes`` replaces the bundled funding catalogue.
    """
    matches = match_funding(company, result.as_of, programmes=programmes)
    verdicts = tier_funding(
        matches,
        plan,
        result.facts,
        position=position,
        company=company,
        fact_words=data.fact_words,
    )
    short = shortlist(verdicts)
    # the summary names at most five programmes: the shortlist, then these
    return verdicts, short, check_first(verdicts, min(CHECK_FIRST, SHORTLIST - len(short)))


def _provisional(result: ScoreResult, data: BaselineSet) -> ScoreResult:
    """The score result with nothing derived from its provisional overall stage.

    The position against the baseline becomes ``unknown`` (unless the answers say the
    company already uses AI productively), and the recommendations chosen by the
    overall score's range are dropped; the dimensions' own recommendations stay.
    """
    b = result.baseline
    if b is not None and b.position not in ("adopter", "unknown"):
        words = data.positions["unknown"]
        b = b._replace(
            position="unknown",
            position_label=words["label"],
            position_sentence=words["sentence"],
        )
    recs = tuple(
        r for r in result.recommendations if not (r.kind == "range" and r.dimension is None)
    )
    return result._replace(baseline=b, recommendations=recs)


def ai_act_json(a: Assessment, lang: str) -> dict[str, Any]:
    """``ai_act`` of ``score --json``: the role, every item with its level and dated
    wording, and the points to clarify."""
    return {
        "role": a.role,
        "items": [
            {
                "id": s.id,
                "level": s.level,
                "title": tr(s.title, lang),
                "article": s.article,
                "status": tr(s.when, lang),
                "date": s.date.isoformat() if s.date else None,
                "in_force": s.in_force,
                "text": tr(s.text, lang),
            }
            for s in a.act_items
        ],
        "clarify": [
            {
                "id": c.id,
                "title": tr(c.title, lang),
                "text": tr(c.text, lang),
                "source": c.source,
                "url": c.url,
            }
            for c in a.clarify
        ],
    }


def undecided_facts(q: Questionnaire, result: ScoreResult) -> frozenset[str]:
    """Facts the answers leave open: a question that could set them is unanswered, or
    the questionnaire asks nothing about AI use at all (e.g. ``eu-dma``): then every
    role fact is open. A questionnaire that asks about AI use but not about own AI
    products or private use (``kurzcheck``) decides the role by that answer
    (docs/advice.md, *Facts and role*)."""
    asked = {s.ref for s in q.signals if s.kind == "fact"}
    if "uses_ai" in asked:
        return result.open_facts
    return result.open_facts | frozenset(f for f in ROLE_FACTS if f not in asked)


def role(facts: frozenset[str], open_facts: frozenset[str] = frozenset()) -> str:
    """The company's role under the EU AI Act: ``provider``, ``deployer``, ``none``, ``unknown``.

    ``unknown`` while no answer shows a role and a question that could is still
    unanswered. One rule for the whole tool: :func:`ki_check.advice.ai_act.act_role`.
    """
    return act_role(facts, open_facts)


def strengths(
    q: Questionnaire,
    result: ScoreResult,
    actions: tuple[Action, ...] = (),
    gaps: tuple[DimensionGap, ...] = (),
    act_items: tuple[ActStatus, ...] = (),
) -> tuple[DimensionResult, ...]:
    """Dimensions at a ``ready`` stage with at least half their questions answered.

    Highest first, at most three; a dimension an action works on or one of the
    three largest gaps is never a strength, nor, while an AI Act light in
    ``act_items`` is red, a dimension on the AI use or the rules it breaks
    (:data:`RED_FLAG_TOPICS`, docs/advice.md).
    """
    acted = {a.dimension for a in actions if a.dimension}
    acted |= {g.dimension.id for g in gaps[:GAPS]}
    red = any(s.level == "red" for s in act_items)
    out = []
    for d in result.dimensions:
        if d.score is None or d.id in acted or not d.total:
            continue
        dim = q.dimension(d.id)
        if red and dim is not None and dim.topic in RED_FLAG_TOPICS:
            continue
        if d.answered / d.total < STRENGTH_COVERAGE:
            continue
        if q.stage_for(d.score).readiness == STRENGTH_READINESS:
            out.append(d)
    return tuple(sorted(out, key=lambda d: (-d.score, d.id))[:STRENGTHS])  # type: ignore[operator]


def stated_goal(q: Questionnaire, af: AnswerFile) -> str | None:
    """The company's own goal: the first visible ``goal`` question answered with text."""
    return _goal(q, visible(q.questions, af.answers))


def _goal(q: Questionnaire, shown: dict[str, Any]) -> str | None:
    for question in q.questions:
        if not question.goal:
            continue
        value = shown.get(question.id)
        if isinstance(value, str) and value.strip() and value not in SPECIAL:
            return value.strip()
    return None
