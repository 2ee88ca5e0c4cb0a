"""The interview: the pure state machine as tables, the real terminal through pexpect."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import QDATA, ROOT

from ki_check.assessment.answers import AnswerFile, Company, load_answers
from ki_check.errors import InputError
from ki_check.interview.machine import (
    InterviewState,
    Item,
    parse_answer,
    parse_date,
    parse_number,
    parse_profile,
)
from ki_check.questionnaire.load import load_questionnaire

SCORING = QDATA / "scoring.yaml"
KI_CHECK = str(Path(sys.executable).parent / "ki-check")
TODAY = dt.date(2026, 11, 24)


def _state(answers: dict | None = None, **company) -> InterviewState:
    q = load_questionnaire(SCORING)
    profile = {
        "name": "X",
        "state": "BY",
        "employees": 5,
        "turnover_eur": 1.0,
        "founded": 2000,
        "sector": "C",
        "startup": False,
        "university_spinoff": False,
        **company,
    }
    af = AnswerFile("scoring@1", company=Company(**profile), answers=dict(answers or {}))
    return InterviewState(q, af)


def keys(items: list[Item]) -> list[str]:
    return [i.key if i.row is None else f"{i.key}.{i.row}" for i in items if i.kind == "question"]


# --- the state machine --------------------------------------------------------------------
def test_items_follow_skip_logic_and_split_matrix_rows():
    s = _state()
    assert keys(s.items()) == ["a1", "a2", "a3", "b1", "b2.r1", "b2.r2", "b3", "c1", "c3"]
    s = _state({"c1": "y"})
    assert keys(s.items()) == ["a1", "a2", "a3", "b1", "b2.r1", "b2.r2", "b3", "c1", "c2", "c3"]


@pytest.mark.parametrize(
    ("answers", "company", "start"),
    [
        ({}, {"name": ""}, Item("profile", "name")),
        ({}, {"sector": None}, Item("profile", "sector")),
        ({}, {"balance_sheet_eur": None}, Item("question", "a1")),  # optional field
        ({"a1": "x", "a2": "ja"}, {}, Item("question", "a3")),
        ({"a1": "dont_know", "a2": "ja", "a3": ["m1"], "b1": 2}, {}, Item("question", "b2", "r1")),
        (
            {"a1": "x", "a2": "ja", "a3": ["m1"], "b1": 2, "b2": {"r1": "lo"}},
            {},
            Item("question", "b2", "r2"),
        ),
        (
            {
                "a1": "x",
                "a2": "ja",
                "a3": ["m1"],
                "b1": 2,
                "b2": "not_relevant",
                "b3": 1,
                "c1": "y",
            },
            {},
            Item("question", "c2"),
        ),
    ],
)
def test_resume_position(answers, company, start):
    assert _state(answers, **company).start() == start


def test_answer_advance_back_and_skip():
    s = _state()
    s.cursor = Item("question", "a1")
    s.set_answer(s.cursor, "y")
    assert s.advance() == Item("question", "a2")
    assert s.skip() == Item("question", "a3")
    assert s.skipped == ["a2"]
    assert s.back() == Item("question", "a2")
    assert s.af.answers == {"a1": "y"}  # going back keeps answers
    s.set_answer(s.cursor, "nein")
    assert s.skipped == []


def test_changed_answer_hides_a_later_question_and_drops_its_answer():
    s = _state({"c1": "y", "c2": "ja", "c3": "Text"})
    s.cursor = Item("question", "c1")
    dropped = s.set_answer(s.cursor, "x")
    assert dropped == ["c2"]
    assert "c2" not in s.af.answers
    assert s.advance() == Item("question", "c3")
    assert s.af.answers["c3"] == "Text"  # answers after it are kept


def test_changed_answer_reveals_a_question():
    s = _state({"c1": "x"})
    s.cursor = Item("question", "c1")
    s.set_answer(s.cursor, "y")
    assert s.advance() == Item("question", "c2")


def test_progress_and_revisit():
    s = _state({"a1": "dont_know", "b2": {"r1": "dont_know"}})
    s.cursor = Item("question", "b1")
    assert s.progress() == (4, 8)
    assert s.to_revisit() == ["a1", "a2", "a3", "b1", "b2", "b3", "c1", "c3"]


@pytest.mark.parametrize(
    ("text", "integer", "value"),
    [
        ("42", True, 42),
        ("1.500.000", False, 1_500_000),
        ("1,5 Mio", False, 1_500_000),
        ("1,5 Mio.", False, 1_500_000),
        ("800 Tsd", False, 800_000),
        ("2,5", False, 2.5),
        ("1.5", False, 1.5),
        ("1.200", True, 1200),
        ("12 €", False, 12),
    ],
)
def test_parse_german_numbers(text, integer, value):
    assert parse_number(text, integer=integer) == value


@pytest.mark.parametrize("text", ["zwölf", "1,5x", "", "1.5.3"])
def test_parse_number_errors_in_german(text):
    with pytest.raises(InputError, match="keine Zahl"):
        parse_number(text)


@pytest.mark.parametrize("text", ["1" * 400, "9" * 5000, "999999999 Mio"])
def test_parse_number_refuses_what_no_file_could_hold(text):
    """400 digits read as a float are infinite; saved, they would make the file invalid."""
    with pytest.raises(InputError, match="zu groß") as caught:
        parse_number(text)
    assert len(caught.value.message("de")) < 100


@pytest.mark.parametrize(
    ("field", "text", "value"),
    [
        ("state", "by", "BY"),
        ("state", "2", "BY"),
        ("state", "Nordrhein", "NW"),
        ("sector", "c", "C"),
        ("sector", "6", "F"),
        ("sector", "Bau", "F"),
        ("startup", "j", True),
        ("startup", "nein", False),
        ("employees", "1.200", 1200),
        ("turnover_eur", "1,5 Mio", 1_500_000),
        ("founded", "1987", 1987),
    ],
)
def test_parse_profile(field, text, value):
    assert parse_profile(field, text, "de", TODAY) == value


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("state", "Bayrn", "nicht erkannt"),
        ("founded", "2099", "Gründungsjahr"),
        ("employees", "-3", "≥ 0"),
        ("startup", "vielleicht", "'j'"),
        ("name", " ", "leer"),
    ],
)
def test_parse_profile_errors(field, text, message):
    with pytest.raises(InputError, match=message):
        parse_profile(field, text, "de", TODAY)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2027-05-20", dt.date(2027, 5, 20)),
        ("20.05.2027", dt.date(2027, 5, 20)),
        (" 1.6.2027 ", dt.date(2027, 6, 1)),
        ("2026-11-24", TODAY),
    ],
)
def test_parse_follow_up_date(text, value):
    assert parse_date(text, not_before=TODAY) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [("morgen", "kein Datum"), ("31.02.2027", "kein Datum"), ("2026-11-23", "vor dem Interview")],
)
def test_parse_follow_up_date_errors(text, message):
    with pytest.raises(InputError, match=message):
        parse_date(text, not_before=TODAY)


def test_parse_answers_by_type():
    q = load_questionnaire(SCORING)
    assert parse_answer(q.question("a1"), "2") == "y"
    assert parse_answer(q.question("a3"), "1, 3") == ["m1", "m3"]
    assert parse_answer(q.question("b1"), "4") == 4
    assert parse_answer(q.question("b2"), "3", "r1") == "hi"
    assert parse_answer(q.question("b3"), "1.200") == 1200
    with pytest.raises(InputError, match="1 bis 3"):
        parse_answer(q.question("a1"), "7")
    with pytest.raises(InputError, match="kombinieren"):
        parse_answer(q.question("a3"), "1,4")
    with pytest.raises(InputError, match="1 – 5"):
        parse_answer(q.question("b1"), "9")


# --- the real terminal ----------------------------------------------------------------------
PROFILE = ["Schreinerei Holzwurm GmbH", "NW", "8", "1,2 Mio", "", "1998", "F", "nein", "nein"]
# kurzcheck, in order: ki_ziele, daten_digital, it_sicherheit, routine_relevant, routine_genutzt,
# ki_stand, ki_schulung, offenheit, ki_regeln, ki_anwendungen, ressourcen, huerden
KURZ = ["2", "3", "2", "4", "2", "2", "2", "4", "1", "6", "2", "1,2"]
KURZ_EXPECTED = {
    "ki_ziele": "ideen",
    "daten_digital": "software",
    "it_sicherheit": "teilweise",
    "routine_relevant": 4,
    "routine_genutzt": 2,
    "ki_stand": "experimente",
    "ki_schulung": "einzelne",
    "offenheit": 4,
    "ki_regeln": "keine",
    "ki_anwendungen": ["keine"],
    "ressourcen": "zeit",
    "huerden": ["wissen", "recht"],
}


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "TERM": "xterm"}
    env.pop("KI_CHECK_LANG", None)
    child = pexpect.spawn(
        KI_CHECK,
        ["interview", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 120),
    )
    return child


def type_lines(child: pexpect.spawn, lines: list[str]) -> None:
    for line in lines:
        child.expect_exact("> ")
        child.sendline(line)


def test_full_kurzcheck_interview_typed_as_a_person_would(tmp_path, cli):
    out = tmp_path / "holzwurm.yaml"
    child = spawn("kurzcheck", "--out", str(out), "--advisor", "Erika Beispiel", cwd=tmp_path)
    child.expect_exact("Name des Unternehmens")
    type_lines(child, PROFILE)
    child.expect_exact("Frage 1 von 12")
    type_lines(child, KURZ[:3])
    child.expect_exact("> ")
    child.sendline("?")  # the advisor guidance, then the same question again
    child.expect_exact("Hinweis für die Beratung")
    child.expect_exact("> ")
    child.sendline("k")
    child.expect_exact("Notiz")
    child.sendline("Kunde will erst Angebote automatisieren")
    type_lines(child, KURZ[3:])
    child.expect_exact("Ihr Fazit in eigenen Worten")
    child.sendline("Erst Angebote mit KI entlasten, dann eine Regel für alle.")
    child.expect_exact("Termin der Nachprüfung")
    child.sendline("31.02.2027")  # no such day: asked again with the reason
    child.expect_exact("kein Datum")
    child.expect_exact("Termin der Nachprüfung")
    child.sendline("2020-01-01")  # before the interview
    child.expect_exact("vor dem Interview")
    child.expect_exact("Termin der Nachprüfung")
    child.sendline("20.05.2027")
    child.expect_exact("Nächste Schritte, in dieser Reihenfolge:")  # the assessment at the end
    child.expect_exact("Fazit der Beratung: Erst Angebote mit KI entlasten")
    child.expect_exact("Interview abgeschlossen")
    child.expect_exact(f"ki-check report {out}")
    child.expect(pexpect.EOF)
    af = load_answers(out)
    assert af.answers == KURZ_EXPECTED
    assert af.notes == {"routine_relevant": "Kunde will erst Angebote automatisieren"}
    assert af.interview.status == "complete"
    assert af.interview.conclusion == "Erst Angebote mit KI entlasten, dann eine Regel für alle."
    assert af.interview.follow_up == "2027-05-20"
    assert af.company.turnover_eur == 1_200_000
    assert af.company.state == "NW"
    result = cli("score", out, "--json")
    assert result.exit_code == 0, result.stderr


def test_back_and_a_changed_answer_that_hides_a_later_question(tmp_path):
    out = tmp_path / "a.yaml"
    child = spawn("kmu-basis", "--out", str(out), cwd=tmp_path)
    type_lines(child, ["Muster GmbH", "BY", "42", "6,8 Mio", "", "1987", "C", "nein", "nein"])
    q = load_questionnaire("kmu-basis")
    # answer every question up to ki_stand with "w" (don't know), then ki_stand = experimente
    before = [
        question.id
        for question in q.questions[: q.question("ki_stand").position]
        if question.show_if is None
    ]
    for qid in before:
        child.expect_exact("> ")
        child.sendline("w")
        if q.question(qid).type == "matrix":
            for _ in q.question(qid).rows[1:]:
                child.expect_exact("> ")
                child.sendline("w")
    child.expect_exact("Wie setzt Ihr Unternehmen KI heute ein?")
    child.expect_exact("> ")
    child.sendline("2")  # experimente: ki_bereiche is shown
    child.expect_exact("In welchen Bereichen nutzen Sie KI?")
    child.expect_exact("> ")
    child.sendline("1")
    child.expect_exact("> ")
    child.sendline("z")  # back to ki_bereiche
    child.expect_exact("In welchen Bereichen nutzen Sie KI?")
    child.expect_exact("> ")
    child.sendline("z")  # back to ki_stand
    child.expect_exact("Wie setzt Ihr Unternehmen KI heute ein?")
    child.expect_exact("> ")
    child.sendline("1")  # nicht_begonnen: ki_bereiche disappears with its answer
    child.expect_exact("Ausgeblendet, Antworten entfernt: ki_bereiche")
    child.expect_exact("> ")
    child.sendline("q")
    child.expect_exact("Fortsetzen mit")
    child.expect(pexpect.EOF)
    af = load_answers(out)
    assert af.answers["ki_stand"] == "nicht_begonnen"
    assert "ki_bereiche" not in af.answers
    assert af.interview.status == "in_progress"


@pytest.mark.parametrize("how", ["kill-9", "sighup"])
def test_interrupted_interview_resumes_with_nothing_lost(tmp_path, how):
    out = tmp_path / "i.yaml"
    k = 5
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, PROFILE)
    type_lines(child, KURZ[:k])
    child.expect_exact(f"Frage {k + 1} von 12")  # shown only after answer k was saved
    if how == "kill-9":
        os.kill(child.pid, signal.SIGKILL)
    else:
        child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    af = load_answers(out)
    assert af.answers == dict(list(KURZ_EXPECTED.items())[:k])
    assert af.company.name == "Schreinerei Holzwurm GmbH"
    assert af.interview.status == "in_progress"
    # no temporary leftovers; a killed process leaves only its lock, which the next run takes over
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == (["i.yaml"] if how == "sighup" else [".i.yaml.lock", "i.yaml"])

    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    child.expect_exact("Fortsetzung")
    child.expect_exact(f"Frage {k + 1} von 12")
    type_lines(child, KURZ[k:])
    type_lines(child, ["", ""])  # no conclusion, no re-check date: Enter skips both
    child.expect_exact("Interview abgeschlossen")
    child.expect(pexpect.EOF)
    af = load_answers(out)
    assert af.answers == KURZ_EXPECTED
    assert (af.interview.conclusion, af.interview.follow_up) == (None, None)
    assert [p.name for p in tmp_path.iterdir()] == ["i.yaml"]


def test_ctrl_c_saves_and_prints_the_resume_command(tmp_path):
    out = tmp_path / "c.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, PROFILE[:3])
    child.expect_exact("> ")
    child.sendcontrol("c")
    child.expect_exact(f"Fortsetzen mit: ki-check interview kurzcheck --out {out}")
    child.expect(pexpect.EOF)
    assert load_answers(out).company.employees == 8


def test_resuming_a_file_of_another_questionnaire_stops(tmp_path):
    out = tmp_path / "x.yaml"
    out.write_text((ROOT / "examples" / "muster-gmbh.yaml").read_text("utf-8"), "utf-8")
    before = out.read_text("utf-8")
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    child.expect_exact("ANS_001")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert out.read_text("utf-8") == before


def test_bad_input_is_asked_again_with_the_reason(tmp_path):
    out = tmp_path / "b.yaml"
    child = spawn("kurzcheck", "--out", str(out), cwd=tmp_path)
    type_lines(child, ["Firma", "Bayrn"])
    child.expect_exact("nicht erkannt")
    type_lines(child, ["BY", "viele"])
    child.expect_exact("keine Zahl")
    type_lines(child, ["12"])
    child.expect_exact("Jahresumsatz")
    child.sendline("q")
    child.expect(pexpect.EOF)
    assert load_answers(out).company.employees == 12


def test_stdin_that_is_not_a_terminal_is_refused(cli, tmp_path):
    result = cli("interview", "kurzcheck", "--out", tmp_path / "x.yaml", input="Firma\n")
    assert result.exit_code == 2
    assert "braucht ein Terminal" in result.stderr
    assert "ki-check batch" in result.stderr
    assert not (tmp_path / "x.yaml").exists()
