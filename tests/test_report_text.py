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


def _text(html: str) -> str:
    """The visible text: tags, style and title removed."""
    html = re.sub(r"<(style|title)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_logistik_english_report_speaks_english():
    """Rhein-Ruhr Logistik (--lang en): article citations, first stops and sources in
    English; percent as "28%" everywhere (finding 21)."""
    text = _text(_html("logistik-nrw", "en"))
    assert "Art. 6(2), Art. 26, Annex III" in text
    assert "Works Constitution Act (BetrVG), section 87(1) no. 6" in text
    for german in (
        "Abs. 1",
        "Abs. 2",
        "Anhang III",
        "Übersicht aller Zentren",
        "EU-Katalog",
        "KI-Service-Desk der",
        "Pressemitteilung",
        "veröffentlicht",
    ):
        assert german not in text, german
    assert not re.search(r"\d[ \u00a0]%", text)  # "80 % of the cost" → "80% of the cost"
    assert re.search(r"\d%", text)


def test_logistik_german_numbers_keep_their_units():
    """ "bis 1.200 €" and "bis 25 Mio. €" never break before the unit; the loan's maximum is
    not repeated as "höchstens 25.000.000 €" after "bis 25 Mio. €" (finding 23). The loan
    pays for no step of the plan (it waits for an investment, docs/advice.md), so only the
    complete listing (--full) names it."""
    html = report_html(COMPANIES / "logistik-nrw.yaml", as_of=AS_OF, full=True).html
    text = _text(html)
    assert not re.search(r"\d (?:%|€|Mio\.)", text)
    assert "25\u00a0Mio.\u00a0€" in text
    assert "höchstens 25.000.000" not in text


def test_ki_startup_one_year_is_singular():
    """KI-Start-up Berlin has had its sales data for 1 year: "1 Jahr", not "1 Jahre"."""
    text = _text(_html("ki-startup-berlin"))
    assert "1\u00a0Jahr " in text
    assert "1 Jahre" not in text
    assert "1\u00a0Jahre" not in text


def test_malerbetrieb_summary_names_the_stage_once():
    """Stage "Am Anfang": the position line does not repeat it as a label (finding 23)."""
    html = _html("malerbetrieb-thueringen")
    assert "<strong>Am Anfang</strong> –" not in html
    assert "Ihr Unternehmen nutzt KI noch nicht produktiv; zuerst kommen die Grundlagen." in html


def test_malerbetrieb_check_first_does_not_say_fits_and_not_recommended():
    """Digitalbonus Thüringen would pay for step 1 but its data is old: one plain
    heading, no "Passt zum Bedarf … nicht empfohlen" (finding 22)."""
    text = _text(_html("malerbetrieb-thueringen"))
    assert "Vor einem Antrag prüfen" in text
    assert "würden zu Ihren Schritten passen, ihre Angaben sind aber älter als zwölf Monate" in text
    assert "Passt zum Bedarf" not in text
    assert "nicht empfohlen, weil" not in text


def test_callcenter_omnibus_lines_are_sentences_without_internal_notes():
    text = " ".join(_text(_html("callcenter-emotionserkennung")).split())
    assert "Nach dem Digital-Omnibus (noch nicht in Kraft) gilt dies ab 2. Dezember 2027." in text
    assert "im veröffentlichten Text zu prüfen" not in text


def test_malerbetrieb_barriers_named_and_derived_apart():
    """The painter named "Ich weiß nicht, wofür KI …; Keine Zeit; Zu teuer": those three
    under "Von Ihnen genannt", legal, data and skills under "Aus Ihren Antworten
    abgeleitet" (finding 10)."""
    text = " ".join(_text(_html("malerbetrieb-thueringen")).split())
    block = text[text.index("Hürden – und wie viele andere sie nennen") :]
    for label in (
        "Fehlendes Wissen über KI und passende Anwendungen",
        "Fehlende Zeit und Personal",
        "Kosten und Budget",
    ):
        assert f"{label} (von Ihnen genannt)" in block, label
    for label in (
        "Unsicherheit über rechtliche Folgen",
        "Fehlende oder unpassende Daten",
        "Fehlende KI-Kompetenz",
    ):
        assert f"{label} (aus Ihren Antworten abgeleitet)" in block, label
    # named first
    assert block.index("(von Ihnen genannt)") < block.index("(aus Ihren Antworten abgeleitet)")


def test_malerbetrieb_compared_with_the_crafts_as_well():
    """Handwerk questionnaire: the Bitkom crafts figure as a bar, a sentence and a source
    in the appendix (finding 18)."""
    html = _html("malerbetrieb-thueringen")
    svg = _baseline_svg(html)
    assert "Handwerk 2025" in svg
    assert "4\u00a0%" in svg
    text = re.sub(r"[ \t\n]+", " ", _text(html))  # str.split() would eat the no-break spaces
    assert "Bitkom Research: „Digitalisierung im Handwerk“ (2025-08-28)" in text
    # the forwarder is not compared with the crafts
    assert "Handwerk 2025" not in _baseline_svg(_html("logistik-nrw"))
