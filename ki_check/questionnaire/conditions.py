"""Skip logic as data: structured conditions, checked and evaluated without ``eval``.

A condition in YAML is one of::

    show_if: {question: ki_nutzung, in: [experimente, im_betrieb]}   # choice / yes-no
    show_if: {question: mitarbeitende_ki, min: 1, max: 50}           # number / scale
    show_if: {all: [<condition>, …]}
    show_if: {any: [<condition>, …]}
    show_if: {not: <condition>}

A question condition is true when the named question is visible and answered
with one of the options in ``in`` (for multiple choice: at least one of them
chosen) or with a number within ``min``..``max`` (both inclusive). ``in`` may
also list ``dont_know`` and ``not_relevant`` (any question type), so that an
uncertain answer can trigger a signal; otherwise "don't know", "not relevant",
no answer and a hidden question make a condition false. Conditions may
only name questions that come earlier, so visibility is decided in one pass
in questionnaire order and can never loop.
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, NamedTuple, Protocol

from ki_check.diagnostics import Bi, join_ids, suggest
from ki_check.util.readers import Path_, Reader

DONT_KNOW = "dont_know"
NOT_RELEVANT = "not_relevant"
SPECIAL = frozenset({DONT_KNOW, NOT_RELEVANT})


class QuestionIs(NamedTuple):
    """True when ``question`` was answered with one of ``options`` or within ``min..max``."""

    question: str
    options: frozenset[str] | None = None
    min: float | None = None
    max: float | None = None


class AllOf(NamedTuple):
    """True when every part is true."""

    parts: "tuple[Condition, ...]"


class AnyOf(NamedTuple):
    """True when at least one part is true."""

    parts: "tuple[Condition, ...]"


class Not(NamedTuple):
    """True when the part is false."""

    part: "Condition"


Condition = QuestionIs | AllOf | AnyOf | Not

_WHERE = Bi("einer Bedingung", "a condition")
_KEYS = ("question", "in", "min", "max", "all", "any", "not")


def parse_condition(r: Reader, value: Any, path: Path_) -> Condition | None:
    """Read a condition from YAML data; findings go to the reader."""
    m = r.mapping(value, path, _WHERE, _KEYS)
    if m is None:
        return None
    heads = [k for k in ("question", "all", "any", "not") if k in m]
    if len(heads) != 1:
        r.add("KEY_003", path, where=_WHERE, keys="question, all, any, not")
        return None
    head = heads[0]
    if head in ("all", "any"):
        items = r.seq(m[head], (*path, head))
        if items is None:
            return None
        parsed = [parse_condition(r, v, (*path, head, i)) for i, v in enumerate(items)]
        parts = tuple(p for p in parsed if p is not None)
        if len(parts) != len(parsed):
            return None
        return (AllOf if head == "all" else AnyOf)(parts)
    if head == "not":
        part = parse_condition(r, m["not"], (*path, "not"))
        return Not(part) if part is not None else None
    qid = r.string(m["question"], (*path, "question"))
    if qid is None:
        return None
    has_in = "in" in m
    has_range = "min" in m or "max" in m
    if has_in == has_range:
        r.add("KEY_003", path, where=_WHERE, keys="in, min/max")
        return None
    if has_in:
        items = m["in"] if isinstance(m["in"], list) else [m["in"]]
        opts = [r.string(v, (*path, "in", i)) for i, v in enumerate(items)]
        if any(o is None for o in opts) or not opts:
            if not opts:
                r.add("VALUE_003", (*path, "in"), field="in")
            return None
        return QuestionIs(qid, options=frozenset(o for o in opts if o is not None))
    lo = r.number(m["min"], (*path, "min")) if "min" in m else None
    hi = r.number(m["max"], (*path, "max")) if "max" in m else None
    if ("min" in m and lo is None) or ("max" in m and hi is None):
        return None
    return QuestionIs(qid, min=lo, max=hi)


def references(cond: Condition) -> Iterator[QuestionIs]:
    """Every question test inside ``cond``."""
    if isinstance(cond, QuestionIs):
        yield cond
    elif isinstance(cond, AllOf | AnyOf):
        for part in cond.parts:
            yield from references(part)
    else:
        yield from references(cond.part)


def check_condition(
    r: Reader,
    cond: Condition,
    path: Path_,
    owner: str,
    order: Mapping[str, int],
    kinds: Mapping[str, tuple[str, frozenset[str]]],
) -> None:
    """Report references to unknown or later questions and unknown options.

    ``order`` maps question ids to their position; ``kinds`` maps them to
    ``(type, option ids)``. Findings are positioned at the condition.
    """
    own = order[owner]
    for test in references(cond):
        ref = test.question
        if ref not in order:
            r.add("COND_001", path, ref=ref, suggestion=suggest(ref, order))
            continue
        if order[ref] >= own:
            ref_line = r.doc.position(_question_path_hint(r, ref))[0]
            r.add("COND_002", path, question=owner, ref=ref, ref_line=ref_line or "?")
            continue
        qtype, options = kinds[ref]
        if test.options is not None:
            if qtype not in ("single_choice", "multiple_choice", "yes_no") and not (
                test.options <= SPECIAL
            ):
                r.add("COND_004", path, op="in", ref=ref, type=qtype)
                continue
            for opt in sorted(test.options - options - SPECIAL):
                r.add(
                    "COND_003",
                    path,
                    ref=ref,
                    option=opt,
                    allowed=join_ids(sorted(options)),
                    suggestion=suggest(opt, options),
                )
        elif qtype not in ("number", "scale"):
            r.add("COND_004", path, op="min/max", ref=ref, type=qtype)


def _question_path_hint(r: Reader, qid: str) -> Path_:
    """The data path of question ``qid`` (for the line of a later question)."""
    dims = r.doc.data.get("dimensions") if isinstance(r.doc.data, dict) else None
    for di, dim in enumerate(dims or []):
        for qi, q in enumerate((dim or {}).get("questions") or [] if isinstance(dim, dict) else []):
            if isinstance(q, dict) and q.get("id") == qid:
                return ("dimensions", di, "questions", qi, "id")
    return ()


def evaluate(cond: Condition, answers: Mapping[str, Any]) -> bool:
    """Whether ``cond`` holds for ``answers`` (only answers of visible questions)."""
    if isinstance(cond, QuestionIs):
        value = answers.get(cond.question)
        if value is None:
            return False
        if isinstance(value, str) and value in SPECIAL:
            return cond.options is not None and value in cond.options
        if cond.options is not None:
            if isinstance(value, list):
                return not cond.options.isdisjoint(value)
            return value in cond.options
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if cond.min is not None and value < cond.min:
            return False
        return not (cond.max is not None and value > cond.max)
    if isinstance(cond, AllOf):
        return all(evaluate(p, answers) for p in cond.parts)
    if isinstance(cond, AnyOf):
        return any(evaluate(p, answers) for p in cond.parts)
    return not evaluate(cond.part, answers)


class _HasCondition(Protocol):
    # read-only, so that a question (a NamedTuple) fits
    @property
    def id(self) -> str: ...
    @property
    def show_if(self) -> Condition | None: ...


def visible(questions: Iterable[_HasCondition], answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that count: one entry per *visible* question, in questionnaire order.

    A question is visible when it has no condition or its condition holds for
    the answers of the visible questions before it. Hidden questions are left
    out (their answers are kept in the file but do not count); a visible
    question without an answer maps to ``None``.
    """
    effective: dict[str, Any] = {}
    for q in questions:
        if q.show_if is None or evaluate(q.show_if, effective):
            effective[q.id] = answers.get(q.id)
    return effective


def describe(cond: Condition) -> str:
    """A compact, readable form: ``ki_stand ∈ {experimente, im_betrieb}``."""
    if isinstance(cond, QuestionIs):
        if cond.options is not None:
            return f"{cond.question} ∈ {{{', '.join(sorted(cond.options))}}}"
        lo = "" if cond.min is None else f"{cond.min:g} ≤ "
        hi = "" if cond.max is None else f" ≤ {cond.max:g}"
        return f"{lo}{cond.question}{hi}"
    if isinstance(cond, Not):
        return f"nicht/not ({describe(cond.part)})"
    joiner = " und/and " if isinstance(cond, AllOf) else " oder/or "
    return "(" + joiner.join(describe(p) for p in cond.parts) + ")"
