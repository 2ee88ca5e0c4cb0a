"""Checks that span a questionnaire: what one part says about another.

Run by :mod:`ki_check.questionnaire.build` once the questions are read: skip
conditions and relevance references point at earlier questions and their options,
the stages cover 0–100 without gap or overlap, a signal names an entry of its
catalogue. Each check records its findings through the document's
:class:`~ki_check.util.readers.Reader` and returns nothing (or whether the part
may be kept).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from ki_check.diagnostics import Bi, join_ids, suggest
from ki_check.questionnaire.conditions import check_condition
from ki_check.questionnaire.model import FACTS, Question, Stage
from ki_check.questionnaire.question import QuestionReader
from ki_check.util.readers import Path_, Reader
from ki_check.util.resources import data_file

# The catalogues signals are checked against: a cached questionnaire depends on them.
SIGNAL_CATALOGUES = (data_file("barriers.yaml"), data_file("ai_act.yaml"))

# What a condition may ask of a question: its type and its option ids, by question id.
Kinds = dict[str, tuple[str, frozenset[str]]]


def question_order(qr: QuestionReader, qmap: dict[str, Question]) -> tuple[dict[str, int], Kinds]:
    """Each question id's place in the file and its type and options ("?" if unreadable)."""
    order = {qid: i for i, qid in enumerate(qr.question_ids)}
    kinds: Kinds = {q.id: (q.type, frozenset(q.option_map)) for q in qmap.values()}
    for qid in order:
        kinds.setdefault(qid, ("?", frozenset()))
    return order, kinds


def check_conditions(r: Reader, qr: QuestionReader, qmap: dict[str, Question]) -> None:
    """Each ``show_if`` refers to earlier questions and options they have."""
    order, kinds = question_order(qr, qmap)
    for owner, cond, path in qr.conditions:
        check_condition(r, cond, path, owner, order, kinds)


def check_relevance(r: Reader, qr: QuestionReader, qmap: dict[str, Question]) -> None:
    """Each ``relevance_question`` is an earlier question that gives points (REL_001)."""
    order = {qid: i for i, qid in enumerate(qr.question_ids)}
    for owner, ref, path in qr.relevance:
        problem = None
        if ref not in order:
            problem = Bi("die es nicht gibt", "which does not exist")
        elif order[ref] >= order[owner]:
            problem = Bi("die nicht vorher kommt", "which does not come earlier")
        elif ref in qmap and qmap[ref].top_points <= 0 and qmap[ref].type != "scale":
            problem = Bi("die keine Punkte vergibt", "which gives no points")
        if problem is not None:
            r.add("REL_001", path, question=owner, ref=ref, problem=problem)


def signal_refs() -> dict[str, tuple[str, ...]]:
    """The ids a signal of each kind may name (barriers, AI Act items, facts)."""
    from ki_check.advice.ai_act import load_ai_act
    from ki_check.advice.content import load_barriers

    return {
        "barrier": tuple(load_barriers()),
        "ai_act": tuple(i.id for i in load_ai_act().items),
        "fact": tuple(FACTS),
    }


def check_signal_ref(
    r: Reader,
    m: dict[str, Any],
    path: Path_,
    sid: str | None,
    kind: str | None,
    ref: str | None,
    refs: dict[str, tuple[str, ...]],
) -> bool:
    """Whether the signal names a known entry and has a level exactly when it needs one."""
    if kind and ref and ref not in refs[kind]:
        r.add(
            "SIGNAL_001",
            (*path, "ref"),
            id=sid,
            ref=ref,
            kind=kind,
            allowed=join_ids(refs[kind]),
            suggestion=suggest(ref, refs[kind]),
        )
        return False
    if kind == "ai_act" and "level" not in m:
        r.add("SIGNAL_002", path, id=sid, problem=Bi("'level' fehlt", "'level' is missing"))
        return False
    if kind in ("barrier", "fact") and "level" in m:
        r.add(
            "SIGNAL_002",
            (*path, "level"),
            id=sid,
            problem=Bi("'level' gilt nur für ai_act", "'level' is for ai_act only"),
        )
        return False
    return True


def check_stage_coverage(r: Reader, stages: list[Stage]) -> None:
    """The stages start at 0, end at 100 and meet without gap or overlap."""
    if stages and stages[0].min != 0:
        r.add(
            "STAGE_001",
            ("stages", 0, "min"),
            problem=Bi(
                f"die erste Stufe beginnt bei {_num(stages[0].min)}",
                f"the first stage starts at {_num(stages[0].min)}",
            ),
        )
    if stages and stages[-1].max != 100:
        r.add(
            "STAGE_001",
            ("stages", len(stages) - 1, "max"),
            problem=Bi(
                f"die letzte Stufe endet bei {_num(stages[-1].max)}",
                f"the last stage ends at {_num(stages[-1].max)}",
            ),
        )
    for i, (a, b) in enumerate(pairwise(stages)):
        if a.max != b.min:
            kind = (
                Bi("eine Lücke", "a gap")
                if b.min > a.max
                else Bi("eine Überschneidung", "an overlap")
            )
            r.add(
                "STAGE_002",
                ("stages", i + 1, "min"),
                a=a.id,
                b=b.id,
                a_max=_num(a.max),
                b_min=_num(b.min),
                kind=kind,
            )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
