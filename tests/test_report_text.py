"""Report wording and layout an advisor signs (review findings 18, 21, 22, 23):
expected values read off the answer files and the data by hand."""

from __future__ import annotations

import datetime as dt
import re

from conftest import DATA

from ki_check.documents.report import report_html

COMPANIES = DATA / "companies"
AS_OF = dt.date(2026, 11, 24)


def _html(company: str, lang: str = "de") -> str:
    return report_html(COMPANIES / f"{company}.yaml", as_of=AS_OF, lang=lang).html


def _baseline_svg(html: str) -> str:
    return re.search(r'<svg[^>]*aria-labelledby="baseline-t[^"]*".*?</svg>', html, re.S).group(0)


def test_logistik_own_bar_is_no_share():
    """Spedition (logistik-nrw) uses AI productively: the chart says so in words, with no
    bar on the 0–100 share axis that reads as 100 %."""
    svg = _baseline_svg(_html("logistik-nrw"))
    labels = re.findall(r'text-anchor="end"[^>]*>([^<]*)</text>', svg)
    assert labels[-1] == "Ihr Unternehmen"
    filled = re.findall(
        r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="\d+" rx="3" fill="(?!#eef1f5)', svg
    )
    assert len(filled) == len(labels) - 1  # every figure a bar, the company none
    assert "nutzt KI produktiv" in svg
    assert ">100</text>" not in svg  # the axis ends at 50 (largest share below 50 %)
