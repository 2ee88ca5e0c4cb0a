"""Handouts without near-empty pages, and the short form without the funding landscape.

Rendered for real and read back with pypdf (docs/report.md, *Handouts*).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest

from ki_check import __version__
from ki_check.documents.handout import write_handout
from ki_check.questionnaire.load import load_questionnaire

AS_OF = dt.date(2026, 11, 24)
# The running title and the footer give 3 lines, a lone row of the funding tables
# up to 8; the last question of a form alone on its page gives about 15.
MIN_LINES = 12


def lines(path: Path) -> list[list[str]]:
    """The non-empty text lines of each page."""
    return [
        [x for x in (p.extract_text() or "").splitlines() if x.strip()]
        for p in pypdf.PdfReader(path).pages
    ]


EDITIONS = [
    ("kurzcheck", "de", {}),
    ("kurzcheck", "en", {}),
    ("kurzcheck", "de", {"trainer": True}),
    ("kmu-basis", "de", {}),
    ("kmu-basis", "en", {"funding": False}),
    ("handwerk", "de", {"funding": False}),
    ("produktion", "de", {"trainer": True}),
    ("eu-dma", "en", {}),
]


@pytest.mark.parametrize(("qid", "lang", "options"), EDITIONS)
def test_no_page_of_a_handout_is_nearly_empty(tmp_path, qid, lang, options):
    out = tmp_path / "handout.pdf"
    write_handout(qid, out, lang=lang, as_of=AS_OF, **options)
    pages = lines(out)
    thin = {i: len(p) for i, p in enumerate(pages, start=1) if len(p) < MIN_LINES}
    assert not thin, f"pages with fewer than {MIN_LINES} lines: {thin}"
    # the version stands in every footer (the first page has none), never alone on a page
    assert all(f"ki-check {__version__}" in " ".join(p) for p in pages[1:])


def test_short_form_leaves_out_the_funding_landscape(tmp_path, cli):
    full, short = tmp_path / "bogen.pdf", tmp_path / "kurz.pdf"
    args = ("handout", "kurzcheck", "--as-of", "2026-11-24")
    assert cli(*args, "--out", full).exit_code == 0
    result = cli(*args, "--out", short, "--no-funding")
    assert result.exit_code == 0, result.stderr
    full_text = " ".join(" ".join(p) for p in lines(full))
    short_text = " ".join(" ".join(p) for p in lines(short))
    for heading in ("Förderlandschaft", "Kostenlose Anlaufstellen", "Beendete Programme"):
        assert heading in full_text
        assert heading not in short_text
    assert len(lines(short)) < len(lines(full))
    assert "Wozu dieser Check?" in short_text
    questions = load_questionnaire("kurzcheck").questions
    assert short_text.count("Notiz") >= len(questions)  # every question keeps its block


def test_brand_contact_stays_in_the_short_form(tmp_path, cli):
    brand = tmp_path / "marke.yaml"
    brand.write_text("organisation: HWK Musterstadt\ncontact: {phone: 0123 4567}\n", "utf-8")
    out = tmp_path / "kurz.pdf"
    result = cli(
        "handout",
        "kurzcheck",
        "--out",
        out,
        "--no-funding",
        "--brand",
        brand,
        "--as-of",
        "2026-11-24",
    )
    assert result.exit_code == 0, result.stderr
    first = " ".join(lines(out)[0])
    assert "0123 4567" in first
    assert all("HWK Musterstadt" in " ".join(p) for p in lines(out))  # head, then footers
