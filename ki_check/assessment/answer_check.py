"""Checking an answer file against its questionnaire, every finding with its place.

:func:`check` is what :func:`ki_check.assessment.answers.check_answers` runs: the
file's shape, the reference to the questionnaire, the company profile, the
interview, each answer against its question (options, rows, ranges, German
number formats) and the notes; then hidden and missing required answers.
The model it fills is in :mod:`ki_check.assessment.answers`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from ki_check.assessment.answers import (
    COMPANY_FILE_KEYS,
    INTERVIEW_KEYS,
    STATUSES,
    TOP_KEYS,
    Answer,
    AnswerFile,
    Company,
    Interview,
)
from ki_check.assessment.profile import FIGURE_LABELS, SECTORS, STATES
from ki_check.diagnostics import Bi, Issue, clip, join_ids, suggest
from ki_check.i18n import LANGUAGES, tr
from ki_check.limits import MAX_EMPLOYEES, MAX_EUR, MAX_NUMBER, MAX_REF_CHARS
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT, SPECIAL, visible
from ki_check.questionnaire.model import Question, Questionnaire
from ki_check.util.readers import Path_, Reader
from ki_check.util.yamlsrc import YamlDoc, describe, found_as, kind_of


def check(doc: YamlDoc, q: Questionnaire, *, today: dt.date | None = None) -> AnswerFile | None:
    """Check a parsed answer file against ``q``; findings go to ``doc.issues``.

    Returns the answer file, or ``None`` when the document is no mapping at all.
    """
    if doc.data is None and doc.issues:
        return None
    if not isinstance(doc.data, dict):
        doc.issues.append(Issue("YAML_003", doc.file, 1, 1, {"found": kind_of(doc.data)}))
        return None
    return _Checker(doc, q, today or dt.date.today()).check()


class _Checker:
    def __init__(self, doc: YamlDoc, q: Questionnaire, today: dt.date) -> None:
        self.doc = doc
        self.q = q
        self.r = Reader(doc)
        self.today = today

    def check(self) -> AnswerFile | None:
        r = self.r
        m = r.mapping(
            self.doc.data,
            (),
            Bi("der Antwortdatei", "the answer file"),
            TOP_KEYS,
            ("questionnaire",),
        )
        assert m is not None
        ref = self.ref(m.get("questionnaire"))
        company = self.company(m.get("company"))
        interview = self.interview(m.get("interview"))
        answers = self.answers(m.get("answers"))
        notes = self.notes(m.get("notes"))
        if ref is None:
            return None
        af = AnswerFile(ref, company, interview, answers, notes)
        self.warn_hidden_and_missing(af)
        af.warnings = [i for i in self.doc.issues if i.severity == "warning"]
        return af

    # -- questionnaire reference ----------------------------------------------------
    def ref(self, value: Any) -> str | None:
        if value is None:
            return None
        ref = self.r.string(value, ("questionnaire",))
        if ref is None:
            return None
        if len(ref) > MAX_REF_CHARS:
            problem = Bi(
                f"das mit {len(ref)} Zeichen länger als erlaubt ({MAX_REF_CHARS}) ist",
                f"which at {len(ref)} characters is longer than allowed ({MAX_REF_CHARS})",
            )
            self.r.add("ANS_022", ("questionnaire",), ref=clip(ref), problem=problem)
            return None
        qid, _, version = ref.partition("@")
        if qid.endswith((".yaml", ".yml")):
            return ref
        if qid != self.q.id:
            self.r.add("ANS_001", ("questionnaire",), found=clip(qid), expected=self.q.id)
            return None
        if version and version != self.q.version:
            self.r.add(
                "ANS_002",
                ("questionnaire",),
                id=qid,
                found=clip(version),
                expected=self.q.version,
            )
            return None
        return ref

    # -- company profile --------------------------------------------------------------
    def company(self, value: Any) -> Company:
        c = Company()
        if value is None:
            return c
        path: Path_ = ("company",)
        m = self.r.mapping(value, path, Bi("'company'", "'company'"), COMPANY_FILE_KEYS)
        if m is None:
            return c
        r = self.r
        if "name" in m:
            c.name = r.string(m["name"], (*path, "name")) or ""
        if m.get("id") is not None:
            c.id = (r.string(m["id"], (*path, "id")) or "").strip() or None
        if m.get("state") is not None:
            c.state = self.code(m["state"], (*path, "state"), STATES, "PROFILE_001")
        if m.get("sector") is not None:
            c.sector = self.code(m["sector"], (*path, "sector"), SECTORS, "PROFILE_002")
        if m.get("employees") is not None:
            n = self.amount(m["employees"], (*path, "employees"), integer=True)
            c.employees = int(n) if n is not None else None
        for key in ("turnover_eur", "balance_sheet_eur"):
            if m.get(key) is not None:
                setattr(c, key, self.amount(m[key], (*path, key), integer=False))
        if m.get("founded") is not None:
            year = m["founded"]
            ok = isinstance(year, int) and not isinstance(year, bool)
            if not ok or not 1000 <= year <= self.today.year:
                self.r.add(
                    "PROFILE_004", (*path, "founded"), value=describe(year), max=self.today.year
                )
            else:
                c.founded = year
        for key in ("startup", "university_spinoff"):
            if m.get(key) is not None:
                setattr(c, key, r.boolean(m[key], (*path, key)))
        return c

    def code(self, value: Any, path: Path_, allowed: dict[str, Any], issue: str) -> str | None:
        s = self.r.string(value, path)
        if s is None:
            return None
        if s in allowed:
            return s
        by_name = {
            tr(name, lang).lower(): code for code, name in allowed.items() for lang in LANGUAGES
        }
        best = (
            s.upper()
            if s.upper() in allowed
            else by_name.get(s.strip().lower()) or suggest(s.upper(), allowed)
        )
        self.r.add(issue, path, value=s, allowed=" ".join(allowed), suggestion=best)
        return None

    def amount(self, value: Any, path: Path_, integer: bool) -> float | int | None:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
        if ok and integer and isinstance(value, float):
            ok = value.is_integer() or not math.isfinite(value)
        if not ok:
            example = _german_number_example(value) or ("42" if integer else "1500000")
            self.r.add(
                "PROFILE_003",
                path,
                field=_figure_label(path[-1]),
                expected=WHOLE_NUMBER if integer else AMOUNT,
                found=found_as(value),
                example=example,
            )
            return None
        limit = MAX_EMPLOYEES if integer else MAX_EUR
        if not value <= limit:  # also .inf and integers too long to compute with
            self.r.add(
                "PROFILE_005",
                path,
                field=path[-1],
                max=f"{limit:,.0f}".replace(",", "."),
                found=self.r.spelled(value, path),
                example="42" if integer else "1500000",
            )
            return None
        return int(value) if integer else value

    # -- interview metadata -----------------------------------------------------------
    def interview(self, value: Any) -> Interview:
        it = Interview()
        if value is None:
            return it
        path: Path_ = ("interview",)
        m = self.r.mapping(value, path, Bi("'interview'", "'interview'"), INTERVIEW_KEYS)
        if m is None:
            return it
        if m.get("advisor") is not None:
            it.advisor = self.r.string(m["advisor"], (*path, "advisor"))
        if m.get("date") is not None:
            it.date = self.date(m["date"], (*path, "date"))
        if "language" in m:
            it.language = self.r.choice(m["language"], (*path, "language"), LANGUAGES) or "de"
        if "status" in m:
            it.status = self.r.choice(m["status"], (*path, "status"), STATUSES) or "in_progress"
        if m.get("conclusion") is not None:
            text = self.r.string(m["conclusion"], (*path, "conclusion"))
            it.conclusion = text.strip() if text and text.strip() else None
        if m.get("follow_up") is not None:
            it.follow_up = self.date(m["follow_up"], (*path, "follow_up"))
            if it.follow_up and it.date and it.follow_up < it.date:
                self.r.add("ANS_020", (*path, "follow_up"), follow_up=it.follow_up, date=it.date)
        return it

    def date(self, value: Any, path: Path_) -> str | None:
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                pass
        self.r.wrong_type(value, path, Bi("ein Datum JJJJ-MM-TT", "a date YYYY-MM-DD"))
        return None

    # -- answers --------------------------------------------------------------------
    def answers(self, value: Any) -> dict[str, Answer]:
        out: dict[str, Answer] = {}
        if value is None:
            return out
        if not isinstance(value, dict):
            self.r.wrong_type(
                value,
                ("answers",),
                Bi("eine Zuordnung Frage → Antwort", "a mapping question → answer"),
            )
            return out
        for qid, raw in value.items():
            path: Path_ = ("answers", qid)
            question = self.q.question(qid)
            if question is None:
                self.r.add(
                    "ANS_010",
                    path,
                    at_key=True,
                    id=qid,
                    questionnaire=self.q.id,
                    suggestion=suggest(qid, self.q.question_map),
                )
                continue
            if raw is None:
                continue  # an empty entry means "not answered yet"
            checked = self.answer(question, raw, path)
            if checked is not None:
                out[qid] = checked
        return out

    def answer(self, q: Question, raw: Any, path: Path_) -> Answer | None:
        if raw == DONT_KNOW:
            return DONT_KNOW
        if raw == NOT_RELEVANT:
            if not q.allow_not_relevant:
                self.r.add("ANS_013", path, question=q.id)
                return None
            return NOT_RELEVANT
        if q.type in ("single_choice", "yes_no"):
            if q.type == "yes_no" and isinstance(raw, bool):
                raw = "ja" if raw else "nein"
            return self.option(q, raw, path)
        if q.type == "multiple_choice":
            return self.options(q, raw, path)
        if q.type == "matrix":
            return self.matrix(q, raw, path)
        if q.type in ("scale", "number"):
            return self.numeric(q, raw, path)
        if isinstance(raw, str):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            # a number where a text belongs: keep it as it was written (5,000 digits too)
            return self.doc.raw(path) or str(raw)
        self.mismatch(q, raw, path, Bi("einen Text", "a text"), "text")
        return None

    def mismatch(
        self,
        q: Question,
        raw: Any,
        path: Path_,
        expected: Bi,
        allowed: str,
        label: str | None = None,
    ) -> None:
        extra = ", dont_know" + (", not_relevant" if q.allow_not_relevant else "")
        self.r.add(
            "ANS_012",
            path,
            question=label or q.id,
            type=q.type,
            expected=expected,
            found=describe(raw),
            allowed=allowed + extra,
        )

    def option(self, q: Question, raw: Any, path: Path_, label: str | None = None) -> str | None:
        if not isinstance(raw, str):
            expected = Bi("eine Option", "an option id")
            self.mismatch(q, raw, path, expected, join_ids(q.option_map), label)
            return None
        if raw not in q.option_map:
            extra = ["dont_know"] + (["not_relevant"] if q.allow_not_relevant else [])
            self.r.add(
                "ANS_011",
                path,
                question=label or q.id,
                value=raw,
                allowed=join_ids([*q.option_map, *extra]),
                suggestion=suggest(raw, q.option_map),
            )
            return None
        return raw

    def options(self, q: Question, raw: Any, path: Path_) -> list[str] | None:
        items = raw if isinstance(raw, list) else [raw]
        if not all(isinstance(v, str) for v in items):
            self.mismatch(
                q,
                raw,
                path,
                Bi("eine Liste von Optionen", "a list of option ids"),
                join_ids(q.option_map),
            )
            return None
        chosen = [
            self.option(q, v, (*path, i) if isinstance(raw, list) else path)
            for i, v in enumerate(items)
        ]
        if any(c is None for c in chosen):
            return None
        for opt in q.options:
            if opt.exclusive and opt.id in chosen and len(set(chosen)) > 1:
                self.r.add("ANS_016", path, option=opt.id, question=q.id)
                return None
        return list(dict.fromkeys(c for c in chosen if c is not None))

    def matrix(self, q: Question, raw: Any, path: Path_) -> dict[str, str] | None:
        if not isinstance(raw, dict):
            row_ids = join_ids(row.id for row in q.rows)
            self.mismatch(
                q, raw, path, Bi("eine Zuordnung Zeile → Option", "a mapping row → option"), row_ids
            )
            return None
        rows = {row.id for row in q.rows}
        out: dict[str, str] = {}
        ok = True
        for rid, value in raw.items():
            p: Path_ = (*path, rid)
            if rid not in rows:
                self.r.add(
                    "ANS_015",
                    p,
                    at_key=True,
                    question=q.id,
                    row=rid,
                    allowed=join_ids(row.id for row in q.rows),
                    suggestion=suggest(rid, rows),
                )
                ok = False
                continue
            if value is None:
                continue
            if isinstance(value, str) and value in SPECIAL:
                if value == NOT_RELEVANT and not q.allow_not_relevant:
                    self.r.add("ANS_013", p, question=f"{q.id}.{rid}")
                    ok = False
                    continue
                out[rid] = value
                continue
            checked = self.option(q, value, p, label=f"{q.id}.{rid}")
            if checked is None:
                ok = False
            else:
                out[rid] = checked
        return out if ok else None

    def numeric(self, q: Question, raw: Any, path: Path_) -> int | float | None:
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            hint = _german_number_example(raw)
            allowed = hint or (f"{_fmt(q.min)}–{_fmt(q.max)}" if q.min is not None else "0, 1, 2.5")
            expected = (
                Bi("eine ganze Zahl", "a whole number")
                if (q.type == "scale" or q.integer)
                else Bi("eine Zahl", "a number")
            )
            self.mismatch(q, raw, path, expected, allowed)
            return None
        number: int | float = raw  # a typed name: rebinding `raw` (Any) would forget it
        lo = q.min if q.min is not None else -MAX_NUMBER
        hi = q.max if q.max is not None else MAX_NUMBER
        if not math.isfinite(number) or abs(number) > MAX_NUMBER:
            self.r.add(
                "ANS_021",
                path,
                value=self.r.spelled(number, path),
                question=q.id,
                min=_fmt(lo),
                max=_fmt(hi),
            )
            return None
        if (q.type == "scale" or q.integer) and isinstance(number, float):
            if not number.is_integer():
                self.mismatch(
                    q, number, path, Bi("eine ganze Zahl", "a whole number"), str(round(number))
                )
                return None
            number = int(number)
        if (q.min is not None and number < q.min) or (q.max is not None and number > q.max):
            self.r.add(
                "ANS_014", path, value=number, question=q.id, min=_fmt(q.min), max=_fmt(q.max)
            )
            return None
        return number

    # -- notes, hidden answers, missing required ones -----------------------------------
    def notes(self, value: Any) -> dict[str, str]:
        out: dict[str, str] = {}
        if value is None:
            return out
        if not isinstance(value, dict):
            self.r.wrong_type(
                value, ("notes",), Bi("eine Zuordnung Frage → Notiz", "a mapping question → note")
            )
            return out
        for qid, text in value.items():
            path: Path_ = ("notes", qid)
            if qid not in self.q.question_map:
                self.r.add(
                    "ANS_019",
                    path,
                    at_key=True,
                    id=qid,
                    suggestion=suggest(qid, self.q.question_map),
                )
                continue
            if text is None:
                continue
            s = text if isinstance(text, str) else self.r.string(text, path)
            if s is not None:
                out[qid] = s
        return out

    def warn_hidden_and_missing(self, af: AnswerFile) -> None:
        shown = visible(self.q.questions, af.answers)
        for qid in af.answers:
            if qid not in shown:
                self.r.add("ANS_017", ("answers", qid), at_key=True, question=qid)
        if af.interview.status == "complete":
            for qid, value in shown.items():
                if value is None and self.q.question_map[qid].required:
                    self.r.add("ANS_018", ("answers",), at_key=True, question=qid)


def _fmt(x: float | None) -> str:
    if x is None:
        return "…"
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e9 else f"{x:g}"


_GERMAN_NUMBER = re.compile(r"^\s*\d{1,3}(\.\d{3})+(,\d+)?\s*(€|EUR)?\s*$|^\s*\d+,\d+\s*$")


def _german_number_example(value: Any) -> str | None:
    """``1500000`` for ``"1.500.000"``: the fix for German-formatted numbers in YAML."""
    if not isinstance(value, str) or not _GERMAN_NUMBER.match(value):
        return None
    s = value.replace("€", "").replace("EUR", "").strip().replace(".", "").replace(",", ".")
    try:
        n = float(s)
    except ValueError:
        return None
    return str(int(n)) if n.is_integer() else str(n)


WHOLE_NUMBER = Bi("eine ganze Zahl ≥ 0", "a whole number ≥ 0")
AMOUNT = Bi("ein Betrag ≥ 0", "an amount ≥ 0")


def _figure_label(key: str | int) -> Bi | str:
    """The German and English label of a profile figure (``employees`` → Beschäftigte)."""
    label = FIGURE_LABELS.get(str(key))
    return Bi(label["de"], label["en"]) if label else str(key)
