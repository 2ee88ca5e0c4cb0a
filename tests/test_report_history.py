"""What the archive adds to the report: the development since the last assessment and
the peer group (docs/report.md, docs/archive.md "The peer group in the report").

The fixtures compute every figure by hand: tests/data/archive/verlauf-*.yaml (Verlauf
GmbH, T0 → T1) and tests/data/peers/k-20*.yaml (six other firms of sector C). The same
tests run against SQLite and a real PostgreSQL server (fixture ``db``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLE, pdf_text

from ki_check.archive.history import HistoryRequest
from ki_check.archive.queries import Spread, peer_group_for, peer_position
from ki_check.archive.store import open_archive
from ki_check.documents.report import report_html
from ki_check.errors import KiCheckError

T0 = DATA / "archive" / "verlauf-2025.yaml"
T1 = DATA / "archive" / "verlauf-2026.yaml"
PEERS = DATA / "peers"
SMALL = [PEERS / f"k-20{i}.yaml" for i in (1, 2, 3, 4)]  # sector C, 12-49 staff
MEDIUM = [PEERS / f"k-20{i}.yaml" for i in (5, 6)]  # sector C, 60 and 120 staff
AS_OF = "2026-11-24"
DEVELOPMENT = "Entwicklung seit der letzten Erhebung"
PEER_TITLE = "Vergleichsgruppe:"


def add(cli, db: str, *paths: Path) -> None:
    result = cli("archive", "add", *paths, "--db", db)
    assert result.exit_code == 0, result.stderr


def archive_id(cli, db: str, as_of: str) -> int:
    rows = json.loads(cli("archive", "list", "--json", "--db", db).stdout)
    return next(r["id"] for r in rows if r["as_of"] == as_of)


def variant(tmp_path: Path, name: str, source: Path = T0, **replace: str) -> Path:
    """A copy of ``source`` with some text replaced (the questionnaire found from anywhere)."""
    text = source.read_text("utf-8").replace(
        "questionnaire: verlauf.yaml", f"questionnaire: {DATA / 'archive' / 'verlauf.yaml'}"
    )
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


NO_ID = {" id: K-100,": ""}


def html(path: Path = T1, **request) -> str:
    rendered = report_html(path, as_of=None, history=HistoryRequest(**request))
    return rendered.html


def test_advisor_adds_last_and_this_years_file_and_gets_the_development(cli, db, tmp_path):
    """Issue 13, "Done when": last year's and this year's file in the archive, then the
    report with the development section and the peer group, read back from the PDF."""
    add(cli, db, T0, T1, PEERS)
    earlier = archive_id(cli, db, "2025-10-01")
    out = tmp_path / "bericht.pdf"
    result = cli("report", T1, "--db", db, "--out", out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr
    assert f"Entwicklung seit der Erhebung vom 01.10.2025 (#{earlier})" in result.stderr
    assert "Vergleichsgruppe: 6 Unternehmen" in result.stderr
    pages = pdf_text(out)
    summary = pages[1]
    # the summary's line: 75.0 - 6.3 = +68.7 since 10/2025, stage low -> top
    assert "+68,7 Punkte seit 10/2025 · Stufe niedrig → spitze" in summary
    # the peer group beside the baseline (docs/archive.md, worked example)
    assert PEER_TITLE in summary
    for text in (
        "6 Unternehmen aus Wirtschaftszweig C (Verarbeitendes Gewerbe) im Archiv, jeweils"
        " mit der letzten abgeschlossenen Erhebung mit diesem Fragebogen, ohne Ihr Unternehmen.",
        "Punkte: Median 43,8, mittlere Hälfte 28,1–59,4.",
        "Ihr Unternehmen: 75,0 – im oberen Viertel der Gruppe.",
    ):
        assert text in summary, text
    details = next(p for p in pages[3:] if DEVELOPMENT in p)
    for text in (
        f"Frühere Erhebung: 1. Oktober 2025 (Erika Beispiel), Archiv Nr. {earlier}.",
        "Gesamt: 6,3 → 75,0 Punkte (+68,7) · Stufe niedrig → spitze",
        "Geschlossene Lücken: Wir nutzen KI für Texte.",
        "Neue Lücken: Wir nutzen KI für Daten.",
        "Aus dem früheren Plan erledigt oder nicht mehr nötig:",
        # the chart: each dimension's score today and its change (verlauf-2026.yaml)
        "75,0 (+75,0)",
        "75,0 (+62,5)",
        "frühere Erhebung 01.10.2025",
        "diese Erhebung 01.10.2026",
    ):
        assert text in details, text


def test_the_report_in_english_says_the_same(cli, tmp_path):
    db = str(tmp_path / "archiv.sqlite")
    add(cli, db, T0, T1, PEERS)
    out = tmp_path / "report.pdf"
    result = cli("report", T1, "--db", db, "--out", out, "--as-of", AS_OF, "--lang", "en")
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(out))
    for expected in (
        "+68.7 points since 10/2025 · stage low → top",
        "Development since the last assessment",
        "Overall: 6.3 → 75.0 points (+68.7)",
        "Gaps closed: We use AI for texts.",
        "6 companies in sector C (Manufacturing) in the archive, each with its latest",
        "Score: median 43.8, middle half 28.1–59.4.",
        "Your company: 75.0 – in the group's top quarter.",
    ):
        assert expected in text, expected


# --- when the archive is read (docs/report.md) -------------------------------------------------
@pytest.fixture
def default_archive(cli, tmp_path, monkeypatch):
    """Both years and the peers in the default archive (a data folder of this test's own)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = cli("archive", "add", T0, T1, PEERS)
    assert result.exit_code == 0, result.stderr
    return tmp_path


@pytest.mark.parametrize(
    ("env", "request_", "shown"),
    [
        (False, {}, False),  # the default file is never read on its own
        (False, {"use_archive": True}, True),  # --archive reads it
        (True, {}, True),  # KI_CHECK_DB names the archive for every command
        (True, {"use_archive": False}, False),  # --no-archive, whatever is set
        (False, {"db": "named"}, True),  # --db names it
    ],
    ids=["nothing", "archive", "env", "env-no-archive", "db"],
)
def test_the_report_reads_an_archive_only_when_asked(
    default_archive, monkeypatch, env, request_, shown
):
    from ki_check.archive.connection import default_path

    if env:
        monkeypatch.setenv("KI_CHECK_DB", str(default_path()))
    if request_.get("db") == "named":
        request_ = {"db": str(default_path())}
    page = html(**request_)
    assert (DEVELOPMENT in page) is shown
    assert (PEER_TITLE in page) is shown


def test_compare_with_a_file_needs_no_archive():
    page = html(compare=str(T0))
    assert DEVELOPMENT in page
    assert "Datei verlauf-2025.yaml" in page  # the file's name, never its folder
    assert str(T0.parent) not in page
    assert PEER_TITLE not in page  # a peer group needs an archive


@pytest.mark.parametrize(
    ("current", "earlier", "message"),
    [
        (T1, T1, "ist nicht älter als diese"),  # the same day
        (T0, T1, "ist nicht älter als diese"),  # later, not earlier
        (T1, PEERS / "k-201.yaml", "gehört zu einem anderen Unternehmen"),  # K-201, not K-100
        (T1, EXAMPLE, "verschiedenen Fragebögen"),
        (T1, DATA / "gibt-es-nicht.yaml", "weder eine Antwortdatei noch eine Nummer"),
    ],
    ids=["same-day", "later", "other-company", "other-questionnaire", "missing"],
)
def test_an_earlier_assessment_that_cannot_be_compared_is_refused(
    cli, tmp_path, current, earlier, message
):
    out = tmp_path / "bericht.pdf"
    result = cli("report", current, "--compare", earlier, "--out", out)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()


def test_an_earlier_file_without_the_id_is_matched_by_name(tmp_path):
    no_id = variant(tmp_path, "verlauf-ohne-id.yaml", **NO_ID)
    assert DEVELOPMENT in html(compare=str(no_id))
    other = variant(tmp_path, "anderer-name.yaml", source=no_id, **{"Verlauf GmbH": "Verlauf KG"})
    with pytest.raises(KiCheckError, match="anderen Unternehmen"):
        html(compare=str(other))


def test_a_server_that_is_down_is_an_error_not_a_report_without_the_section(cli, tmp_path):
    out = tmp_path / "bericht.pdf"
    url = "postgresql://ki@127.0.0.1:1/nirgends"
    result = cli("report", T1, "--db", url, "--out", out)
    assert result.exit_code == 2
    assert "DB_002" in result.stderr or "DB_009" in result.stderr
    assert not out.exists()
    # --no-archive writes the report without the archive
    result = cli("report", T1, "--db", url, "--no-archive", "--out", out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.stderr


def test_history_is_found_by_the_exact_key_never_by_a_similar_name(cli, tmp_path):
    """Verlauf GmbH filed once without its id (key name:verlauf gmbh/NW): not the same
    company as id:K-100 until the two keys are linked."""
    db = str(tmp_path / "archiv.sqlite")
    no_id = variant(tmp_path, "verlauf-ohne-id.yaml", **NO_ID)
    add(cli, db, no_id)
    assert DEVELOPMENT not in html(db=db)
    result = cli("archive", "link", "name:verlauf gmbh/NW", "id:K-100", "--db", db)
    assert result.exit_code == 2  # id:K-100 is not in the archive yet
    add(cli, db, T1)
    result = cli("archive", "link", "name:verlauf gmbh/NW", "id:K-100", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert DEVELOPMENT in html(db=db)


def test_an_incomplete_earlier_interview_is_no_earlier_assessment(cli, tmp_path):
    db = str(tmp_path / "archiv.sqlite")
    draft = variant(tmp_path, "verlauf-entwurf.yaml", **{"complete": "in_progress"})
    add(cli, db, draft)
    assert DEVELOPMENT not in html(db=db)


# --- the peer group rule -----------------------------------------------------------------------
def peers(db: str, key: str = "id:K-100", min_group: int | None = None):
    with open_archive(db) as archive:
        return peer_group_for(
            archive,
            questionnaire="verlauf",
            sector="C",
            size="small",
            exclude=key,
            min_group=min_group,
        )


def test_the_most_specific_group_that_is_large_enough_without_the_company_itself(cli, db):
    add(cli, db, T1, *SMALL, *MEDIUM)
    choice = peers(db)
    assert choice is not None
    # C + small: K-201..K-204 without K-100 = 4, too few (5 with it); C: 6
    assert choice.tried == ((("sector", "size"), 4),)
    assert choice.level == ("sector",)
    assert choice.group.n == 6
    assert choice.group.overall == Spread(43.8, 28.1, 59.4, 6)
    # archive benchmark counts every company, Verlauf GmbH included: 7
    result = cli(
        "archive", "benchmark", "--questionnaire", "verlauf", "--sector", "C", "--json", "--db", db
    )
    assert json.loads(result.stdout)["n"] == 7


def test_no_figure_for_a_group_below_the_minimum(cli, db):
    add(cli, db, T1, *SMALL)  # four others: no level reaches five
    assert peers(db) is None
    assert PEER_TITLE not in html(db=db)
    add(cli, db, *MEDIUM)
    assert peers(db, min_group=7) is None  # a minimum raised for the chamber holds too
    assert peers(db).group.n == 6


def test_a_company_filed_under_two_linked_keys_is_left_out_under_both(cli, db, tmp_path):
    no_id = variant(tmp_path, "verlauf-ohne-id.yaml", **NO_ID)
    add(cli, db, T1, no_id, *SMALL, *MEDIUM)
    # before linking, the id-less record is another company of sector C and size small
    assert peers(db).group.n == 5
    assert peers(db).level == ("sector", "size")
    result = cli("archive", "link", "name:verlauf gmbh/NW", "id:K-100", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert peers(db).group.n == 6
    assert peers(db).level == ("sector",)


# quartiles of the worked example: q1 28.1, median 43.8, q3 59.4
@pytest.mark.parametrize(
    ("score", "position"),
    [
        (75.0, "top_quarter"),
        (59.5, "top_quarter"),
        (59.4, "above_median"),
        (43.8, "median"),
        (43.75, "median"),  # rounded to one decimal first, like the figures
        (43.7, "below_median"),
        (28.1, "below_median"),
        (28.0, "bottom_quarter"),
        (None, None),
    ],
)
def test_where_the_company_lies_in_its_group(score, position):
    assert peer_position(score, Spread(43.8, 28.1, 59.4, 6)) == position


def test_the_peer_groups_share_using_ai_stands_in_the_baseline_chart(cli, db, tmp_path):
    """Rhein-Ruhr Logistik (kmu-basis, sector H, 200 staff) among six other kmu-basis
    firms: C/15, N/60, J/3 and three of C/42 (the example and two copies). By hand:
    H + medium 0, H 0, medium 1 (the call centre): too few; every firm of the
    questionnaire: 6, chosen. Adoption question ki_stand (systematisch, im_betrieb):
    the call centre (systematisch) and the spin-off (im_betrieb) use AI: 2 of 6."""
    companies = DATA / "companies"
    muster = EXAMPLE.read_text("utf-8")
    copies = []
    for n in (1, 2):
        path = tmp_path / f"muster-{n}.yaml"
        path.write_text(muster.replace("Muster Metallbau GmbH", f"Muster Kopie {n} GmbH"), "utf-8")
        copies.append(path)
    logistics = companies / "logistik-nrw.yaml"
    others = ("baeckerei-ohne-datenangaben", "callcenter-emotionserkennung", "ki-startup-berlin")
    add(cli, db, logistics, *(companies / f"{x}.yaml" for x in others), EXAMPLE, *copies)
    with open_archive(db) as archive:
        choice = peer_group_for(
            archive,
            questionnaire="kmu-basis",
            sector="H",
            size="medium",
            exclude="name:rhein ruhr logistik gmbh/NW",
        )
    assert choice is not None
    assert choice.level == ()
    assert choice.tried == ((("sector", "size"), 0), (("sector",), 0), (("size",), 1))
    assert (choice.group.n, choice.group.adopters, choice.group.placed) == (6, 2, 6)
    page = report_html(logistics, history=HistoryRequest(db=db)).html
    assert "Vergleichsgruppe (6)" in page  # the bar beside the national figures
    assert "6 Unternehmen im Archiv, jeweils mit der letzten abgeschlossenen Erhebung" in page
    assert "2 von 6 nutzen KI produktiv." in page


def test_a_questionnaire_without_adoption_question_gives_no_share(cli, db):
    add(cli, db, T1, *SMALL, *MEDIUM)
    group = peers(db).group
    assert (group.adopters, group.placed) == (None, None)
    page = html(db=db)
    assert "nutzen KI produktiv" not in page
    assert "Vergleichsgruppe (" not in page
