"""YAML syntax errors in the reader's language, with file:line:col (audit item 13).

libyaml words its problems in English ("did not find expected ',' or '}'"); the
message used to carry them into German text. The common problems are now worded in
German (English with ``--lang en``); positions are counted by hand in each fixture.
"""

from __future__ import annotations

import pytest
from conftest import ADATA

from ki_check.util.yamlsrc import parse_yaml
from ki_check.util.yamlwords import PROBLEMS

ENGLISH_PARSER_WORDS = ("did not find", "while parsing", "while scanning", "not allowed", "found")


@pytest.mark.parametrize(
    ("fixture", "where", "de", "en"),
    [
        (
            # line 17 "  ki_ziele: Ziel des Meisters: Angebote …": the second ':' is
            # column 2 + 9 + 1 + 17 + 1 = 30
            "a-tischlerei-wolf-doppelpunkt-im-text",
            "17:30",
            "YAML-Syntaxfehler: ein Doppelpunkt an einer Stelle, an der keiner stehen darf –"
            " ein Text mit ': ' gehört in Anführungszeichen, oder die Einrückung stimmt nicht",
            "YAML syntax error: a colon where none may stand – quote a text containing ': ',"
            " or check the indentation",
        ),
        (
            # line 15 starts with a tab
            "a-tischlerei-wolf-tabulator",
            "15:1",
            "YAML-Syntaxfehler: ein Tabulator, wo nur Leerzeichen einrücken dürfen",
            "YAML syntax error: a tab where only spaces may indent",
        ),
        (
            # line 4 "company: {name: …, employees: 9 sector: C}": '{' at column 10,
            # the ':' after "sector" at 10 + 23 + 11 + 19 + 1 = 64
            "a-tischlerei-wolf-klammer-offen",
            "4:64",
            "YAML-Syntaxfehler: ',' oder '}' erwartet in der Zuordnung '{' ab Spalte 10",
            "YAML syntax error: expected ',' or '}' in the mapping '{' opened at column 10",
        ),
    ],
)
def test_tischlerei_wolf_reads_the_syntax_error_in_its_language(cli, fixture, where, de, en):
    path = ADATA / f"{fixture}.yaml"
    german = cli("score", path)
    assert german.exit_code == 2
    assert f"{path}:{where}: YAML_001 {de}" in german.stderr
    for words in ENGLISH_PARSER_WORDS:
        assert words not in german.stderr.split("Lösung:")[0], words
    english = cli("score", "--lang", "en", path)
    assert english.exit_code == 2
    assert f"{path}:{where}: YAML_001 {en}" in english.stderr


@pytest.mark.parametrize(
    ("text", "line", "de"),
    [
        ("a: 1\nb\nc: 2\n", 3, "nach dem Schlüssel fehlt der Doppelpunkt (Schlüssel in Zeile 2)"),
        (
            "a:\n  b: 1\n c: 2\n",
            3,
            "hier wird ein weiterer Eintrag 'Schlüssel: Wert' mit derselben Einrückung"
            " erwartet (in der Zuordnung ab Zeile 1)",
        ),
        (
            "a:\n  - 1\n  b: 2\n",
            3,
            "hier wird ein weiterer Listeneintrag '- …' mit derselben Einrückung erwartet"
            " (in der Liste ab Zeile 2)",
        ),
        ("a: @b\n", 1, "das Zeichen '@' darf keinen Wert beginnen"),
        ("a: *x\n", 1, "ein Verweis mit '*' auf einen Anker '&', den es nicht gibt"),
        ("a: 1\n---\nb: 2\n", 2, "die Datei enthält mehr als ein Dokument"),
        ('a: "\\q"\n', 1, "eine unbekannte Folge mit '\\' in doppelten Anführungszeichen"),
        ("a: |x\n  b\n", 1, "nach '|' oder '>' darf in derselben Zeile nur ein Kommentar"),
        ("a: b\x07\n", 1, "ein Steuerzeichen oder ungültiges Zeichen (#x0007)"),
        (
            'a: "abc\nb: 1\n',
            1,
            "der Text in Anführungszeichen aus Zeile 1 wird nicht geschlossen",
        ),
    ],
)
def test_common_libyaml_problems_have_german_words(text, line, de):
    (issue,) = parse_yaml(text, "x.yaml").issues
    assert issue.code == "YAML_001"
    assert issue.line == line
    said = issue.params["problem"].de + str(getattr(issue.params["noticed"], "de", ""))
    assert de in said
    for words in ENGLISH_PARSER_WORDS:
        assert words not in said, words


def test_an_unknown_problem_keeps_the_parser_words_marked_as_such():
    from ki_check.util.yamlwords import problem_words

    words = problem_words("found something new")
    assert words.de == "„found something new“ (Meldung des YAML-Parsers)"
    assert words.en == "found something new"
    assert len({start for start, _ in PROBLEMS}) == len(PROBLEMS)
