"""The interview as a pure state machine: what comes next, what is visible, what is saved.

The terminal (``ki_check.interview.terminal``) only shows the current item and passes
what was typed; every decision lives here so that tests can drive a whole
interview without a terminal. Items are the company-profile fields, then the
visible questions in questionnaire order — a matrix question contributes one
item per row. The cursor is an item, not an index, because answering can show
or hide later questions.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any, Literal, NamedTuple

from ki_check.assessment.answers import COMPANY_KEYS, Answer, AnswerFile
from ki_check.assessment.profile import SECTORS, STATES
from ki_check.errors import InputError
from ki_check.limits import MAX_NUMBER
from ki_check.questionnaire.conditions import DONT_KNOW, NOT_RELEVANT, visible
from ki_check.questionnaire.model import Question, Questionnaire

PROFILE_FIELDS = COMPANY_KEYS  # the interview asks the profile in file order
OPTIONAL_FIELDS = frozenset({"balance_sheet_eur"})


class Item(NamedTuple):
    """One step of the interview: a profile field, a question, or one row of a matrix."""

    kind: Literal["profile", "question"]
    key: str
    row: str | None = None


class InterviewState:
    """Cursor, visibility and answers of one interview; changes ``af`` in place."""

    def __init__(self, q: Questionnaire, af: AnswerFile) -> None:
        self.q = q
        self.af = af
        self.cursor: Item | None = None
        self.skipped: list[str] = []

    # --- what there is ------------------------------------------------------------
    def items(self) -> list[Item]:
        """All items in order, given the current answers (hidden questions left out)."""
        out = [Item("profile", f) for f in PROFILE_FIELDS]
        shown = visible(self.q.questions, self.af.answers)
        for question in self.q.questions:
            if question.id not in shown:
                continue
            if question.type == "matrix":
                out.extend(Item("question", question.id, row.id) for row in question.rows)
            else:
                out.append(Item("question", question.id))
        return out

    def question(self, item: Item) -> Question:
        """The question of a question item."""
        q = self.q.question(item.key)
        assert q is not None
        return q

    def is_answered(self, item: Item) -> bool:
        """Whether the item has a value (don't know and not relevant count as answered)."""
        if item.kind == "profile":
            value = getattr(self.af.company, item.key)
            return value not in (None, "")
        value = self.af.answers.get(item.key)
        if item.row is None:
            return value is not None
        if value in (DONT_KNOW, NOT_RELEVANT):
            return True
        return isinstance(value, dict) and item.row in value

    def first_open(self) -> Item | None:
        """The first item without an answer (optional profile fields count as done)."""
        for item in self.items():
            if item.kind == "profile" and item.key in OPTIONAL_FIELDS:
                continue
            if not self.is_answered(item):
                return item
        return None

    def start(self) -> Item | None:
        """Place the cursor where the interview should go on: the first open item."""
        self.cursor = self.first_open()
        return self.cursor

    # --- moving ----------------------------------------------------------------------
    def _index(self, items: list[Item]) -> int:
        if self.cursor is None:
            return len(items)
        try:
            return items.index(self.cursor)
        except ValueError:
            # the cursor's item became hidden: go on at the next visible one after it
            order = {q.id: i for i, q in enumerate(self.q.questions)}
            mine = order.get(self.cursor.key, -1)
            for i, item in enumerate(items):
                if item.kind == "question" and order[item.key] > mine:
                    return i
            return len(items)

    def advance(self) -> Item | None:
        """Move to the next item; ``None`` at the end."""
        items = self.items()
        i = self._index(items)
        self.cursor = items[i + 1] if i + 1 < len(items) else None
        return self.cursor

    def back(self) -> Item | None:
        """Move to the previous item (the first stays first); answers are kept."""
        items = self.items()
        i = self._index(items)
        if i > 0:
            self.cursor = items[i - 1]
        elif items:
            self.cursor = items[0]
        return self.cursor

    def skip(self) -> Item | None:
        """Leave the current item open for now and move on."""
        item = self.cursor
        if item is not None and item.kind == "question" and item.key not in self.skipped:
            self.skipped.append(item.key)
        return self.advance()

    # --- changing --------------------------------------------------------------------
    def set_profile(self, field: str, value: Any) -> None:
        """Store a parsed profile value."""
        setattr(self.af.company, field, value)

    def set_answer(self, item: Item, value: Answer) -> list[str]:
        """Store an answer (for a matrix row: that row); returns ids of answers dropped
        because the change hid their questions."""
        if item.row is None:
            self.af.answers[item.key] = value
        else:
            current = self.af.answers.get(item.key)
            rows = dict(current) if isinstance(current, dict) else {}
            rows[item.row] = value  # type: ignore[assignment]
            self.af.answers[item.key] = rows
        if item.key in self.skipped:
            self.skipped.remove(item.key)
        shown = visible(self.q.questions, self.af.answers)
        dropped = [qid for qid in list(self.af.answers) if qid not in shown]
        for qid in dropped:
            del self.af.answers[qid]
        return dropped

    def set_note(self, item: Item, text: str) -> None:
        """Attach (or with empty text, remove) the advisor's note for the item's question."""
        if item.kind != "question":
            return
        if text.strip():
            self.af.notes[item.key] = text.strip()
        else:
            self.af.notes.pop(item.key, None)

    def finish(self, today: dt.date) -> None:
        """Mark the interview complete (and dated, if it has no date yet)."""
        self.af.interview.status = "complete"
        if not self.af.interview.date:
            self.af.interview.date = today.isoformat()

    # --- progress and review -----------------------------------------------------------
    def progress(self) -> tuple[int, int]:
        """``(number of the current question, visible questions)``; 0 in the profile."""
        questions: list[str] = []
        for item in self.items():
            if item.kind == "question" and item.key not in questions:
                questions.append(item.key)
        if self.cursor is None:
            return len(questions), len(questions)
        if self.cursor.kind == "profile":
            return 0, len(questions)
        return questions.index(self.cursor.key) + 1, len(questions)

    def to_revisit(self) -> list[str]:
        """Visible questions skipped, unanswered or answered "don't know", in order."""
        shown = visible(self.q.questions, self.af.answers)
        out = []
        for qid, value in shown.items():
            if (
                value is None
                or value == DONT_KNOW
                or (isinstance(value, dict) and DONT_KNOW in value.values())
            ):
                out.append(qid)
        return out


# --- parsing what was typed ----------------------------------------------------------------
_AMOUNT = re.compile(
    r"^\s*(?P<num>-?[0-9][0-9.\s]*(?:,[0-9]+)?)\s*(?P<unit>mio\.?|millionen|mrd\.?|milliarden|tsd\.?|tausend|k|€|eur)?\s*(€|eur)?\s*$",
    re.IGNORECASE,
)
_FACTORS = {
    "mio": 1e6,
    "millionen": 1e6,
    "mrd": 1e9,
    "milliarden": 1e9,
    "tsd": 1e3,
    "tausend": 1e3,
    "k": 1e3,
}


def parse_number(text: str, *, integer: bool = False) -> float | int:
    """A German number: ``1.500.000``, ``1,5 Mio``, ``800 Tsd``, ``42``; English ``1.5`` too.

    Raises :class:`~ki_check.errors.InputError` with a message that says what to type.
    """
    s = text.strip()
    m = _AMOUNT.match(s)
    value: float | None = None
    if m:
        num = m.group("num").replace(" ", "")
        unit = (m.group("unit") or "").lower().rstrip(".")
        if "," in num:
            num = num.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(\.\d{3})+", num):
            num = num.replace(".", "")  # thousands separators
        try:
            value = float(num) * _FACTORS.get(unit, 1.0)
        except ValueError:
            value = None
    if value is None:
        raise InputError(
            f"'{_short(text)}' ist keine Zahl. Beispiele: 42, 1.500.000, 1,5 Mio",
            f"'{_short(text)}' is not a number. Examples: 42, 1500000, 1.5 Mio",
        )
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        raise InputError(
            f"'{_short(text)}' ist zu groß (höchstens 10¹²).",
            f"'{_short(text)}' is too large (at most 10¹²).",
        )
    if integer:
        if not float(value).is_integer():
            raise InputError(
                f"Bitte eine ganze Zahl eingeben (nicht {text}).",
                f"Please enter a whole number (not {text}).",
            )
        return int(value)
    return int(value) if float(value).is_integer() else value


def parse_date(text: str, *, not_before: dt.date | None = None) -> dt.date:
    """A date typed as ``2027-05-20`` or ``20.05.2027``, not before ``not_before``.

    Raises :class:`~ki_check.errors.InputError` with a message that says what to type.
    """
    s = text.strip()
    day: dt.date | None = None
    try:
        day = dt.date.fromisoformat(s)
    except ValueError:
        m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
        if m:
            try:
                day = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                day = None
    if day is None:
        raise InputError(
            f"'{text}' ist kein Datum. Beispiele: 2027-05-20 oder 20.05.2027",
            f"'{text}' is not a date. Examples: 2027-05-20 or 20.05.2027",
        )
    if not_before is not None and day < not_before:
        raise InputError(
            f"Der Termin liegt vor dem Interview ({not_before.isoformat()}).",
            f"The date lies before the interview ({not_before.isoformat()}).",
        )
    return day


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def parse_yes_no(text: str) -> bool:
    """``j``/``ja``/``y``/``yes`` or ``nein``/``no`` (``n`` alone is the not-relevant key)."""
    s = text.strip().lower()
    if s in ("j", "ja", "y", "yes"):
        return True
    if s in ("nein", "no", "0"):
        return False
    raise InputError(
        "Bitte 'j' (ja) oder 'nein' eingeben.", "Please enter 'j' (yes) or 'nein' (no)."
    )


def _pick_from(text: str, codes: list[str], names: dict[str, str]) -> str:
    s = text.strip()
    if s.isdigit() and 1 <= int(s) <= len(codes):
        return codes[int(s) - 1]
    if s.upper() in codes:
        return s.upper()
    hits = [c for c in codes if names[c].lower().startswith(s.lower())] if s else []
    if len(hits) == 1:
        return hits[0]
    raise InputError(
        f"'{text}' nicht erkannt. Nummer, Kürzel oder Anfang des Namens eingeben.",
        f"'{text}' not recognised. Enter the number, the code or the start of the name.",
    )


def parse_profile(field: str, text: str, lang: str, today: dt.date) -> Any:
    """Parse one typed profile value; raises :class:`InputError` with the reason."""
    if field == "name":
        if not text.strip():
            raise InputError("Der Name darf nicht leer sein.", "The name must not be empty.")
        return text.strip()
    if field == "state":
        return _pick_from(text, list(STATES), {c: n[lang] for c, n in STATES.items()})
    if field == "sector":
        return _pick_from(text, list(SECTORS), {c: n[lang] for c, n in SECTORS.items()})
    if field in ("startup", "university_spinoff"):
        return parse_yes_no(text)
    if field == "founded":
        year = parse_number(text, integer=True)
        if not 1000 <= year <= today.year:
            raise InputError(
                f"Bitte ein Gründungsjahr zwischen 1000 und {today.year} eingeben.",
                f"Please enter a founding year between 1000 and {today.year}.",
            )
        return year
    value = parse_number(text, integer=field == "employees")
    if value < 0:
        raise InputError("Bitte eine Zahl ≥ 0 eingeben.", "Please enter a number ≥ 0.")
    return value


def parse_answer(q: Question, text: str, row: str | None = None) -> Answer:
    """Parse typed input for a question (or one matrix row) into the stored answer."""
    s = text.strip()
    if q.type in ("single_choice", "yes_no", "matrix"):
        return _option_by_number(q, s)
    if q.type == "multiple_choice":
        parts = [p for p in re.split(r"[,;\s]+", s) if p]
        if not parts:
            raise InputError(
                "Bitte Nummern eingeben, z. B. 1,3.", "Please enter numbers, e.g. 1,3."
            )
        chosen = list(dict.fromkeys(_option_by_number(q, p) for p in parts))
        exclusive = [o.id for o in q.options if o.exclusive and o.id in chosen]
        if exclusive and len(chosen) > 1:
            label = q.option_map[exclusive[0]].label
            raise InputError(
                f"„{label.get('de', exclusive[0])}“ lässt sich nicht mit anderen Antworten"
                " kombinieren.",
                f"“{label.get('en', exclusive[0])}” cannot be combined with other answers.",
            )
        return chosen
    if q.type in ("scale", "number"):
        value = parse_number(s, integer=q.type == "scale" or q.integer)
        lo, hi = q.min, q.max
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            span = f"{lo:g} – {hi:g}" if hi is not None else f"≥ {lo:g}"
            raise InputError(f"Bitte einen Wert {span} eingeben.", f"Please enter a value {span}.")
        return value
    if not s:
        raise InputError(
            "Bitte eine Antwort eingeben (oder s zum Überspringen).",
            "Please enter an answer (or s to skip).",
        )
    return s


def _option_by_number(q: Question, s: str) -> str:
    if s.isdigit() and 1 <= int(s) <= len(q.options):
        return q.options[int(s) - 1].id
    if s in q.option_map:
        return s
    raise InputError(
        f"Bitte eine Nummer von 1 bis {len(q.options)} eingeben.",
        f"Please enter a number from 1 to {len(q.options)}.",
    )
