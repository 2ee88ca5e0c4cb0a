"""Shared fixtures: isolated environment, the CLI runner, paths to test data."""

from __future__ import annotations

import re
from pathlib import Path

import pypdf
import pytest
import yaml
from typer.testing import CliRunner

from ki_check.cli import app

# the archive's fixtures: the same tests on SQLite and a throw-away PostgreSQL server
pytest_plugins = ["archive_support"]

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
QDATA = DATA / "questionnaires"
ADATA = DATA / "answers"
EXAMPLE = ROOT / "examples" / "muster-gmbh.yaml"


def pdf_text(path: Path) -> list[str]:
    """Text per page, with hyphenation undone and whitespace collapsed."""
    pages = []
    for page in pypdf.PdfReader(path).pages:
        text = page.extract_text() or ""
        text = re.sub("[\u00ad\u2010-]\n", "", text).replace("\u00ad", "")
        pages.append(re.sub(r"\s+", " ", text.replace("\xa0", " ")))
    return pages


@pytest.fixture(scope="session")
def _home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, _home: Path) -> None:
    """No test reads the user's settings or cache, or writes into the repository."""
    monkeypatch.setenv("HOME", str(_home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_home / "cache"))
    monkeypatch.delenv("KI_CHECK_LANG", raising=False)
    monkeypatch.delenv("KI_CHECK_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(_home / "data"))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def cli():
    """Invoke the real CLI: ``cli("score", path)`` returns the click Result."""
    runner = CliRunner()

    def invoke(*args: object, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, env={"COLUMNS": "100"})

    return invoke


@pytest.fixture
def write_answers(tmp_path: Path):
    """Write an answer file for ``questionnaire`` with ``answers`` to disk; return its path."""

    def write(questionnaire: str, answers: dict, name: str = "answers.yaml", **extra) -> Path:
        data = {
            "questionnaire": questionnaire,
            "company": extra.pop("company", {"name": "Test GmbH", "employees": 20}),
            "interview": extra.pop("interview", {"status": "complete"}),
            "answers": answers,
        }
        data.update(extra)
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write
