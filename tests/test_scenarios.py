"""End-to-end scenarios of issue 13 ("Done when"), through the real CLI.

1. An advisor adds last year's and this year's file of a company to the archive and
   gets a report with the development section (the PDF read back with pypdf).
2. A chamber pushes three advisors' laptop archives (SQLite) into one PostgreSQL
   server and exports the year's counts.

Every expected figure is worked out by hand in the fixture files named.
"""

from __future__ import annotations

import csv
import json

from conftest import DATA, ROOT, pdf_text

from ki_check.archive.history import HistoryRequest
from ki_check.documents.report import report_html

ARCH = DATA / "archive"
PEERS = DATA / "peers"
NORDLICHT_2025 = DATA / "history" / "nordlicht-2025.yaml"
NORDLICHT_2026 = ROOT / "examples" / "kurzcheck-beispiel.yaml"
PAINTER = DATA / "companies" / "malerbetrieb-thueringen.yaml"


def test_advisor_reassesses_a_company_a_year_later(cli, tmp_path):
    """Nordlicht Sanitärhandel, Kurzcheck 12 Nov 2025 and 18 Nov 2026: the figures are
    worked out in tests/data/history/nordlicht-2025.yaml."""
    db = tmp_path / "archiv.sqlite"
    added = cli("archive", "add", NORDLICHT_2025, NORDLICHT_2026, "--db", db)
    assert added.exit_code == 0, added.stderr
    out = tmp_path / "bericht.pdf"
    result = cli("report", NORDLICHT_2026, "--db", db, "--out", out, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.stderr
    assert "Entwicklung seit der Erhebung vom 12.11.2025" in result.stderr
    assert "Keine Vergleichsgruppe, die groß genug ist" in result.stderr
    pages = pdf_text(out)
    assert len(pages) <= 8  # a kurzcheck report, history included (docs/report.md)
    assert "+30,3 Punkte seit 11/2025 · Stufe Einsteiger → Entdecker" in pages[1]
    details = next(p for p in pages[3:] if "Entwicklung seit der letzten Erhebung" in p)
    for text in (
        "Frühere Erhebung: 12. November 2025 (Jonas Beispiel), Archiv Nr.",
        "Gesamt: 10,7 → 41,0 Punkte (+30,3) · Stufe Einsteiger → Entdecker",
        "66,7 (+33,4)",  # Daten 33.3 → 66.7
        "41,7 (+4,2)",  # Menschen und Kompetenzen 37.5 → 41.7
        "frühere Erhebung 12.11.2025",
    ):
        assert text in details, text
    # five other firms are not in this archive: no peer group, and no figure for one
    assert "Vergleichsgruppe" not in " ".join(pages)


# Three laptops. Since 1 January 2026, by hand from the fixture files:
#   verlauf-2026  K-100  C small (30)   NW  top  (75.0)   laptops A and C: stored once
#   k-201         K-201  C small (12)   NW  low  (12.5)
#   k-202         K-202  C small (20)   NW  mid  (25.0)
#   k-203         K-203  C small (35)   BY  mid  (37.5)
#   k-204         K-204  C small (49)   BW  high (50.0)
#   k-205         K-205  C medium (60)  NW  high (62.5)
#   k-206         K-206  C medium (120) HE  top  (75.0)
#   kurzcheck-beispiel  Nordlicht  G small (27)  SH  entdecker (41.0, nordlicht-2025.yaml)
#   malerbetrieb-thueringen  Sommer  F micro (6)  TH  am_anfang (11.0, docs/advice.md)
# Before 2026 (not counted): verlauf-2025 (laptop A), nordlicht-2025 (laptop B).
PEER = {i: PEERS / f"k-20{i}.yaml" for i in range(1, 7)}
LAPTOPS = {
    "a": [ARCH / "verlauf-2025.yaml", ARCH / "verlauf-2026.yaml", PEER[1], PEER[2], PEER[3]],
    "b": [PEER[4], PEER[5], PEER[6], NORDLICHT_2025, NORDLICHT_2026],
    "c": [PAINTER, ARCH / "verlauf-2026.yaml"],
}
YEAR = {
    "assessments": 9,
    "companies": 9,
    "stage": {"am_anfang": 1, "entdecker": 1, "high": 2, "low": 1, "mid": 2, "top": 2},
    "sector": {"C": 7, "F": 1, "G": 1},
    "size_class": {"medium": 2, "micro": 1, "small": 6},
    "state": {"BW": 1, "BY": 1, "HE": 1, "NW": 4, "SH": 1, "TH": 1},
}


def test_chamber_collects_three_laptops_in_postgresql_and_exports_the_year(cli, pg_db, tmp_path):
    for name, files in LAPTOPS.items():
        laptop = tmp_path / f"laptop-{name}.sqlite"
        added = cli("archive", "add", *files, "--db", laptop)
        assert added.exit_code == 0, added.stderr
        pushed = cli("archive", "push", "--db", laptop, "--to", pg_db)
        assert pushed.exit_code == 0, pushed.stderr
    again = cli("archive", "push", "--db", tmp_path / "laptop-a.sqlite", "--to", pg_db)
    assert again.exit_code == 0, again.stderr
    rows = json.loads(cli("archive", "list", "--json", "--db", pg_db).stdout)
    assert len(rows) == 11  # 5 + 5 + 2, the Verlauf 2026 file of laptop C stored once
    assert len({r["company"] for r in rows}) == 9

    # the year's counts, as JSON Lines and as the CSV for the funding body
    result = cli("archive", "export", "--format", "jsonl", "--since", "2026-01-01", "--db", pg_db)
    assert result.exit_code == 0, result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    counts = lines[0]
    assert counts["type"] == "counts"
    assert {k: counts[k] for k in YEAR} == YEAR
    assert len(lines) == 1 + 9
    target = tmp_path / "jahr-2026.csv"
    result = cli(
        "archive", "export", "--format", "csv", "--since", "2026-01-01", "--pseudonymise",
        "--out", target, "--db", pg_db,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    table = target.with_name("jahr-2026-zahlen.csv").read_text("utf-8-sig")
    found = {(f, v): int(n) for f, v, n in csv.reader(table.splitlines()[1:], delimiter=";")}
    assert found[("Erhebungen", "")] == 9
    assert found[("Unternehmen", "")] == 9
    for feature, header in (
        ("stage", "Stufe"),
        ("sector", "WZ-Abschnitt"),
        ("size_class", "Größenklasse"),
        ("state", "Bundesland"),
    ):
        assert {v: n for (f, v), n in found.items() if f == header} == YEAR[feature]

    # every advisor of the chamber now sees the history and the peer group
    page = report_html(ARCH / "verlauf-2026.yaml", history=HistoryRequest(db=pg_db)).html
    assert "+68,7 Punkte seit 10/2025" in page
    assert "6 Unternehmen aus Wirtschaftszweig C (Verarbeitendes Gewerbe)" in page
