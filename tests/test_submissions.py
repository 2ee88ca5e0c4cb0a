"""KoboToolbox and ODK Central exports back in: same answers, same scores as the YAML files.

Round trip for every bundled questionnaire: five companies written as answer
files (the example, "don't know" everywhere, the best and the weakest answers,
and a mix with skipped questions) → the XLSForm export → submissions in the
exact shapes the servers export (tests/server_exports.py) → ``batch`` reading
them → the same visible answers and the same scores as the YAML files.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT
from server_exports import (
    form_of,
    kobo_rows,
    new_instance,
    odk_rows,
    write_kobo_csv,
    write_odk_csv,
    write_xlsx,
)

from ki_check.assessment.answers import load_answers
from ki_check.assessment.scoring import score
from ki_check.batch.inputs import read_input
from ki_check.interchange.xlsform_sheets import xlsform_bytes
from ki_check.questionnaire.conditions import visible
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import Question, Questionnaire
from ki_check.util.resources import bundled_questionnaires

AS_OF = dt.date(2026, 11, 30)
EXAMPLES = {
    "kmu-basis": "muster-gmbh.yaml",
    "kurzcheck": "kurzcheck-beispiel.yaml",
    "handwerk": "handwerk-beispiel.yaml",
    "produktion": "produktion-beispiel.yaml",
    "eu-dma": "eu-dma-beispiel.yaml",
}
SHAPES = (
    "kobo-csv",
    "kobo-xlsx",
    "kobo-details-only",
    "odk-csv",
    "odk-csv-split",
    "odk-no-group-paths",
)


# --- five companies per questionnaire, as answer files ---------------------------------------
def _best(q: Question) -> object:
    if q.type in ("single_choice", "yes_no"):
        return max(q.options, key=lambda o: o.points).id
    if q.type == "multiple_choice":
        return [o.id for o in q.options if not o.exclusive and o.points > 0] or [q.options[0].id]
    if q.type == "matrix":
        top = max(q.options, key=lambda o: o.points).id
        return {r.id: top for r in q.rows}
    if q.type == "scale":
        return int(q.max or 5)
    if q.type == "number":
        return int(q.max) if q.max is not None else 250
    return "Angebote mit KI-Entwurf schneller schreiben; Prüfung bleibt beim Meister."


def _weakest(q: Question) -> object:
    if q.type in ("single_choice", "yes_no"):
        return min(q.options, key=lambda o: o.points).id
    if q.type == "multiple_choice":
        alone = [o.id for o in q.options if o.exclusive]
        return alone[:1] or [min(q.options, key=lambda o: o.points).id]
    if q.type == "matrix":
        low = min(q.options, key=lambda o: o.points).id
        return {r.id: low for r in q.rows}
    if q.type == "scale":
        return int(q.min or 1)
    if q.type == "number":
        return int(q.min or 0)
    return None  # free text left empty


def _dont_know(q: Question) -> object:
    if q.type == "matrix":
        return {r.id: "dont_know" for r in q.rows}
    return None if q.type == "text" else "dont_know"


def _mixed(q: Question, index: int) -> object:
    """Every third question skipped; not relevant where allowed; matrix rows mixed."""
    if index % 3 == 2:
        return None
    if q.allow_not_relevant and q.type != "matrix" and index % 2:
        return "not_relevant"
    if q.type == "matrix":
        cells = {}
        for i, r in enumerate(q.rows):
            cells[r.id] = (
                ["dont_know", q.options[-1].id, q.options[0].id][i % 3]
                if not (q.allow_not_relevant and i == 1)
                else "not_relevant"
            )
        return cells
    if q.type == "multiple_choice":
        plain = [o.id for o in q.options if not o.exclusive]
        return plain[index % len(plain) :][:2] or plain[:1]
    return _best(q) if index % 2 else _weakest(q)


def _answers(q: Questionnaire, pick) -> dict:
    raw = {x.id: pick(x, i) for i, x in enumerate(q.questions)}
    raw = {k: v for k, v in raw.items() if v is not None}
    shown = visible(q.questions, raw)  # a hidden question is empty in every export
    return {k: v for k, v in raw.items() if k in shown}


def companies(q: Questionnaire, folder: Path) -> list[Path]:
    """Five answer files for ``q`` on disk: the example and four made from the questionnaire."""
    example = yaml.safe_load((ROOT / "examples" / EXAMPLES[q.id]).read_text("utf-8"))
    example["answers"] = {
        k: v for k, v in example["answers"].items() if k in visible(q.questions, example["answers"])
    }
    profile = {
        "state": "NW",
        "employees": 35,
        "turnover_eur": 4200000.5,
        "founded": 2019,
        "sector": "C",
        "startup": True,
        "university_spinoff": False,
    }
    made = {
        "weiss-nicht": lambda x, i: _dont_know(x),
        "vorreiter": lambda x, i: _best(x),
        "einsteiger": lambda x, i: _weakest(x),
        "gemischt": _mixed,
    }
    files = [("beispiel", example)]
    for n, (name, pick) in enumerate(made.items()):
        files.append(
            (
                name,
                {
                    "questionnaire": q.ref,
                    "company": {"name": f"{name.title()} GmbH", **profile, "employees": 5 + n},
                    "interview": {"date": f"2026-11-{20 + n}", "status": "complete"},
                    "answers": _answers(q, pick),
                },
            )
        )
    paths = []
    for name, data in files:
        path = folder / f"{q.id}-{name}.yaml"
        data.pop("notes", None)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


# --- the round trip -----------------------------------------------------------------------------
def export_file(shape: str, q: Questionnaire, paths: list[Path], folder: Path) -> Path:
    """The companies' answers as the server would export the submissions."""
    form = form_of(xlsform_bytes(q))
    files = []
    for path in paths:
        data = yaml.safe_load(path.read_text("utf-8"))
        data["_instance"] = new_instance(path.name)
        files.append(data)
    if shape.startswith("kobo"):
        rows = kobo_rows(form, files, q.ref)
        if shape == "kobo-details-only":  # "multiple select: separate columns" only
            summaries = {"/".join(p) for p in form.multiple}
            keep = [i for i, h in enumerate(rows[0]) if h not in summaries]
            rows = [[r[i] for i in keep] for r in rows]
        if shape == "kobo-xlsx":
            return write_xlsx(rows, folder / f"{q.id}.xlsx", q.title["de"])
        return write_kobo_csv(rows, folder / f"{q.id}-kobo.csv")
    rows = odk_rows(form, files, q.ref, split=shape == "odk-csv-split")
    if shape == "odk-no-group-paths":  # ?groupPaths=false: bare field names
        rows[0] = [h.rsplit("-", 1)[-1] for h in rows[0]]
    return write_odk_csv(rows, folder / f"{q.id}.csv")


def same(answers: dict) -> dict:
    """Answers with multiple choice as sets: option columns come in the list's order."""
    return {k: set(v) if isinstance(v, list) else v for k, v in answers.items()}


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
def test_round_trip_gives_the_same_answers_and_scores(qid, shape, tmp_path):
    q = load_questionnaire(qid)
    paths = companies(q, tmp_path)
    export = export_file(shape, q, paths, tmp_path)
    records = list(read_input(export, None, "de", AS_OF))
    assert [r.errors for r in records] == [()] * len(paths)
    for path, record in zip(paths, records, strict=True):
        typed = load_answers(path, q, today=AS_OF)
        got = record.answers
        assert got is not None
        assert same(visible(q.questions, got.answers)) == same(visible(q.questions, typed.answers))
        assert got.company == typed.company
        expected = score(q, typed, as_of=AS_OF)
        result = score(q, got, as_of=AS_OF)
        assert result.overall == expected.overall, path.name
        assert result.stage == expected.stage
        assert result.coverage == expected.coverage
        assert [d.score for d in result.dimensions] == [d.score for d in expected.dimensions]
        assert record.key == new_instance(path.name).removeprefix("uuid:")  # the source id


def test_the_five_companies_cover_skips_dont_know_and_both_multiple_choice_shapes(tmp_path):
    """The round trip above really meets what it promises to test."""
    q = load_questionnaire("kmu-basis")
    paths = companies(q, tmp_path)
    data = [yaml.safe_load(p.read_text("utf-8"))["answers"] for p in paths]
    hidden_by_logic = {x.id for x in q.questions if x.show_if} - set(data[3])
    assert hidden_by_logic, "the weakest company has questions hidden by skip logic"
    assert all(v == "dont_know" for k, v in data[1].items() if not isinstance(v, dict))
    assert any(v == "not_relevant" for v in data[4].values())
    assert any(isinstance(v, list) and len(v) > 1 for v in data[2].values())
    assert "datenhistorie" in data[1]  # "don't know" on a number question


# --- the five kurzcheck companies, through the command line ------------------------------------
SUBMISSIONS = DATA / "submissions"
FIVE = ["beispiel", "weiss-nicht", "vorreiter", "einsteiger", "gemischt"]


def scored(cli, path: Path) -> dict:
    result = cli("score", path, "--json", "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("export", ["kurzcheck-kobo.csv", "kurzcheck-odk.csv"])
def test_batch_scores_an_export_of_five_companies_like_their_yaml_files(cli, tmp_path, export):
    out = tmp_path / "out"
    result = cli("batch", SUBMISSIONS / export, "--out", out, "--no-pdf", "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    rows = json.loads((out / "scores.json").read_text("utf-8"))
    assert [r["source"] for r in rows] == [f"{export}:{n}" for n in range(2, 7)]
    for row, name in zip(rows, FIVE, strict=True):
        typed = SUBMISSIONS / "kurzcheck" / f"{name}.yaml"
        single = scored(cli, typed)
        assert row["name"] == yaml.safe_load(typed.read_text("utf-8"))["company"]["name"]
        assert row["overall"] == single["overall"], name
        assert row["stage"] == (single["stage"] or {}).get("id")
        assert row["coverage"] == single["coverage"]
        assert row["funding"] == [f["id"] for f in single["funding"] if f["tier"] == "recommended"]
        for d in single["dimensions"]:
            assert row[f"dim_{d['id']}"] == d["score"]
        assert len(row["id"]) == 36  # the submission's uuid, kept as the source id


BAD_CELLS = {  # row → (column, words in the message)
    2: ("strategie/ki_ziele", "ANS_011 Frage 'ki_ziele' hat keine Option 'vielleicht'"),
    3: ("company/employees", "PROFILE_003 Angabe „Beschäftigte“ muss eine ganze Zahl"),
    4: ("recht/ki_anwendungen", "ANS_016 Option 'keine'"),
    5: ("prozesse/routine_relevant", "ANS_014 Antwort 7"),
    6: ("questionnaire", "REF_002 Fragebogen 'kurzcheck' liegt in Version 1.0 vor, nicht 9.9"),
}


def test_a_bad_cell_is_an_error_with_row_and_column(cli, tmp_path):
    out = tmp_path / "out"
    bad = SUBMISSIONS / "kurzcheck-kobo-bad-cells.csv"
    result = cli("batch", bad, "--out", out, "--no-pdf", "--as-of", "2026-11-30")
    assert result.exit_code == 1
    with (out / "errors.csv").open(encoding="utf-8-sig", newline="") as fh:
        errors = {
            f"{r['Datei']}:{r['Zeile']}": (r["Spalte"], f"{r['Code']} {r['Meldung']}")
            for r in csv.DictReader(fh, delimiter=";")
        }
    assert set(errors) == {f"{bad.name}:{n}" for n in BAD_CELLS}
    for n, (column, words) in BAD_CELLS.items():
        got_column, message = errors[f"{bad.name}:{n}"]
        assert got_column == column
        assert words in message
    assert [r["name"] for r in json.loads((out / "scores.json").read_text("utf-8"))] == [
        "Weißnicht & Co. KG"
    ]


def test_write_answers_turns_each_submission_into_an_answer_file(cli, tmp_path):
    folder = tmp_path / "antworten"
    result = cli("batch", SUBMISSIONS / "kurzcheck-odk.csv", "--write-answers", folder)
    assert result.exit_code == 0, result.stderr
    assert "5 Antwortdateien geschrieben, 0 Fehler" in result.stderr
    files = sorted(folder.glob("*.yaml"))
    assert len(files) == 5
    for name in FIVE:
        typed = SUBMISSIONS / "kurzcheck" / f"{name}.yaml"
        company = yaml.safe_load(typed.read_text("utf-8"))["company"]["name"]
        written = next(f for f in files if company in f.read_text("utf-8"))
        assert written.read_text("utf-8").startswith("# Aus / from: kurzcheck-odk.csv:")
        assert scored(cli, written)["overall"] == scored(cli, typed)["overall"]
    again = cli("batch", SUBMISSIONS / "kurzcheck-odk.csv", "--write-answers", folder)
    assert again.exit_code == 1
    assert "existiert bereits (mit --force überschreiben)" in again.stderr
    forced = cli("batch", SUBMISSIONS / "kurzcheck-odk.csv", "--write-answers", folder, "--force")
    assert forced.exit_code == 0


def test_an_export_with_labels_instead_of_xml_values_is_refused_clearly(tmp_path):
    labelled = tmp_path / "labels.csv"
    labelled.write_text(
        '"start";"Name des Unternehmens";"Hat sich Ihr Unternehmen vorgenommen …";"_uuid"\r\n'
        '"2026-11-18T10:00:00";"Alpha GmbH";"Es gibt erste Ideen";"abc"\r\n',
        encoding="utf-8",
    )
    records = list(read_input(labelled, "kurzcheck", "de", AS_OF))
    assert len(records) == 1
    error = records[0].errors[0]
    assert (error.column, error.cell) == ("", "")  # the header as a whole, not one cell
    assert error.code == "INPUT_005"
    assert "Keine Spalte der Tabelle passt" in error.message
    assert "XML values and headers" in error.fix


def test_a_portfolio_sheet_is_not_taken_for_an_export():
    from ki_check.interchange.submissions import is_submissions_export

    assert not is_submissions_export(["id", "questionnaire", "name", "state", "ki_ziele"])
    assert is_submissions_export(["SubmissionDate", "company-name", "KEY"])
    assert is_submissions_export(["start", "company/name", "strategie/ki_ziele"])


def test_group_summary_from_an_export_equals_the_one_from_the_answer_files():
    from ki_check.assessment.group import summarise
    from ki_check.batch.workshop import load_group

    q = load_questionnaire("kurzcheck")
    from_files, _ = load_group(q, SUBMISSIONS / "kurzcheck", as_of=AS_OF)
    from_export, skipped = load_group(q, SUBMISSIONS / "kurzcheck-odk.csv", as_of=AS_OF)
    assert skipped == []
    a = summarise(q, from_files, as_of=AS_OF)
    b = summarise(q, from_export, as_of=AS_OF)
    assert (b.companies, b.overall, b.stages, b.dimensions) == (
        a.companies,
        a.overall,
        a.stages,
        a.dimensions,
    )
    assert sorted(m.name for m in b.members) == sorted(m.name for m in a.members)


def test_handout_results_takes_an_export_and_skips_bad_rows_by_row_and_column(cli, tmp_path):
    out = tmp_path / "gruppe.pdf"
    bad = SUBMISSIONS / "kurzcheck-kobo-bad-cells.csv"
    result = cli("handout", "kurzcheck", "--results", bad, "--out", out, "--as-of", "2026-11-30")
    assert result.exit_code == 0, result.stderr
    assert "(1 von 6 Zeilen ausgewertet)" in result.stdout
    stderr = " ".join(result.stderr.split())
    assert stderr.startswith("Übersprungen: ")
    # every error of a skipped row in the batch's format: row, cell, column, code
    assert f"{bad.name}, Zeile 2, Zelle M2 (strategie/ki_ziele) · " in stderr
    assert f"{bad.name}, Zeile 6, Zelle C6 (questionnaire) · " in stderr
    assert "Fehler 6 GmbH: ANS_002 " in stderr
    assert out.stat().st_size > 1000


@pytest.mark.parametrize("separator", [".", "-"])
def test_other_group_separators_read_the_same(tmp_path, separator):
    text = (SUBMISSIONS / "kurzcheck-kobo.csv").read_bytes().decode("utf-8")
    head, rest = text.split("\r\n", 1)
    export = tmp_path / "punkt.csv"
    export.write_bytes((head.replace("/", separator) + "\r\n" + rest).encode("utf-8"))
    records = list(read_input(export, None, "de", AS_OF))
    typed = list(read_input(SUBMISSIONS / "kurzcheck-kobo.csv", None, "de", AS_OF))
    assert [r.errors for r in records] == [()] * 5
    for got, want in zip(records, typed, strict=True):
        assert got.answers is not None
        assert want.answers is not None
        assert got.answers.answers == want.answers.answers
        assert got.answers.company == want.answers.company


def test_a_submission_without_company_name_is_an_error_naming_the_column(tmp_path):
    text = (SUBMISSIONS / "kurzcheck-kobo.csv").read_text("utf-8")
    export = tmp_path / "ohne-name.csv"
    export.write_text(text.replace('"Vorreiter Software GmbH"', '""'), encoding="utf-8")
    records = list(read_input(export, None, "de", AS_OF))
    (error,) = records[2].errors
    assert (error.column, error.code, error.message) == (
        "company/name",
        "BATCH_004",
        "Name des Unternehmens fehlt.",
    )
    assert error.cell.endswith("4")  # the row of the third submission
    assert [bool(r.errors) for r in records] == [False, False, True, False, False]


def test_an_uncoded_problem_in_a_column_names_the_column_and_the_fix():
    """BATCH_007 wraps a message without a code of its own: it names the column and
    says what to do there, not only "check the input"."""
    from ki_check.batch.row_errors import QUESTIONNAIRE_FIX, Place, text_error
    from ki_check.diagnostics import Bi

    place = Place("formular.csv", 6, {"questionnaire": 2})
    why = Bi("Fragebogen nicht lesbar.", "Questionnaire not readable.")
    error = text_error(why, place, "de", "questionnaire", QUESTIONNAIRE_FIX)
    assert (error.code, error.cell) == ("BATCH_007", "C6")
    assert error.message == "Spalte „questionnaire“: Fragebogen nicht lesbar."
    assert error.fix.startswith("In die Spalte einen vorhandenen Fragebogen eintragen")
    plain = text_error(why, place, "en", "questionnaire")
    assert plain.message == "Column 'questionnaire': Questionnaire not readable."
    assert plain.fix == "Correct the value in column 'questionnaire' and run again."
