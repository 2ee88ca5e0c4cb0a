"""Reading a questionnaire's YAML into the model, collecting every finding on the way.

:func:`build_questionnaire` is the one entry point; :mod:`ki_check.questionnaire.load`
finds files and decides what a finding means for the caller. This module reads the
questionnaire's own parts (sources, choice lists, dimensions, stages, signals,
adoption, recommendations, scoring rules) and checks what spans the file: skip
conditions and relevance references against the questions before them, stages that
cover 0–100 without gap or overlap, signals against the catalogues. One question is
read by :mod:`ki_check.questionnaire.question`; the key tables are in
:mod:`ki_check.questionnaire.keys`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ki_check.diagnostics import Bi, Issue, has_errors, join_ids, suggest
from ki_check.i18n import LANGUAGES
from ki_check.questionnaire.checks import (
    check_conditions,
    check_relevance,
    check_signal_ref,
    check_stage_coverage,
    question_order,
    signal_refs,
)
from ki_check.questionnaire.conditions import check_condition, parse_condition
from ki_check.questionnaire.keys import (
    ADOPTION_KEYS,
    DIMENSION_KEYS,
    RECOMMENDATION_KEYS,
    REQUIRED,
    SCORING_KEYS,
    SIGNAL_KEYS,
    SOURCE_KEYS,
    STAGE_KEYS,
    TOP_KEYS,
)
from ki_check.questionnaire.model import (
    CHOICE_TYPES,
    LEVELS,
    READINESS,
    ROUNDINGS,
    SIGNAL_KINDS,
    TOPICS,
    UNANSWERED_RULES,
    Adoption,
    Dimension,
    Option,
    Question,
    Questionnaire,
    RangeRecommendation,
    ScoringRules,
    Signal,
    Source,
    Stage,
)
from ki_check.questionnaire.question import Part, QuestionReader
from ki_check.util.readers import SLUG_RE, Path_, Reader
from ki_check.util.yamlsrc import YamlDoc, kind_of

_Q = Bi("dem Fragebogen", "the questionnaire")
_DIMENSION = Part(Bi("einer Dimension", "a dimension"), DIMENSION_KEYS, REQUIRED["dimension"])
_STAGE = Part(Bi("einer Stufe", "a stage"), STAGE_KEYS, REQUIRED["stage"])
_SIGNAL = Part(Bi("einem Signal", "a signal"), SIGNAL_KEYS, REQUIRED["signal"])
_RECOMMENDATION = Part(
    Bi("einer Empfehlung", "a recommendation"), RECOMMENDATION_KEYS, REQUIRED["recommendation"]
)


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
        self.q = QuestionReader(self.r, self.default_lang)
        self.text = self.q.text

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
        check_conditions(self.r, self.q, qmap)
        check_relevance(self.r, self.q, qmap)
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
            lists[name] = self.q.options(options, path)
        return lists

    # -- dimensions and questions ---------------------------------------------------
    def dimensions(self, value: Any, lists: dict[str, tuple[Option, ...]]) -> tuple[Dimension, ...]:
        out: list[Dimension] = []
        index = 0
        for _, path, m, did, label in self.q.entries(value, ("dimensions",), _DIMENSION):
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
                q = self.q.question(qv, (*path, "questions", j), did or "?", index, lists)
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

    def signals(self, value: Any, qmap: dict[str, Question]) -> tuple[Signal, ...]:
        refs = signal_refs()
        order, kinds = question_order(self.q, qmap)
        order["__end__"] = len(order)  # signals are read after every question
        out = []
        entries = self.q.entries(
            value, ("signals",), _SIGNAL, nonempty=False, needs=_SIGNAL.required, label=None
        )
        for _, path, m, sid, _ in entries:
            kind = self.r.choice(m["kind"], (*path, "kind"), SIGNAL_KINDS)
            ref = self.r.string(m["ref"], (*path, "ref"))
            level = self.r.choice(m["level"], (*path, "level"), LEVELS) if "level" in m else None
            when = parse_condition(self.r, m["when"], (*path, "when"))
            if when is not None:
                check_condition(self.r, when, (*path, "when"), "__end__", order, kinds)
            if not check_signal_ref(self.r, m, path, sid, kind, ref, refs):
                continue
            if sid and kind and ref and when is not None:
                out.append(Signal(sid, kind, ref, when, level))
        return tuple(out)

    def stages(self, value: Any) -> tuple[Stage, ...]:
        out: list[Stage] = []
        for i, path, m, sid, label in self.q.entries(value, ("stages",), _STAGE):
            description = self.text(m, "description", path)
            lo, hi = self.points_range(m, path)
            readiness = (
                self.r.choice(m["readiness"], (*path, "readiness"), READINESS)
                if "readiness" in m
                else None
            )
            if not self.ordered(lo, hi, path, sid or i):
                continue
            if sid and label and lo is not None and hi is not None and readiness:
                out.append(Stage(sid, label, float(lo), float(hi), readiness, description))  # type: ignore[arg-type]
        if len(out) != (len(value) if isinstance(value, list) else 0):
            return ()  # a stage that cannot be read leaves a gap: no coverage check
        check_stage_coverage(self.r, out)
        return tuple(out)

    def points_range(self, m: dict[str, Any], path: Path_) -> tuple[float | None, float | None]:
        """A stage's or recommendation's ``min`` and ``max`` points, each within 0–100
        (``None`` where absent or refused)."""
        lo = self.r.number(m["min"], (*path, "min"), minimum=0, maximum=100) if "min" in m else None
        hi = self.r.number(m["max"], (*path, "max"), minimum=0, maximum=100) if "max" in m else None
        return lo, hi

    def ordered(self, lo: float | None, hi: float | None, path: Path_, ident: str | int) -> bool:
        """False, with ``STAGE_003``, when both ends are given and ``min`` is not below ``max``."""
        if lo is not None and hi is not None and lo >= hi:
            self.r.add("STAGE_003", (*path, "min"), id=ident, min=lo, max=hi)
            return False
        return True

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
        entries = self.q.entries(
            value, ("recommendations",), _RECOMMENDATION, nonempty=False, label=None
        )
        for i, path, m, rid, _ in entries:
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
            lo, hi = self.points_range(m, path)
            if not self.ordered(lo, hi, path, rid or i):
                continue
            text = self.text(m, "text", path)
            if rid and text and lo is not None and hi is not None:
                out.append(RangeRecommendation(rid, dim, float(lo), float(hi), text))
        return tuple(out)
