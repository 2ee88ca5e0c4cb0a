"""Who runs a programme is said in the reader's language (audit item 10).

The English report used to print the German provider prose ("… im Auftrag des
BMWE, kofinanziert aus dem ESF Plus"). ``provider`` is now a translated text like
``name``; the English words translate the same facts (no new ones).
"""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA, pdf_text

from ki_check.funding.match import load_funding
from ki_check.util.resources import data_file

GERMAN_WORDS = ("im Auftrag", "Bundesministerium", "Ministerium für", "über die", "gefördert")


def test_every_programme_names_its_provider_in_german_and_english():
    raw = yaml.safe_load(data_file("funding.yaml").read_text("utf-8"))["programmes"]
    assert len(raw) == 42
    for entry in raw:
        provider = entry["provider"]
        assert set(provider) == {"de", "en"}, entry["id"]
        assert provider["de"].strip(), entry["id"]
        assert provider["en"].strip(), entry["id"]
        for word in GERMAN_WORDS:
            assert word not in provider["en"], (entry["id"], word)


@pytest.mark.parametrize(
    ("programme", "de", "en"),
    [
        (
            "bafa-unternehmensberatung",
            "Bundesamt für Wirtschaft und Ausfuhrkontrolle (BAFA) im Auftrag des BMWE,"
            " kofinanziert aus dem ESF Plus",
            "Federal Office for Economic Affairs and Export Control (BAFA) on behalf of the"
            " BMWE, co-funded by the ESF Plus",
        ),
        (
            "kfw-erp-digitalisierung",
            "KfW im Auftrag des BMWE, über die Hausbank",
            "KfW on behalf of the BMWE, through the company's own bank (Hausbank)",
        ),
    ],
)
def test_provider_is_read_as_translated_text(programme, de, en):
    p = next(x for x in load_funding() if x.id == programme)
    assert p.provider == {"de": de, "en": en}


def test_logistics_firm_english_report_names_providers_in_english(cli, tmp_path):
    # Rhein-Ruhr Logistik (200 staff, NRW): BAFA consulting is on its shortlist
    out = tmp_path / "logistics-en.pdf"
    path = DATA / "companies" / "logistik-nrw.yaml"
    r = cli("report", path, "--out", out, "--lang", "en", "--as-of", "2026-11-24")
    assert r.exit_code == 0, r.output
    text = " ".join(pdf_text(out))
    assert "on behalf of the BMWE, co-funded by the ESF Plus" in text
    assert "im Auftrag" not in text
    assert "kofinanziert" not in text


def test_funding_show_names_the_provider_in_the_language(cli):
    r = cli("funding", "show", "bafa-unternehmensberatung", "--lang", "en")
    assert r.exit_code == 0, r.output
    assert "on behalf of the BMWE" in r.output
    r = cli("funding", "show", "bafa-unternehmensberatung")
    assert "im Auftrag des BMWE" in r.output
