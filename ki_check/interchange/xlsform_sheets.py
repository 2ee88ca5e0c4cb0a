"""Writing a questionnaire's XLSForm: the ``survey``, ``choices`` and ``settings`` sheets.

:func:`xlsform_sheets` lays the sheets out as rows (pure); :func:`xlsform_bytes`
and :func:`write_xlsform` write the workbook with openpyxl, imported only
there. Labels, hints and guidance go into ``label::Deutsch (de)`` /
``label::English (en)`` columns; no text cell ever becomes a formula.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.assessment.profile import SECTORS, STATES
from ki_check.errors import OutputError
from ki_check.i18n import Text, tr
from ki_check.interchange.xlsform import (
    COMPANY_GROUP,
    PROFILE_LISTS,
    QUESTIONNAIRE_FIELD,
    FormField,
    XLSFormError,
    form_fields,
    num,
    relevant,
    scale_values,
    specials,
)
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT
from ki_check.questionnaire.model import Question, Questionnaire

LANGUAGE_NAMES = {"de": "Deutsch (de)", "en": "English (en)"}
SPECIAL_LABELS: dict[str, Text] = {
    DONT_KNOW: {"de": "Weiß nicht", "en": "Don't know"},
    NOT_RELEVANT: {"de": "Nicht relevant", "en": "Not relevant"},
}
PROFILE_LABELS: dict[str, Text] = {
    "name": {"de": "Name des Unternehmens", "en": "Company name"},
    "state": {"de": "Bundesland des Sitzes", "en": "German state of the head office"},
    "employees": {"de": "Beschäftigte (Personen)", "en": "Employees (people)"},
    "turnover_eur": {"de": "Jahresumsatz in Euro", "en": "Annual turnover in euros"},
    "balance_sheet_eur": {"de": "Bilanzsumme in Euro", "en": "Balance sheet total in euros"},
    "founded": {"de": "Gründungsjahr", "en": "Year founded"},
    "sector": {"de": "Branche (WZ 2008, Abschnitt)", "en": "Sector (WZ 2008 section)"},
    "startup": {"de": "Start-up?", "en": "Start-up?"},
    "university_spinoff": {
        "de": "Ausgründung aus einer Hochschule?",
        "en": "University spin-off?",
    },
}
PROFILE_GROUP_LABEL: Text = {"de": "Unternehmen", "en": "Company"}
YES_NO_LABELS: dict[str, Text] = {
    "ja": {"de": "Ja", "en": "Yes"},
    "nein": {"de": "Nein", "en": "No"},
}
REQUIRED_MESSAGE: Text = {
    "de": "Bitte beantworten – oder „Weiß nicht“ wählen.",
    "en": "Please answer – or choose “Don't know”.",
}
FOUNDED_MESSAGE: Text = {
    "de": "Bitte ein Jahr ab 1000 und nicht in der Zukunft.",
    "en": "Please a year from 1000 and not in the future.",
}
NOT_NEGATIVE_MESSAGE: Text = {"de": "Bitte eine Zahl ab 0.", "en": "Please a number from 0."}
NO_NUMBER_LABEL: Text = {"de": "Falls keine Zahl:", "en": "If there is no number:"}


# --- the sheets ------------------------------------------------------------------------------
class Sheets(NamedTuple):
    """The three sheets as header + rows of cell values."""

    survey: list[dict[str, str]]
    choices: list[dict[str, str]]
    settings: list[dict[str, str]]
    languages: tuple[str, ...]


def xlsform_sheets(q: Questionnaire) -> Sheets:
    """The ``survey``, ``choices`` and ``settings`` rows of ``q`` (pure; no openpyxl).

    Raises :class:`XLSFormError` for names or conditions XLSForm cannot take.
    """
    return _Layout(q).build()


class _Layout:
    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.langs = tuple(lang for lang in (q.default_language, *q.languages) if lang)
        self.langs = tuple(dict.fromkeys(lang for lang in self.langs if lang in LANGUAGE_NAMES))
        self.survey: list[dict[str, str]] = []
        self.choices: list[dict[str, str]] = []
        self.lists: set[str] = set()

    def texts(self, column: str, text: Text | None, suffix: str = "") -> dict[str, str]:
        if not text:
            return {}
        return {
            f"{column}::{LANGUAGE_NAMES[lang]}": _plain(tr(text, lang, self.q.default_language))
            + suffix
            for lang in self.langs
        }

    def add_list(self, name: str, items: list[tuple[str, Text]]) -> None:
        if name in self.lists:
            return
        self.lists.add(name)
        for choice, label in items:
            self.choices.append({"list_name": name, "name": choice, **self.texts("label", label)})

    def build(self) -> Sheets:
        q = self.q
        fields = form_fields(q)
        by_question: dict[str, list[FormField]] = {}
        for f in fields:
            if f.question:
                by_question.setdefault(f.question, []).append(f)
        self.survey += [
            {"type": "start", "name": "start"},
            {"type": "end", "name": "end"},
            {
                "type": "calculate",
                "name": QUESTIONNAIRE_FIELD,
                "calculation": _xpath_string(q.ref),
            },
        ]
        self.profile([f for f in fields if f.kind == "company"])
        for dim in q.dimensions:
            self.survey.append(
                {
                    "type": "begin_group",
                    "name": dim.id,
                    **self.texts("label", dim.label),
                    **self.texts("hint", dim.description),
                }
            )
            for question in dim.questions:
                self.question(question, by_question[question.id])
            self.survey.append({"type": "end_group", "name": dim.id})
        settings = {
            "form_title": tr(q.title, q.default_language),
            "form_id": q.id,
            "version": q.version,
            "default_language": LANGUAGE_NAMES[self.langs[0]],
            "instance_name": "${name}",
            "style": "pages",
        }
        return Sheets(self.survey, self.choices, [settings], self.langs)

    def profile(self, fields: list[FormField]) -> None:
        self.add_list(PROFILE_LISTS["state"], list(STATES.items()))
        self.add_list(
            PROFILE_LISTS["sector"],
            [(code, {k: f"{code} {v}" for k, v in name.items()}) for code, name in SECTORS.items()],
        )
        self.add_list(PROFILE_LISTS["bool"], list(YES_NO_LABELS.items()))
        self.survey.append(
            {
                "type": "begin_group",
                "name": COMPANY_GROUP,
                **self.texts("label", PROFILE_GROUP_LABEL),
            }
        )
        for f in fields:
            row = {"type": f.xls_type, "name": f.name, **self.texts("label", _profile_label(f))}
            if f.key == "name":
                row["required"] = "yes"
            elif f.key == "founded":
                row["constraint"] = ". >= 1000 and . <= format-date(today(), '%Y')"
                row.update(self.texts("constraint_message", FOUNDED_MESSAGE))
            elif f.xls_type in ("integer", "decimal"):
                row["constraint"] = ". >= 0"
                row.update(self.texts("constraint_message", NOT_NEGATIVE_MESSAGE))
            self.survey.append(row)
        self.survey.append({"type": "end_group", "name": COMPANY_GROUP})

    def question(self, question: Question, fields: list[FormField]) -> None:
        """The survey rows (and choice lists) of one question."""
        common = {
            **self.texts("hint", question.hint),
            **self.texts("guidance_hint", question.guidance),
        }
        rel = relevant(self.q, question)
        extra = [(s, SPECIAL_LABELS[s]) for s in specials(question)]
        if question.type == "matrix":
            self.matrix(question, fields, common, rel, extra)
            return
        main = {
            "type": fields[0].xls_type,
            "name": fields[0].name,
            **self.texts("label", question.text, _unit(question)),
            **common,
        }
        if rel:
            main["relevant"] = rel
        if question.type == "number":
            main.update(self.number_constraint(question))
            self.survey.append(main)
            self.no_number(question, fields[1], rel, extra)
            return
        if question.type != "text":
            if question.type == "scale":
                labels = dict(question.scale_labels)
                items = [(v, _scale_label(v, labels.get(int(v)))) for v in scale_values(question)]
                main["appearance"] = "likert"
            else:
                items = [(o.id, o.label) for o in question.options]
            self.add_list(question.id, items + extra)
        else:
            main["appearance"] = "multiline"
        main.update(self.required(question))
        if question.type == "multiple_choice":
            main.update(self.exclusive_constraint(question))
        self.survey.append(main)

    def required(self, question: Question) -> dict[str, str]:
        """``required: yes`` with its message, for a required question (else nothing)."""
        if not question.required:
            return {}
        return {"required": "yes", **self.texts("required_message", REQUIRED_MESSAGE)}

    def matrix(
        self,
        question: Question,
        fields: list[FormField],
        common: dict[str, str],
        rel: str | None,
        extra: list[tuple[str, Text]],
    ) -> None:
        """A matrix question: a table-list group with one row per matrix row."""
        self.add_list(question.id, [(o.id, o.label) for o in question.options] + extra)
        self.survey.append(
            {
                "type": "begin_group",
                "name": question.id,
                "appearance": "table-list",
                **self.texts("label", question.text),
                **common,
                **({"relevant": rel} if rel else {}),
            }
        )
        for f, row in zip(fields, question.rows, strict=True):
            cells = {"type": f.xls_type, "name": f.name, **self.texts("label", row.label)}
            self.survey.append({**cells, **self.required(question)})
        self.survey.append({"type": "end_group", "name": question.id})

    def no_number(
        self,
        question: Question,
        special: FormField,
        rel: str | None,
        extra: list[tuple[str, Text]],
    ) -> None:
        """Beside a number question: "weiß nicht" / "trifft nicht zu", asked while it is empty."""
        self.add_list(special.name, extra)
        only_empty = f"${{{question.id}}} = ''"
        self.survey.append(
            {
                "type": special.xls_type,
                "name": special.name,
                **self.texts("label", NO_NUMBER_LABEL),
                "relevant": f"({rel}) and {only_empty}" if rel else only_empty,
                **self.required(question),
            }
        )

    def number_constraint(self, q: Question) -> dict[str, str]:
        parts = []
        if q.min is not None:
            parts.append(f". >= {num(q.min)}")
        if q.max is not None:
            parts.append(f". <= {num(q.max)}")
        if not parts:
            return {}
        lo = num(q.min) if q.min is not None else "…"
        hi = num(q.max) if q.max is not None else "…"
        message = {"de": f"Bitte eine Zahl von {lo} bis {hi}.", "en": f"Please a number {lo}–{hi}."}
        return {"constraint": " and ".join(parts), **self.texts("constraint_message", message)}

    def exclusive_constraint(self, q: Question) -> dict[str, str]:
        alone = [o for o in q.options if o.exclusive]
        ids = [o.id for o in alone] + list(specials(q))
        labels = [o.label for o in alone] + [SPECIAL_LABELS[s] for s in specials(q)]
        expr = " and ".join(f"(not(selected(., '{i}')) or count-selected(.) = 1)" for i in ids)
        head = {
            "de": "Nicht mit anderen Antworten kombinierbar: ",
            "en": "Cannot be combined with other answers: ",
        }
        message = {
            lang: head[lang] + ", ".join(f"„{tr(label, lang)}“" for label in labels)
            for lang in head
        }
        return {"constraint": expr, **self.texts("constraint_message", message)}


def _plain(text: str) -> str:
    """Text as text: XLSForm reads ``${name}`` in a label as a reference to a field, so an
    invisible zero-width space goes between ``$`` and ``{`` (the text looks the same)."""
    return text.replace("${", "$\u200b{")


def _xpath_string(text: str) -> str:
    """An XPath string literal of ``text`` (XPath 1.0 has no escapes: pick the other quote)."""
    if "'" not in text:
        return f"'{text}'"
    if '"' not in text:
        return f'"{text}"'
    raise XLSFormError.coded("FORM_004", text=text)


def _profile_label(f: FormField) -> Text:
    return PROFILE_LABELS.get(f.key or "", {"de": f.name, "en": f.name})


def _unit(q: Question) -> str:
    return f" ({tr(q.unit, 'de')})" if q.unit and q.type == "number" else ""


def _scale_label(value: str, label: Text | None) -> Text:
    if not label:
        return {"de": value, "en": value}
    return {lang: f"{value} – {text}" for lang, text in label.items()}


# --- writing -----------------------------------------------------------------------------------
SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "guidance_hint",
    "required",
    "required_message",
    "relevant",
    "constraint",
    "constraint_message",
    "appearance",
    "calculation",
)


def _columns(rows: list[dict[str, str]], order: tuple[str, ...]) -> list[str]:
    present = list(dict.fromkeys(k for row in rows for k in row))
    return sorted(present, key=lambda c: (order.index(c.split("::")[0]), present.index(c)))


def xlsform_bytes(q: Questionnaire) -> bytes:
    """The XLSForm workbook of ``q`` as ``.xlsx`` bytes.

    No cell becomes a formula: every text cell is stored as a string, even one
    that starts with ``=``. Raises :class:`XLSFormError` (see :func:`xlsform_sheets`).
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheets = xlsform_sheets(q)
    wb = Workbook()
    layout: list[tuple[str, list[dict[str, str]], tuple[str, ...]]] = [
        ("survey", sheets.survey, SURVEY_COLUMNS),
        ("choices", sheets.choices, ("list_name", "name", "label")),
        ("settings", sheets.settings, tuple(sheets.settings[0])),
    ]
    for index, (title, rows, order) in enumerate(layout):
        ws = wb.active if index == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        header = _columns(rows, order)
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for r, row in enumerate(rows, start=2):
            for c, column in enumerate(header, start=1):
                _put(ws.cell(row=r, column=c), row.get(column))
        ws.freeze_panes = "A2"
        for c, column in enumerate(header, start=1):  # readable for whoever edits the form
            wide = column.split("::")[0] in ("label", "hint", "guidance_hint", "relevant")
            ws.column_dimensions[get_column_letter(c)].width = 50 if wide else 18
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _put(cell: Any, value: str | None) -> None:
    if value is None or value == "":
        return
    cell.value = value
    cell.data_type = "s"  # text stays text: "=…" from a questionnaire is never a formula


def write_xlsform(
    questionnaire: str | Path | Questionnaire, out: Path, *, force: bool = False
) -> Path:
    """Write the XLSForm of a questionnaire (bundled id, path or model) to ``out`` atomically.

    Returns ``out``. Raises :class:`~ki_check.errors.OutputError` for an
    existing file without ``force`` or a name not ending in ``.xlsx``,
    :class:`~ki_check.errors.ValidationError` / ``NotFoundError`` for the
    questionnaire and :class:`~ki_check.interchange.xlsform.XLSFormError` for what XLSForm
    cannot express.
    """
    from ki_check.questionnaire.load import load_questionnaire
    from ki_check.util.fsutil import atomic_write_bytes, check_output

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise OutputError.coded("OUT_011", path=out, expected=".xlsx")
    check_output(out, force)
    q = (
        questionnaire
        if isinstance(questionnaire, Questionnaire)
        else load_questionnaire(questionnaire)
    )
    atomic_write_bytes(out, xlsform_bytes(q))
    return out
