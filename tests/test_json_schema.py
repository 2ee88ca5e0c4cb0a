"""JSON Schemas for editors: they accept and refuse what the loaders do, bar named exceptions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import ADATA, DATA, QDATA, ROOT
from jsonschema import Draft202012Validator

from ki_check.assessment.answers import open_answers
from ki_check.errors import ValidationError
from ki_check.interchange.json_schema import NOT_IN_SCHEMA, answers_schema, questionnaire_schema
from ki_check.questionnaire.keys import QUESTION_KEYS, TOP_KEYS
from ki_check.questionnaire.load import load_questionnaire, validate_questionnaire
from ki_check.util.resources import bundled_questionnaires

QUESTIONNAIRE_FIXTURES = sorted(QDATA.glob("*.yaml")) + sorted((DATA / "xlsform").glob("*.yaml"))
ANSWER_FIXTURES = sorted(ADATA.glob("*.yaml"))
GOOD_ANSWERS = (
    sorted((ROOT / "examples").glob("*.yaml"))
    + sorted((DATA / "submissions" / "kurzcheck").glob("*.yaml"))
    + [DATA / "portfolio" / "folder" / f"{k}.yaml" for k in ("k1", "k2", "k6", "k7")]
)


def as_editor_sees(path: Path) -> object:
    """The file's data as JSON (dates become text, as a YAML 1.2 language server reads them)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))


def errors(schema: dict, data: object) -> list[str]:
    return [e.message for e in Draft202012Validator(schema).iter_errors(data)]


def test_both_schemas_are_valid_2020_12_schemas():
    for schema in (questionnaire_schema(), answers_schema(load_questionnaire("kmu-basis"))):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(schema)
        text = json.dumps(schema)
        for newer in ("prefixItems", "unevaluatedProperties", "$dynamicRef"):
            assert newer not in text  # editors read draft-07 at best


def test_the_questionnaire_schema_is_made_from_the_key_tables():
    schema = questionnaire_schema()
    assert list(schema["properties"]) == list(TOP_KEYS)
    assert list(schema["$defs"]["question"]["properties"]) == list(QUESTION_KEYS)
    assert schema["required"] == ["id", "version", "title", "dimensions", "stages"]
    scale = next(
        rule["then"]
        for rule in schema["$defs"]["question"]["allOf"]
        if rule["if"]["properties"]["type"]["const"] == "scale"
    )
    assert scale["required"] == ["min", "max"]
    assert scale["properties"]["options"] is False


@pytest.mark.parametrize("qid", sorted(bundled_questionnaires()))
def test_every_bundled_questionnaire_validates(qid):
    assert errors(questionnaire_schema(), as_editor_sees(bundled_questionnaires()[qid])) == []


@pytest.mark.parametrize("path", GOOD_ANSWERS, ids=lambda p: p.name)
def test_every_example_answer_file_validates_against_its_questionnaire(path):
    q, _ = open_answers(path)
    assert errors(answers_schema(q), as_editor_sees(path)) == []


def test_the_answers_schema_knows_the_option_ids_rows_and_ranges():
    schema = answers_schema(load_questionnaire("kmu-basis"))
    answers = schema["properties"]["answers"]["properties"]
    ki_ziele = answers["ki_ziele"]["anyOf"]
    assert {"enum": ["dont_know"]} in ki_ziele
    assert {"enum": ["keine", "ideen", "schriftlich", "teil_strategie"]} in ki_ziele
    matrix = answers["datenqualitaet"]["anyOf"][-1]["properties"]
    assert list(matrix) == ["kunden", "produkt", "maschine", "dokumente"]
    assert "not_relevant" in matrix["kunden"]["enum"]  # the matrix allows "not relevant"
    assert answers["datenhistorie"]["anyOf"][-1] == {
        "type": "integer",
        "minimum": 0,
        "maximum": 100,
    }
    cases = {  # answer -> accepted?
        "ki_ziele: ideen": True,
        "ki_ziele: idee": False,
        "ki_ziele: not_relevant": False,
        "datenhistorie: 101": False,
        "datenzugang: [export, gar_nicht]": False,
        "datenzugang: [gar_nicht]": True,
        "datenqualitaet: {lager: keine}": False,
        "verantwortung: true": True,
    }
    for line, accepted in cases.items():
        data = {"questionnaire": "kmu-basis@2.1", "answers": yaml.safe_load(line)}
        assert (errors(schema, data) == []) is accepted, line


def loader_codes(path: Path, kind: str) -> set[str]:
    """The error codes the loader reports for a fixture (empty: it accepts the file)."""
    if kind == "questionnaire":
        _, issues = validate_questionnaire(path)
    else:
        try:
            open_answers(path)
            return set()
        except ValidationError as exc:
            issues = exc.issues
    return {i.code for i in issues if i.severity == "error"}


def schema_for(path: Path, kind: str) -> dict:
    if kind == "questionnaire":
        return questionnaire_schema()
    ref = str(yaml.safe_load(path.read_text("utf-8")).get("questionnaire", ""))
    qid = ref.split("@")[0]
    return answers_schema(
        load_questionnaire(qid if qid in bundled_questionnaires() else "kmu-basis")
    )


@pytest.mark.parametrize(
    ("path", "kind"),
    [(p, "questionnaire") for p in QUESTIONNAIRE_FIXTURES]
    + [(p, "answers") for p in ANSWER_FIXTURES],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_the_schema_refuses_what_the_loader_refuses_except_the_listed_checks(path, kind):
    codes = loader_codes(path, kind)
    try:
        data = as_editor_sees(path)
    except yaml.YAMLError:
        assert codes == {"YAML_001"}  # not YAML at all: the editor's parser says so
        return
    except ValueError:  # an integer of more than 4,300 digits: PyYAML cannot read it at all
        assert codes <= {"VALUE_004", "ANS_021", "PROFILE_005"}
        return
    found = errors(schema_for(path, kind), data)
    if not codes:
        assert found == [], "the schema must accept what the loader accepts"
    elif not found:
        assert codes <= set(NOT_IN_SCHEMA), f"{codes - set(NOT_IN_SCHEMA)} not in the schema"


def test_cross_reference_fixtures_are_the_documented_exceptions():
    """The fixtures the schema cannot refuse, and why: all in NOT_IN_SCHEMA and in the docs."""
    accepted_bad = set()
    for path in QUESTIONNAIRE_FIXTURES:
        codes = loader_codes(path, "questionnaire")
        if not codes or "YAML_001" in codes:
            continue
        try:
            data = as_editor_sees(path)
        except ValueError:  # more than 4,300 digits: PyYAML cannot read it at all
            continue
        if not errors(questionnaire_schema(), data):
            accepted_bad.add(path.name)
    assert accepted_bad == {
        "q-condition-later-question.yaml",
        "q-condition-unknown-option.yaml",
        "q-condition-unknown-question.yaml",
        "q-duplicate-question-id.yaml",
        "q-stage-gap.yaml",
        "q-stage-not-100.yaml",
        "q-stage-overlap.yaml",
        "q-stage-max-nan.yaml",  # .nan passes every comparison (VALUE_004)
        "q-weight-nan.yaml",
        "q-scale-span-too-large.yaml",  # a difference of two fields (VALUE_002)
    }
    docs = (ROOT / "docs" / "interchange.md").read_text("utf-8")
    for code in NOT_IN_SCHEMA:
        assert f"`{code}`" in docs, code


def test_cli_prints_the_schemas(cli):
    result = cli("schema", "questionnaire")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$defs"]["question"]["required"] == ["id", "type", "text"]
    result = cli("schema", "answers", "kurzcheck")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["questionnaire"]["pattern"] == (
        r"^(kurzcheck(@1\.0)?|.+\.ya?ml(@.*)?)$"
    )
    bad = cli("schema", "answers", "kurzchek")
    assert bad.exit_code == 2
    assert "Meinten Sie 'kurzcheck'" in bad.stderr
