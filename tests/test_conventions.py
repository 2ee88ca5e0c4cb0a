"""Conventions a command-line tool keeps: language, help, dates, completion, platforms, licence."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

from ki_check.interview.terminal import install_signal_handlers

KI_CHECK = str(Path(sys.executable).parent / "ki-check")


def _said(text: str) -> str:
    return " ".join(text.split())


# --- language -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("env", "args", "header"),
    [
        ({}, (), "Punkte"),
        ({"KI_CHECK_LANG": "en"}, (), "Score"),
        ({"KI_CHECK_LANG": "en_GB.UTF-8"}, (), "Score"),
        ({"KI_CHECK_LANG": "en"}, ("--lang", "de"), "Punkte"),  # the option wins
    ],
)
def test_ki_check_lang_is_read_through_the_option(cli, monkeypatch, env, args, header):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = cli("score", EXAMPLE, *args)
    assert result.exit_code == 0, result.stderr
    assert re.search(rf"┃ Dimension\s+┃\s+{header} ┃", result.stdout)


def test_unknown_ki_check_lang_is_a_usage_error(cli, monkeypatch):
    monkeypatch.setenv("KI_CHECK_LANG", "fr")
    result = cli("score", EXAMPLE)
    assert result.exit_code == 2
    assert "'fr': erlaubt sind / allowed: de, en (--lang, KI_CHECK_LANG)" in _said(result.stderr)


# --- help and usage errors ------------------------------------------------------------------
def test_help_is_german(cli):
    result = cli("--help")
    assert result.exit_code == 0
    text = result.stdout
    for german in ("Aufruf: ki-check", "Optionen:", "Befehle:", "Diese Hilfe anzeigen"):
        assert german in text
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in text


@pytest.mark.parametrize("command", ["report", "batch", "questionnaires validate", "funding"])
def test_help_of_every_command_is_german(cli, command):
    result = cli(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Diese Hilfe anzeigen und beenden." in result.stdout
    assert "Show this message" not in result.stdout
    assert "Aufruf: ki-check" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("report",), "Fehler: Das Argument 'ANTWORTEN.yaml' fehlt."),
        (("score", EXAMPLE, "--bogus"), "Fehler: Unbekannte Option: --bogus"),
        (("scor",), "Fehler: Unbekannter Befehl 'scor'. Meinten Sie 'score'?"),
        (("batch", "x", "--jobs", "viele"), "Ungültiger Wert für '--jobs' / '-j': 'viele' ist"),
        (("report", EXAMPLE, "--out"), "Fehler: Die Option '--out' braucht einen Wert."),
        (("score", EXAMPLE, "zwei"), "Fehler: Unerwartete Angabe: zwei"),
        (("batch", "x", "--out", "y", "--timeout", "0"), "0.0 liegt nicht im Bereich x>=1."),
    ],
)
def test_usage_errors_are_german_with_exit_2(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    said = _said(result.stderr)
    assert message in said
    assert "Usage:" not in said
    assert "Error:" not in said


def test_missing_argument_shows_the_german_usage_and_help_hint(cli):
    result = cli("report")
    assert result.stderr.splitlines() == [
        "Aufruf: ki-check report [OPTIONS] {ANTWORTEN.yaml}",
        "Hilfe: 'ki-check report -h'",
        "",
        "Fehler: Das Argument 'ANTWORTEN.yaml' fehlt.",
    ]


@pytest.mark.parametrize(("env", "args"), [({"KI_CHECK_LANG": "en"}, ()), ({}, ("--lang", "en"))])
def test_usage_errors_stay_english_in_english(cli, monkeypatch, env, args):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = cli("report", *args)
    assert result.exit_code == 2
    assert "Error: Missing argument 'ANTWORTEN.yaml'." in result.stderr
    assert "Usage: ki-check report" in result.stderr


# --- dates ---------------------------------------------------------------------------------
def test_as_of_accepts_german_dates(cli):
    german = cli("score", EXAMPLE, "--json", "--as-of", "31.12.2026")
    iso = cli("score", EXAMPLE, "--json", "--as-of", "2026-12-31")
    assert german.exit_code == 0, german.stderr
    assert json.loads(german.stdout) == json.loads(iso.stdout)
    assert json.loads(german.stdout)["as_of"] == "2026-12-31"


@pytest.mark.parametrize("value", ["31.13.2026", "2026-02-30", "morgen", "1.1.26"])
def test_as_of_that_is_no_date_is_refused(cli, value):
    result = cli("score", EXAMPLE, "--as-of", value)
    assert result.exit_code == 2
    said = _said(result.stderr)
    assert f"'{value}' ist kein Datum. Bitte JJJJ-MM-TT oder TT.MM.JJJJ angeben" in said
    assert "is not a date" not in said


# --- completion ----------------------------------------------------------------------------
def test_tab_completion_is_on():
    env = {**os.environ, "_KI_CHECK_COMPLETE": "complete_bash", "COMP_WORDS": "ki-check sco"}
    env["COMP_CWORD"] = "1"
    done = subprocess.run([KI_CHECK], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["score"]


# --- platforms -----------------------------------------------------------------------------
def test_signal_handlers_without_sighup_as_on_windows(monkeypatch):
    before = signal.getsignal(signal.SIGTERM)
    monkeypatch.delattr(signal, "SIGHUP")
    try:
        install_signal_handlers()
        assert signal.getsignal(signal.SIGTERM) is not before
    finally:
        signal.signal(signal.SIGTERM, before)


def test_package_declares_systems_licence_and_every_imported_dependency():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert "Operating System :: POSIX :: Linux" in meta["classifiers"]
    assert "License :: OSI Approved :: MIT License" not in meta["classifiers"]  # PEP 639 style
    names = {d.split(">")[0].split("<")[0].split("=")[0].strip() for d in meta["dependencies"]}
    assert {"markupsafe", "jinja2", "rich", "typer", "pyyaml", "weasyprint", "openpyxl"} <= names
    licence = (ROOT / "LICENSE").read_text("utf-8")
    assert licence.startswith("MIT License")
    assert "Copyright (c) 2026 ki-check maintainers" in licence
    assert meta["license"] == "MIT"
    assert "LICENSE" in meta.get("license-files", ["LICENSE"])
