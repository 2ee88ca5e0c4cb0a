"""The PDF report, rendered for real by WeasyPrint and read back with pypdf."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import EXAMPLE, pdf_text

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.documents.report import report_html, write_report
from ki_check.i18n import tr
from ki_check.render.templates import labels

AS_OF = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "bericht.pdf"
    write_report(EXAMPLE, out, as_of=AS_OF)
    return out


# muster-gmbh's result, computed by hand from kmu-basis 2.1 in
# tests/test_cli.py::test_score_json_matches_hand_computation (the derivations are there):
# the dimension scores as the report prints them, and the stage each lies in.
MUSTER_DIMENSIONS = [
    ("Strategie und Führung", "55,0", "Gestalter"),
    ("Digitale Basis und IT-Sicherheit", "66,7", "Gestalter"),
    ("Daten", "59,9", "Gestalter"),
    ("Prozesse und Anwendungsfälle", "44,0", "Entdecker"),
    ("KI-Einsatz heute", "33,3", "Entdecker"),
    ("Menschen, Kompetenzen und Kultur", "47,9", "Entdecker"),
    ("Recht, Regeln und Verantwortung", "64,3", "Gestalter"),
    ("Ressourcen und Förderung", "71,4", "Gestalter"),
    ("Nachhaltigkeit (optional)", "33,3", "Entdecker"),
]


def test_report_holds_what_the_company_needs(example_pdf):
    text = " ".join(pdf_text(example_pdf))
    assert "Muster Metallbau GmbH" in text
    # overall 5.1324 / 9.75 = 52.6 → stage Gestalter (50–75); 38 of 40 answered → 95 %
    assert "52,6von 100 Punkten Stufe: Gestalter" in text  # pypdf reads the figure unspaced
    assert "Abdeckung: 95 %" in text
    # the baselines: 5.8 % in 2019 (BMWi), 17 % of small firms (10–49) in 2024 (Destatis)
    assert "2019 nutzten 5,8 % der Unternehmen in Deutschland KI" in text
    assert "Für kleine Unternehmen (10–49 Beschäftigte) lag der Anteil 2024 bei 17 %" in text
    for label, score, stage in MUSTER_DIMENSIONS:
        assert f"{label} {score} · {stage}" in text
    for title in (
        "Zusammenfassung",
        "Profil nach Dimensionen",
        "Empfohlene Förderprogramme",
        "Maßnahmenplan",
        "Methode und Quellen",
        "Hinweis",
    ):
        assert title in text


def test_report_leaves_out_no_programme_and_no_action(example_pdf):
    # which programmes and actions apply is decided (and tested on named cases) in the
    # library; here only that the report shows each one the assessment holds
    q, af = open_answers(EXAMPLE)
    advice = assess(q, af, as_of=AS_OF)
    text = " ".join(pdf_text(example_pdf))
    shown = [v for v in advice.funding if v.tier != "not_matching"]
    assert len(shown) >= 3
    assert advice.actions
    for v in shown:
        assert tr(v.programme.name, "de") in text
    for action in advice.actions:
        assert tr(action.title, "de") in text


def test_every_page_has_header_and_page_numbers(example_pdf):
    pages = pdf_text(example_pdf)
    assert 6 <= len(pages) <= 40
    for i, page in enumerate(pages[1:], start=2):  # the cover has no footer
        assert f"Seite {i} von {len(pages)}" in page


def test_pdf_is_tagged_with_title_language_and_author(example_pdf):
    reader = pypdf.PdfReader(example_pdf)
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert root["/MarkInfo"]["/Marked"]
    assert "Muster Metallbau GmbH" in reader.metadata.title
    assert reader.metadata.author
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfuaid" in xmp


def test_fonts_are_embedded(example_pdf):
    reader = pypdf.PdfReader(example_pdf)
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            f = font.get_object()
            descriptor = (
                f.get("/FontDescriptor") or f["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            )
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(f["/BaseFont"]))
    assert any("Inter" in name for name in fonts)


def test_english_report_has_no_german_section_titles(tmp_path):
    out = tmp_path / "report-en.pdf"
    write_report(EXAMPLE, out, lang="en", as_of=AS_OF)
    text = " ".join(pdf_text(out))
    de, en = labels("de"), labels("en")
    for key in (
        "summary",
        "profile",
        "dimensions",
        "funding",
        "plan",
        "method",
        "use_cases",
        "strengths",
        "next_steps",
    ):
        assert en[key] in text
        assert de[key] not in text
    assert "Page 2 of" in text
    assert pypdf.PdfReader(out).trailer["/Root"]["/Lang"] == "en"


def test_report_is_deterministic(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_report(EXAMPLE, a, as_of=AS_OF)
    write_report(EXAMPLE, b, as_of=AS_OF)
    assert pdf_text(a) == pdf_text(b)


def _answers_file(tmp_path: Path, **changes) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    for key, value in changes.items():
        section, field = key.split("__")
        data[section][field] = value
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_in_progress_interview_is_a_draft_on_every_page(tmp_path, cli):
    path = _answers_file(tmp_path, interview__status="in_progress")
    out = tmp_path / "entwurf.pdf"
    result = cli("report", path, "--out", out, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    assert "Entwurf" in result.stderr
    pages = pdf_text(out)
    for page in pages:
        assert "ENTWURF" in page


INJECTIONS = [
    '<link rel="attachment" href="file:///etc/hostname">',
    '<img src="file:///etc/passwd">',
    "<style>@import url(file:///etc/passwd);</style>",
    "background: url(file:///etc/passwd)",
    '<svg><image href="file:///etc/passwd"/></svg>',
]


def test_markup_typed_by_a_company_stays_literal_text(tmp_path):
    evil = " ".join(INJECTIONS)
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["company"]["name"] = "Evil GmbH " + INJECTIONS[0]
    data["interview"]["advisor"] = "Mallory " + INJECTIONS[1]
    data["notes"] = {"ki_ziele": evil}
    path = tmp_path / "evil.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")

    rendered = report_html(path, as_of=AS_OF)
    for snippet in INJECTIONS:
        if "<" in snippet:
            assert snippet not in rendered.html  # escaped, never markup
    assert "&lt;link rel=&#34;attachment&#34;" in rendered.html

    out = tmp_path / "evil.pdf"
    write_report(path, out, as_of=AS_OF)
    reader = pypdf.PdfReader(out)
    names = reader.trailer["/Root"].get("/Names") or {}
    assert "/EmbeddedFiles" not in names
    assert not reader.attachments
    text = " ".join(pdf_text(out))
    assert "Evil GmbH" in text
    assert "file:///etc/hostname" in text  # printed as text
    assert "root:" not in text  # /etc/passwd was not read


def test_fetcher_refuses_everything_outside_the_allowed_roots(tmp_path):
    from ki_check.render.fetcher import RestrictedFetcher
    from ki_check.render.pdf import html_to_pdf
    from ki_check.render.templates import template_dir

    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-12345", "utf-8")
    html = (
        f'<html lang="de"><head><title>t</title>'
        f'<link rel="attachment" href="{secret.as_uri()}">'
        f'<link rel="stylesheet" href="http://example.com/x.css">'
        f'<style>@import url("{secret.as_uri()}");</style></head>'
        f'<body><img src="{secret.as_uri()}"><img src="https://example.com/a.png">'
        f'<img src="fonts/../../../../../../etc/hostname"><p>Hallo</p></body></html>'
    )
    fetcher = RestrictedFetcher([template_dir()])
    pdf = html_to_pdf(html, base_dir=template_dir(), roots=[template_dir()], fetcher=fetcher)
    assert b"GEHEIM" not in pdf
    refused = " ".join(fetcher.refused)
    assert secret.as_uri() in refused
    assert "http://example.com/x.css" in refused
    assert "https://example.com/a.png" in refused
    assert "etc/hostname" in refused
    assert all(Path(p).is_relative_to(template_dir().resolve()) for p in fetcher.served)


def test_existing_file_needs_force_and_writes_are_atomic(tmp_path, cli):
    out = tmp_path / "bericht.pdf"
    out.write_bytes(b"old")
    result = cli("report", EXAMPLE, "--out", out)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_bytes() == b"old"
    result = cli("report", EXAMPLE, "--out", out, "--force")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["bericht.pdf"]  # no temporary leftovers


def test_missing_output_folder_is_a_clear_error(tmp_path, cli):
    result = cli("report", EXAMPLE, "--out", tmp_path / "fehlt" / "bericht.pdf")
    assert result.exit_code == 2
    assert "existiert nicht" in result.stderr
    assert "mkdir" in result.stderr


def test_company_with_every_answer_dont_know(tmp_path):
    q, _ = open_answers(EXAMPLE)
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["answers"] = {
        question.id: "dont_know" for question in q.questions if question.show_if is None
    }
    data["notes"] = {}
    path = tmp_path / "dk.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "dk.pdf"
    write_report(path, out, as_of=AS_OF)
    text = " ".join(pdf_text(out))
    assert "Keine Bewertung möglich" in text
    assert "weiß nicht" in text


def test_pdf_a_variant(tmp_path, cli):
    out = tmp_path / "archiv.pdf"
    result = cli("report", EXAMPLE, "--out", out, "--pdf-variant", "pdf/a-3u")
    assert result.exit_code == 0, result.stderr
    root = pypdf.PdfReader(out).trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfaid" in xmp
    assert "/StructTreeRoot" in root


def test_unknown_variant_is_refused(tmp_path, cli):
    result = cli("report", EXAMPLE, "--out", tmp_path / "x.pdf", "--pdf-variant", "pdf/b")
    assert result.exit_code == 2
    said = " ".join(result.stderr.split())
    assert "USAGE_005 --pdf-variant 'pdf/b' ist nicht erlaubt." in said
    assert "Lösung: Eines von: " in said
    assert "pdf/ua-1" in said


def test_brand_file_sets_organisation_logo_and_colours(tmp_path):
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
        '<rect width="120" height="40" fill="#123456"/></svg>',
        "utf-8",
    )
    brand = tmp_path / "marke.yaml"
    brand.write_text(
        "organisation: IHK Musterstadt\nlogo: logo.svg\ncolours: {primary: '#123456'}\n"
        "contact: {email: beratung@ihk.example}\n",
        "utf-8",
    )
    rendered = report_html(EXAMPLE, brand=brand, as_of=AS_OF)
    assert "IHK Musterstadt" in rendered.html
    assert "--primary: #123456" in rendered.html
    assert (tmp_path / "logo.svg").as_uri() in rendered.html
    out = tmp_path / "b.pdf"
    write_report(EXAMPLE, out, brand=brand, as_of=AS_OF)
    assert "IHK Musterstadt" in " ".join(pdf_text(out))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colours: {primary: red}\n", "colours.primary"),
        ("logo: ../geheim.png\n", "Markendatei"),
        ("logo: fehlt.png\n", "FILE_001"),
        ("farbe: blau\n", "KEY_001"),
    ],
)
def test_bad_brand_file(tmp_path, cli, text, message):
    brand = tmp_path / "marke.yaml"
    brand.write_text(text, "utf-8")
    result = cli("report", EXAMPLE, "--out", tmp_path / "x.pdf", "--brand", brand)
    assert result.exit_code == 2
    assert f"{brand}:1:" in result.stderr
    assert message in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_cli_report_does_not_import_weasyprint_for_other_commands():
    import subprocess
    import sys

    # ``app`` holds every command, so each command module is imported (``ki_check.cli`` alone
    # imports none of them)
    code = (
        "import sys, ki_check.render.report; from ki_check.cli import app;"
        " print('weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_table_headings_and_light_labels_are_not_hyphenated(tmp_path):
    """A red light reads "Handlungsbedarf" in one piece, never "Handlungsbe-darf"."""
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["answers"]["ki_kompetenz"] = "niemand"  # uses AI (experiments), nobody trained: red
    path = tmp_path / "rot.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = tmp_path / "rot.pdf"
    write_report(path, out, as_of=AS_OF)
    raw = "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(out).pages)
    assert "Handlungsbedarf" in raw
    assert not re.search("Handlungs(be)?[-\u00ad\u2010]\n", raw)


def test_a_drafts_open_questions_stand_in_one_line_per_dimension():
    """Ingenieurbüro Lang & Partner (draft, 3 of 33 questions): the appendix names the
    three open questions of "Digitale Basis" in one line, not as three rows of
    "nicht beantwortet"; answered questions keep their row."""
    from ki_check.documents.report import report_html

    path = Path(__file__).parent / "data" / "companies" / "ingenieurbuero-entwurf.yaml"
    html = report_html(path, as_of=dt.date(2026, 11, 24)).html
    appendix = html[html.index("Anhang: alle Antworten") :]
    block = appendix.split("Digitale Basis und IT-Sicherheit", 1)[1].split("</div>", 1)[0]
    assert re.findall(r'<p class="item open"><em>Nicht beantwortet:</em> ([^<]*)</p>', block) == [
        "Welche Geschäftssoftware setzen Sie ein? · Wie häufig nutzen Sie Cloud-Dienste? ·"
        " Gibt es ein IT-Sicherheitskonzept (Zugriffsrechte, Datensicherungen, Notfallplan)?"
    ]
    assert '<span class="a">nicht beantwortet</span>' not in appendix
    assert 'Wie stark unterstützt die Geschäftsleitung KI-Vorhaben? <span class="a">4 von 5' in (
        appendix
    )
