"""Reading a questionnaire's YAML into the model, collecting every finding on the way.

:func:`build_questionnaire` is the one entry point; :mod:`ki_check.questionnaire.load`
finds files and decides what a finding means for the caller.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

from ki_check.diagnostics import Bi, Issue, has_errors, join_ids, suggest
from ki_check.i18n import LANGUAGES
from ki_check.limits import MAX_POINTS, MAX_SCALE_STEPS
from ki_check.questionnaire.conditions import SPECIAL, Condition, check_condition, parse_condition
from ki_check.questionnaire.model import (
    CHOICE_TYPES,
    FACTS,
    LEVELS,
    QUESTION_TYPES,
    READINESS,
    ROUNDINGS,
    SIGNAL_KINDS,
    TOPICS,
    UNANSWERED_RULES,
    Adoption,
    Band,
    Dimension,
    Option,
    Question,
    Questionnaire,
    RangeRecommendation,
    Row,
    ScoringRules,
    Signal,
    Source,
    Stage,
)
from ki_check.util.readers import SLUG_RE, Path_, Reader, dotted
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import YamlDoc, kind_of

TOP_KEYS = (
    "id",
    "version",
    "title",
    "description",
    "default_language",
    "languages",
    "updated",
    "sources",
    "choice_lists",
    "dimensions",
    "stages",
    "adoption",
    "recommendations",
    "signals",
    "scoring",
)
DIMENSION_KEYS = ("id", "label", "description", "weight", "topic", "optional", "questions")
SIGNAL_KEYS = ("id", "kind", "ref", "level", "when")
QUESTION_KEYS = (
    "id",
    "type",
    "text",
    "hint",
    "guidance",
    "weight",
    "required",
    "allow_not_relevant",
    "scored",
    "options",
    "rows",
    "min",
    "max",
    "integer",
    "unit",
    "labels",
    "bands",
    "max_points",
    "show_if",
    "relevance_question",
    "goal",
)
OPTION_KEYS = ("id", "label", "points", "exclusive", "recommendation")
STAGE_KEYS = ("id", "label", "description", "min", "max", "readiness")
SOURCE_KEYS = ("title", "url", "checked")
ROW_KEYS = ("id", "label")
BAND_KEYS = ("min", "max", "points")
ADOPTION_KEYS = ("question", "adopter_options")
RECOMMENDATION_KEYS = ("id", "dimension", "min", "max", "text")
SCORING_KEYS = ("unanswered", "rounding", "comparable_with")
# Question keys that do not fit a type (KEY_001 "in a question of type …").
# "goal" (the company states its own goal in its words) belongs to free-text questions only.
KEYS_NOT_ALLOWED: dict[str, tuple[str, ...]] = {
    "single_choice": (
        "rows",
        "min",
        "max",
        "integer",
        "unit",
        "labels",
        "bands",
        "max_points",
        "goal",
    ),
    "multiple_choice": ("rows", "min", "max", "integer", "unit", "labels", "bands", "goal"),
    "yes_no": ("rows", "min", "max", "integer", "unit", "labels", "bands", "max_points", "goal"),
    "matrix": ("min", "max", "integer", "unit", "labels", "bands", "max_points", "goal"),
    "scale": ("options", "rows", "integer", "unit", "bands", "max_points", "goal"),
    "number": ("options", "rows", "labels", "max_points", "goal"),
    "text": (
        "options",
        "rows",
        "min",
        "max",
        "integer",
        "unit",
        "labels",
        "bands",
        "max_points",
    ),
}
# The keys each part must have (ki_check.interchange.json_schema reads these too).
REQUIRED: dict[str, tuple[str, ...]] = {
    "questionnaire": ("id", "version", "title", "dimensions", "stages"),
    "source": ("title",),
    "dimension": ("id", "label", "questions"),
    "question": ("id", "type", "text"),
    "option": ("id", "label"),
    "row": ("id", "label"),
    "band": ("points",),
    "signal": ("id", "kind", "ref", "when"),
    "stage": ("id", "label", "min", "max", "readiness"),
    "adoption": ("question", "adopter_options"),
    "recommendation": ("id", "min", "max", "text"),
}

YES_NO_DEFAULT = (
    Option("ja", {"de": "Ja", "en": "Yes"}, 1.0),
    Option("nein", {"de": "Nein", "en": "No"}, 0.0),
)

_Q = Bi("dem Fragebogen", "the questionnaire")

# The catalogues signals are checked against: a cached questionnaire depends on them.
SIGNAL_CATALOGUES = (data_file("barriers.yaml"), data_file("ai_act.yaml"))


def build_questionnaire(doc: YamlDoc, path: Path | None = None) -> Questionnaire | None:
    """Build the model from a parsed document, recording findings in ``doc.issues``."""
    if doc.data is None and doc.issues:
        return None
    if not isinstance(doc.data, dict):
        doc.issues.append(Issue("YAML_003", doc.file, 1, 1, {"found": kind_of(doc.data)}))
        return None
    return _Builder(doc, path).build()


class _Builder:
    def __init__(self, doc: YamlDoc, path: Path | None) -> None:
        self.doc = doc
        self.path = path
        data: dict[str, Any] = doc.data
        langs = data.get("languages", list(LANGUAGES))
        # only what can be a language here; build() reports everything else
        known = (
            [x for x in langs if isinstance(x, str) and x in LANGUAGES]
            if isinstance(langs, list)
            else []
        )
        self.languages = tuple(dict.fromkeys(known)) or LANGUAGES
        default = data.get("default_language", "de")
        self.default_lang = default if isinstance(default, str) else "de"
        self.r = Reader(doc, self.languages)
        self.question_ids: dict[str, Path_] = {}
        self.conditions: list[tuple[str, Condition, Path_]] = []
        self.relevance: list[tuple[str, str, Path_]] = []
        # set when a points value was refused: "no answer gives points" would then be
        # a consequence of that finding, not a finding of its own
        self.bad_points = False

    # -- helpers ------------------------------------------------------------------
    def text(self, m: dict[str, Any], key: str, path: Path_) -> dict | None:
        if key not in m:
            return None
        return self.r.text(m[key], (*path, key), self.default_lang)

    def unique(self, seen: dict[str, Path_], ident: str | None, path: Path_) -> None:
        if ident is None:
            return
        if ident in SPECIAL:
            self.r.add("ID_003", path, id=ident)
        if ident in seen:
            first = self.doc.position(seen[ident])[0]
            self.r.add("ID_002", path, id=ident, first=first or "?")
        else:
            seen[ident] = path

    # -- top level ----------------------------------------------------------------
    def build(self) -> Questionnaire | None:
        r = self.r
        m = r.mapping(self.doc.data, (), _Q, TOP_KEYS, REQUIRED["questionnaire"])
        assert m is not None
        qid = r.ident(m["id"], ("id",), SLUG_RE) if "id" in m else None
        version = r.string(m["version"], ("version",)) if "version" in m else None
        if "default_language" in m:
            r.choice(m["default_language"], ("default_language",), LANGUAGES)
        if "languages" in m:
            langs = r.seq(m["languages"], ("languages",))
            for i, lang in enumerate(langs or []):
                r.choice(lang, ("languages", i), LANGUAGES)
        title = self.text(m, "title", ())
        description = self.text(m, "description", ())
        updated = r.string(m["updated"], ("updated",)) if "updated" in m else None
        sources = self.sources(m.get("sources"))
        lists = self.choice_lists(m.get("choice_lists"))
        dimensions = self.dimensions(m.get("dimensions"), lists)
        stages = self.stages(m.get("stages"))
        questions = tuple(q for d in dimensions for q in d.questions)
        qmap = {q.id: q for q in questions}
        self.check_conditions(qmap)
        self.check_relevance(qmap)
        signals = self.signals(m.get("signals"), qmap) if "signals" in m else ()
        adoption = self.adoption(m.get("adoption"), qmap) if "adoption" in m else None
        recs = self.recommendations(m.get("recommendations"), dimensions)
        scoring = self.scoring(m["scoring"]) if "scoring" in m else ScoringRules()
        if has_errors(self.doc.issues) or None in (qid, version, title) or not stages:
            return None
        return Questionnaire(
            id=qid,  # type: ignore[arg-type]
            version=version,  # type: ignore[arg-type]
            title=title,  # type: ignore[arg-type]
            default_language=self.default_lang,
            languages=self.languages,
            dimensions=dimensions,
            stages=stages,
            adoption=adoption,
            recommendations=recs,
            signals=signals,
            description=description,
            sources=sources,
            updated=updated,
            path=self.path,
            questions=questions,
            question_map=qmap,
            scoring=scoring,
        )

    def scoring(self, value: Any) -> ScoringRules:
        path: Path_ = ("scoring",)
        m = self.r.mapping(value, path, Bi("'scoring'", "'scoring'"), SCORING_KEYS) or {}
        default = ScoringRules()
        unanswered = (
            self.r.choice(m["unanswered"], (*path, "unanswered"), UNANSWERED_RULES)
            if "unanswered" in m
            else None
        )
        rounding = (
            self.r.choice(m["rounding"], (*path, "rounding"), ROUNDINGS)
            if "rounding" in m
            else None
        )
        name = self.text(m, "comparable_with", path) if m else None
        return ScoringRules(unanswered or default.unanswered, rounding or default.rounding, name)

    def sources(self, value: Any) -> tuple[Source, ...]:
        if value is None:
            return ()
        out = []
        for i, item in enumerate(self.r.seq(value, ("sources",), nonempty=False) or []):
            path: Path_ = ("sources", i)
            m = self.r.mapping(
                item, path, Bi("einer Quelle", "a source"), SOURCE_KEYS, REQUIRED["source"]
            )
            if m is None or "title" not in m:
                continue
            title = self.r.string(m["title"], (*path, "title"))
            url = self.r.string(m["url"], (*path, "url")) if "url" in m else None
            checked = self.r.string(m["checked"], (*path, "checked")) if "checked" in m else None
            if title:
                out.append(Source(title, url, checked))
        return tuple(out)

    def choice_lists(self, value: Any) -> dict[str, tuple[Option, ...]]:
        if value is None:
            return {}
        lists: dict[str, tuple[Option, ...]] = {}
        if not isinstance(value, dict):
            self.r.wrong_type(value, ("choice_lists",), Bi("eine Zuordnung", "a mapping"))
            return lists
        for name, options in value.items():
            path: Path_ = ("choice_lists", name)
            if self.r.ident(name, path) is None:
                continue
            lists[name] = self.options(options, path)
        return lists

    def options(self, value: Any, path: Path_) -> tuple[Option, ...]:
        items = self.r.seq(value, path)
        out: list[Option] = []
        seen: dict[str, Path_] = {}
        for i, item in enumerate(items or []):
            p: Path_ = (*path, i)
            m = self.r.mapping(
                item, p, Bi("einer Option", "an option"), OPTION_KEYS, REQUIRED["option"]
            )
            if m is None:
                continue
            oid = self.r.ident(m["id"], (*p, "id")) if "id" in m else None
            self.unique(seen, oid, (*p, "id"))
            label = self.text(m, "label", p)
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

    # -- dimensions and questions ---------------------------------------------------
    def dimensions(self, value: Any, lists: dict[str, tuple[Option, ...]]) -> tuple[Dimension, ...]:
        out: list[Dimension] = []
        seen: dict[str, Path_] = {}
        index = 0
        for i, item in enumerate(self.r.seq(value, ("dimensions",)) or []):
            path: Path_ = ("dimensions", i)
            m = self.r.mapping(
                item,
                path,
                Bi("einer Dimension", "a dimension"),
                DIMENSION_KEYS,
                REQUIRED["dimension"],
            )
            if m is None:
                continue
            did = self.r.ident(m["id"], (*path, "id")) if "id" in m else None
            self.unique(seen, did, (*path, "id"))
            label = self.text(m, "label", path)
            description = self.text(m, "description", path)
            weight = self.r.weight(m["weight"], (*path, "weight")) if "weight" in m else 1.0
            topic = did if did in TOPICS else None
            if "topic" in m:
                topic = self.r.choice(m["topic"], (*path, "topic"), TOPICS)
            elif did and topic is None:
                self.r.add("TOPIC_001", (*path, "id"), id=did, allowed=join_ids(TOPICS))
            optional = False
            if "optional" in m:
                optional = bool(self.r.boolean(m["optional"], (*path, "optional")))
            questions: list[Question] = []
            for j, qv in enumerate(self.r.seq(m.get("questions"), (*path, "questions")) or []):
                q = self.question(qv, (*path, "questions", j), did or "?", index, lists)
                index += 1
                if q is not None:
                    questions.append(q)
            if did and label:
                out.append(
                    Dimension(
                        did,
                        label,
                        weight or 1.0,
                        tuple(questions),
                        description,
                        topic or "",
                        optional,
                    )
                )
        return tuple(out)

    def question(
        self,
        value: Any,
        path: Path_,
        dimension: str,
        index: int,
        lists: dict[str, tuple[Option, ...]],
    ) -> Question | None:
        r = self.r
        m = r.mapping(
            value, path, Bi("einer Frage", "a question"), QUESTION_KEYS, REQUIRED["question"]
        )
        if m is None:
            return None
        qid = r.ident(m["id"], (*path, "id")) if "id" in m else None
        self.unique(self.question_ids, qid, (*path, "id"))
        qtype = r.choice(m["type"], (*path, "type"), QUESTION_TYPES) if "type" in m else None
        text = self.text(m, "text", path)
        hint = self.text(m, "hint", path)
        guidance = self.text(m, "guidance", path)
        weight = r.weight(m["weight"], (*path, "weight")) if "weight" in m else 1.0
        flags = {}
        for key in ("required", "allow_not_relevant", "integer", "goal"):
            flags[key] = bool(r.boolean(m[key], (*path, key))) if key in m else False
        if qtype is None or qid is None:
            return None
        self.bad_points = False
        wrong = [k for k in self.type_keys_not_allowed(qtype) if k in m]
        for key in wrong:
            r.add(
                "KEY_001",
                (*path, key),
                at_key=True,
                key=key,
                where=Bi(f"einer Frage vom Typ {qtype}", f"a question of type {qtype}"),
                allowed=join_ids(
                    k for k in QUESTION_KEYS if k not in self.type_keys_not_allowed(qtype)
                ),
                suggestion="",
            )
        options: tuple[Option, ...] = ()
        if qtype in ("single_choice", "multiple_choice", "matrix"):
            options = self.question_options(m, path, lists)
        elif qtype == "yes_no":
            options = self.yes_no_options(m, path, lists)
        rows: tuple[Row, ...] = ()
        if qtype == "matrix":
            rows = self.rows(m, path)
        lo = hi = None
        labels: tuple[tuple[int, dict], ...] = ()
        if qtype == "scale":
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
            labels = self.scale_labels(m.get("labels"), (*path, "labels"), lo, hi)
        elif qtype == "number":
            lo = r.number(m["min"], (*path, "min")) if "min" in m else None
            hi = r.number(m["max"], (*path, "max")) if "max" in m else None
        bands = self.bands(m.get("bands"), (*path, "bands")) if "bands" in m else ()
        max_points = None
        if "max_points" in m:
            mp = r.number(m["max_points"], (*path, "max_points"), maximum=MAX_POINTS)
            if mp is not None and mp <= 0:
                r.add(
                    "WEIGHT_001",
                    (*path, "max_points"),
                    field=dotted((*path, "max_points")),
                    value=mp,
                )
            max_points = float(mp) if mp and mp > 0 else None
        default_scored = qtype not in ("text", "number") or bool(bands)
        scored = default_scored
        if "scored" in m:
            s = r.boolean(m["scored"], (*path, "scored"))
            scored = default_scored if s is None else s
        complete = not isinstance(m.get("options"), list) or len(options) == len(m["options"])
        complete = complete and not self.bad_points
        if scored and complete and self.cannot_score(qtype, options, bands):
            r.add("SCORE_001", (*path, "id"), id=qid)
        relevance = None
        if "relevance_question" in m:
            relevance = r.string(m["relevance_question"], (*path, "relevance_question"))
            if relevance is not None:
                self.relevance.append((qid, relevance, (*path, "relevance_question")))
        show_if = None
        if "show_if" in m:
            show_if = parse_condition(r, m["show_if"], (*path, "show_if"))
            if show_if is not None:
                self.conditions.append((qid, show_if, (*path, "show_if")))
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
            options=options,
            rows=rows,
            min=lo,
            max=hi,
            integer=flags["integer"],
            unit=self.text(m, "unit", path),
            scale_labels=labels,
            bands=bands,
            max_points=max_points,
            show_if=show_if,
            option_map={o.id: o for o in options},
            top_points=max([o.points for o in options] + [b.points for b in bands] + [0.0]),
            relevance_question=relevance,
            goal=flags["goal"],
        )

    @staticmethod
    def type_keys_not_allowed(qtype: str) -> tuple[str, ...]:
        return KEYS_NOT_ALLOWED[qtype]

    @staticmethod
    def cannot_score(qtype: str, options: tuple[Option, ...], bands: tuple[Band, ...]) -> bool:
        if qtype == "text":
            return True
        if qtype == "number":
            return not any(b.points > 0 for b in bands)
        if qtype in ("single_choice", "multiple_choice", "yes_no", "matrix"):
            return bool(options) and not any(o.points > 0 for o in options)
        return False

    def question_options(
        self, m: dict[str, Any], path: Path_, lists: dict[str, tuple[Option, ...]]
    ) -> tuple[Option, ...]:
        if "options" not in m:
            self.r.add(
                "KEY_002",
                path,
                at_key=True,
                key="options",
                where=Bi("einer Auswahlfrage", "a choice question"),
            )
            return ()
        value = m["options"]
        if isinstance(value, str):
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
        return self.options(value, (*path, "options"))

    def yes_no_options(
        self, m: dict[str, Any], path: Path_, lists: dict[str, tuple[Option, ...]]
    ) -> tuple[Option, ...]:
        if "options" not in m:
            return YES_NO_DEFAULT
        options = self.question_options(m, path, lists)
        ids = sorted(o.id for o in options)
        if options and ids != ["ja", "nein"]:
            self.r.add("ID_004", (*path, "options"), found=join_ids(ids))
        return options

    def rows(self, m: dict[str, Any], path: Path_) -> tuple[Row, ...]:
        if "rows" not in m:
            self.r.add(
                "KEY_002",
                path,
                at_key=True,
                key="rows",
                where=Bi("einer Matrixfrage", "a matrix question"),
            )
            return ()
        out = []
        seen: dict[str, Path_] = {}
        for i, item in enumerate(self.r.seq(m["rows"], (*path, "rows")) or []):
            p: Path_ = (*path, "rows", i)
            rm = self.r.mapping(
                item, p, Bi("einer Matrixzeile", "a matrix row"), ROW_KEYS, REQUIRED["row"]
            )
            if rm is None:
                continue
            rid = self.r.ident(rm["id"], (*p, "id")) if "id" in rm else None
            self.unique(seen, rid, (*p, "id"))
            label = self.text(rm, "label", p)
            if rid and label:
                out.append(Row(rid, label))
        return tuple(out)

    def scale_labels(
        self, value: Any, path: Path_, lo: float | None, hi: float | None
    ) -> tuple[tuple[int, dict], ...]:
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.r.wrong_type(
                value, path, Bi("eine Zuordnung Wert → Text", "a mapping value → text")
            )
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
        out = []
        for i, item in enumerate(self.r.seq(value, path) or []):
            p: Path_ = (*path, i)
            bm = self.r.mapping(
                item,
                p,
                Bi("einer Punktespanne", "a points band"),
                BAND_KEYS,
                REQUIRED["band"],
            )
            if bm is None or "points" not in bm:
                continue
            lo = self.r.number(bm["min"], (*p, "min")) if "min" in bm else float("-inf")
            hi = self.r.number(bm["max"], (*p, "max")) if "max" in bm else float("inf")
            pts = self.r.number(bm["points"], (*p, "points"), minimum=0, maximum=MAX_POINTS)
            self.bad_points |= pts is None
            if lo is not None and hi is not None and pts is not None:
                out.append(Band(float(lo), float(hi), float(pts)))
        return tuple(out)

    # -- cross references -------------------------------------------------------------
    def check_conditions(self, qmap: dict[str, Question]) -> None:
        order = {qid: i for i, qid in enumerate(self.question_ids)}
        kinds = {q.id: (q.type, frozenset(q.option_map)) for q in qmap.values()}
        for qid in order:
            kinds.setdefault(qid, ("?", frozenset()))
        for owner, cond, path in self.conditions:
            check_condition(self.r, cond, path, owner, order, kinds)

    def check_relevance(self, qmap: dict[str, Question]) -> None:
        order = {qid: i for i, qid in enumerate(self.question_ids)}
        for owner, ref, path in self.relevance:
            problem = None
            if ref not in order:
                problem = Bi("die es nicht gibt", "which does not exist")
            elif order[ref] >= order[owner]:
                problem = Bi("die nicht vorher kommt", "which does not come earlier")
            elif ref in qmap and qmap[ref].top_points <= 0 and qmap[ref].type != "scale":
                problem = Bi("die keine Punkte vergibt", "which gives no points")
            if problem is not None:
                self.r.add("REL_001", path, question=owner, ref=ref, problem=problem)

    def signals(self, value: Any, qmap: dict[str, Question]) -> tuple[Signal, ...]:
        from ki_check.advice.content import load_ai_act, load_barriers

        refs = {
            "barrier": tuple(load_barriers()),
            "ai_act": tuple(i.id for i in load_ai_act().items),
            "fact": tuple(FACTS),
        }
        order = {qid: i for i, qid in enumerate(self.question_ids)}
        kinds = {q.id: (q.type, frozenset(q.option_map)) for q in qmap.values()}
        for qid in order:
            kinds.setdefault(qid, ("?", frozenset()))
        order["__end__"] = len(order)  # signals are read after every question
        out = []
        seen: dict[str, Path_] = {}
        for i, item in enumerate(self.r.seq(value, ("signals",), nonempty=False) or []):
            path: Path_ = ("signals", i)
            m = self.r.mapping(
                item,
                path,
                Bi("einem Signal", "a signal"),
                SIGNAL_KEYS,
                REQUIRED["signal"],
            )
            if m is None or any(k not in m for k in ("id", "kind", "ref", "when")):
                continue
            sid = self.r.ident(m["id"], (*path, "id"))
            self.unique(seen, sid, (*path, "id"))
            kind = self.r.choice(m["kind"], (*path, "kind"), SIGNAL_KINDS)
            ref = self.r.string(m["ref"], (*path, "ref"))
            level = self.r.choice(m["level"], (*path, "level"), LEVELS) if "level" in m else None
            when = parse_condition(self.r, m["when"], (*path, "when"))
            if when is not None:
                check_condition(self.r, when, (*path, "when"), "__end__", order, kinds)
            if kind and ref and ref not in refs[kind]:
                self.r.add(
                    "SIGNAL_001",
                    (*path, "ref"),
                    id=sid,
                    ref=ref,
                    kind=kind,
                    allowed=join_ids(refs[kind]),
                    suggestion=suggest(ref, refs[kind]),
                )
                continue
            if kind == "ai_act" and "level" not in m:
                self.r.add(
                    "SIGNAL_002", path, id=sid, problem=Bi("'level' fehlt", "'level' is missing")
                )
                continue
            if kind in ("barrier", "fact") and "level" in m:
                self.r.add(
                    "SIGNAL_002",
                    (*path, "level"),
                    id=sid,
                    problem=Bi("'level' gilt nur für ai_act", "'level' is for ai_act only"),
                )
                continue
            if sid and kind and ref and when is not None:
                out.append(Signal(sid, kind, ref, when, level))
        return tuple(out)

    def stages(self, value: Any) -> tuple[Stage, ...]:
        out: list[Stage] = []
        seen: dict[str, Path_] = {}
        items = self.r.seq(value, ("stages",)) or []
        for i, item in enumerate(items):
            path: Path_ = ("stages", i)
            m = self.r.mapping(
                item,
                path,
                Bi("einer Stufe", "a stage"),
                STAGE_KEYS,
                REQUIRED["stage"],
            )
            if m is None:
                continue
            sid = self.r.ident(m["id"], (*path, "id")) if "id" in m else None
            self.unique(seen, sid, (*path, "id"))
            label = self.text(m, "label", path)
            description = self.text(m, "description", path)
            lo = (
                self.r.number(m["min"], (*path, "min"), minimum=0, maximum=100)
                if "min" in m
                else None
            )
            hi = (
                self.r.number(m["max"], (*path, "max"), minimum=0, maximum=100)
                if "max" in m
                else None
            )
            readiness = (
                self.r.choice(m["readiness"], (*path, "readiness"), READINESS)
                if "readiness" in m
                else None
            )
            if lo is not None and hi is not None and lo >= hi:
                self.r.add("STAGE_003", (*path, "min"), id=sid or i, min=lo, max=hi)
                continue
            if sid and label and lo is not None and hi is not None and readiness:
                out.append(Stage(sid, label, float(lo), float(hi), readiness, description))  # type: ignore[arg-type]
        if len(out) != len(items):
            return ()
        if out and out[0].min != 0:
            self.r.add(
                "STAGE_001",
                ("stages", 0, "min"),
                problem=Bi(
                    f"die erste Stufe beginnt bei {_num(out[0].min)}",
                    f"the first stage starts at {_num(out[0].min)}",
                ),
            )
        if out and out[-1].max != 100:
            self.r.add(
                "STAGE_001",
                ("stages", len(out) - 1, "max"),
                problem=Bi(
                    f"die letzte Stufe endet bei {_num(out[-1].max)}",
                    f"the last stage ends at {_num(out[-1].max)}",
                ),
            )
        for i, (a, b) in enumerate(pairwise(out)):
            if a.max != b.min:
                kind = (
                    Bi("eine Lücke", "a gap")
                    if b.min > a.max
                    else Bi("eine Überschneidung", "an overlap")
                )
                self.r.add(
                    "STAGE_002",
                    ("stages", i + 1, "min"),
                    a=a.id,
                    b=b.id,
                    a_max=_num(a.max),
                    b_min=_num(b.min),
                    kind=kind,
                )
        return tuple(out)

    def adoption(self, value: Any, qmap: dict[str, Question]) -> Adoption | None:
        path: Path_ = ("adoption",)
        m = self.r.mapping(
            value,
            path,
            Bi("'adoption'", "'adoption'"),
            ADOPTION_KEYS,
            REQUIRED["adoption"],
        )
        if m is None or "question" not in m or "adopter_options" not in m:
            return None
        ref = self.r.string(m["question"], (*path, "question"))
        opts = self.r.seq(m["adopter_options"], (*path, "adopter_options")) or []
        if ref is None:
            return None
        q = qmap.get(ref)
        if q is None:
            self.r.add(
                "ADOPT_001",
                (*path, "question"),
                ref=ref,
                problem=Bi("gibt es nicht", "does not exist"),
            )
            return None
        if q.type not in CHOICE_TYPES or q.type == "multiple_choice":
            self.r.add(
                "ADOPT_001",
                (*path, "question"),
                ref=ref,
                problem=Bi(f"hat den Typ {q.type}", f"has type {q.type}"),
            )
            return None
        chosen = set()
        for i, o in enumerate(opts):
            oid = self.r.string(o, (*path, "adopter_options", i))
            if oid is None:
                continue
            if oid not in q.option_map:
                self.r.add(
                    "COND_003",
                    (*path, "adopter_options", i),
                    ref=ref,
                    option=oid,
                    allowed=join_ids(q.option_map),
                    suggestion=suggest(oid, q.option_map),
                )
            chosen.add(oid)
        return Adoption(ref, frozenset(chosen))

    def recommendations(
        self, value: Any, dimensions: tuple[Dimension, ...]
    ) -> tuple[RangeRecommendation, ...]:
        if value is None:
            return ()
        dims = [d.id for d in dimensions]
        out = []
        seen: dict[str, Path_] = {}
        for i, item in enumerate(self.r.seq(value, ("recommendations",), nonempty=False) or []):
            path: Path_ = ("recommendations", i)
            m = self.r.mapping(
                item,
                path,
                Bi("einer Empfehlung", "a recommendation"),
                RECOMMENDATION_KEYS,
                REQUIRED["recommendation"],
            )
            if m is None:
                continue
            rid = self.r.ident(m["id"], (*path, "id")) if "id" in m else None
            self.unique(seen, rid, (*path, "id"))
            dim = None
            if "dimension" in m:
                dim = self.r.string(m["dimension"], (*path, "dimension"))
                if dim is not None and dim not in dims:
                    self.r.add(
                        "REC_001",
                        (*path, "dimension"),
                        ref=dim,
                        allowed=join_ids(dims),
                        suggestion=suggest(dim, dims),
                    )
            lo = (
                self.r.number(m["min"], (*path, "min"), minimum=0, maximum=100)
                if "min" in m
                else None
            )
            hi = (
                self.r.number(m["max"], (*path, "max"), minimum=0, maximum=100)
                if "max" in m
                else None
            )
            if lo is not None and hi is not None and lo >= hi:
                self.r.add("STAGE_003", (*path, "min"), id=rid or i, min=lo, max=hi)
                continue
            text = self.text(m, "text", path)
            if rid and text and lo is not None and hi is not None:
                out.append(RangeRecommendation(rid, dim, float(lo), float(hi), text))
        return tuple(out)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
