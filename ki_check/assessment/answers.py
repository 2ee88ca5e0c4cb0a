"""Answer files: one YAML file per company, checked against its questionnaire.

Top-level keys, exactly these::

    questionnaire: kmu-basis@2.1        # id, optionally @version
    company:   {name, id, state, employees, turnover_eur, balance_sheet_eur,
                founded, sector, startup, university_spinoff}
    interview: {advisor, date, language, status,   # status: in_progress | complete
                conclusion, follow_up}             # the advisor's word, re-check date
    answers:   {question id: option id | [option ids] | number | text
                | dont_know | not_relevant | {row id: option id}}
    notes:     {question id: text}

:func:`load_answers` raises :class:`~ki_check.errors.ValidationError` listing
every problem with file and line; :func:`save_answers` writes atomically. This
module holds the model and reading and writing; the checks against the
questionnaire are in :mod:`ki_check.assessment.answer_check`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ki_check.diagnostics import Bi, Issue, clip, has_errors, join_ids
from ki_check.errors import NotFoundError, ValidationError
from ki_check.limits import MAX_REF_CHARS
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import Questionnaire
from ki_check.util.readers import Reader
from ki_check.util.resources import bundled_questionnaires
from ki_check.util.yamlsrc import YamlDoc, kind_of, load_yaml

TOP_KEYS = ("questionnaire", "company", "interview", "answers", "notes")
COMPANY_KEYS = (
    "name",
    "state",
    "employees",
    "turnover_eur",
    "balance_sheet_eur",
    "founded",
    "sector",
    "startup",
    "university_spinoff",
)
# ``company.id`` (member, register or client number) is optional and not asked in the
# interview; the archive recognises a company by it (else by name and Bundesland).
COMPANY_FILE_KEYS = ("name", "id", *COMPANY_KEYS[1:])
INTERVIEW_KEYS = ("advisor", "date", "language", "status", "conclusion", "follow_up")
STATUSES = ("in_progress", "complete")

Answer = str | int | float | list[str] | dict[str, str]


@dataclass
class Company:
    """The company profile; every field but the name may still be missing mid-interview."""

    name: str = ""
    id: str | None = None
    state: str | None = None
    employees: int | None = None
    turnover_eur: float | None = None
    balance_sheet_eur: float | None = None
    founded: int | None = None
    sector: str | None = None
    startup: bool | None = None
    university_spinoff: bool | None = None


@dataclass
class Interview:
    """Who asked, when, in which language, whether it is finished, and the advisor's word.

    ``conclusion`` is the advisor's assessment in their own words and ``follow_up``
    the date (``YYYY-MM-DD``) of the planned re-check; both are optional.
    """

    advisor: str | None = None
    date: str | None = None
    language: str = "de"
    status: str = "in_progress"
    conclusion: str | None = None
    follow_up: str | None = None


@dataclass
class AnswerFile:
    """One company's answers to one questionnaire."""

    questionnaire: str
    company: Company = field(default_factory=Company)
    interview: Interview = field(default_factory=Interview)
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    path: Path | None = None
    warnings: list[Issue] = field(default_factory=list)

    def to_data(self) -> dict[str, Any]:
        """Plain data in the file's key order (for YAML and JSON)."""
        company = {k: getattr(self.company, k) for k in COMPANY_FILE_KEYS}
        interview = {k: getattr(self.interview, k) for k in INTERVIEW_KEYS}
        return {
            "questionnaire": self.questionnaire,
            "company": {k: v for k, v in company.items() if v is not None},
            "interview": {k: v for k, v in interview.items() if v is not None},
            "answers": dict(self.answers),
            "notes": dict(self.notes),
        }


def questionnaire_ref(doc: YamlDoc) -> str | None:
    """The ``questionnaire:`` value of a parsed answer file, if it is a text."""
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    return ref if isinstance(ref, str) else None


def load_answers(
    path: str | Path,
    questionnaire: Questionnaire | None = None,
    *,
    today: dt.date | None = None,
) -> AnswerFile:
    """Load an answer file and check it against ``questionnaire``.

    Without a questionnaire, the bundled one named in the file is used (or
    the file it names, relative to the answer file). Raises
    :class:`~ki_check.errors.ValidationError` with every error; warnings are
    kept in :attr:`AnswerFile.warnings`.
    """
    return open_answers(path, questionnaire, today=today)[1]


def open_answers(
    path: str | Path,
    questionnaire: Questionnaire | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[Questionnaire, AnswerFile]:
    """Like :func:`load_answers`, also returning the questionnaire that was used."""
    doc = load_yaml(path)
    if questionnaire is None:
        questionnaire = questionnaire_for(doc, Path(path))
    af = check_answers(doc, questionnaire, today=today)
    if af is None or has_errors(doc.issues):
        raise ValidationError(sorted(doc.issues, key=_order))
    af.path = Path(path)
    return questionnaire, af


def questionnaire_for(doc: YamlDoc, answers_path: Path) -> Questionnaire:
    """The questionnaire an answer file names (bundled id, or a ``.yaml`` path beside the file).

    Raises :class:`~ki_check.errors.ValidationError` positioned at ``questionnaire:``
    when it names nothing usable. A file that is not a questionnaire is named, never
    quoted: an answer file must not make ki-check print the content of a local file.
    """
    ref = questionnaire_ref(doc)
    if ref is None:
        if doc.issues:
            raise ValidationError(doc.issues)
        r = Reader(doc)
        if not isinstance(doc.data, dict):
            doc.issues.append(Issue("YAML_003", doc.file, 1, 1, {"found": kind_of(doc.data)}))
        elif "questionnaire" not in doc.data:
            r.add(
                "KEY_002", (), key="questionnaire", where=Bi("der Antwortdatei", "the answer file")
            )
        else:
            r.string(doc.data["questionnaire"], ("questionnaire",))
        raise ValidationError(doc.issues)
    if len(ref) > MAX_REF_CHARS:
        problem = Bi(
            f"das mit {len(ref)} Zeichen länger als erlaubt ({MAX_REF_CHARS}) ist",
            f"which at {len(ref)} characters is longer than allowed ({MAX_REF_CHARS})",
        )
        raise ValidationError([_bad_ref(doc, ref, problem)])
    qid = ref.split("@", 1)[0]
    if qid.endswith((".yaml", ".yml")):
        return _questionnaire_file(doc, ref, answers_path.parent / qid)
    bundled = bundled_questionnaires()
    if qid not in bundled:
        if any(c in qid for c in "/\\") or qid.startswith("."):
            problem = Bi(
                "keine Fragebogen-Datei (.yaml) und kein gebündelter Fragebogen",
                "neither a questionnaire file (.yaml) nor a bundled questionnaire",
            )
            raise ValidationError([_bad_ref(doc, ref, problem)])
        issue = doc.issue(
            "ANS_003",
            ("questionnaire",),
            questionnaire=clip(qid),
            allowed=join_ids(bundled),
        )
        raise ValidationError([issue])
    return load_questionnaire(bundled[qid])


def _questionnaire_file(doc: YamlDoc, ref: str, path: Path) -> Questionnaire:
    """The questionnaire file an answer file names; its findings only if it is one."""
    try:
        return load_questionnaire(path)
    except NotFoundError:
        problem = Bi("die es nicht gibt", "which does not exist")
    except ValidationError:
        if _looks_like_questionnaire(path):
            raise
        problem = Bi(
            f"die sich nicht als Fragebogen lesen lässt (prüfen: ki-check questionnaires"
            f" validate {path})",
            f"which cannot be read as a questionnaire (check: ki-check questionnaires"
            f" validate {path})",
        )
    raise ValidationError([_bad_ref(doc, ref, problem)]) from None


def _looks_like_questionnaire(path: Path) -> bool:
    data = load_yaml(path).data
    return isinstance(data, dict) and "id" in data and "dimensions" in data


def _bad_ref(doc: YamlDoc, ref: str, problem: Bi) -> Issue:
    return doc.issue("ANS_022", ("questionnaire",), ref=clip(ref), problem=problem)


def check_answers(
    doc: YamlDoc, q: Questionnaire, *, today: dt.date | None = None
) -> AnswerFile | None:
    """Check a parsed answer file against ``q``; findings go to ``doc.issues``.

    Returns the answer file (``None`` when its shape leaves nothing to check);
    :mod:`ki_check.assessment.answer_check` holds the checks.
    """
    from ki_check.assessment.answer_check import check

    return check(doc, q, today=today)


def _order(issue: Issue) -> tuple[int, int]:
    return (issue.line or 0, issue.col or 0)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """Writes texts of several lines (an advisor's conclusion) as readable blocks."""


def _text(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def dump_answers(af: AnswerFile) -> str:
    """The answer file as YAML text (stable key order, German umlauts kept)."""
    header = (
        "# ki-check Antwortdatei / answer file\n"
        "# Werte: Options-Kennung, Liste, Zahl, Text, dont_know oder not_relevant.\n"
    )
    body = yaml.dump(
        af.to_data(),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return header + body


def save_answers(af: AnswerFile, path: str | Path) -> None:
    """Write the answer file atomically: the old file or the new one, never half of one."""
    from ki_check.util.fsutil import atomic_write_text  # not loaded by reading commands

    atomic_write_text(Path(path), dump_answers(af))
