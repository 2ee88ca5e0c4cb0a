"""The archive on SQLite and on a real PostgreSQL server: add, list, show, dedup, link,
forget, purge, push, peer groups (tests/archive_support.py starts the server)."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import DATA

ARCH = DATA / "archive"
T0 = ARCH / "verlauf-2025.yaml"
T1 = ARCH / "verlauf-2026.yaml"


def _json(result) -> object:
    assert result.exit_code == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


def _company(folder: Path, name: str, answers: dict, **company) -> Path:
    """An answer file for the 'verlauf' questionnaire beside a copy of it."""
    if not (folder / "verlauf.yaml").exists():
        shutil.copy(ARCH / "verlauf.yaml", folder / "verlauf.yaml")
    data = {
        "questionnaire": "verlauf.yaml",
        "company": {"name": name, **company},
        "interview": {"date": "2026-05-04", "status": "complete"},
        "answers": answers,
    }
    path = folder / (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + ".yaml")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


def test_add_list_show_and_the_same_content_twice_is_stored_once(cli, db):
    added = cli("archive", "add", T0, T1, "--db", db)
    assert added.exit_code == 0, added.stderr
    assert "2 abgelegt, 0 schon im Archiv, 0 fehlerhaft" in added.stderr
    again = cli("archive", "add", T1, T0, "--db", db)
    assert again.exit_code == 0
    assert "0 abgelegt, 2 schon im Archiv" in again.stderr
    rows = _json(cli("archive", "list", "--json", "--db", db))
    assert [(r["as_of"], r["overall"], r["stage"]) for r in rows] == [
        ("2025-10-01", 6.3, "low"),
        ("2026-10-01", 75.0, "top"),
    ]
    assert {r["company"] for r in rows} == {"id:K-100"}
    assert rows[0]["advisor"] == "Erika Beispiel"
    assert rows[0]["source"] == str(T0)
    shown = _json(cli("archive", "show", str(rows[0]["id"]), "--json", "--db", db))
    assert shown["answers"]["answers"]["p_use"] == 2
    assert shown["answers"]["notes"] == {"s1": "Geschäftsführung hat noch kein Ziel."}
    assert shown["answers"]["questionnaire"] == "verlauf@1"
    assert [d["score"] for d in shown["result"]["dimensions"]] == [0.0, 12.5]
    assert len(shown["content_hash"]) == 64
    by_hash = _json(cli("archive", "show", shown["content_hash"][:10], "--json", "--db", db))
    assert by_hash["id"] == shown["id"]
    text = cli("archive", "show", str(rows[1]["id"]), "--db", db)
    assert "Verlauf GmbH (id:K-100) · 01.10.2026" in text.stdout
    assert "Gesamt: 75,0 · Stufe: spitze" in text.stdout


def test_list_filters_by_company_and_day(cli, db, tmp_path):
    other = _company(tmp_path, "Andere AG", {"s1": "z"}, id="K-200")
    assert cli("archive", "add", T0, T1, other, "--db", db).exit_code == 0
    only = _json(cli("archive", "list", "--company", "K-100", "--json", "--db", db))
    assert [r["as_of"] for r in only] == ["2025-10-01", "2026-10-01"]
    since = _json(cli("archive", "list", "--since", "2026-01-01", "--json", "--db", db))
    assert [r["company"] for r in since] == ["id:K-200", "id:K-100"]
    unknown = cli("archive", "list", "--company", "K-999", "--db", db)
    assert unknown.exit_code == 2
    assert "Kein Unternehmen 'K-999'" in unknown.stderr


def test_bad_files_are_reported_one_by_one_and_the_good_ones_stored(cli, db, tmp_path):
    folder = tmp_path / "erhebungen"
    folder.mkdir()
    shutil.copy(ARCH / "verlauf.yaml", folder / "verlauf.yaml.txt")  # not an answer file
    shutil.copy(T0, folder / "a.yaml")
    shutil.copy(DATA / "answers" / "a-yaml-syntax.yaml", folder / "b-syntax.yaml")
    shutil.copy(DATA / "answers" / "a-unknown-option.yaml", folder / "c-option.yaml")
    (folder / "verlauf.yaml").write_text((ARCH / "verlauf.yaml").read_text("utf-8"), "utf-8")
    result = cli("archive", "add", folder, tmp_path / "fehlt.yaml", "--db", db)
    assert result.exit_code == 1
    assert "b-syntax.yaml:" in result.stderr
    assert "YAML_001" in result.stderr
    assert "c-option.yaml:" in result.stderr
    assert "ANS_011" in result.stderr
    assert "fehlt.yaml" in result.stderr
    # the questionnaire itself is not an answer file: reported, not stored
    assert "1 abgelegt" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(_json(cli("archive", "list", "--json", "--db", db))) == 1


def test_a_company_without_id_is_known_by_name_and_land_and_can_be_linked(cli, db, tmp_path):
    by_name = _company(tmp_path, "Müller & Söhne G.m.b.H.", {"s1": "y"}, state="BY")
    result = cli("archive", "add", by_name, "--db", db)
    assert result.exit_code == 0
    assert "ARCH_002" in result.stderr
    assert "name:mueller soehne gmbh/BY" in result.stderr
    assert cli("archive", "add", T0, "--db", db).exit_code == 0
    linked = cli("archive", "link", "Müller & Söhne GmbH", "K-100", "--db", db)
    assert linked.exit_code == 0, linked.stderr
    assert "1 Erhebung gehört jetzt zu id:K-100" in linked.stderr
    rows = _json(cli("archive", "list", "--company", "id:K-100", "--json", "--db", db))
    assert len(rows) == 2
    assert {r["company_key"] for r in rows} == {"id:K-100", "name:mueller soehne gmbh/BY"}
    assert {r["company"] for r in rows} == {"id:K-100"}
    # linked keys are one company in peer groups: two files, one company
    again = cli("archive", "link", "id:K-100", "name:mueller soehne gmbh/BY", "--db", db)
    assert again.exit_code == 2
    assert "bereits dasselbe Unternehmen" in again.stderr


def test_a_company_without_id_and_name_is_refused(cli, db, tmp_path):
    path = tmp_path / "anonym.yaml"
    shutil.copy(ARCH / "verlauf.yaml", tmp_path / "verlauf.yaml")
    path.write_text(
        "questionnaire: verlauf.yaml\ncompany: {state: NW}\nanswers: {s1: x}\n", "utf-8"
    )
    result = cli("archive", "add", path, "--db", db)
    assert result.exit_code == 1
    assert "ARCH_001" in result.stderr


def _five(folder: Path, n: int, sector: str = "C") -> list[Path]:
    """Companies whose overall score is strategie alone, by hand: (s1 + s2) / 2."""
    plans = [
        ({"s1": "x", "s2": "nein"}, 0.0),
        ({"s1": "y", "s2": "nein"}, 25.0),
        ({"s1": "z", "s2": "nein"}, 50.0),
        ({"s1": "y", "s2": "ja"}, 75.0),
        ({"s1": "z", "s2": "ja"}, 100.0),
    ]
    return [
        _company(folder, f"Firma {i}", plans[i][0], id=f"F{i}", sector=sector, state="NW",
                 employees=20)
        for i in range(n)
    ]  # fmt: skip


@pytest.mark.parametrize("companies", [4, 5])
def test_peer_group_figures_only_from_five_companies(cli, db, tmp_path, companies):
    files = _five(tmp_path, companies)
    assert cli("archive", "add", *files, "--db", db).exit_code == 0
    data = _json(cli("archive", "benchmark", "--json", "--db", db))
    assert data["n"] == companies
    assert data["min_group"] == 5
    if companies == 4:
        assert data["overall"] is None
        assert data["dimensions"] is None
        assert data["stages"] is None
    else:
        # inclusive quartiles of 0, 25, 50, 75, 100: Q1 = 25, median = 50, Q3 = 75
        assert data["overall"] == {"median": 50.0, "q1": 25.0, "q3": 75.0, "n": 5}
        assert data["dimensions"]["strategie"] == data["overall"]
        assert data["dimensions"]["prozesse"] is None  # nobody answered it
        assert data["stages"] == {"low": 1, "mid": 1, "high": 1, "top": 2}


def test_peer_group_uses_each_companys_latest_assessment_and_filters(cli, db, tmp_path):
    files = _five(tmp_path, 5)
    later = _company(tmp_path / ".." / tmp_path.name, "Firma 0", {"s1": "z", "s2": "ja"}, id="F0",
                     sector="C", state="NW", employees=20)  # fmt: skip
    data = yaml.safe_load(later.read_text("utf-8"))
    data["interview"]["date"] = "2026-09-01"
    later = tmp_path / "firma-0-spaeter.yaml"
    later.write_text(yaml.safe_dump(data), "utf-8")
    other = _company(tmp_path, "Bau 1", {"s1": "x"}, id="B1", sector="F", state="NW")
    assert cli("archive", "add", *files, later, other, "--db", db).exit_code == 0
    group = _json(cli("archive", "benchmark", "--sector", "C", "--json", "--db", db))
    # Firma 0 now counts with 100 instead of 0: 25, 50, 75, 100, 100
    assert group["n"] == 5
    assert group["overall"] == {"median": 75.0, "q1": 50.0, "q3": 100.0, "n": 5}
    assert _json(cli("archive", "benchmark", "--json", "--db", db))["n"] == 6
    small = _json(cli("archive", "benchmark", "--sector", "F", "--json", "--db", db))
    assert (small["n"], small["overall"]) == (1, None)
    text = cli("archive", "benchmark", "--sector", "C", "--db", db)
    assert "Median 75,0 · Q1 50,0 · Q3 100,0" in text.stdout


def test_the_minimum_group_size_can_only_be_raised(cli, db, tmp_path):
    assert cli("archive", "add", *_five(tmp_path, 5), "--db", db).exit_code == 0
    lower = cli("archive", "benchmark", "--min-group", "4", "--db", db)
    assert lower.exit_code == 2
    assert "kleiner als 5 ist nicht erlaubt" in lower.stderr
    higher = _json(cli("archive", "benchmark", "--min-group", "6", "--json", "--db", db))
    assert (higher["n"], higher["overall"], higher["min_group"]) == (5, None, 6)


def test_forget_removes_a_company_and_logs_without_naming_it(cli, db, tmp_path):
    other = _company(tmp_path, "Andere AG", {"s1": "z"}, id="K-200")
    assert cli("archive", "add", T0, T1, other, "--db", db).exit_code == 0
    result = cli("archive", "forget", "K-100", "--yes", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "2 Erhebungen von id:K-100 gelöscht" in result.stderr
    rows = _json(cli("archive", "list", "--json", "--db", db))
    assert [r["company"] for r in rows] == ["id:K-200"]
    from ki_check.archive.store import open_archive

    with open_archive(db) as archive:
        log = archive.journal()
    assert [(e["action"], e["count"]) for e in log] == [("forget", 2)]
    assert "K-100" not in json.dumps(log)
    assert "Verlauf" not in json.dumps(log)
    # the same file added again is not taken back
    back = cli("archive", "add", T0, "--db", db)
    assert "nicht wieder aufgenommen" in " ".join(back.stderr.split())
    assert len(_json(cli("archive", "list", "--json", "--db", db))) == 1


def test_forget_without_yes_and_without_a_terminal_asks_for_yes(cli, db):
    assert cli("archive", "add", T0, "--db", db).exit_code == 0
    result = cli("archive", "forget", "K-100", "--db", db)
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert len(_json(cli("archive", "list", "--json", "--db", db))) == 1


def test_purge_removes_what_is_older_than_the_retention_period(cli, db, tmp_path):
    old = yaml.safe_load(T0.read_text("utf-8"))
    today = dt.date.today()
    old["interview"]["date"] = (today - dt.timedelta(days=3 * 365 + 30)).isoformat()
    shutil.copy(ARCH / "verlauf.yaml", tmp_path / "verlauf.yaml")
    (tmp_path / "alt.yaml").write_text(yaml.safe_dump(old), "utf-8")
    new = dict(old, interview={**old["interview"], "date": today.isoformat()})
    (tmp_path / "neu.yaml").write_text(yaml.safe_dump(new), "utf-8")
    assert (
        cli("archive", "add", tmp_path / "alt.yaml", tmp_path / "neu.yaml", "--db", db).exit_code
        == 0
    )
    result = cli("archive", "purge", "--older-than", "36m", "--yes", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "1 Erhebung vor dem" in result.stderr
    rows = _json(cli("archive", "list", "--json", "--db", db))
    assert [r["as_of"] for r in rows] == [today.isoformat()]
    bad = cli("archive", "purge", "--older-than", "drei Jahre", "--yes", "--db", db)
    assert bad.exit_code == 2


@pytest.mark.parametrize(
    ("today", "period", "expected"),
    [
        ("2026-11-30", "36m", "2023-11-30"),
        ("2026-03-31", "1m", "2026-02-28"),
        ("2026-11-30", "3y", "2023-11-30"),
        ("2026-11-30", "90d", "2026-09-01"),
    ],
)
def test_retention_periods_count_back_calendar_months(today, period, expected):
    from ki_check.cli.archive_options import parse_period

    assert parse_period(period, dt.date.fromisoformat(today)).isoformat() == expected


def test_push_copies_what_the_target_lacks_once(cli, db, tmp_path):
    laptop = str(tmp_path / "laptop.sqlite")
    assert cli("archive", "add", T0, T1, "--db", laptop).exit_code == 0
    first = cli("archive", "push", "--db", laptop, "--to", db)
    assert first.exit_code == 0, first.stderr
    assert "2 kopiert, 0 schon vorhanden" in first.stderr
    second = cli("archive", "push", "--db", laptop, "--to", db)
    assert "0 kopiert, 2 schon vorhanden" in second.stderr
    target = _json(cli("archive", "list", "--json", "--db", db))
    source = _json(cli("archive", "list", "--json", "--db", laptop))
    fields = ("content_hash", "company", "as_of", "overall", "added_at", "source")
    assert [{k: r[k] for k in fields} for r in target] == [
        {k: r[k] for k in fields} for r in source
    ]
    # what the target erased does not come back with the next push
    assert cli("archive", "forget", "K-100", "--yes", "--db", db).exit_code == 0
    third = cli("archive", "push", "--db", laptop, "--to", db)
    assert "0 kopiert, 0 schon vorhanden, 2 dort gelöscht" in third.stderr
    assert _json(cli("archive", "list", "--json", "--db", db)) == []


def test_push_takes_links_along(cli, db, tmp_path):
    laptop = str(tmp_path / "laptop.sqlite")
    by_name = _company(tmp_path, "Verlauf GmbH", {"s1": "y"}, state="NW")
    assert cli("archive", "add", T0, by_name, "--db", laptop).exit_code == 0
    assert cli("archive", "link", "Verlauf GmbH", "K-100", "--db", laptop).exit_code == 0
    assert cli("archive", "push", "--db", laptop, "--to", db).exit_code == 0
    rows = _json(cli("archive", "list", "--company", "K-100", "--json", "--db", db))
    assert len(rows) == 2


def test_push_to_itself_is_refused(cli, tmp_path):
    laptop = str(tmp_path / "laptop.sqlite")
    result = cli("archive", "push", "--db", laptop, "--to", laptop)
    assert result.exit_code == 2
    assert "dasselbe Archiv" in result.stderr


def test_compare_by_archive_ids_gives_the_file_comparison(cli, db):
    assert cli("archive", "add", T0, T1, "--db", db).exit_code == 0
    ids = [r["id"] for r in _json(cli("archive", "list", "--json", "--db", db))]
    by_id = _json(cli("compare", str(ids[0]), str(ids[1]), "--json", "--db", db))
    by_file = _json(cli("compare", T0, T1, "--json"))
    for key in ("overall", "stage", "dimensions", "gaps_closed", "gaps_opened", "actions_done"):
        assert by_id[key] == by_file[key], key
    assert by_id["before_assessment"] == {
        "source": f"#{ids[0]}",
        "company": "Verlauf GmbH",
        "as_of": "2025-10-01",
    }


def test_an_empty_or_missing_archive_lists_nothing_and_creates_no_file(cli, tmp_path):
    path = tmp_path / "neu.sqlite"
    assert _json(cli("archive", "list", "--json", "--db", path)) == []
    assert _json(cli("archive", "benchmark", "--json", "--db", path))["n"] == 0
    assert not path.exists()
    assert cli("archive", "show", "1", "--db", path).exit_code == 2


def test_the_default_archive_is_in_the_users_data_folder(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "daten"))
    result = cli("archive", "add", T0)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "daten" / "ki-check" / "archiv.sqlite").is_file()
    monkeypatch.setenv("KI_CHECK_DB", str(tmp_path / "env.sqlite"))
    assert cli("archive", "add", T0).exit_code == 0
    assert (tmp_path / "env.sqlite").is_file()


def test_the_editor_schema_for_answer_files_allows_company_id(cli):
    result = cli("schema", "answers", "kmu-basis")
    assert result.exit_code == 0, result.stderr
    company = json.loads(result.stdout)["properties"]["company"]
    assert "id" in company["properties"]
    assert company["additionalProperties"] is False


def test_names_in_the_list_are_shown_as_typed_not_as_markup(cli, db, tmp_path):
    odd = _company(tmp_path, "[bold red]Laut[/] & Co", {"s1": "y"}, id="[x]")
    assert cli("archive", "add", odd, "--db", db).exit_code == 0
    result = cli("archive", "list", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "[bold red]Laut[/]" in result.stdout
    assert "id:[x]" in result.stdout
