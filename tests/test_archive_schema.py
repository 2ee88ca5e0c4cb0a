"""Archive schema and failures: migrations from empty and from the first schema, a newer
schema refused, and each way the database can fail giving a message and exit 2."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, ROOT

T0 = DATA / "archive" / "verlauf-2025.yaml"
T1 = DATA / "archive" / "verlauf-2026.yaml"


def _engine_conn(db: str):
    from ki_check.archive.store import open_archive

    archive = open_archive(db)
    return archive, archive.engine.connect().execution_options(ki_write=True)


def test_the_schema_revisions_match_the_migration_files():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from ki_check.archive.connection import MIGRATIONS
    from ki_check.archive.schema import HEAD, REVISIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_heads() == [HEAD]
    assert [r.revision for r in script.walk_revisions()][::-1] == list(REVISIONS)


def test_upgrade_from_an_empty_database_creates_the_newest_schema(cli, db):
    result = cli("archive", "upgrade", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "Schema leer → 0002" in result.stderr
    again = cli("archive", "upgrade", "--db", db)
    assert "Schema 0002 ist aktuell" in again.stderr
    from ki_check.archive.store import open_archive

    with open_archive(db) as archive:
        import sqlalchemy as sa

        tables = set(sa.inspect(archive.engine).get_table_names())
    assert {"assessments", "assessment_scores", "latest", "company_links", "forgotten",
            "journal", "alembic_version"} <= tables  # fmt: skip


def test_upgrade_from_the_first_schema_keeps_the_records_and_fills_latest(cli, db):
    from ki_check.archive.connection import migrate

    archive, conn = _engine_conn(db)
    marks = ", ".join(["?" if conn.dialect.name == "sqlite" else "%s"] * 20)
    with conn, conn.begin():
        migrate(conn, "0001")
        # two assessments of one company as the first schema stored them
        for n, (day, overall) in enumerate(
            [(dt.date(2025, 10, 1), 6.3), (dt.date(2026, 10, 1), 75.0)], start=1
        ):
            conn.exec_driver_sql(
                "INSERT INTO assessments (content_hash, company_key, company_name, state, sector,"
                " size_class, employees, questionnaire_id, questionnaire_version, as_of, advisor,"
                " status, overall, stage, coverage, answers, result, ki_check_version, added_at,"
                f" source) VALUES ({marks})",
                (
                    f"{n:064x}", "id:K-100", "Verlauf GmbH", "NW", "C", "small", 30, "verlauf",
                    "1", day, None, "complete", overall, "low", 1.0, "{}",
                    json.dumps({"overall": overall}), "0.1.0", dt.datetime(2026, 1, 1), "alt.yaml",
                ),
            )  # fmt: skip
    archive.close()
    refused = cli("archive", "add", T0, "--db", db)
    assert refused.exit_code == 2
    assert "DB_007" in refused.stderr
    assert "ki-check archive upgrade --db" in refused.stderr
    result = cli("archive", "upgrade", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "Schema 0001 → 0002" in result.stderr
    rows = json.loads(cli("archive", "list", "--json", "--db", db).stdout)
    assert [(r["as_of"], r["overall"]) for r in rows] == [("2025-10-01", 6.3), ("2026-10-01", 75.0)]
    from ki_check.archive.store import open_archive

    with open_archive(db) as archive, archive.reading() as conn:
        latest = conn.exec_driver_sql("SELECT company, assessment_id FROM latest").all()
    assert [tuple(r) for r in latest] == [("id:K-100", rows[1]["id"])]


def test_a_database_of_a_newer_schema_is_refused_and_left_alone(cli, db):
    assert cli("archive", "add", T0, "--db", db).exit_code == 0
    archive, conn = _engine_conn(db)
    with conn, conn.begin():
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    archive.close()
    for args in (("archive", "add", T1), ("archive", "list"), ("archive", "upgrade")):
        result = cli(*args, "--db", db)
        assert result.exit_code == 2, args
        assert "DB_006" in result.stderr
        assert "neueren Version" in result.stderr
        assert "Traceback" not in result.stderr
    archive, conn = _engine_conn(db)
    with conn, conn.begin():
        assert conn.exec_driver_sql("SELECT count(*) FROM assessments").scalar() == 1
    archive.close()


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("mysql://kammer@localhost/ki", "DB_001"),
        ("https://kammer.example/archiv", "DB_001"),
        ("sqlite://", "DB_001"),
        ("postgresql://ki@127.0.0.1:1/archiv", "DB_002"),  # nothing listens on port 1
    ],
)
def test_a_wrong_url_or_a_server_that_is_down_gives_a_message_and_exit_2(cli, url, code):
    result = cli("archive", "add", T0, "--db", url)
    assert result.exit_code == 2
    assert code in result.stderr
    assert "Lösung:" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_password_is_never_shown(cli):
    result = cli("archive", "list", "--db", "postgresql://ki:geheim@127.0.0.1:1/archiv")
    assert result.exit_code == 2
    assert "geheim" not in result.stderr
    assert "***" in result.stderr


def test_an_unknown_user_or_database_on_a_running_server(cli, pg_server):
    result = cli("archive", "list", "--db", pg_server.url("gibt_es_nicht"))
    assert result.exit_code == 2
    assert "DB_003" in result.stderr
    assert "gibt_es_nicht" in result.stderr


def test_a_corrupt_sqlite_file_gives_a_message_and_is_not_overwritten(cli, tmp_path):
    path = tmp_path / "kaputt.sqlite"
    path.write_bytes(b"Dies ist keine Datenbank, sondern ein Brief an die Kammer.\n" * 100)
    before = path.read_bytes()
    for args in (("archive", "add", T0), ("archive", "list")):
        result = cli(*args, "--db", path)
        assert result.exit_code == 2
        assert "DB_005" in result.stderr
        assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_a_missing_folder_gives_a_message(cli, tmp_path):
    result = cli("archive", "add", T0, "--db", tmp_path / "fehlt" / "archiv.sqlite")
    assert result.exit_code == 2
    assert "DB_010" in result.stderr


def _without_root_powers(args: list[str], folder: Path) -> subprocess.CompletedProcess:
    """Run the CLI so that file permissions bind: as root, without the capabilities that
    override them (root may otherwise write to a read-only file)."""
    cmd = [sys.executable, "-m", "ki_check", *args]
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        cmd = ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", "--", *cmd]
    env = {**os.environ, "HOME": str(folder), "KI_CHECK_CACHE": "0", "PYTHONPATH": str(ROOT)}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=folder, timeout=120)


def test_a_read_only_archive_gives_a_message_and_exit_2(cli, tmp_path):
    path = tmp_path / "archiv.sqlite"
    assert cli("archive", "upgrade", "--db", path).exit_code == 0
    path.chmod(0o444)
    result = _without_root_powers(["archive", "add", str(T0), "--db", str(path)], tmp_path)
    assert result.returncode == 2, result.stderr
    assert "DB_004" in result.stderr
    assert "Traceback" not in result.stderr
    # reading a read-only archive still works
    listed = _without_root_powers(["archive", "list", "--json", "--db", str(path)], tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []


def test_archive_commands_leave_sqlalchemy_out_of_other_commands():
    code = (
        "import sys, ki_check.cli, ki_check.cli.score,"
        " ki_check.archive.compare, ki_check.archive.snapshot;"
        " print(sorted(m for m in ('sqlalchemy', 'alembic', 'psycopg') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_score_does_not_import_sqlalchemy(tmp_path):
    code = (
        "import sys; from ki_check.cli import app; from typer.testing import CliRunner;"
        f" r = CliRunner().invoke(app, ['score', {str(ROOT / 'examples' / 'muster-gmbh.yaml')!r}]);"
        " assert r.exit_code == 0, r.output;"
        " print(sorted(m for m in ('sqlalchemy', 'alembic', 'platformdirs') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
