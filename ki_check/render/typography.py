"""Typography of a rendered document: a number stays with its unit, English percent.

Texts from the data files are written by people ("bis 1.200 €", "bis 25 Mio. €",
"80 % of the cost"); a line must never break between a number and its unit, and
the English edition writes percent as the numbers ki-check formats itself do
(``28%``, :func:`ki_check.fmt.percent`). :func:`typeset` does both in the text of
the rendered HTML, once for every template (docs/report.md, "Typography").
Tags, attribute values, ``<style>``, ``<script>`` and ``<title>`` are left alone.
"""

from __future__ import annotations

import re

from ki_check.render.htmltext import map_text

NBSP = "\u00a0"
_LANG = re.compile(r'<html[^>]*\blang="([a-z]{2})', re.IGNORECASE)
# a number, a plain space, then a unit: % € Mio. Mrd.; and "Mio. €" / "Mrd. €"
_UNIT = re.compile(r"(\d) (?=%|€|Mio\.|Mrd\.)")
_SCALE = re.compile(r"(\d[\s\u00a0]*(?:Mio|Mrd)\.) €")
_EN_PERCENT = re.compile(r"(\d)[ \u00a0]%")


def _text(part: str, lang: str) -> str:
    part = _UNIT.sub(rf"\1{NBSP}", part)
    part = _SCALE.sub(rf"\1{NBSP}€", part)
    if lang == "en":
        part = _EN_PERCENT.sub(r"\1%", part)
    return part


def typeset(html: str) -> str:
    """``html`` with no-break spaces between numbers and units, percent by language.

    The language is the ``lang`` of the ``<html>`` element (German without one).
    """
    found = _LANG.search(html)
    lang = found.group(1).lower() if found else "de"
    return map_text(html, lambda part: _text(part, lang), ("style", "script", "title"))
