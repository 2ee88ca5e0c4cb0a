"""Language selection and bilingual texts.

Everything a company or an advisor reads is German first, English second.
A :data:`Text` is a mapping ``{"de": "…", "en": "…"}``; :func:`tr` picks a
language and falls back to German, then to any language present.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import Any

LANGUAGES = ("de", "en")
DEFAULT_LANG = "de"

Text = Mapping[str, str]


def default_lang() -> str:
    """The language for messages: ``KI_CHECK_LANG`` if set to a known one, else German."""
    lang = os.environ.get("KI_CHECK_LANG", "").strip().lower()[:2]
    return lang if lang in LANGUAGES else DEFAULT_LANG


def tr(text: Text | None, lang: str, fallback: str = DEFAULT_LANG) -> str:
    """The text in ``lang``; else in ``fallback``; else in any language; else ``""``."""
    if not text:
        return ""
    value = text.get(lang) or text.get(fallback)
    if value:
        return value
    return next(iter(text.values()), "")


def pick(lang: str, de: str, en: str) -> str:
    """One of two literal strings by language (for the few UI strings in code)."""
    return en if lang == "en" else de


def plural(n: int, one: str, other: str) -> str:
    """``n`` and the word form that agrees with it: ``1 Datei``, ``0 Dateien``, ``2 Dateien``.

    German and English both use the singular for exactly one and the plural
    otherwise. For an adjective that changes with the noun, pass both words:
    ``plural(n, "weiterer Fehler", "weitere Fehler")``.
    """
    return f"{n} {one if n == 1 else other}"


_FORMS = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")


def fill(template: str, **values: Any) -> str:
    """``template.format(**values)`` that also picks word forms by a number.

    ``{count|Datei|Dateien}`` becomes ``Datei`` when ``values["count"]`` is 1,
    else ``Dateien``; so a label can read ``"{count} {count|Datei|Dateien}
    übersprungen"``. Returns the filled text; raises ``KeyError`` for a
    placeholder without a value, like ``str.format``.
    """

    def form(m: re.Match[str]) -> str:
        word = m.group(2) if values[m.group(1)] == 1 else m.group(3)
        return word.replace("{", "{{").replace("}", "}}")

    return _FORMS.sub(form, template).format(**values)
