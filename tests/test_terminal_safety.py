"""User text in the terminal is text: no markup, no escape sequences, no emoji codes."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest
import yaml
from conftest import EXAMPLE
from test_interview import KURZ, PROFILE, type_lines

from ki_check.util.textsafe import terminal_text

KI_CHECK = str(Path(sys.executable).parent / "ki-check")
NAMES = {
    "closing_tag": "[/]",
    "colour_markup": "[red]x[/red]",
    "link_markup": "[link=http://x]klick[/link]",
    "emoji_code": "Muster :thumbs_up: GmbH",
    "clear_screen": "A\x1b[2J\x1b[HB",
    "osc8_link": "\x1b]8;;http://x\x1b\\Link\x1b]8;;\x1b\\",
    "bidi_override": "Firma \u202egnaF",
    "carriage_return": "gut\rBÖSE",
}
SHOWN = {  # what the terminal shows instead
    "closing_tag": "[/]",
    "colour_markup": "[red]x[/red]",
    "link_markup": "[link=http://x]klick[/link]",
    "emoji_code": "Muster :thumbs_up: GmbH",
    "clear_screen": "A␛[2J␛[HB",
    "osc8_link": "␛]8;;http://x␛\\Link␛]8;;␛\\",
    "bidi_override": "Firma <U+202E>gnaF",
    "carriage_return": "gut␍BÖSE",
}


def _answers(tmp_path: Path, name: str) -> Path:
    data = yaml.safe_load(EXAMPLE.read_text("utf-8"))
    data["company"]["name"] = name
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.mark.parametrize("case", list(NAMES))
def test_terminal_text_makes_controls_visible(case):
    assert terminal_text(NAMES[case]) == SHOWN[case]


@pytest.mark.parametrize("case", list(NAMES))
@pytest.mark.parametrize("command", [("score",), ("funding", "match")])
def test_company_name_is_printed_as_typed(cli, tmp_path, case, command):
    result = cli(*command, _answers(tmp_path, NAMES[case]))
    assert result.exit_code == 0, result.stderr
    assert SHOWN[case] in result.stdout
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "👍" not in result.stdout


def test_markup_in_a_company_name_does_not_colour_a_real_terminal(tmp_path):
    answers = _answers(tmp_path, "[red]x[/red] [bold]y[/bold]")
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "200"}
    env.pop("NO_COLOR", None)
    out = pexpect.run(f"{KI_CHECK} score {answers}", env=env, encoding="utf-8", timeout=60)
    assert "[red]x[/red] [bold]y[/bold]" in out
    assert "\x1b[31mx" not in out


def test_control_characters_in_a_questionnaire_key_are_shown_harmlessly(cli, tmp_path):
    bad = tmp_path / "q.yaml"
    bad.write_text('id: x\nversion: "1"\n"\\e[2Jschluessel": 1\n', "utf-8")
    result = cli("questionnaires", "validate", bad)
    assert result.exit_code == 2
    assert "␛[2Jschluessel" in result.stderr
    assert "\x1b" not in result.stderr


def test_batch_messages_print_paths_with_markup_as_text(cli, tmp_path):
    folder = tmp_path / "[bold red]antworten"
    folder.mkdir()
    (folder / "kaputt.yaml").write_text("company: [\n", "utf-8")
    out = tmp_path / "[/]ergebnis"
    result = cli("batch", folder, "--out", out, "--no-pdf")
    assert result.exit_code == 1
    said = " ".join(result.stderr.split())
    assert f"Alle Fehler stehen in {out / 'errors.csv'}, {out / 'scores.xlsx'}." in said
    assert f"{folder / 'kaputt.yaml'}, Zeile 1 · kaputt: YAML_001" in said  # as text too


@pytest.mark.parametrize(("no_color", "coloured"), [("1", False), (None, True)])
def test_no_color_switches_colour_off_in_validate(tmp_path, no_color, coloured):
    bad = tmp_path / "q.yaml"
    bad.write_text("foo: [\n", "utf-8")
    env = {**os.environ, "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    if no_color:
        env["NO_COLOR"] = no_color
    out = pexpect.run(
        f"{KI_CHECK} questionnaires validate {bad}", env=env, encoding="utf-8", timeout=60
    )
    assert "YAML_001" in out
    assert ("\x1b[31m" in out) is coloured


def test_interview_end_prints_a_markup_company_name_as_text(tmp_path):
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "160", "TERM": "xterm"}
    env.pop("KI_CHECK_LANG", None)
    out = tmp_path / "m.yaml"
    child = pexpect.spawn(
        KI_CHECK,
        ["interview", "kurzcheck", "--out", str(out)],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 160),
    )
    type_lines(child, ["[/] [red]x[/red] :thumbs_up:", *PROFILE[1:], *KURZ])
    type_lines(child, ["", ""])  # no conclusion, no re-check date
    child.expect_exact("[/] [red]x[/red] :thumbs_up:")  # the score table's title
    child.expect_exact("Interview abgeschlossen")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "MarkupError" not in child.before
