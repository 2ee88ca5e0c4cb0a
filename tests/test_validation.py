"""Every bad-input case gives a message naming file, line and fix, and exit code 2."""

from __future__ import annotations

import pytest
from conftest import ADATA, QDATA

from ki_check.questionnaire.load import validate_questionnaire

QUESTIONNAIRE_CASES = [
    # file, code, line
    ("q-condition-unknown-question", "COND_001", 18),
    ("q-condition-later-question", "COND_002", 12),
    ("q-condition-unknown-option", "COND_003", 18),
    ("q-yaml-syntax", "YAML_001", 6),  # where the unclosed { starts, not where it was noticed
    ("q-duplicate-key", "YAML_002", 17),
    ("q-unknown-key", "KEY_001", 17),
    ("q-yes-no-trap", "YAML_004", 13),
    ("q-unquoted-version", "YAML_005", 2),
    ("q-duplicate-question-id", "ID_002", 15),
    ("q-invalid-id", "ID_001", 15),
    ("q-unknown-type", "VALUE_001", 16),
    ("q-stage-gap", "STAGE_002", 21),
    ("q-stage-overlap", "STAGE_002", 21),
    ("q-stage-not-100", "STAGE_001", 21),
    ("q-weight-zero", "WEIGHT_001", 17),
    ("q-weight-negative-dimension", "WEIGHT_001", 8),
    ("q-scoring-unknown-rule", "VALUE_001", 16),
]


@pytest.mark.parametrize(("name", "code", "line"), QUESTIONNAIRE_CASES)
def test_bad_questionnaire_names_file_line_and_fix(cli, name, code, line):
    path = QDATA / f"{name}.yaml"
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2
    assert f"{path}:{line}:" in result.stderr
    head = next(ln for ln in result.stderr.splitlines() if f" {code} " in ln)
    assert head.startswith(f"{path}:{line}:")
    assert "Lösung:" in result.stderr
    assert "Traceback" not in result.output


def test_broken_condition_message_and_fix(cli):
    path = QDATA / "q-condition-unknown-question.yaml"
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2
    assert (
        f"{path}:18:18: COND_001 Die Bedingung verweist auf die unbekannte Frage 'q9'."
        in result.stderr
    )
    assert "Eine Bedingung darf nur Fragen nennen, die vorher kommen." in result.stderr


def test_all_errors_are_collected_not_just_the_first(tmp_path, cli):
    text = (QDATA / "q-valid.yaml").read_text("utf-8")
    text = text.replace('version: "1"', "version: 1.5").replace("in: [ja_klar]", "in: [nix]")
    text = text.replace("min: 50, max: 100", "min: 55, max: 100")
    path = tmp_path / "many.yaml"
    path.write_text(text, "utf-8")
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2
    for code in ("YAML_005", "COND_003", "STAGE_002"):
        assert f" {code} " in result.stderr


def test_key_another_type_takes_names_the_type_and_every_key_it_takes(cli):
    # a scale has no unit (numbers do): the fix lists all 14 keys a scale may have
    path = QDATA / "q-key-not-for-type.yaml"
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    head = f"{path}:20:9: KEY_001 Unbekannter Schlüssel 'unit' in einer Frage vom Typ scale."
    assert head in text
    assert (
        "Erlaubt sind: id, type, text, hint, guidance, weight, required, allow_not_relevant,"
        " scored, min, max, labels, show_if, relevance_question." in text
    )


def test_missing_translation_is_a_warning_not_an_error(cli):
    path = QDATA / "q-missing-translation.yaml"
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 0
    assert f"{path}:17:15: I18N_001 (Warnung)" in result.stderr
    strict = cli("questionnaires", "validate", "--strict", path)
    assert strict.exit_code == 2


# (file, errors, warnings, fails, fails with --strict)
VERDICTS = [
    ("q-valid.yaml", 0, 0, False, False),
    ("q-missing-translation.yaml", 0, 1, False, True),
    ("q-stage-gap.yaml", 1, 0, True, True),
]


@pytest.mark.parametrize(("name", "errors", "warnings", "fails", "fails_strict"), VERDICTS)
def test_a_file_report_counts_and_decides(name, errors, warnings, fails, fails_strict):
    from ki_check.assessment.validate import validate_file

    report = validate_file(QDATA / name)
    assert (report.errors, report.warnings) == (errors, warnings)
    assert report.failed() is fails
    assert report.failed(strict=True) is fails_strict


def test_valid_questionnaire_passes(cli):
    result = cli("questionnaires", "validate", QDATA / "q-valid.yaml")
    assert result.exit_code == 0, result.output
    assert "✓" in result.stdout
    assert result.stderr == ""


def test_messages_in_english(cli):
    path = QDATA / "q-condition-unknown-option.yaml"
    result = cli("questionnaires", "validate", "--lang", "en", path)
    assert result.exit_code == 2
    assert "Question 'q1' has no option 'vielleicht'." in result.stderr
    assert "Fix:" in result.stderr


def test_missing_file_is_reported(cli, tmp_path):
    result = cli("questionnaires", "validate", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "FILE_001" in result.stderr


def test_not_a_mapping(cli, tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n", "utf-8")
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2
    assert f"{path}:1:1: YAML_003" in result.stderr


def test_validate_returns_no_model_on_errors():
    q, issues = validate_questionnaire(QDATA / "q-stage-gap.yaml")
    assert q is None
    assert [i.code for i in issues] == ["STAGE_002"]


ANSWER_CASES = [
    ("a-unknown-question", "ANS_010", 15),
    ("a-unknown-option", "ANS_011", 14),
    ("a-number-for-choice", "ANS_012", 14),
    ("a-bool-for-text", "ANS_012", 21),
    ("a-unknown-questionnaire", "ANS_003", 1),
    ("a-wrong-version", "ANS_002", 1),
    ("a-unknown-state", "PROFILE_001", 4),
    ("a-unknown-sector", "PROFILE_002", 8),
    ("a-text-for-employees", "PROFILE_003", 5),
    ("a-german-number-turnover", "PROFILE_003", 6),
    ("a-not-relevant-not-allowed", "ANS_013", 15),
    ("a-scale-out-of-range", "ANS_014", 16),
    ("a-unknown-matrix-row", "ANS_015", 17),
    ("a-exclusive-option", "ANS_016", 18),
    ("a-unknown-top-key", "KEY_001", 22),
    ("a-unknown-note", "ANS_019", 21),
    ("a-yaml-syntax", "YAML_001", 15),
    ("a-follow-up-before-interview", "ANS_020", 11),
    ("a-follow-up-not-a-date", "TYPE_001", 6),
    ("a-conclusion-not-text", "TYPE_001", 6),
]


@pytest.mark.parametrize(("name", "code", "line"), ANSWER_CASES)
def test_bad_answer_file_names_file_line_and_fix(cli, name, code, line):
    path = ADATA / f"{name}.yaml"
    for args in (("score", path), ("questionnaires", "validate", path)):
        result = cli(*args)
        assert result.exit_code == 2, result.output
        head = next(ln for ln in result.stderr.splitlines() if f" {code} " in ln)
        assert head.startswith(f"{path}:{line}:")
        assert "Lösung:" in result.stderr
        assert "Traceback" not in result.output


def test_german_number_gets_a_concrete_fix(cli):
    result = cli("score", ADATA / "a-german-number-turnover.yaml")
    assert "z. B. 1500000" in result.stderr


def test_unknown_state_suggests_the_code(cli):
    result = cli("score", ADATA / "a-unknown-state.yaml")
    assert "Meinten Sie 'NW'?" in result.stderr


def test_answer_for_hidden_question_is_a_warning(cli):
    path = ADATA / "a-hidden-answer.yaml"
    result = cli("score", path, "--json")
    assert result.exit_code == 0
    assert f"{path}:20:3: ANS_017 (Warnung)" in result.stderr


def test_questionnaire_given_explicitly_must_match(cli):
    result = cli("score", ADATA / "a-valid.yaml", "--questionnaire", QDATA / "scoring.yaml")
    assert result.exit_code == 2
    assert "ANS_001" in result.stderr


def test_no_message_code_is_defined_twice():
    """A dict literal keeps the last of two equal keys silently: two helpers once both
    added ANS_020."""
    import ast
    from collections import Counter

    from conftest import ROOT

    tree = ast.parse((ROOT / "ki_check" / "diagnostics.py").read_text("utf-8"))
    codes = [
        key.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key in node.keys
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and "_0" in key.value
    ]
    assert len(codes) > 50
    assert [code for code, n in Counter(codes).items() if n > 1] == []


# The messages a company or advisor reads, word for word: the field by its German
# label (PROFILE_003), the type expected and the kind found (TYPE_001). Worked out by
# hand from the fixture's line.
MESSAGE_CASES = [
    (
        "a-text-for-employees",  # employees: zwölf
        "de",
        "PROFILE_003 Angabe „Beschäftigte“ muss eine ganze Zahl ≥ 0 sein; gefunden wurde"
        ' ein Text ("zwölf").',
        "Lösung: Als Ziffern ohne Tausenderpunkte schreiben, z. B. 42.",
    ),
    (
        "a-german-number-turnover",  # turnover_eur: "1.500.000"
        "de",
        "PROFILE_003 Angabe „Jahresumsatz in Euro“ muss ein Betrag ≥ 0 sein; gefunden wurde"
        ' ein Text ("1.500.000").',
        "Lösung: Als Ziffern ohne Tausenderpunkte schreiben, z. B. 1500000.",
    ),
    (
        "a-text-for-employees",
        "en",
        "PROFILE_003 'Employees' must be a whole number ≥ 0; found a text (\"zwölf\").",
        "Fix: Write it in digits without thousands separators, e.g. 42.",
    ),
    (
        "a-follow-up-not-a-date",  # follow_up: in sechs Monaten
        "de",
        "TYPE_001 'interview.follow_up' muss ein Datum JJJJ-MM-TT sein; gefunden wurde ein"
        ' Text ("in sechs Monaten").',
        "Lösung: Den Wert ändern; erwartet wird ein Datum JJJJ-MM-TT.",
    ),
    (
        "a-conclusion-not-text",  # conclusion: [erst, die, Daten]
        "de",
        "TYPE_001 'interview.conclusion' muss ein Text sein; gefunden wurde eine Liste.",
        "Lösung: Den Wert ändern; erwartet wird ein Text.",
    ),
    (
        "a-conclusion-not-text",
        "en",
        "TYPE_001 'interview.conclusion' must be a text; found a list.",
        "Fix: Change the value to a text.",
    ),
]


@pytest.mark.parametrize(("name", "lang", "message", "fix"), MESSAGE_CASES)
def test_profile_and_type_messages_in_plain_words(cli, name, lang, message, fix):
    result = cli("score", ADATA / f"{name}.yaml", "--lang", lang)
    assert result.exit_code == 2
    text = " ".join(result.stderr.split())
    assert message in text
    assert fix in text
