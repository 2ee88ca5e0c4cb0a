"""Input found by attacking the tool (issue 16): a coded message at file:line, exit 2, no traceback.

One fixture file per case, named after it; the table says which code the
message carries and on which line it points. Both ``score`` and
``questionnaires validate`` are run on answer files, ``validate`` on
questionnaires.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import ADATA, DATA, QDATA, ROOT

from ki_check.limits import (
    MAX_BRAND_BYTES,
    MAX_INT_DIGITS,
    MAX_ISSUES,
    MAX_KEY_CHARS,
    MAX_REF_CHARS,
    MAX_SCALE_STEPS,
    MAX_TEXT_CHARS,
    MAX_YAML_BYTES,
)

ANSWER_CASES = [
    # file, code, line, column (None: not checked)
    ("a-matrix-row-list", "ANS_012", 17, 28),
    ("a-matrix-row-mapping", "ANS_012", 17, 28),
    ("a-questionnaire-300-characters", "ANS_022", 1, 16),
    ("a-questionnaire-etc-passwd", "ANS_022", 1, 16),
    ("a-questionnaire-not-a-questionnaire", "ANS_022", 1, 16),
    ("a-scale-nan", "ANS_021", 16, 27),
    ("a-scale-inf", "ANS_021", 16, 27),
    ("a-number-nan", "ANS_021", 20, 18),
    ("a-number-minus-inf", "ANS_021", 20, 18),
    ("a-number-5000-digits", "ANS_021", 20, 18),
    ("a-employees-5000-digits", "PROFILE_005", 5, 14),
    ("a-turnover-inf", "PROFILE_005", 6, 17),
    ("a-turnover-1e400", "PROFILE_005", 6, 17),
    ("a-binary-company-name", "TYPE_001", 3, 9),
    ("a-note-10001-characters", "YAML_007", 21, 13),
    ("a-key-201-characters", "YAML_007", 22, 3),
    ("a-unclosed-bracket", "YAML_001", 22, 18),  # where the [ opens, not past the end
    ("a-unclosed-quote", "YAML_001", 11, None),
]


@pytest.mark.parametrize(("name", "code", "line", "col"), ANSWER_CASES)
def test_hostile_answer_file_gets_a_coded_message(cli, name, code, line, col):
    path = ADATA / f"{name}.yaml"
    for args in (("score", path), ("score", path, "--json"), ("questionnaires", "validate", path)):
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        head = next(ln for ln in result.stderr.splitlines() if f" {code} " in ln)
        where = f"{path}:{line}:" + (f"{col}:" if col else "")
        assert head.startswith(where), head
        assert "Lösung:" in result.stderr


QUESTIONNAIRE_CASES = [
    ("q-languages-nested-list", "TYPE_001", 4, 17),
    ("q-weight-nan", "VALUE_004", 11, 17),
    ("q-weight-inf", "VALUE_004", 8, 13),
    ("q-weight-101", "VALUE_004", 8, 13),
    ("q-points-inf", "VALUE_004", 13, 65),
    ("q-stage-max-nan", "VALUE_004", 21, 57),
    ("q-scale-span-too-large", "VALUE_002", 18, 14),
    ("q-number-min-5000-digits", "VALUE_004", 17, 14),
    ("q-text-10001-characters", "YAML_007", 11, 20),
    ("q-unclosed-bracket-last-line", "YAML_001", 7, 16),  # the file has 7 lines
]


@pytest.mark.parametrize(("name", "code", "line", "col"), QUESTIONNAIRE_CASES)
def test_hostile_questionnaire_gets_a_coded_message(cli, name, code, line, col):
    path = QDATA / f"{name}.yaml"
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [ln for ln in result.stderr.splitlines() if ": " in ln and "Lösung" not in ln]
    assert errors == [next(ln for ln in errors if f" {code} " in ln)], "one finding, no echoes"
    assert errors[0].startswith(f"{path}:{line}:{col}: {code} ")


# --- what the messages say -------------------------------------------------------------
def test_etc_passwd_is_named_never_quoted(cli, tmp_path):
    secret = tmp_path / "geheim.yaml"
    secret.write_text("passwort: hunter2\nzugang: {token: sk-1234}\n", "utf-8")
    bad = tmp_path / "a.yaml"
    text = (ADATA / "a-valid.yaml").read_text("utf-8")
    first, rest = text.split("\n", 1)
    assert first.startswith("questionnaire: kmu-basis@")
    bad.write_text("questionnaire: geheim.yaml\n" + rest, "utf-8")
    for path in (ADATA / "a-questionnaire-etc-passwd.yaml", bad):
        for args in (("score", path), ("questionnaires", "validate", path)):
            result = cli(*args)
            assert result.exit_code == 2
            for content in ("root:", "/bin/", "hunter2", "sk-1234", "passwort", "token"):
                assert content not in result.output
    assert "'geheim.yaml'" in cli("score", bad).stderr  # the path is named


@pytest.mark.skipif(not Path("/etc/passwd").is_file(), reason="needs /etc/passwd")
def test_a_non_yaml_file_given_directly_is_described_not_quoted(cli):
    first_line = Path("/etc/passwd").read_text("utf-8", "replace").splitlines()[0]
    for args in (
        ("questionnaires", "validate", "/etc/passwd"),
        ("score", ADATA / "a-valid.yaml", "--questionnaire", "/etc/passwd"),
    ):
        result = cli(*args)
        assert result.exit_code == 2
        assert "YAML_003" in result.stderr
        assert first_line[:20] not in result.output
        assert "Text (" in result.stderr  # what it is, not what it says


def test_catalogue_numbers_must_be_finite(tmp_path):
    """The data files are read through the same readers: .nan is refused there too."""
    from ki_check.assessment.baseline import load_baselines
    from ki_check.errors import ValidationError
    from ki_check.util.resources import data_file

    text = data_file("baselines.yaml").read_text("utf-8")
    share = next(ln for ln in text.splitlines() if ln.strip().startswith("share:"))
    path = tmp_path / "baselines-share-nan.yaml"
    path.write_text(text.replace(share, share.split(":")[0] + ": .nan", 1), "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_baselines.__wrapped__(path)
    line = text.splitlines().index(share) + 1
    (finding,) = [i for i in caught.value.issues if i.code == "VALUE_004"]
    assert (finding.line, finding.params["value"]) == (line, ".nan")


def test_unclosed_bracket_says_where_it_opens_and_where_it_was_noticed(cli):
    path = QDATA / "q-unclosed-bracket-last-line.yaml"
    assert len(path.read_text("utf-8").splitlines()) == 7
    de = cli("questionnaires", "validate", path).stderr
    assert "die Liste '[' aus Zeile 7 wird nicht geschlossen" in de
    assert "bemerkt am Dateiende" in de
    en = cli("questionnaires", "validate", "--lang", "en", QDATA / "q-yaml-syntax.yaml").stderr
    assert ":6:12: YAML_001 " in en
    assert "the mapping '{' opened at line 6 is not closed properly" in en
    assert "noticed at line 7, column 5" in en


def test_binary_is_not_called_a_date(cli):
    result = cli("score", ADATA / "a-binary-company-name.yaml")
    assert "gefunden wurde ein Binärwert mit 42 Bytes (!!binary)" in result.stderr
    assert "Datum" not in result.stderr


def test_matrix_message_names_the_row(cli):
    result = cli("score", "--lang", "en", ADATA / "a-matrix-row-list.yaml")
    assert "Question 'datenqualitaet.kunden' (matrix) expects an option id, found: […]" in (
        result.stderr
    )


def test_number_too_long_is_quoted_as_written_and_shortened(cli):
    result = cli("score", ADATA / "a-employees-5000-digits.yaml")
    assert "gefunden: " + "9" * 37 + "…" in result.stderr
    assert "9" * 100 not in result.stderr


def test_a_number_for_a_text_keeps_its_spelling(cli, tmp_path):
    text = (ADATA / "a-valid.yaml").read_text("utf-8")
    digits = "1" * 5000
    path = tmp_path / "a.yaml"
    path.write_text(
        text.replace("  ki_stand: nicht_begonnen\n", f"  anwendungsfall_beschreibung: {digits}\n"),
        "utf-8",
    )
    from ki_check.assessment.answers import load_answers

    af = load_answers(path)
    assert af.answers["anwendungsfall_beschreibung"] == digits


# --- limits on what is read ----------------------------------------------------------------
def test_answer_file_over_the_size_limit_is_refused_unread(cli, tmp_path):
    path = tmp_path / "gross.yaml"
    head = (ADATA / "a-valid.yaml").read_bytes()
    path.write_bytes(head + b"#" * (MAX_YAML_BYTES - len(head)) + b"\n")
    result = cli("score", path)
    assert result.exit_code == 2
    assert f"{path}: FILE_003 Die Datei ist mit 2.0 MiB größer als die erlaubten 2.0 MiB." in (
        result.stderr
    )


def test_a_file_just_under_the_limit_is_read(cli, tmp_path):
    path = tmp_path / "knapp.yaml"
    head = (ADATA / "a-valid.yaml").read_bytes()
    path.write_bytes(head + b"#" * (MAX_YAML_BYTES - len(head) - 1) + b"\n")
    assert cli("score", path).exit_code == 0


def test_questionnaire_over_the_size_limit_is_refused(cli, tmp_path):
    path = tmp_path / "q.yaml"
    path.write_bytes((QDATA / "q-valid.yaml").read_bytes() + b"#" * MAX_YAML_BYTES)
    result = cli("questionnaires", "validate", path)
    assert result.exit_code == 2
    assert "FILE_003" in result.stderr


def test_a_fifo_is_not_read(cli, tmp_path):
    fifo = tmp_path / "pipe.yaml"
    try:
        import os

        os.mkfifo(fifo)
    except (AttributeError, OSError):
        pytest.skip("no FIFOs here")
    result = cli("score", fifo)  # would block forever if it were opened
    assert result.exit_code == 2
    assert "FILE_001" in result.stderr
    assert "keine gewöhnliche Datei" in result.stderr


def test_brand_file_over_its_limit_is_refused(tmp_path):
    from ki_check.errors import ValidationError
    from ki_check.render.brand import load_brand

    path = tmp_path / "brand.yaml"
    path.write_text("organisation: IHK Test\n" + "#" * MAX_BRAND_BYTES + "\n", "utf-8")
    with pytest.raises(ValidationError) as caught:
        load_brand(path)
    assert [i.code for i in caught.value.issues] == ["FILE_003"]


def test_limits_are_documented_with_these_numbers():
    answers = (ROOT / "docs" / "answer-files.md").read_text("utf-8")
    fmt = (ROOT / "docs" / "questionnaire-format.md").read_text("utf-8")
    for doc in (answers, fmt):
        assert f"{MAX_YAML_BYTES // (1024 * 1024)} MiB" in doc
        assert f"{MAX_TEXT_CHARS:,}".replace(",", ".") in doc or f"{MAX_TEXT_CHARS:,}" in doc
        assert f"{MAX_KEY_CHARS}" in doc
        assert f"{MAX_ISSUES}" in doc
        assert f"{MAX_INT_DIGITS} digits" in doc
    assert f"{MAX_BRAND_BYTES // 1024} KiB" in answers
    assert f"{MAX_REF_CHARS}" in answers
    assert f"max − min ≤ {MAX_SCALE_STEPS}" in fmt
    for code in ("FILE_003", "YAML_007", "VALUE_004", "DIAG_001"):
        assert code in fmt
    for code in ("ANS_021", "ANS_022", "PROFILE_005", "FILE_003", "YAML_007"):
        assert code in answers


# --- many findings: linear, capped ---------------------------------------------------------
def test_forty_thousand_unknown_notes_are_linear_and_capped(cli, tmp_path):
    """Positions were found by scanning the mapping per finding: 8,000 keys took 23 s."""
    path = tmp_path / "notizen.yaml"
    text = (ADATA / "a-valid.yaml").read_text("utf-8")
    path.write_text(text + "".join(f"  notiz_{i:05d}: x\n" for i in range(40_000)), "utf-8")
    start = time.perf_counter()
    result = cli("score", path)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 2
    assert elapsed < 60  # quadratic look-ups take minutes here; linear about two seconds
    listed = [ln for ln in result.stderr.splitlines() if " ANS_019 " in ln]
    assert len(listed) == MAX_ISSUES
    assert listed[0].startswith(f"{path}:22:3: ANS_019 ")
    assert "DIAG_001 (Warnung) Mehr als 200 Befunde: 39.800 weitere" in result.stderr


def test_the_first_error_is_kept_after_many_warnings(tmp_path):
    """A file whose first 200 findings are warnings is still invalid for its error."""
    from ki_check.diagnostics import Findings, Issue

    findings = Findings(limit=3)
    for _ in range(5):
        findings.append(Issue("I18N_001", "x.yaml", 1, 1))
    findings.append(Issue("KEY_001", "x.yaml", 9, 1))
    codes = [i.code for i in findings]
    assert codes == ["I18N_001", "I18N_001", "I18N_001", "DIAG_001", "KEY_001"]
    assert (
        findings[3]
        .format("en")
        .startswith("x.yaml:1:1: DIAG_001 (warning) More than 3 findings: 2 more")
    )


# --- batch and workshop results keep going -------------------------------------------------
def test_batch_folder_goes_on_after_a_hostile_file(cli, tmp_path):
    folder = tmp_path / "kunden"
    folder.mkdir()
    for name in ("a-matrix-row-list", "a-scale-nan", "a-questionnaire-300-characters"):
        (folder / f"{name}.yaml").write_bytes((ADATA / f"{name}.yaml").read_bytes())
    (folder / "z-gut.yaml").write_bytes((ADATA / "a-valid.yaml").read_bytes())
    out = tmp_path / "out"
    result = cli("batch", folder, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    scores = (out / "scores.csv").read_text("utf-8-sig")
    assert "z-gut" in scores
    errors = (out / "errors.csv").read_text("utf-8-sig")
    for name, code in (
        ("a-matrix-row-list", "ANS_012"),
        ("a-scale-nan", "ANS_021"),
        ("a-questionnaire-300-characters", "ANS_022"),
    ):
        line = next(ln for ln in errors.splitlines() if name in ln)
        assert code in line


def test_batch_csv_row_with_a_300_character_questionnaire(cli, tmp_path):
    rows = (DATA / "portfolio" / "clients.csv").read_text("utf-8-sig").splitlines()
    header, first, second = rows[0], rows[1], rows[2]
    bad = first.replace(";kurzcheck;", ";" + "x" * 300 + ";", 1)
    assert bad != first
    path = tmp_path / "kunden.csv"
    path.write_text("\n".join([header, bad, second]) + "\n", "utf-8")
    out = tmp_path / "out"
    result = cli("batch", path, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    scores = (out / "scores.csv").read_text("utf-8-sig")
    assert "K2" in scores  # the row after the bad one is scored
    errors = (out / "errors.csv").read_text("utf-8-sig")
    assert "kunden.csv;2;questionnaire;B2;" in errors  # file, row, column, cell
    assert "REF_005;Fragebogen-Datei nicht lesbar (300 Zeichen im Pfad)" in errors
    assert "x" * 100 not in errors  # named, shortened


def test_handout_results_go_on_after_a_hostile_file(cli, tmp_path):
    results = tmp_path / "ergebnisse"
    results.mkdir()
    for file in (DATA / "workshop").glob("*.yaml"):
        (results / file.name).write_bytes(file.read_bytes())
    alpha = (DATA / "workshop" / "alpha.yaml").read_text("utf-8")
    assert "  routine_relevant: 4\n" in alpha
    hostile = alpha.replace("  routine_relevant: 4\n", "  routine_relevant: .nan\n")
    (results / "aaa-hostile.yaml").write_text(hostile, "utf-8")  # read first
    result = cli("handout", "kurzcheck", "--out", tmp_path / "h.pdf", "--results", results)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert "aaa-hostile.yaml" in result.stderr  # skipped with a warning …
    assert "ANS_021" in result.stderr or "keine endliche Zahl" in result.stderr
    assert (tmp_path / "h.pdf").is_file()  # … and the others summarised


def test_json_output_never_carries_nan(cli):
    result = cli("score", ROOT / "examples" / "muster-gmbh.yaml", "--json")
    assert result.exit_code == 0
    json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"non-JSON {c}"))


def test_every_json_dump_refuses_nan():
    """allow_nan=False wherever ki-check writes JSON: NaN is not JSON."""
    import ast

    missing = []
    for module in (ROOT / "ki_check").rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("dump", "dumps")
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "json"
            ):
                flags = {k.arg: k.value for k in node.keywords}
                value = flags.get("allow_nan")
                if not (isinstance(value, ast.Constant) and value.value is False):
                    missing.append(f"{module.relative_to(ROOT)}:{node.lineno}")
    assert missing == []
