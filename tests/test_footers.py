"""One footer in every PDF: the same words in the report, the handouts, the group summary
and the portfolio overview (render/document.py ``footer``), read back from real PDFs.

Every page but the first (the cover or the head of a form has none) ends in
``Erstellt mit ki-check <version>`` (``Made with …`` in English), after the brand's
organisation where a brand names one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE, pdf_text

from ki_check import __version__

AS_OF = ("--as-of", "2026-11-24")
MADE = {"de": f"Erstellt mit ki-check {__version__}", "en": f"Made with ki-check {__version__}"}
WORKSHOP = DATA / "workshop"
PORTFOLIO = DATA / "portfolio" / "folder"


def _brand(tmp_path: Path) -> Path:
    brand = tmp_path / "marke.yaml"
    brand.write_text("organisation: HWK Musterstadt\n", "utf-8")
    return brand


def _pdf(cli, tmp_path: Path, kind: str, lang: str, brand: Path | None) -> Path:
    out = tmp_path / f"{kind}.pdf"
    extra = ("--lang", lang, *AS_OF, *(("--brand", str(brand)) if brand else ()))
    if kind == "report":
        args = ("report", EXAMPLE, "--out", out)
    elif kind == "handout":
        args = ("handout", "kurzcheck", "--no-funding", "--out", out)
    elif kind == "group":
        args = ("handout", "kurzcheck", "--results", WORKSHOP, "--out", out)
    else:
        folder = tmp_path / "in"
        folder.mkdir()
        (folder / "k1.yaml").write_text((PORTFOLIO / "k1.yaml").read_text("utf-8"), "utf-8")
        args = ("batch", folder, "--out", tmp_path / "batch", "--jobs", "1")
        out = tmp_path / "batch" / "portfolio.pdf"
    result = cli(*args, *extra)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize("kind", ["report", "handout", "group", "portfolio"])
@pytest.mark.parametrize(
    ("lang", "branded"), [("de", False), ("en", False), ("de", True)], ids=["de", "en", "brand"]
)
def test_every_pdf_has_the_same_footer(cli, tmp_path, kind, lang, branded):
    brand = _brand(tmp_path) if branded else None
    pages = pdf_text(_pdf(cli, tmp_path, kind, lang, brand))
    assert len(pages) >= 2
    footer = f"HWK Musterstadt · {MADE[lang]}" if branded else MADE[lang]
    for number, text in enumerate(pages[1:], start=2):
        assert footer in text, (number, text[-200:])
    assert MADE[lang] not in pages[0]  # the cover / the head of the form has no footer
