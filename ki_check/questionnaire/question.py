"""Reading one question (and its options, rows, scale labels and bands) from YAML.

A question's keys are checked against the allow-list of its type
(:data:`ki_check.questionnaire.keys.TYPE_KEYS`); what is particular to a type is
read by its row in :data:`TYPE_PARTS`. :class:`QuestionReader` also remembers
every question id, skip condition and relevance reference it meets, so that
:mod:`ki_check.questionnaire.build` can check them across the file afterwards.
Every list of entries in a questionnaire (dimensions, stages, signals,
recommendations, options, rows) has one shape — a list of mappings with allowed
and required keys, each with an id unique in its list and a label — read by
:meth:`QuestionReader.entries` for all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ki_check.diagnostics import Bi, join_ids, suggest
from ki_check.limits import MAX_POINTS, MAX_SCALE_STEPS
from ki_check.questionnaire.conditions import SPECIAL, Condition, parse_condition
from ki_check.questionnaire.keys import (
    BAND_KEYS,
    OPTION_KEYS,
    QUESTION_KEYS,
    REQUIRED,
    ROW_KEYS,
    allowed_question_keys,
)
from ki_check.questionnaire.model import QUESTION_TYPES, Band, Option, Question, Row
from ki_check.util.readers import Path_, Reader, dotted

# Named choice lists of the questionnaire (choice_lists:), by name.
Lists = dict[str, tuple[Option, ...]]
Labels = tuple[tuple[int, dict[str, str]], ...]

YES_NO_DEFAULT = (
    Option("ja", {"de": "Ja", "en": "Yes"}, 1.0),
    Option("nein", {"de": "Nein", "en": "No"}, 0.0),
)


class Part(NamedTuple):
    """A kind of entry in a questionnaire (a dimension, a stage, an option, …): how a
    finding names it (``einer Dimension``), the keys it may have and those it must have."""

    where: Bi
    allowed: tuple[str, ...]
    required: tuple[str, ...]


class Entry(NamedTuple):
    """One entry of a list read by :meth:`QuestionReader.entries`: its place in the list,
    its path, its mapping, its id and its label (``None`` where absent or refused)."""

    pos: int
    path: Path_
    m: dict[str, Any]
    id: str | None
    label: dict[str, str] | None


QUESTION = Part(Bi("einer Frage", "a question"), QUESTION_KEYS, REQUIRED["question"])
OPTION = Part(Bi("einer Option", "an option"), OPTION_KEYS, REQUIRED["option"])
ROW = Part(Bi("einer Matrixzeile", "a matrix row"), ROW_KEYS, REQUIRED["row"])


class Parts(NamedTuple):
    """What a question has according to its type (empty where the type has none)."""

    options: tuple[Option, ...] = ()
    rows: tuple[Row, ...] = ()
    min: float | None = None
    max: float | None = None
    labels: Labels = ()


class QuestionReader:
    """Reads questions and option lists of one document; findings go to its issues."""

    def __init__(self, r: Reader, default_lang: str) -> None:
        self.r = r
        self.default_lang = default_lang
        # every question id met, in file order, with where it was first seen
        self.question_ids: dict[str, Path_] = {}
        # (question id, condition, path) of each show_if, checked once all ids are known
        self.conditions: list[tuple[str, Condition, Path_]] = []
        # (question id, referenced id, path) of each relevance_question
        self.relevance: list[tuple[str, str, Path_]] = []
        # set when a points value was refused: "no answer gives points" would then be
        # a consequence of that finding, not a finding of its own
        self.bad_points = False

    # -- helpers ------------------------------------------------------------------
    def text(self, m: dict[str, Any], key: str, path: Path_) -> dict[str, str] | None:
        """The translated text at ``m[key]``, None if absent or refused."""
        if key not in m:
            return None
        return self.r.text(m[key], (*path, key), self.default_lang)

    def unique(self, seen: dict[str, Path_], ident: str | None, path: Path_) -> None:
        """Record ``ident`` in ``seen``; a reserved or repeated id is a finding."""
        if ident is None:
            return
        if ident in SPECIAL:
            self.r.add("ID_003", path, id=ident)
        if ident in seen:
            first = self.r.doc.position(seen[ident])[0]
            self.r.add("ID_002", path, id=ident, first=first or "?")
        else:
            seen[ident] = path

    def entry(
        self,
        value: Any,
        path: Path_,
        part: Part,
        seen: dict[str, Path_],
        needs: tuple[str, ...] = (),
    ) -> tuple[dict[str, Any], str | None] | None:
        """The mapping at ``path`` and its id (``None`` if absent or refused), or ``None``
        when it is no mapping or lacks one of ``needs`` (then its id is not read).

        Keys ``part`` does not allow and required keys it lacks are findings
        (``KEY_001``, ``KEY_002``), so is an id that is malformed, reserved or already
        in ``seen`` (``ID_001``, ``ID_003``, ``ID_002``); the id is recorded in ``seen``.
        """
        m = self.r.mapping(value, path, part.where, part.allowed, part.required)
        if m is None or any(k not in m for k in needs):
            return None
        ident = self.r.ident(m["id"], (*path, "id")) if "id" in m else None
        self.unique(seen, ident, (*path, "id"))
        return m, ident

    def entries(
        self,
        value: Any,
        path: Path_,
        part: Part,
        *,
        nonempty: bool = True,
        needs: tuple[str, ...] = (),
        label: str | None = "label",
    ) -> Iterator[Entry]:
        """Each entry of the list at ``path``, read by :meth:`entry`, ids unique within it.

        The list must not be empty unless ``nonempty`` is false. An entry that is no
        mapping, or lacks one of ``needs``, is passed over once its keys are checked.
        ``label`` names the key of the entry's label, read right after its id
        (``None``: the caller reads what it has). Findings come in file order, one
        entry's as it is yielded.
        """
        seen: dict[str, Path_] = {}
        for i, item in enumerate(self.r.seq(value, path, nonempty=nonempty) or []):
            p: Path_ = (*path, i)
            got = self.entry(item, p, part, seen, needs)
            if got is None:
                continue
            m, ident = got
            yield Entry(i, p, m, ident, self.text(m, label, p) if label else None)

    # -- one question -------------------------------------------------------------
    def question(
        self, value: Any, path: Path_, dimension: str, index: int, lists: Lists
    ) -> Question | None:
        """The question at ``path``, or None if it has a finding that leaves it unusable."""
        r = self.r
        got = self.entry(value, path, QUESTION, self.question_ids)
        if got is None:
            return None
        m, qid = got
        qtype = r.choice(m["type"], (*path, "type"), QUESTION_TYPES) if "type" in m else None
        text = self.text(m, "text", path)
        hint = self.text(m, "hint", path)
        guidance = self.text(m, "guidance", path)
        weight = r.weight(m["weight"], (*path, "weight")) if "weight" in m else 1.0
        flags = {
            key: bool(r.boolean(m[key], (*path, key))) if key in m else False
            for key in ("required", "allow_not_relevant", "integer", "goal")
        }
        if qtype is None or qid is None:
            return None
        self.bad_points = False
        self._check_type_keys(m, path, qtype)
        parts = TYPE_PARTS[qtype](self, m, path, lists)
        bands = self.bands(m["bands"], (*path, "bands")) if "bands" in m else ()
        max_points = self._max_points(m, path)
        scored = self._scored(m, path, qid, qtype, parts.options, bands)
        relevance, show_if = self._references(m, path, qid)
        if text is None:
            return None
        return Question(
            id=qid,
            type=qtype,  # type: ignore[arg-type]
            text=text,
            dimension=dimension,
            position=index,
            hint=hint,
            guidance=guidance,
            weight=weight or 1.0,
            required=flags["required"],
            allow_not_relevant=flags["allow_not_relevant"],
            scored=scored,
            options=parts.options,
            rows=parts.rows,
            min=parts.min,
            max=parts.max,
            integer=flags["integer"],
            unit=self.text(m, "unit", path),
            scale_labels=parts.labels,
            bands=bands,
            max_points=max_points,
            show_if=show_if,
            option_map={o.id: o for o in parts.options},
            top_points=max([o.points for o in parts.options] + [b.points for b in bands] + [0.0]),
            relevance_question=relevance,
            goal=flags["goal"],
        )

    def _check_type_keys(self, m: dict[str, Any], path: Path_, qtype: str) -> None:
        """A question key its type does not take is KEY_001, naming the keys it does."""
        allowed = allowed_question_keys(qtype)
        for key in QUESTION_KEYS:
            if key in m and key not in allowed:
                self.r.add(
                    "KEY_001",
                    (*path, key),
                    at_key=True,
                    key=key,
                    where=Bi(f"einer Frage vom Typ {qtype}", f"a question of type {qtype}"),
                    allowed=join_ids(allowed, limit=len(allowed)),
                    suggestion="",
                )

    def _max_points(self, m: dict[str, Any], path: Path_) -> float | None:
        if "max_points" not in m:
            return None
        mp = self.r.number(m["max_points"], (*path, "max_points"), maximum=MAX_POINTS)
        if mp is not None and mp <= 0:
            self.r.add(
                "WEIGHT_001", (*path, "max_points"), field=dotted((*path, "max_points")), value=mp
            )
        return float(mp) if mp and mp > 0 else None

    def _scored(
        self,
        m: dict[str, Any],
        path: Path_,
        qid: str,
        qtype: str,
        options: tuple[Option, ...],
        bands: tuple[Band, ...],
    ) -> bool:
        """Whether the question counts; SCORE_001 if it counts but no answer gives points."""
        scored = default_scored = qtype not in ("text", "number") or bool(bands)
        if "scored" in m:
            s = self.r.boolean(m["scored"], (*path, "scored"))
            scored = default_scored if s is None else s
        complete = not isinstance(m.get("options"), list) or len(options) == len(m["options"])
        complete = complete and not self.bad_points
        if scored and complete and cannot_score(qtype, options, bands):
            self.r.add("SCORE_001", (*path, "id"), id=qid)
        return scored

    def _references(
        self, m: dict[str, Any], path: Path_, qid: str
    ) -> tuple[str | None, Condition | None]:
        """The relevance question and skip condition, remembered for the checks across the file."""
        relevance = None
        if "relevance_question" in m:
            relevance = self.r.string(m["relevance_question"], (*path, "relevance_question"))
            if relevance is not None:
                self.relevance.append((qid, relevance, (*path, "relevance_question")))
        show_if = None
        if "show_if" in m:
            show_if = parse_condition(self.r, m["show_if"], (*path, "show_if"))
            if show_if is not None:
                self.conditions.append((qid, show_if, (*path, "show_if")))
        return relevance, show_if

    # -- what a type has ------------------------------------------------------------
    def options(self, value: Any, path: Path_) -> tuple[Option, ...]:
        """A list of options (of a question or a named choice list)."""
        out: list[Option] = []
        for _, p, m, oid, label in self.entries(value, path, OPTION):
            points = 0.0
            if "points" in m:
                n = self.r.number(m["points"], (*p, "points"), maximum=MAX_POINTS)
                self.bad_points |= n is None
                if n is not None and n < 0:
                    self.r.add("SCORE_002", (*p, "points"), value=n)
                points = float(n) if n is not None and n >= 0 else 0.0
            exclusive = (
                bool(self.r.boolean(m["exclusive"], (*p, "exclusive")))
                if "exclusive" in m
                else False
            )
            rec = self.text(m, "recommendation", p)
            if oid and label:
                out.append(Option(oid, label, points, exclusive, rec))
        return tuple(out)

    def question_options(self, m: dict[str, Any], path: Path_, lists: Lists) -> tuple[Option, ...]:
        """A choice question's options: a list of its own or the name of a choice list."""
        if "options" not in m:
            where = Bi("einer Auswahlfrage", "a choice question")
            self.r.add("KEY_002", path, at_key=True, key="options", where=where)
            return ()
        value = m["options"]
        if not isinstance(value, str):
            return self.options(value, (*path, "options"))
        if value not in lists:
            self.r.add(
                "VALUE_001",
                (*path, "options"),
                value=value,
                field=dotted((*path, "options")),
                allowed=join_ids(lists) or "—",
                suggestion=suggest(value, lists),
            )
            return ()
        return lists[value]

    def yes_no_options(self, m: dict[str, Any], path: Path_, lists: Lists) -> tuple[Option, ...]:
        """Ja/Nein with 1 and 0 points, unless the question gives both options itself."""
        if "options" not in m:
            return YES_NO_DEFAULT
        options = self.question_options(m, path, lists)
        ids = sorted(o.id for o in options)
        if options and ids != ["ja", "nein"]:
            self.r.add("ID_004", (*path, "options"), found=join_ids(ids))
        return options

    def rows(self, m: dict[str, Any], path: Path_) -> tuple[Row, ...]:
        """A matrix question's rows."""
        if "rows" not in m:
            where = Bi("einer Matrixfrage", "a matrix question")
            self.r.add("KEY_002", path, at_key=True, key="rows", where=where)
            return ()
        out = []
        for row in self.entries(m["rows"], (*path, "rows"), ROW):
            if row.id and row.label:
                out.append(Row(row.id, row.label))
        return tuple(out)

    def scale_range(self, m: dict[str, Any], path: Path_) -> tuple[float | None, float | None]:
        """A scale's whole-number ends; both must be given, at most MAX_SCALE_STEPS apart."""
        r = self.r
        lo = r.number(m.get("min"), (*path, "min"), integer=True) if "min" in m else None
        hi = r.number(m.get("max"), (*path, "max"), integer=True) if "max" in m else None
        for key in ("min", "max"):
            if key not in m:
                r.add("KEY_002", path, at_key=True, key=key, where=Bi("einer Skala", "a scale"))
        if lo is not None and hi is not None and not lo < hi <= lo + MAX_SCALE_STEPS:
            r.add(
                "VALUE_002",
                (*path, "max"),
                field=dotted((*path, "max")),
                min=lo + 1,
                max=lo + MAX_SCALE_STEPS,
                value=hi,
            )
            hi = None
        return lo, hi

    def scale_labels(self, value: Any, path: Path_, lo: float | None, hi: float | None) -> Labels:
        """Texts for points of a scale (``{1: "gar nicht", 5: "voll"}``), sorted by point."""
        if value is None:
            return ()
        if not isinstance(value, dict):
            where = Bi("eine Zuordnung Wert → Text", "a mapping value → text")
            self.r.wrong_type(value, path, where)
            return ()
        out = []
        for key, text in value.items():
            try:
                point = int(key)
            except ValueError:
                self.r.add(
                    "VALUE_001",
                    (*path, key),
                    at_key=True,
                    value=key,
                    field=dotted(path),
                    allowed=f"{lo}…{hi}",
                    suggestion="",
                )
                continue
            if lo is not None and hi is not None and not lo <= point <= hi:
                self.r.add(
                    "VALUE_002",
                    (*path, key),
                    at_key=True,
                    field=dotted(path),
                    min=lo,
                    max=hi,
                    value=point,
                )
                continue
            t = self.r.text(text, (*path, key), self.default_lang)
            if t:
                out.append((point, t))
        return tuple(sorted(out, key=lambda item: item[0]))

    def bands(self, value: Any, path: Path_) -> tuple[Band, ...]:
        """A number question's points bands (``min`` ≤ answer < ``max`` → ``points``)."""
        out = []
        for i, item in enumerate(self.r.seq(value, path) or []):
            p: Path_ = (*path, i)
            where = Bi("einer Punktespanne", "a points band")
            bm = self.r.mapping(item, p, where, BAND_KEYS, REQUIRED["band"])
            if bm is None or "points" not in bm:
                continue
            lo = self.r.number(bm["min"], (*p, "min")) if "min" in bm else float("-inf")
            hi = self.r.number(bm["max"], (*p, "max")) if "max" in bm else float("inf")
            pts = self.r.number(bm["points"], (*p, "points"), minimum=0, maximum=MAX_POINTS)
            self.bad_points |= pts is None
            if lo is not None and hi is not None and pts is not None:
                out.append(Band(float(lo), float(hi), float(pts)))
        return tuple(out)


def cannot_score(qtype: str, options: tuple[Option, ...], bands: tuple[Band, ...]) -> bool:
    """True if no answer to a question of this shape can give points."""
    if qtype == "text":
        return True
    if qtype == "number":
        return not any(b.points > 0 for b in bands)
    if qtype in ("single_choice", "multiple_choice", "yes_no", "matrix"):
        return bool(options) and not any(o.points > 0 for o in options)
    return False


# -- the parts of each type (the keys each may have: keys.TYPE_KEYS) -------------------
def _choice(qr: QuestionReader, m: dict[str, Any], path: Path_, lists: Lists) -> Parts:
    return Parts(options=qr.question_options(m, path, lists))


def _yes_no(qr: QuestionReader, m: dict[str, Any], path: Path_, lists: Lists) -> Parts:
    return Parts(options=qr.yes_no_options(m, path, lists))


def _matrix(qr: QuestionReader, m: dict[str, Any], path: Path_, lists: Lists) -> Parts:
    return Parts(options=qr.question_options(m, path, lists), rows=qr.rows(m, path))


def _scale(qr: QuestionReader, m: dict[str, Any], path: Path_, lists: Lists) -> Parts:
    lo, hi = qr.scale_range(m, path)
    labels = qr.scale_labels(m.get("labels"), (*path, "labels"), lo, hi)
    return Parts(min=lo, max=hi, labels=labels)


def _number(qr: QuestionReader, m: dict[str, Any], path: Path_, lists: Lists) -> Parts:
    lo = qr.r.number(m["min"], (*path, "min")) if "min" in m else None
    hi = qr.r.number(m["max"], (*path, "max")) if "max" in m else None
    return Parts(min=lo, max=hi)


def _text(qr: QuestionReader, m: dict[str, Any], path: Path_, lists: Lists) -> Parts:
    return Parts()


TYPE_PARTS: dict[str, Callable[[QuestionReader, dict[str, Any], Path_, Lists], Parts]] = {
    "single_choice": _choice,
    "multiple_choice": _choice,
    "yes_no": _yes_no,
    "matrix": _matrix,
    "scale": _scale,
    "number": _number,
    "text": _text,
}
assert set(TYPE_PARTS) == set(QUESTION_TYPES), "every question type needs its row"
