"""The report an advisor hands over: page budget, page fill and the two-page summary.

Every company file of tests/data/companies/ and every bundled example is rendered
for real in both languages and read back with pypdf. The rules are in
docs/report.md: at most 12 pages (8 for a kurzcheck), no page but the cover with
fewer than MIN_LINES lines, the summary on pages 2-3 and the details from page 4.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pypdf
import pytest
import yaml
from conftest import DATA, ROOT

from ki_check.archive.history import HistoryRequest
from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess
from ki_check.documents.report import write_report
from ki_check.funding.match import load_funding
from ki_check.render.brand import load_brand
from ki_check.render.report import report_html_for

AS_OF = dt.date(2026, 11, 24)
COMPANIES = DATA / "companies"
FILES = sorted(COMPANIES.glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
PAGES = {"kurzcheck": 8}  # every other questionnaire: DEFAULT_PAGES
DEFAULT_PAGES = 12
# The running title and the footer give 3 lines; a lone table row or a heading with
# a short paragraph up to about 12. A page with fewer than 15 holds too little.
MIN_LINES = 15
STUB = re.compile(r"\s*[A-Za-zÄÖÜäöüß]{1,6}[-\u2010\u00ad]\s*")


def lines(path: Path) -> list[list[str]]:
    """The non-empty text lines of each page."""
    return [
        [x for x in (p.extract_text() or "").splitlines() if x.strip()]
        for p in pypdf.PdfReader(path).pages
    ]


def joined(pages: list[list[str]]) -> str:
    """The lines of ``pages`` as one string."""
    return " ".join(line for page in pages for line in page)


def flat(text: str) -> str:
    """Whitespace collapsed, every hyphen and soft hyphen removed (line ends lose them)."""
    text = re.sub(r"\s+", " ", text.replace("\xa0", " "))
    return re.sub("[-\u2010\u00ad ]", "", text)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Render each (answer file, language) once; return its lines per page."""
    folder = tmp_path_factory.mktemp("reports")
    cache: dict[tuple[str, str], list[list[str]]] = {}

    def get(path: Path, lang: str = "de") -> list[list[str]]:
        key = (path.name, lang)
        if key not in cache:
            out = folder / f"{path.stem}-{lang}.pdf"
            write_report(path, out, lang=lang, as_of=AS_OF)
            cache[key] = lines(out)
        return cache[key]

    return get


def _questionnaire(path: Path) -> str:
    return yaml.safe_load(path.read_text("utf-8"))["questionnaire"].split("@")[0]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_report_fits_its_page_budget_and_no_page_is_nearly_empty(report, path, lang):
    pages = report(path, lang)
    budget = PAGES.get(_questionnaire(path), DEFAULT_PAGES)
    assert len(pages) <= budget, f"{len(pages)} pages, budget {budget}"
    thin = {i: len(page) for i, page in enumerate(pages, start=1) if len(page) < MIN_LINES}
    assert set(thin) <= {1}, f"pages with fewer than {MIN_LINES} lines: {thin}"
    # no line holds one syllable of a word ("Ha-" / "ben Sie ..."): a layout glitch of
    # paragraphs in columns that report.css avoids
    stubs = [x for page in pages for x in page if STUB.fullmatch(x)]
    assert not stubs, stubs


# What pages 2-3 must say, written by hand from the assessment rules (docs/advice.md)
# and the funding catalogue: the first action, every shortlisted programme with its
# amount, and the red flag where there is one.
MDZ = ("Mittelstand-Digital Zentren", "kostenlos")
BAFA = (
    "Förderung von Unternehmensberatungen für KMU (BAFA)",
    "50 % von höchstens 3.500 € Beratungskosten (max. 1.750 €)",
)
SUMMARIES = [
    pytest.param(
        "malerbetrieb-thueringen", "de", "Datenbestände erfassen", [MDZ], None, id="painter"
    ),
    pytest.param(
        "maschinenbau-bayern",
        "de",
        "Den lästigsten Ablauf aufschreiben",
        [
            # Digitalbonus Bayern pays for purchases; step 1 writes a process down
            MDZ,
            BAFA,
            # pays for step 4 "Eigene Entwicklung fördern lassen" (docs/advice.md)
            (
                "Forschungszulage (steuerliche FuE-Förderung)",
                "35 % von höchstens 12.000.000 € förderfähigen Aufwendungen je Jahr"
                " (max. 4.200.000 €)",
            ),
        ],
        None,
        id="manufacturer",
    ),
    pytest.param(
        "logistik-nrw",
        "de",
        "Pflichten beim Hochrisiko-Einsatz klären, bevor er weiterläuft",
        [MDZ, BAFA],
        "Hochrisiko-Anwendungen",
        id="logistics",
    ),
    pytest.param(
        "logistik-nrw",
        "en",
        "Clarify the duties of the high-risk use before it goes on",
        [("Mittelstand-Digital Zentren", "free of charge")],
        "High-risk uses",
        id="logistics-en",
    ),
    pytest.param(
        "ki-startup-berlin",
        "de",
        "Pflichten als Anbieter klären",
        [
            MDZ,
            (
                "Forschungszulage (steuerliche FuE-Förderung)",
                "35 % von höchstens 12.000.000 € förderfähigen Aufwendungen je Jahr"
                " (max. 4.200.000 €)",
            ),
            BAFA,
        ],
        None,
        id="spin-off",
    ),
    pytest.param(
        "callcenter-emotionserkennung",
        "de",
        "Verbotenen KI-Einsatz sofort anhalten",
        [MDZ, BAFA],
        "Verbotene Praktiken",
        id="prohibited",
    ),
]
HEADINGS = {
    "de": ("Sofort handeln", "sofort", "Profil nach Dimensionen", "Die drei wichtigsten Schritte"),
    "en": ("Act now", "now", "Profile by dimension", "The three most important steps"),
}


@pytest.mark.parametrize(("company", "lang", "first", "shortlist", "red_flag"), SUMMARIES)
def test_summary_on_pages_2_and_3_holds_first_action_shortlist_and_red_flag(
    report, company, lang, first, shortlist, red_flag
):
    pages = report(COMPANIES / f"{company}.yaml", lang)
    summary = flat(" ".join(pages[1] + pages[2]))
    act_now, now, details, steps = HEADINGS[lang]
    assert flat(steps) in summary
    assert flat(first) in summary
    for name, amount in shortlist:
        assert flat(name) in summary, name
        assert flat(amount) in summary, amount
    if red_flag:
        assert flat(act_now) in summary
        assert flat(red_flag) in summary
        assert flat(now) in summary
    else:
        assert flat(act_now) not in summary
    assert flat(details) not in summary
    assert flat(details) in flat(" ".join(pages[3]))  # the details start on page 4


def _with_interview(tmp_path: Path, **fields) -> Path:
    data = yaml.safe_load((COMPANIES / "logistik-nrw.yaml").read_text("utf-8"))
    data["interview"].update(fields)
    path = tmp_path / "logistik.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_summary_prints_the_advisors_conclusion_and_re_check(tmp_path):
    conclusion = "Erst die Bewerbungs-KI klären, dann Touren planen."
    path = _with_interview(tmp_path, conclusion=conclusion, follow_up="2027-05-14")
    out = tmp_path / "bericht.pdf"
    write_report(path, out, as_of=AS_OF)
    summary = flat(joined(lines(out)[1:3]))
    assert flat("Fazit der Beratung") in summary
    assert flat(conclusion) in summary
    assert flat("Nächste Überprüfung: 14. Mai 2027") in summary
    assert flat("im Abschlussgespräch auszufüllen") not in summary


def test_summary_without_conclusion_has_a_field_to_write_in(report):
    summary = flat(joined(report(COMPANIES / "logistik-nrw.yaml")[1:3]))
    assert flat("Fazit der Beratung") in summary
    assert flat("Von der Beraterin oder dem Berater im Abschlussgespräch auszufüllen.") in summary
    assert flat("Nächste Überprüfung:") in summary


def test_summary_names_the_brand_contact_and_the_nearest_zentrum(tmp_path):
    brand = tmp_path / "marke.yaml"
    brand.write_text(
        "organisation: HWK Erfurt\ncontact: {name: Jana Beispiel, phone: 0361 123456,"
        " email: digital@hwk.example}\n",
        "utf-8",
    )
    out = tmp_path / "bericht.pdf"
    write_report(COMPANIES / "malerbetrieb-thueringen.yaml", out, brand=brand, as_of=AS_OF)
    summary = flat(joined(lines(out)[1:3]))
    for text in (
        "HWK Erfurt",
        "Jana Beispiel",
        "0361 123456",
        "digital@hwk.example",
        "Mittelstand-Digital Zentrum Ilmenau",
    ):
        assert flat(text) in summary, text
    pages = lines(out)
    assert all("HWK Erfurt" in " ".join(page) for page in pages[1:])  # footer


def test_full_keeps_every_verdict_and_the_recommendations(tmp_path, cli):
    path = COMPANIES / "malerbetrieb-thueringen.yaml"
    short, full = tmp_path / "kurz.pdf", tmp_path / "voll.pdf"
    assert cli("report", path, "--out", short, "--as-of", "2026-11-24").exit_code == 0
    result = cli("report", path, "--out", full, "--as-of", "2026-11-24", "--full")
    assert result.exit_code == 0, result.stderr
    short_text, full_text = (flat(joined(lines(p))) for p in (short, full))
    assert len(lines(full)) > len(lines(short))
    # a Land programme of another Land: counted in the default, listed in --full
    assert flat("Digitalbonus Bayern") not in short_text
    assert flat("Landesprogramme anderer Bundesländer sind nicht aufgeführt") in short_text
    assert flat("Digitalbonus Bayern") in full_text
    for programme in load_funding():
        assert flat(programme.name["de"]) in full_text, programme.id
    assert flat("Empfehlungen") in full_text


def test_verdicts_by_tier_with_reasons_on_a_catalogue_made_for_it():
    q, af = open_answers(COMPANIES / "malerbetrieb-thueringen.yaml")
    catalogue = load_funding(DATA / "funding-tiers.yaml")
    a = assess(q, af, as_of=AS_OF, programmes=catalogue)
    html = report_html_for(a, lang="de", brand=load_brand(None)).html
    appendix = html[html.index("Anhang: alle Förderprogramme geprüft") :]
    details = html[html.index("Empfohlene Förderprogramme") : html.index("Anhang: alle Antworten")]
    assert "Zuschuss Orientierung" in details  # recommended: in the details
    assert "Zuschuss Einführung" not in details  # pays for purchases; steps 1-3 buy none
    assert "Zuschuss Einführung" in appendix
    assert "für ein späteres Umsetzungsvorhaben wie Schritt 6" in appendix
    assert "Alter Zuschuss" not in details
    check = appendix[appendix.index("Vor einem Antrag prüfen") :]
    assert "Alter Zuschuss" in check
    # the heading says why, the summary names the step; the row gives the conditions
    # it meets, not the heading again
    assert "<li><strong>Alter Zuschuss</strong> – offen für Unternehmen jeder Größe" in check
    assert "Angaben älter als 12 Monate" not in check
    assert "bezahlt Schritt" not in check
    assert "Forschungszuschuss" in appendix  # possible, with its reason
    assert "fördert eigene Forschung und Entwicklung – Ihre Antworten zeigen keine" in appendix
    assert "Bayern-Bonus" not in html  # a Land programme of another Land: only counted
    assert "Ein Landesprogramm eines anderen Bundeslandes ist nicht aufgeführt" in appendix


def test_summary_names_fitting_programmes_to_check_first_with_amount_and_date(report):
    # docs/advice.md, worked example: the EDIHs help with step 1 but their newest
    # source is older than 12 months; Digitalbonus Thüringen pays for purchases, and
    # steps 1-3 buy nothing: not in the summary at all
    summary = flat(joined(report(COMPANIES / "malerbetrieb-thueringen.yaml")[1:3]))
    check = summary[summary.index(flat("Vor einem Antrag prüfen")) :]
    assert flat("Digitalbonus Thüringen") not in check
    for text in (
        "European Digital Innovation Hubs (EDIH) (für Schritt 1)",
        "neueste Quelle 12/2022",
        "würden zu Ihren Schritten passen, ihre Angaben sind aber älter als zwölf Monate",
    ):
        assert flat(text) in check, text
    # the shortlist above it still holds only the recommended free first stop
    shortlist = summary[: summary.index(flat("Vor einem Antrag prüfen"))]
    assert flat("Digitalbonus Thüringen") not in shortlist


# A company with history: the development section (docs/report.md) within the budget.
# Nordlicht's figures are worked out in tests/data/history/nordlicht-2025.yaml.
HISTORY = [
    pytest.param(
        COMPANIES / "logistik-nrw.yaml", DATA / "history" / "logistik-nrw-2025.yaml", id="logistics"
    ),
    pytest.param(
        ROOT / "examples" / "kurzcheck-beispiel.yaml",
        DATA / "history" / "nordlicht-2025.yaml",
        id="kurzcheck",
    ),
]


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(("path", "earlier"), HISTORY)
def test_report_with_history_fits_its_page_budget(tmp_path, path, earlier, lang):
    out = tmp_path / "bericht.pdf"
    write_report(path, out, lang=lang, as_of=AS_OF, history=HistoryRequest(compare=str(earlier)))
    pages = lines(out)
    budget = PAGES.get(_questionnaire(path), DEFAULT_PAGES)
    assert len(pages) <= budget, f"{len(pages)} pages, budget {budget}"
    thin = {i: len(page) for i, page in enumerate(pages, start=1) if len(page) < MIN_LINES}
    assert set(thin) <= {1}, f"pages with fewer than {MIN_LINES} lines: {thin}"
    title = "Entwicklung seit der letzten Erhebung" if lang == "de" else "Development since"
    assert flat(title) in flat(joined(pages[3:]))
    if path.name == "kurzcheck-beispiel.yaml":
        line = {
            "de": "+30,3 Punkte seit 11/2025 · Stufe Einsteiger → Entdecker",
            "en": "+30.3 points since 11/2025 · stage Beginner → Explorer",
        }[lang]
        assert flat(line) in flat(joined(pages[1:2]))
        daten = "66,7 (+33,4)" if lang == "de" else "66.7 (+33.4)"
        assert flat(daten) in flat(joined(pages[3:4]))


@pytest.mark.parametrize("lang", ["de", "en"])
def test_report_with_history_and_peer_group_keeps_the_summary_on_two_pages(cli, tmp_path, lang):
    """The fullest page 2: a red flag, the development line and the peer group
    (the logistics firm among six other kmu-basis firms, tests/test_report_history.py)."""
    db = tmp_path / "archiv.sqlite"
    copies = []
    for n in (1, 2):
        path = tmp_path / f"muster-{n}.yaml"
        text = (ROOT / "examples" / "muster-gmbh.yaml").read_text("utf-8")
        path.write_text(text.replace("Muster Metallbau GmbH", f"Muster Kopie {n} GmbH"), "utf-8")
        copies.append(path)
    files = [
        DATA / "history" / "logistik-nrw-2025.yaml",
        *(COMPANIES / f"{x}.yaml" for x in ("logistik-nrw", "baeckerei-ohne-datenangaben")),
        *(COMPANIES / f"{x}.yaml" for x in ("callcenter-emotionserkennung", "ki-startup-berlin")),
        ROOT / "examples" / "muster-gmbh.yaml",
        *copies,
    ]
    assert cli("archive", "add", *files, "--db", db).exit_code == 0
    out = tmp_path / "bericht.pdf"
    write_report(
        COMPANIES / "logistik-nrw.yaml",
        out,
        lang=lang,
        as_of=AS_OF,
        history=HistoryRequest(db=str(db)),
    )
    pages = lines(out)
    assert len(pages) <= DEFAULT_PAGES
    thin = {i: len(page) for i, page in enumerate(pages, start=1) if len(page) < MIN_LINES}
    assert set(thin) <= {1}, thin
    strengths, details, peers = {
        "de": ("Stärken", "Profil nach Dimensionen", "Vergleichsgruppe (6)"),
        "en": ("Strengths", "Profile by dimension", "Peer group (6)"),
    }[lang]
    assert flat(peers) in flat(joined(pages[1:2]))
    assert flat(strengths) in flat(joined(pages[1:2]))  # still on page 2
    assert flat(details) in flat(joined(pages[3:4]))  # the details start on page 4


# --- the group summary and the portfolio overview ------------------------------------------
# The same rule as for the report: no page with a lone table row or a heading with a line,
# and every heading on the page of its table's first row (report_templates/group.html,
# portfolio.html; docs/report.md, *Page budget and page breaks*).
WORKSHOP = DATA / "workshop"
CLIENTS = DATA / "portfolio" / "clients.csv"
PORTFOLIO_FOLDER = DATA / "portfolio" / "folder"
# heading → the first row of what it heads, for the data of tests/data/workshop and clients.csv
GROUP_HEADS = {
    "de": [
        ("Verteilung der Stufen", "Einsteiger"),
        ("Häufigste Hürden", "Kosten und Budget"),
        ("Förderprogramme, die den meisten empfohlen werden", "Mittelstand-Digital Zentren"),
        ("Förderprogramme, die den meisten empfohlen werden", "(BAFA)"),
    ],
    "en": [
        ("Most common barriers", "Cost and budget"),
        ("Funding programmes recommended to most", "Mittelstand-Digital Zentren"),
        ("Funding programmes recommended to most", "(BAFA)"),
    ],
}


def _three_rows(tmp_path: Path) -> Path:
    """clients.csv cut to its header and three good companies (a small workshop)."""
    rows = CLIENTS.read_text("utf-8-sig").splitlines()
    sheet = tmp_path / "drei.csv"
    keep = [rows[0], *(r for r in rows[1:] if r.split(";")[0] in {"K1", "K2", "K6"})]
    sheet.write_text("\n".join(keep) + "\n", "utf-8")
    return sheet


def _page_of(pages: list[list[str]], text: str) -> int:
    hits = [i for i, page in enumerate(pages) if flat(text) in flat(" ".join(page))]
    assert hits, f"{text!r} not in the PDF"
    return hits[0]


@pytest.mark.parametrize(
    ("results", "lang"),
    [("folder", "de"), ("folder", "en"), ("sheet", "de"), ("three", "de")],
)
def test_group_summary_fills_its_pages_and_keeps_headings_with_their_tables(
    cli, tmp_path, results, lang
):
    source = {"folder": WORKSHOP, "sheet": CLIENTS}.get(results) or _three_rows(tmp_path)
    out = tmp_path / "gruppe.pdf"
    args = ("handout", "kurzcheck", "--results", source, "--out", out, "--lang", lang)
    result = cli(*args, "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.stderr
    pages = lines(out)
    thin = {i: len(page) for i, page in enumerate(pages, start=1) if len(page) < MIN_LINES}
    assert not thin, f"pages with fewer than {MIN_LINES} lines: {thin}"
    for heading, first in GROUP_HEADS[lang]:
        assert _page_of(pages, heading) == _page_of(pages, first), (heading, first)


@pytest.mark.parametrize(
    ("source", "lang"), [("sheet", "de"), ("mixed", "en")], ids=["clients-de", "mixed-en"]
)
def test_portfolio_fills_its_pages_and_keeps_the_ranking_with_its_heading(
    cli, tmp_path, source, lang
):
    if source == "sheet":
        given = CLIENTS
    else:  # two questionnaires: each its own part, the second from a new page
        given = tmp_path / "in"
        given.mkdir()
        for name in ("k1.yaml", "k2.yaml", "other-questionnaire.yaml"):
            (given / name).write_text((PORTFOLIO_FOLDER / name).read_text("utf-8"), "utf-8")
    out = tmp_path / "out"
    args = ("batch", given, "--out", out, "--lang", lang, "--as-of", AS_OF.isoformat())
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    pages = lines(out / "portfolio.pdf")
    thin = {i: len(page) for i, page in enumerate(pages, start=1) if len(page) < MIN_LINES}
    assert not thin, f"pages with fewer than {MIN_LINES} lines: {thin}"
    ranking = "Unternehmen nach Gesamtergebnis" if lang == "de" else "Companies by overall result"
    first = "Beta/Gamma & Co. KG" if source == "sheet" else "Alpha Metall GmbH"
    assert _page_of(pages, ranking) == _page_of(pages, first)
    if source == "sheet":  # one questionnaire of four companies: two pages, not three
        assert len(pages) == 2
