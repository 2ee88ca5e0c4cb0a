"""Small typed readers over YAML data that collect findings instead of raising.

Each ``Reader`` method takes a value and its data path, checks it, appends an
:class:`~ki_check.diagnostics.Issue` (positioned through the
:class:`~ki_check.util.yamlsrc.YamlDoc`) when something is wrong, and returns the
value or ``None``. Callers build their models from what comes back, so one
pass over a file reports every problem in it.

Why not pydantic: importing it costs about as much as typer, rich, yaml and
jinja2 together, and every command would pay for it at start-up; mapping its
errors back to YAML positions and YAML 1.1 traps needs this walk anyway.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any, Literal, overload

from ki_check.diagnostics import Bi, Findings, Issue, join_ids, suggest
from ki_check.i18n import LANGUAGES
from ki_check.limits import MAX_NUMBER, MAX_WEIGHT
from ki_check.util.yamlsrc import YamlDoc, describe, found_as

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# ids of files and catalogue entries may also contain "-" (kmu-basis, destatis-2024)
SLUG_RE = re.compile(r"^[a-z][a-z0-9_-]*$")

MAPPING = Bi("eine Zuordnung (Schlüssel: Wert)", "a mapping (key: value)")
LIST = Bi("eine Liste", "a list")
TEXT = Bi("ein Text", "a text")
NUMBER = Bi("eine Zahl", "a number")
INTEGER = Bi("eine ganze Zahl", "a whole number")
BOOLEAN = Bi("true oder false", "true or false")
TRANSLATED = Bi("ein Text oder {de: …, en: …}", "a text or {de: …, en: …}")

Path_ = tuple[str | int, ...]


def dotted(path: Sequence[str | int]) -> str:
    """``dimensions[2].questions[0].weight`` for a data path."""
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "(Datei)"


def slug(value: str) -> str:
    """A valid id close to ``value`` (for fix suggestions)."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "-": "_", " ": "_"})
    s = re.sub(r"[^a-z0-9_]", "", str(value).lower().translate(table))
    s = re.sub(r"^[^a-z]+", "", s)
    return s or "frage_1"


class Reader:
    """Checks values of one YAML document; findings go to ``doc.issues``."""

    def __init__(self, doc: YamlDoc, languages: Iterable[str] = LANGUAGES) -> None:
        self.doc = doc
        self.languages = tuple(languages)

    @property
    def issues(self) -> list[Issue]:
        return self.doc.issues

    def add(
        self, code: str, path: Sequence[str | int], at_key: bool = False, **params: Any
    ) -> None:
        """Record a finding at ``path`` (at its key if ``at_key``)."""
        issues = self.issues
        if isinstance(issues, Findings) and issues.skip(code):
            return
        issues.append(self.doc.issue(code, path, at_key, **params))

    def wrong_type(self, value: Any, path: Path_, expected: Bi) -> None:
        self.add("TYPE_001", path, field=dotted(path), expected=expected, found=found_as(value))

    # --- containers ----------------------------------------------------------
    def mapping(
        self,
        value: Any,
        path: Path_,
        where: Bi,
        allowed: Iterable[str],
        required: Iterable[str] = (),
    ) -> dict[str, Any] | None:
        """A mapping with only ``allowed`` keys and all ``required`` ones."""
        if not isinstance(value, dict):
            self.wrong_type(value, path, MAPPING)
            return None
        allowed = list(allowed)
        for key in value:
            if key not in allowed:
                self.add(
                    "KEY_001",
                    (*path, key),
                    at_key=True,
                    key=key,
                    where=where,
                    allowed=join_ids(allowed, limit=30),
                    suggestion=suggest(key, allowed),
                )
        for key in required:
            if key not in value:
                self.add("KEY_002", path, at_key=bool(path), key=key, where=where)
        return value

    def seq(self, value: Any, path: Path_, nonempty: bool = True) -> list[Any] | None:
        """A list (non-empty unless told otherwise)."""
        if not isinstance(value, list):
            self.wrong_type(value, path, LIST)
            return None
        if nonempty and not value:
            self.add("VALUE_003", path, field=dotted(path))
            return None
        return value

    # --- scalars ---------------------------------------------------------------
    def string(self, value: Any, path: Path_) -> str | None:
        """A text; flags YAML 1.1 booleans and unquoted numbers with their original spelling."""
        if isinstance(value, str):
            return value
        raw = self.doc.raw(path)
        if isinstance(value, bool) and raw is not None:
            self.add("YAML_004", path, raw=raw, value=str(value).lower(), field=dotted(path))
        elif isinstance(value, int | float) and raw is not None:
            found = Bi("Zahl", "a number")
            self.add(
                "YAML_005", path, raw=self.spelled(value, path), found=found, field=dotted(path)
            )
        elif raw is not None and isinstance(value, dt.date):  # a datetime is a date too
            found = Bi("Datum", "a date")
            self.add(
                "YAML_005", path, raw=self.spelled(value, path), found=found, field=dotted(path)
            )
        else:
            self.wrong_type(value, path, TEXT)
        return None

    def ident(self, value: Any, path: Path_, pattern: re.Pattern[str] = ID_RE) -> str | None:
        """A stable id matching ``pattern`` (lower case, digits, ``_``)."""
        s = self.string(value, path)
        if s is None:
            return None
        if not pattern.match(s):
            self.add("ID_001", path, id=s, suggestion=slug(s))
            return None
        return s

    @overload
    def number(
        self,
        value: Any,
        path: Path_,
        *,
        integer: Literal[True],
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> int | None: ...

    @overload
    def number(
        self,
        value: Any,
        path: Path_,
        *,
        integer: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | int | None: ...

    def number(
        self,
        value: Any,
        path: Path_,
        *,
        integer: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
    ) -> float | int | None:
        """A finite number (never a boolean), optionally whole and within bounds.

        Without bounds a number must lie within ±:data:`~ki_check.limits.MAX_NUMBER`;
        ``.nan``, ``.inf`` and integers too long to compute with are refused
        (``VALUE_004``), out-of-range values are ``VALUE_002``.
        """
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.wrong_type(value, path, INTEGER if integer else NUMBER)
            return None
        number: float | int = value  # a typed name: rebinding `value` (Any) would forget it
        lo = minimum if minimum is not None else -MAX_NUMBER
        hi = maximum if maximum is not None else MAX_NUMBER
        finite = math.isfinite(number) and abs(number) <= MAX_NUMBER
        if finite and integer and isinstance(number, float):
            if not number.is_integer():
                self.wrong_type(number, path, INTEGER)
                return None
            number = int(number)
        if finite and lo <= number <= hi:
            return number
        if finite and minimum is not None and maximum is not None:
            self.add(
                "VALUE_002",
                path,
                field=dotted(path),
                min=_num(minimum),
                max=_num(maximum),
                value=number,
            )
        else:
            self.add(
                "VALUE_004",
                path,
                field=dotted(path),
                range=_range(minimum, maximum),
                value=self.spelled(number, path),
            )
        return None

    def spelled(self, value: Any, path: Path_) -> str:
        """``value`` as the file wrote it (``.inf``, ``99999…``), shortened for a message."""
        raw = self.doc.raw(path) if self.doc.text is not None else None
        if raw is None:
            return describe(value)
        return raw if len(raw) <= 40 else raw[:37] + "…"

    def weight(self, value: Any, path: Path_) -> float | None:
        """A weight: a number greater than 0 and at most :data:`~ki_check.limits.MAX_WEIGHT`."""
        n = self.number(value, path, maximum=MAX_WEIGHT)
        if n is None:
            return None
        if n <= 0:
            self.add("WEIGHT_001", path, field=dotted(path), value=n)
            return None
        return float(n)

    def boolean(self, value: Any, path: Path_) -> bool | None:
        """``true`` or ``false`` (YAML's ``yes``/``no`` are accepted here, where they mean that)."""
        if isinstance(value, bool):
            return value
        self.wrong_type(value, path, BOOLEAN)
        return None

    def choice(self, value: Any, path: Path_, allowed: Sequence[str]) -> str | None:
        """One of ``allowed``."""
        s = self.string(value, path)
        if s is None:
            return None
        if s not in allowed:
            self.add(
                "VALUE_001",
                path,
                value=s,
                field=dotted(path),
                allowed=join_ids(allowed),
                suggestion=suggest(s, allowed),
            )
            return None
        return s

    def text(self, value: Any, path: Path_, default_lang: str = "de") -> dict[str, str] | None:
        """A translated text ``{de: …, en: …}``; a plain string counts as the default language.

        A missing translation is a warning (``I18N_001``), not an error.
        """
        present: set[str] = set()
        if isinstance(value, str):
            out = {default_lang: value}
        elif isinstance(value, dict):
            present = {k for k, v in value.items() if v is not None}
            out = {}
            for lang, s in value.items():
                if lang not in LANGUAGES:
                    self.add(
                        "KEY_001",
                        (*path, lang),
                        at_key=True,
                        key=lang,
                        where=Bi("einem Text", "a text"),
                        allowed=join_ids(LANGUAGES),
                        suggestion=suggest(lang, LANGUAGES),
                    )
                    continue
                checked = self.string(s, (*path, lang))
                if checked is not None:
                    out[lang] = checked
        else:
            self.wrong_type(value, path, TRANSLATED)
            return None
        for lang in self.languages:
            missing = not out.get(lang, "").strip() and lang not in (present - out.keys())
            if missing and (isinstance(value, dict) or lang != default_lang):
                self.add("I18N_001", path, lang=lang, field=dotted(path))
        return out or None


def _range(minimum: float | None, maximum: float | None) -> Bi:
    """``von 0 bis 100`` / ``bis höchstens 100`` / ``im Bereich ±10¹²`` for messages."""
    if minimum is not None and maximum is not None:
        return Bi(
            f"von {_num(minimum)} bis {_num(maximum)}", f"from {_num(minimum)} to {_num(maximum)}"
        )
    if maximum is not None:
        return Bi(f"bis höchstens {_num(maximum)}", f"of at most {_num(maximum)}")
    if minimum is not None:
        return Bi(f"ab {_num(minimum)} (höchstens 10¹²)", f"from {_num(minimum)} (at most 10¹²)")
    return Bi("im Bereich ±10¹²", "within ±10¹²")


def _num(x: float) -> str:
    """``5`` for 5.0, ``1e+12`` for the default bound, else the number as written."""
    return str(int(x)) if float(x).is_integer() and abs(x) < 1e9 else f"{x:g}"
