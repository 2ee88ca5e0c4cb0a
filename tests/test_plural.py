"""Counts in messages agree with their number: one helper, every template with 1 and 2."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ki_check.assessment.validate import FileReport
from ki_check.diagnostics import Issue
from ki_check.errors import ValidationError
from ki_check.i18n import fill, plural
from ki_check.render.templates import labels


@pytest.mark.parametrize(
    ("n", "one", "other", "expected"),
    [
        (0, "Datei", "Dateien", "0 Dateien"),
        (1, "Datei", "Dateien", "1 Datei"),
        (2, "Datei", "Dateien", "2 Dateien"),
        (1, "weiterer Fehler", "weitere Fehler", "1 weiterer Fehler"),
        (3, "weiterer Fehler", "weitere Fehler", "3 weitere Fehler"),
        (1, "answer file", "answer files", "1 answer file"),
    ],
)
def test_plural(n, one, other, expected):
    assert plural(n, one, other) == expected


def test_fill_picks_the_form_and_formats_the_rest():
    template = "{count} {count|Datei|Dateien} in {where}"
    assert fill(template, count=1, where="x") == "1 Datei in x"
    assert fill(template, count=2, where="x") == "2 Dateien in x"
    assert fill("{n} von {n}", n=1) == "1 von 1"  # plain templates work unchanged
    with pytest.raises(KeyError):
        fill("{count|a|b}")


# Every label whose text depends on a count, filled with 1 and with 2 (written by hand).
LABEL_CASES = [
    ("de", "ho_meta", {"version": "1.0", "date": "D"}, "count",
     "Version 1.0 · 1 Frage · Stand D", "Version 1.0 · 2 Fragen · Stand D"),
    ("en", "ho_meta", {"version": "1.0", "date": "D"}, "count",
     "Version 1.0 · 1 question · as of D", "Version 1.0 · 2 questions · as of D"),
    ("de", "grp_used", {"used": 1}, "files",
     "1 von 1 Antwortdatei ausgewertet", "1 von 2 Antwortdateien ausgewertet"),
    ("en", "grp_used", {"used": 1}, "files",
     "1 of 1 answer file used", "1 of 2 answer files used"),
    ("de", "grp_skipped", {}, "count",
     "1 Datei übersprungen (ungültig oder zu einem anderen Fragebogen); die Meldungen beim"
     " Erstellen nennen sie.",
     "2 Dateien übersprungen (ungültig oder zu einem anderen Fragebogen); die Meldungen beim"
     " Erstellen nennen sie."),
    ("en", "grp_skipped", {}, "count",
     "1 file skipped (invalid or for another questionnaire); the messages shown when the"
     " summary was made name it.",
     "2 files skipped (invalid or for another questionnaire); the messages shown when the"
     " summary was made name them."),
    ("de", "grp_anonymous", {}, "min",
     "Anonym: ohne Firmennamen. Werte aus weniger als 1 Antwort werden nicht gezeigt.",
     "Anonym: ohne Firmennamen. Werte aus weniger als 2 Antworten werden nicht gezeigt."),
    ("en", "grp_anonymous", {}, "min",
     "Anonymous: no company names. Figures from fewer than 1 answer are not shown.",
     "Anonymous: no company names. Figures from fewer than 2 answers are not shown."),
    ("de", "grp_adoption_text", {"known": 5, "share": "S"}, "adopters",
     "1 von 5 Unternehmen setzt KI bereits produktiv ein (S).",
     "2 von 5 Unternehmen setzen KI bereits produktiv ein (S)."),
    ("en", "grp_adoption_text", {"adopters": 1, "share": "S"}, "known",
     "1 of 1 company already uses AI productively (S).",
     "1 of 2 companies already uses AI productively (S)."),
    ("de", "grp_adoption_hidden", {"n": 0}, "min",
     "Zu wenige Angaben zum KI-Einsatz (0); ein Anteil wird erst ab 1 Antwort gezeigt.",
     "Zu wenige Angaben zum KI-Einsatz (0); ein Anteil wird erst ab 2 Antworten gezeigt."),
    ("en", "grp_adoption_hidden", {"n": 0}, "min",
     "Too few answers on AI use (0); a share is shown from 1 answer.",
     "Too few answers on AI use (0); a share is shown from 2 answers."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "key", "values", "count", "one", "two"), LABEL_CASES)
def test_count_labels(lang, key, values, count, one, two):
    t = labels(lang)
    assert fill(t[key], **values, **{count: 1}) == one
    assert fill(t[key], **values, **{count: 2}) == two


# Nouns that must never follow the number 1.
PLURALS = re.compile(
    r"\b1 (Dateien|Fragen|Antworten|Antwortdateien|Warnungen|Berichte|weitere Fehler|"
    r"files|questions|answers|warnings|reports|errors|companies)\b"
)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_no_label_says_one_with_a_plural(lang):
    """Every label, all its named placeholders set to 1 and to 2, reads correctly."""
    checked = 0
    for key, template in labels(lang).items():
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        names = {f.split("|")[0] for f in names if f.isidentifier() or "|" in f}
        if not names:
            continue
        for n in (1, 2):
            text = fill(template, **dict.fromkeys(names, n))
            assert not PLURALS.search(text), (key, text)
        checked += 1
    assert checked >= 20  # the labels with placeholders were really looked at


def _issues(n: int) -> list[Issue]:
    return [
        Issue("ANS_010", "a.yaml", line=i + 1, params={"id": f"q{i}", "questionnaire": "x"})
        for i in range(n)
    ]


@pytest.mark.parametrize(
    ("n", "de", "en"), [(1, "1 Fehler gefunden.", "1 error found."),
                        (2, "2 Fehler gefunden.", "2 errors found.")]
)  # fmt: skip
def test_validation_error_counts(n, de, en):
    exc = ValidationError(_issues(n))
    assert exc.de == de
    assert exc.en == en


@pytest.mark.parametrize(
    ("n", "de", "en"),
    [
        (1, "Fragebogen x 1.0, 1 Frage", "questionnaire x 1.0, 1 question"),
        (2, "Fragebogen x 1.0, 2 Fragen", "questionnaire x 1.0, 2 questions"),
    ],
)
def test_validate_summary_counts_questions(n, de, en):
    report = FileReport(Path("x.yaml"), "questionnaire", detail="x 1.0", questions=n)
    assert report.summary("de") == de
    assert report.summary("en") == en
