"""Language selection and bilingual texts.

Everything a company or an advisor reads is German first, English second.
A :data:`Text` is a mapping ``{"de": "…", "en": "…"}``; :func:`tr` picks a
language and falls back to German, then to any language present.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

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
