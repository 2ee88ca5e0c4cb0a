"""XLSForm export: pyxform converts every bundled questionnaire; logic, texts and safety."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from conftest import DATA
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from ki_check.interchange.xlsform import XLSFormError, form_fields, relevant
from ki_check.interchange.xlsform_sheets import xlsform_bytes, xlsform_sheets
from ki_check.questionnaire.load import load_questionnaire
from ki_check.util.resources import bundled_questionnaires

XDATA = DATA / "xlsform"
XF = "{http://www.w3.org/2002/xforms}"


def to_xform(data: bytes) -> tuple[str, list[str]]:
    warnings: list[str] = []
    result = convert(io.BytesIO(data), warnings=warnings, file_type=".xlsx")
    return result.xform, warnings


@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
def test_pyxform_converts_every_bundled_questionnaire_without_warnings(qid):
    q = load_questionnaire(qid)
    xform, warnings = to_xform(xlsform_bytes(q))
    assert warnings == []
    root = ET.fromstring(xform)
    instance = root.find(f".//{XF}instance/{XF}data")
    assert instance is not None
    assert instance.attrib == {"id": q.id, "version": q.version}
    langs = {t.attrib["lang"] for t in root.iter(f"{XF}translation")}
    assert langs == {"Deutsch (de)", "English (en)"}
    guidance = [v for v in root.iter(f"{XF}value") if v.attrib.get("form") == "guidance"]
    assert len(guidance) >= sum(1 for x in q.questions if x.guidance and x.type != "matrix")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("stand", ""),
        ("bereiche", "(${stand} = 'betrieb' or ${stand} = 'versuche')"),
        (
            "nach_bereich",  # bereiche is itself conditional: hidden means false
            "((${stand} = 'betrieb' or ${stand} = 'versuche') and selected(${bereiche}, 'texte'))",
        ),
        ("spanne", "(${bedarf} >= 2 and ${bedarf} <= 4)"),
        ("zahl_unbekannt", "${anzahl_no_number} = 'dont_know'"),
        (
            "verknuepft",
            "((${stand} = 'betrieb' or ${anzahl} >= 10) and not(${bedarf} = 'not_relevant'))",
        ),
    ],
)
def test_skip_logic_becomes_relevant_expressions(question, expected):
    q = load_questionnaire(XDATA / "logic.yaml")
    assert relevant(q, q.question(question)) == expected


def test_logic_fixture_converts_and_keeps_the_expressions():
    q = load_questionnaire(XDATA / "logic.yaml")
    xform, warnings = to_xform(xlsform_bytes(q))
    assert warnings == []
    binds = {b.attrib["nodeset"]: b.attrib for b in ET.fromstring(xform).iter(f"{XF}bind")}
    assert binds["/data/d1/spanne"]["relevant"] == (
        "( /data/d1/bedarf  >= 2 and  /data/d1/bedarf  <= 4)"
    )
    assert binds["/data/d1/anzahl_no_number"]["relevant"] == " /data/d1/anzahl  = ''"
    assert binds["/data/d1/anzahl"]["constraint"] == ". >= 0 and . <= 50"
    assert binds["/data/d1/anzahl"]["type"] == "int"
    assert binds["/data/d1/stand"]["required"] == "true()"
    assert binds["/data/questionnaire"]["calculate"] == "'logik@2026113001'"


def sheet_rows(data: bytes, title: str) -> list[dict[str, object]]:
    ws = load_workbook(io.BytesIO(data))[title]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_choices_offer_dont_know_always_and_not_relevant_only_where_allowed():
    q = load_questionnaire(XDATA / "logic.yaml")
    data = xlsform_bytes(q)
    names: dict[str, list[str]] = {}
    for row in sheet_rows(data, "choices"):
        names.setdefault(str(row["list_name"]), []).append(str(row["name"]))
    assert names["stand"] == ["nein", "versuche", "betrieb", "dont_know"]
    assert names["bedarf"] == ["1", "2", "3", "4", "5", "dont_know", "not_relevant"]
    assert names["anzahl_no_number"] == ["dont_know"]
    assert names["nach_bereich"] == ["ja", "nein", "dont_know"]
    assert len(names["profil_bundesland"]) == 16
    assert names["profil_wz"] == [chr(c) for c in range(ord("A"), ord("U") + 1)]
    survey = {r["name"]: r for r in sheet_rows(data, "survey")}
    assert survey["bereiche"]["constraint"] == (
        "(not(selected(., 'keine')) or count-selected(.) = 1)"
        " and (not(selected(., 'dont_know')) or count-selected(.) = 1)"
    )
    assert survey["bereiche"]["constraint_message::Deutsch (de)"] == (
        "Nicht mit anderen Antworten kombinierbar: „Keine“, „Weiß nicht“"
    )
    assert survey["stand"]["label::English (en)"] == "Status"
    assert survey["stand"]["required_message::Deutsch (de)"].startswith("Bitte beantworten")


def test_kmu_basis_matrix_is_a_table_list_with_one_row_per_line():
    q = load_questionnaire("kmu-basis")
    survey = sheet_rows(xlsform_bytes(q), "survey")
    start = next(i for i, r in enumerate(survey) if r["name"] == "datenqualitaet")
    group = survey[start]
    assert group["type"] == "begin_group"
    assert group["appearance"] == "table-list"
    rows = survey[start + 1 : start + 5]
    assert [r["name"] for r in rows] == [
        "datenqualitaet_kunden",
        "datenqualitaet_produkt",
        "datenqualitaet_maschine",
        "datenqualitaet_dokumente",
    ]
    assert {r["type"] for r in rows} == {"select_one datenqualitaet"}
    assert survey[start + 5]["type"] == "end_group"


def test_profile_fields_and_settings():
    q = load_questionnaire("kurzcheck")
    sheets = xlsform_sheets(q)
    profile = [r for r in sheets.survey if r["name"] in ("state", "sector", "founded", "startup")]
    assert [r["type"] for r in profile] == [
        "select_one profil_bundesland",
        "integer",
        "select_one profil_wz",
        "select_one profil_ja_nein",
    ]
    assert sheets.settings == [
        {
            "form_title": "KI-Kurzcheck",
            "form_id": "kurzcheck",
            "version": "1.0",
            "default_language": "Deutsch (de)",
            "instance_name": "${name}",
            "style": "pages",
        }
    ]
    kinds = [f.kind for f in form_fields(q)]
    assert kinds[:2] == ["questionnaire", "company"]
    assert kinds.count("question") == len(q.questions)


def test_text_that_looks_like_a_formula_stays_text():
    q = load_questionnaire(XDATA / "formula-labels.yaml")
    data = xlsform_bytes(q)
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
    looks = [c for c in cells if str(c.value)[:1] in "=+-@"]
    assert len(looks) >= 8
    assert all(c.data_type == "s" for c in looks)
    xform, warnings = to_xform(data)
    assert warnings == []
    assert "=SUMME(A1:A3) Frage" in xform
    assert "=2*3" in xform
    assert "=A1 – Kosten in $\u200b{euro}" in xform  # not a reference to a field "euro"


def test_a_condition_xlsform_cannot_express_names_the_question():
    q = load_questionnaire(XDATA / "text-dont-know.yaml")
    with pytest.raises(XLSFormError, match=r"Frage 'nachfrage'.*'beschreibung'"):
        xlsform_sheets(q)


def test_cli_writes_the_form_and_refuses_to_overwrite(cli, tmp_path):
    out = tmp_path / "kurzcheck.xlsx"
    result = cli("export", "xlsform", "kurzcheck", "--out", out)
    assert result.exit_code == 0, result.stderr
    assert f"XLSForm geschrieben: {out}" in result.stdout
    assert load_workbook(out).sheetnames == ["survey", "choices", "settings"]
    again = cli("export", "xlsform", "kurzcheck", "--out", out)
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert cli("export", "xlsform", "kurzcheck", "--out", out, "--force").exit_code == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((XDATA / "text-dont-know.yaml", "--out", "{tmp}/f.xlsx"), "Frage 'nachfrage'"),
        (("kurzchek", "--out", "{tmp}/f.xlsx"), "Meinten Sie 'kurzcheck'"),
        (("kurzcheck", "--out", "{tmp}/f.csv"), "Lösung: Einen Namen auf .xlsx angeben"),
    ],
)
def test_cli_errors_are_messages_with_exit_code_2(cli, tmp_path, args, words):
    result = cli("export", "xlsform", *(str(a).format(tmp=tmp_path) for a in args))
    assert result.exit_code == 2
    assert words in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "f.xlsx").exists()
