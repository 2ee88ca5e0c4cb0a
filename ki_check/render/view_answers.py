"""The report's dimensions and answers: the profile chart, each dimension with the
answers that matter, and every answer for the appendix.

*The answers that matter* (``docs/report.md``): in a dimension, the scored answers
that reached less than half of their points, lowest first, then those left open
("weiß nicht" or unanswered) — at most two; where no answer is weak, the best
one, which carries the score, and open ones up to two in all. An answer with an
advisor's note is always shown. Every answer is in the appendix.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ki_check import fmt
from ki_check.i18n import tr
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT
from ki_check.questionnaire.model import Question, Questionnaire, Stage
from ki_check.render.charts import Bar, bar_chart

if TYPE_CHECKING:
    from ki_check.assessment.assess import Assessment
    from ki_check.assessment.scoring import DimensionResult, QuestionResult, ScoreResult

WEAK = 0.5  # less than half the points: an answer that pulls the dimension down
STRONG = 0.75  # three quarters or more: marked as a strength
MATTERS = 2  # weak or open answers shown per dimension
CARRIES = 1  # strong answers shown where none is weak


def profile_chart(
    result: ScoreResult, q: Questionnaire, lang: str, t: dict[str, str], colours: dict[str, str]
) -> dict[str, Any]:
    """The bar chart of every dimension's score with the stage limits dashed."""
    bars = [
        Bar(
            tr(d.label, lang),
            d.score,
            fmt.number(d.score, lang) if d.score is not None else t["no_answers"],
        )
        for d in result.dimensions
    ]
    desc = "; ".join(f"{b.label}: {b.value_text}" for b in bars)
    chart = bar_chart(
        bars,
        uid="profile",
        title=t["profile_chart_title"],
        description=desc,
        bands=[s.max for s in q.stages[:-1]],
        colour=colours["primary"],
        highlight=colours["accent"],
        row=19,
    )
    return {"chart": chart, "stages": " · ".join(_stage_range(s, lang) for s in q.stages)}


def _stage_range(stage: Stage, lang: str) -> str:
    low, high = fmt.number(stage.min, lang, 0), fmt.number(stage.max, lang, 0)
    return f"{tr(stage.label, lang)} {low}–{high}"


def dimensions(a: Assessment, lang: str, t: dict[str, str]) -> list[dict[str, Any]]:
    """Each dimension with its score, stage and the answers that matter."""
    q, result = a.questionnaire, a.result
    by_id = {r.id: r for r in result.questions}
    out = []
    for d in result.dimensions:
        dim = q.dimension(d.id)
        assert dim is not None
        shown = [by_id[x.id] for x in dim.questions if by_id[x.id].status != "hidden"]
        picked = answers_that_matter(shown, a.answers.notes)
        lines = []
        for r in picked:
            question = q.question(r.id)
            assert question is not None
            lines.append(_answer(question, r, a, lang, t))
        out.append({**_head(q, d, lang, t), "answers": lines})
    return out


def answers_that_matter(shown: list[QuestionResult], notes: dict[str, str]) -> list[QuestionResult]:
    """The answers of one dimension the details show, in the order shown (rule above)."""
    scored = [(r.value, r) for r in shown if r.status == "answered" and r.value is not None]
    weak = [r for v, r in sorted(scored, key=lambda p: (p[0], -p[1].weight)) if v < WEAK]
    open_ = [r for r in shown if r.status in ("dont_know", "unanswered")]
    picked = (weak + open_)[:MATTERS]
    if not weak:
        best = [r for _, r in sorted(scored, key=lambda p: (-p[0], -p[1].weight))][:CARRIES]
        picked = best + open_[: MATTERS - len(best)]
    picked += [r for r in shown if notes.get(r.id) and r not in picked]
    order = {r.id: i for i, r in enumerate(shown)}
    return sorted(picked, key=lambda r: order[r.id])


def _head(q: Questionnaire, d: DimensionResult, lang: str, t: dict[str, str]) -> dict[str, Any]:
    dim = q.dimension(d.id)
    stage = q.stage_for(d.score) if d.score is not None else None
    return {
        "id": d.id,
        "label": tr(d.label, lang),
        "description": tr(dim.description, lang) if dim and dim.description else "",
        "score": fmt.number(d.score, lang) if d.score is not None else t["no_answers"],
        "stage": tr(stage.label, lang) if stage else "",
        "answered": t["answered_of"].format(answered=d.answered, total=d.total),
    }


def _answer(
    question: Question, r: QuestionResult, a: Assessment, lang: str, t: dict[str, str]
) -> dict[str, Any]:
    raw = a.answers.answers.get(question.id)
    if r.status in ("dont_know", "unanswered", "not_relevant"):
        mark = "open"
    elif r.value is not None and r.value < WEAK:
        mark = "weak"
    elif r.value is not None and r.value >= STRONG:
        mark = "strong"
    else:
        mark = "given"
    return {
        "question": tr(question.text, lang),
        "answer": answer_text(question, raw, lang, t),
        "mark": mark,
        "mark_label": t.get(f"mark_{mark}", ""),
        "note": a.answers.notes.get(question.id, ""),
    }


def appendix_answers(
    a: Assessment, lang: str, t: dict[str, str], *, full: bool
) -> list[dict[str, Any]]:
    """Every shown answer by dimension, the questions left open in one line each; with
    ``full`` the recommendations of each too."""
    q, result = a.questionnaire, a.result
    by_id = {r.id: r for r in result.questions}
    out = []
    for d in result.dimensions:
        dim = q.dimension(d.id)
        assert dim is not None
        shown = [x for x in dim.questions if by_id[x.id].status != "hidden"]
        # the open questions in one line: a draft has thirty of them
        given = a.answers.answers
        rows = [_answer(x, by_id[x.id], a, lang, t) for x in shown if given.get(x.id) is not None]
        unanswered = [tr(x.text, lang) for x in shown if given.get(x.id) is None]
        # one bullet per text: two answers (or an answer and the score range) may
        # recommend the same step
        recs = (
            list(
                dict.fromkeys(
                    tr(r.text, lang) for r in result.recommendations if r.dimension == d.id
                )
            )
            if full
            else []
        )
        out.append(
            {
                **_head(q, d, lang, t),
                "answers": rows,
                "unanswered": unanswered,
                "recommendations": recs,
            }
        )
    return out


def answer_text(q: Question, raw: Any, lang: str, t: dict[str, str]) -> str:
    """The answer as a reader sees it (option labels, units, "weiß nicht")."""
    if raw is None:
        return t["unanswered"]
    if raw == DONT_KNOW:
        return t["dont_know"]
    if raw == NOT_RELEVANT:
        return t["not_relevant"]
    if q.type in ("single_choice", "yes_no"):
        opt = q.option(raw)
        return tr(opt.label, lang) if opt else str(raw)
    if q.type == "multiple_choice":
        return "; ".join(tr(q.option_map[o].label, lang) for o in raw) or "–"
    if q.type == "matrix":
        parts = []
        for row in q.rows:
            if row.id in raw:
                v = raw[row.id]
                value = (
                    t["dont_know"]
                    if v == DONT_KNOW
                    else t["not_relevant"]
                    if v == NOT_RELEVANT
                    else tr(q.option_map[v].label, lang)
                )
                parts.append(f"{tr(row.label, lang)}: {value}")
        return "; ".join(parts)
    if q.type == "scale":
        label = dict(q.scale_labels).get(int(raw))
        text = f"{fmt.number(raw, lang, 0)} {t['scale_of']} {fmt.number(q.scale_ends[1], lang, 0)}"
        return f"{text} ({tr(label, lang)})" if label else text
    if q.type == "number":
        decimals = 0 if float(raw).is_integer() else 1
        if q.unit:
            return fmt.quantity(raw, tr(q.unit, lang), lang, decimals)
        return fmt.number(raw, lang, decimals)
    return str(raw)
