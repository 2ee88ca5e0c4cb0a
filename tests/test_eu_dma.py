"""questionnaires/eu-dma.yaml reproduces the scoring of the EU JRC Digital Maturity Assessment.

The DMA rules (EDIH network; structure and formulas as re-implemented in the public
repositories hassanzouhar/dmsa ``_arch/docs/spec.md`` and MarkusFrBoden/masterproject,
bands from the EDIH page "Interpretation of DMA scores for SMEs and PSOs"; the scoring
page of the official questionnaire itself was not available, and the two
re-implementations differ on Q1 and Q7 – this follows dmsa's spec):

* every question is normalised to 0–10:
  tick lists (Q2, Q3, Q5, Q6, Q7, Q8, Q10)  10 × ticked ÷ number of statements,
  Q1 (per business area)                    10 × Σ(invested 1 | only planned 0.5) ÷ 10,
  Q4, Q9 (levels 0–5 per row)               10 × Σ levels ÷ (rows × 5),
  Q11 (no / partly / yes = 0 / 0.5 / 1)      10 × Σ ÷ 5;
* a dimension is the mean of its questions × 10 (0–100);
* the overall score is the mean of the six dimensions;
* bands: basic 0–25, average 26–50, moderately advanced 51–75, advanced 76–100.

ki-check normalises a question to 0–1 (= DMA value ÷ 10), takes 100 × the mean per
dimension and the mean of the dimensions, so the numbers are the same. The
questionnaire sets ``scoring: {unanswered: zero, rounding: whole}``: an empty box or
"don't know" counts 0 as in the DMA, and the overall score and its band are on whole
percent as the DMA shows them (25.5 → 26 → "Average"). The one difference left: the
unscored additional question ``ki_produktiv`` (not in the DMA) answers the adoption
status, because the DMA asks about AI only in the matrix Q9. A copy of the
questionnaire that leaves empty answers out says its result is not comparable.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import yaml
from conftest import ADATA, ROOT

from ki_check.assessment.answers import load_answers
from ki_check.assessment.scoring import round0, score
from ki_check.errors import ValidationError
from ki_check.questionnaire.load import load_questionnaire
from ki_check.render.templates import labels, with_scoring

QUESTIONNAIRE = ROOT / "questionnaires" / "eu-dma.yaml"
WORKED = ADATA / "dma-worked-example.yaml"
BAND_EDGE = ADATA / "dma-band-edge.yaml"
EXAMPLE = ROOT / "examples" / "eu-dma-beispiel.yaml"
DMA = "eu-dma@1.0"


def dma_q():
    return load_questionnaire(QUESTIONNAIRE)


@pytest.fixture(scope="module")
def dma():
    return dma_q()


# --- the worked example, computed by hand from the DMA rules -------------------------------
#
# D1 Digital business strategy
#   Q1 investitionen: invested 1, invested + more planned 1, only planned 0.5, none 0
#      produktentwicklung 1 + projektmanagement 1 + leistungserstellung 0.5 + zusammenarbeit 0
#      + eingangslogistik 0 + marketing_vertrieb 1 + auslieferung 0.5 + verwaltung_personal 1
#      + einkauf 0 + sicherheit_datenschutz 0.5 = 5.5 → Q1 = 10 × 5.5 / 10 = 5.5
#   Q2 vorbereitung: 4 of 10 ticked → Q2 = 10 × 4 / 10 = 4.0
#   D1 = (5.5 + 4.0) / 2 × 10 = 47.5
# D2 Digital readiness
#   Q3 basistechnologien: 7 of 10 → Q3 = 7.0
#   Q4 fortgeschrittene_technologien: levels 0 + 1 + 5 + 2 + 3 + 0 + 3 = 14
#      → Q4 = 10 × 14 / (7 × 5) = 4.0
#   D2 = (7.0 + 4.0) / 2 × 10 = 55.0
# D3 Human-centric digitalisation
#   Q5 weiterbildung: 3 of 7 → Q5 = 30/7 = 4.2857…
#   Q6 einbindung: 4 of 8 → Q6 = 5.0
#   D3 = (30/7 + 5) / 2 × 10 = 325/7 = 46.428571…
# D4 Data management and connectedness
#   Q7 datenverwaltung: 3 of the 7 positive statements ("not digital" not ticked) → 30/7
#   Q8 datensicherheit: 4 of 6 → Q8 = 20/3 = 6.666…
#   D4 = (30/7 + 20/3) / 2 × 10 = (90/21 + 140/21) / 2 × 10 = 1150/21 = 54.761904…
# D5 Automation and AI
#   Q9 ki_anwendungen: levels 5 + 0 + 1 + 0 + 3 = 9 → Q9 = 10 × 9 / (5 × 5) = 3.6
#   D5 = 3.6 × 10 = 36.0
# D6 Green digitalisation
#   Q10 umwelt_nutzen: 2 of 10 → Q10 = 2.0
#   Q11 umwelt_praxis: yes 1 + partly 0.5 + no 0 + partly 0.5 + yes 1 = 3 → Q11 = 10 × 3 / 5 = 6.0
#   D6 = (2.0 + 6.0) / 2 × 10 = 40.0
# Overall = (47.5 + 55 + 325/7 + 1150/21 + 36 + 40) / 6
#         = (178.5 + 975/21 + 1150/21) / 6 = (178.5 + 2125/21) / 6
#         = (178.5 + 101.190476…) / 6 = 279.690476… / 6 = 46.615079…
#   DMA shows 47 % → band "Average" (26–50); ki-check (rounding: whole) rounds half-up to
#   whole points: 47 → stage "durchschnittlich" (26 ≤ 47 < 51)

DMA_QUESTIONS = {  # question → DMA value 0–10
    "investitionen": Fraction(55, 10),
    "vorbereitung": Fraction(4),
    "basistechnologien": Fraction(7),
    "fortgeschrittene_technologien": Fraction(4),
    "weiterbildung": Fraction(30, 7),
    "einbindung": Fraction(5),
    "datenverwaltung": Fraction(30, 7),
    "datensicherheit": Fraction(20, 3),
    "ki_anwendungen": Fraction(36, 10),
    "umwelt_nutzen": Fraction(2),
    "umwelt_praxis": Fraction(6),
}
DMA_DIMENSIONS = {  # dimension → mean of its questions × 10
    "strategie": Fraction(95, 2),
    "digitale_bereitschaft": Fraction(55),
    "menschen": Fraction(325, 7),
    "daten": Fraction(1150, 21),
    "automatisierung_ki": Fraction(36),
    "gruene_digitalisierung": Fraction(40),
}
DMA_OVERALL = sum(DMA_DIMENSIONS.values()) / 6  # 5873.5/126 = 46.615079…


def test_hand_calculation_is_consistent():
    """The dimension figures above are the means of the question figures."""
    pairs = {
        "strategie": ("investitionen", "vorbereitung"),
        "digitale_bereitschaft": ("basistechnologien", "fortgeschrittene_technologien"),
        "menschen": ("weiterbildung", "einbindung"),
        "daten": ("datenverwaltung", "datensicherheit"),
        "automatisierung_ki": ("ki_anwendungen",),
        "gruene_digitalisierung": ("umwelt_nutzen", "umwelt_praxis"),
    }
    for dim, qs in pairs.items():
        assert sum(DMA_QUESTIONS[q] for q in qs) / len(qs) * 10 == DMA_DIMENSIONS[dim]
    assert float(DMA_OVERALL) == pytest.approx(46.615079365)


def test_worked_example_reproduces_the_dma(dma):
    result = score(dma, load_answers(WORKED, dma))
    questions = {r.id: r for r in result.questions}
    for qid, expected in DMA_QUESTIONS.items():
        assert questions[qid].status == "answered"
        # ki-check 0–1 = DMA 0–10 ÷ 10
        assert questions[qid].value == pytest.approx(float(expected / 10), abs=1e-12), qid
    dims = {d.id: d.score for d in result.dimensions}
    assert dims.keys() == DMA_DIMENSIONS.keys()
    for did, expected in DMA_DIMENSIONS.items():
        assert dims[did] == pytest.approx(float(expected), abs=1e-9), did
    assert result.overall == 47.0  # the DMA's display value
    assert result.decimals == 0
    assert result.stage is not None
    assert result.stage.id == "durchschnittlich"
    assert result.stage.label == {"de": "Durchschnittlich", "en": "Average"}
    assert result.comparability is None
    assert result.coverage == 1.0
    assert questions["ki_produktiv"].status == "unscored"
    # the additional question (a chatbot in everyday use) makes the company an adopter
    assert result.baseline is not None
    assert result.baseline.adopter is True
    assert result.baseline.position == "adopter"


def test_additional_question_does_not_change_the_dma_score(dma, write_answers):
    """ki_produktiv is unscored: without it, or with the other answer, nothing changes."""
    answers = yaml.safe_load(WORKED.read_text("utf-8"))["answers"]
    base = score(dma, load_answers(WORKED, dma))
    for variant in ({"ki_produktiv": "nein"}, {"ki_produktiv": None}):
        other = score(dma, load_answers(write_answers(DMA, {**answers, **variant}), dma))
        assert other.overall == base.overall == 47.0
        assert [d.score for d in other.dimensions] == [d.score for d in base.dimensions]
        assert other.coverage == 1.0
    assert other.baseline.adopter is None  # unanswered: position from the stage


# --- structure: the item counts the DMA normalises by -------------------------------------

TICK_LISTS = {  # question → number of scored statements (each 1 point)
    "vorbereitung": 10,
    "basistechnologien": 10,
    "weiterbildung": 7,
    "einbindung": 8,
    "datenverwaltung": 7,  # + the exclusive "nicht_digital" at 0 points
    "datensicherheit": 6,
    "umwelt_nutzen": 10,
}
MATRICES = {  # question → (rows, points of the options in order)
    "investitionen": (10, [0, 1, 2, 2]),
    "fortgeschrittene_technologien": (7, [0, 1, 2, 3, 4, 5]),
    "ki_anwendungen": (5, [0, 1, 2, 3, 4, 5]),
    "umwelt_praxis": (5, [0, 1, 2]),
}


def test_structure_matches_the_dma(dma):
    assert [d.id for d in dma.dimensions] == list(DMA_DIMENSIONS)
    assert [q.id for q in dma.questions if q.scored] == list(DMA_QUESTIONS)
    assert [q.id for q in dma.questions if not q.scored] == ["ki_produktiv"]
    assert dma.question("ki_produktiv").dimension == "automatisierung_ki"
    assert all(d.weight == 1 for d in dma.dimensions)
    assert all(q.weight == 1 and q.required and not q.allow_not_relevant for q in dma.questions)
    assert dma.adoption is not None
    assert dma.adoption.question == "ki_produktiv"
    assert dma.adoption.adopter_options == {"ja"}
    topics = [d.topic for d in dma.dimensions]
    assert topics == [
        "strategie",
        "infrastruktur",
        "kompetenzen",
        "daten",
        "ki_einsatz",
        "nachhaltigkeit",
    ]
    for qid, n in TICK_LISTS.items():
        q = dma.question(qid)
        assert q.type == "multiple_choice"
        assert q.max_points is None
        scored = [o for o in q.options if not o.exclusive]
        assert [o.points for o in scored] == [1] * n, qid
        assert all(o.points == 0 for o in q.options if o.exclusive), qid
    assert [o.id for o in dma.question("datenverwaltung").options if o.exclusive] == [
        "nicht_digital"
    ]
    for qid, (rows, points) in MATRICES.items():
        q = dma.question(qid)
        assert q.type == "matrix", qid
        assert len(q.rows) == rows, qid
        assert [o.points for o in q.options] == points, qid
    for q in dma.questions:  # hint and guidance, German and English, on every question
        for text in (q.text, q.hint, q.guidance):
            assert text, q.id
            assert text.get("de"), q.id
            assert text.get("en"), q.id


# --- bands ------------------------------------------------------------------------------------


def dma_band(percent: int) -> str:
    """The DMA band of a whole-number score."""
    if percent <= 25:
        return "basis"
    if percent <= 50:
        return "durchschnittlich"
    if percent <= 75:
        return "fortgeschritten"
    return "weit_fortgeschritten"


@pytest.mark.parametrize("percent", range(101))
def test_every_whole_number_score_lands_in_its_dma_band(dma, percent):
    assert dma.stage_for(float(percent)).id == dma_band(percent)


@pytest.mark.parametrize(
    ("value", "shown", "stage"),
    [
        # the DMA shows whole percent and bands that value: round half-up first
        (25.4, 25, "basis"),
        (25.49, 25, "basis"),
        (25.5, 26, "durchschnittlich"),
        (25.9, 26, "durchschnittlich"),
        (50.49, 50, "durchschnittlich"),
        (50.5, 51, "fortgeschritten"),
        (75.5, 76, "weit_fortgeschritten"),
        (100.0, 100, "weit_fortgeschritten"),
    ],
)
def test_scores_between_bands(dma, value, shown, stage):
    assert round0(value) == shown
    assert dma.stage_for(round0(value)).id == stage


def test_band_edge_company_is_average_as_in_the_dma(dma):
    """tests/data/answers/dma-band-edge.yaml, by hand from the DMA rules:

    D1: Q1 all none 0, Q2 none 0                        → 0
    D2: Q3 6 of 10 = 6, Q4 all levels 0 = 0             → (6 + 0) / 2 × 10 = 30
    D3: Q5 none 0, Q6 8 of 8 = 10                       → 50
    D4: Q7 not digital 0, Q8 4 of 6 = 20/3              → (0 + 20/3) / 2 × 10 = 100/3
    D5: Q9 all levels 0                                 → 0
    D6: Q10 8 of 10 = 8, Q11 all no = 0                 → 40
    overall = (0 + 30 + 50 + 100/3 + 0 + 40) / 6 = (460/3) / 6 = 230/9 = 25.56 %
    The DMA shows 26 % → "Average". Rounding to one decimal first (25.6) and banding
    that would have said "Basic".
    """
    result = score(dma, load_answers(BAND_EDGE, dma))
    dims = {d.id: d.score for d in result.dimensions}
    assert dims["digitale_bereitschaft"] == pytest.approx(30)
    assert dims["menschen"] == pytest.approx(50)
    assert dims["daten"] == pytest.approx(100 / 3)
    assert dims["gruene_digitalisierung"] == pytest.approx(40)
    assert float(Fraction(230, 9)) == pytest.approx(25.5556, abs=1e-4)
    assert result.overall == 26.0
    assert result.stage.id == "durchschnittlich"


# --- extremes, exclusive options, and the one difference in method --------------------------

ALL_MAX = {
    "investitionen": {row: "investiert_und_geplant" for row in (
        "produktentwicklung", "projektmanagement", "leistungserstellung", "zusammenarbeit",
        "eingangslogistik", "marketing_vertrieb", "auslieferung", "verwaltung_personal",
        "einkauf", "sicherheit_datenschutz",
    )},
    "fortgeschrittene_technologien": {row: "im_betrieb" for row in (
        "simulation_zwilling", "vr_ar", "cad_cam", "mes", "iot", "blockchain",
        "additive_fertigung",
    )},
    "ki_anwendungen": {row: "im_betrieb" for row in (
        "sprache_text", "bilderkennung", "audio_sprache", "robotik", "analyse_entscheidung",
    )},
    "umwelt_praxis": {row: "ja" for row in (
        "strategie_umwelt", "umweltmanagement", "beschaffung", "energie_it", "altgeraete",
    )},
}  # fmt: skip


def _all_ticked(dma) -> dict:
    answers = dict(ALL_MAX)
    for qid in TICK_LISTS:
        answers[qid] = [o.id for o in dma.question(qid).options if not o.exclusive]
    return answers


def _nothing(dma) -> dict:
    answers = {qid: ["keine"] for qid in TICK_LISTS if qid != "datenverwaltung"}
    answers["datenverwaltung"] = ["nicht_digital"]
    for qid in MATRICES:
        lowest = dma.question(qid).options[0].id
        answers[qid] = {row.id: lowest for row in dma.question(qid).rows}
    return answers


def test_everything_gives_100_and_nothing_gives_0(dma, write_answers):
    top = score(dma, load_answers(write_answers(DMA, _all_ticked(dma)), dma))
    assert top.overall == 100.0
    assert top.stage.id == "weit_fortgeschritten"
    assert all(d.score == pytest.approx(100) for d in top.dimensions)
    low = score(dma, load_answers(write_answers(DMA, _nothing(dma)), dma))
    assert low.overall == 0.0
    assert low.stage.id == "basis"
    assert set(low.barriers) == {"data", "skills"}


def test_data_not_collected_digitally_cannot_be_combined(dma, write_answers):
    path = write_answers(DMA, {"datenverwaltung": ["nicht_digital", "echtzeit"]})
    with pytest.raises(ValidationError) as exc:
        load_answers(path, dma)
    assert "ANS_016" in [i.code for i in exc.value.issues]


Q9_DONT_KNOW = {
    "sprache_text": "im_betrieb",
    "bilderkennung": "nicht_genutzt",
    "audio_sprache": "erwogen",
    "robotik": "nicht_genutzt",
    "analyse_entscheidung": "dont_know",
}


def test_dont_know_counts_zero_as_in_the_dma(dma, write_answers):
    """The strict reading: Q9 with levels 5, 0, 1, 0 and the fifth row "don't know".

    DMA (empty box = 0): 10 × 6 / 25 = 2.4 → D5 = 24.0. Every other question is
    unanswered and counts 0 as well: the other five dimensions are 0, so the overall
    is 24 / 6 = 4.0 → 4. Coverage: 1 of 11 scored questions answered.
    """
    result = score(dma, load_answers(write_answers(DMA, {"ki_anwendungen": Q9_DONT_KNOW}), dma))
    dims = {d.id: d.score for d in result.dimensions}
    assert dims["automatisierung_ki"] == pytest.approx(24.0)
    assert 10 * Fraction(5 + 0 + 1 + 0 + 0, 25) * 10 == 24
    assert [v for k, v in dims.items() if k != "automatisierung_ki"] == [0.0] * 5
    assert result.overall == 4.0
    assert result.coverage == pytest.approx(1 / 11)
    assert result.comparability is None


def test_nothing_answered_has_no_score(dma, write_answers):
    result = score(dma, load_answers(write_answers(DMA, {}), dma))
    assert result.overall is None
    assert all(d.score is None for d in result.dimensions)


@pytest.fixture
def lenient(tmp_path):
    """eu-dma with the lenient reading: empty answers leave the denominator."""
    text = QUESTIONNAIRE.read_text("utf-8")
    assert text.count("  unanswered: zero\n") == 1
    path = tmp_path / "eu-dma-lenient.yaml"
    path.write_text(text.replace("  unanswered: zero\n", "  unanswered: leave_out\n"), "utf-8")
    return load_questionnaire(path)


def test_lenient_copy_is_not_comparable(lenient, write_answers):
    """One row "don't know" in the worked example: Q9 = 10 × (5 + 0 + 1 + 0) / 20 = 3.0.

    D5 = 30 instead of 24; overall (47.5 + 55 + 325/7 + 1150/21 + 30 + 40) / 6
    = (172.5 + 2125/21) / 6 = 45.615… → 46 instead of the DMA's 45 (24 for D5:
    (166.5 + 2125/21) / 6 = 44.615… → 45). The result says it is not comparable.
    """
    answers = yaml.safe_load(WORKED.read_text("utf-8"))["answers"]
    answers["ki_anwendungen"] = Q9_DONT_KNOW
    result = score(lenient, load_answers(write_answers(DMA, answers), lenient))
    assert next(d.score for d in result.dimensions if d.id == "automatisierung_ki") == 30.0
    assert result.overall == 46.0
    assert result.comparability == {
        "de": "Nicht vergleichbar mit Ergebnissen nach EU-DMA: 1 Antwort ist „weiß nicht“"
        " oder offen und zählt hier nicht mit; nach EU-DMA zählt sie 0 Punkte.",
        "en": 'Not comparable with EU DMA results: 1 answer is "don\'t know" or empty and'
        " does not count here; under the EU DMA it counts as 0 points.",
    }
    strict = score(dma_q(), load_answers(write_answers(DMA, answers), dma_q()))
    assert strict.overall == 45.0


def test_lenient_copy_counts_every_empty_answer(lenient, write_answers):
    """Q9 with one "don't know" row and ten scored questions unanswered: 11 left out."""
    path = write_answers(DMA, {"ki_anwendungen": Q9_DONT_KNOW})
    result = score(lenient, load_answers(path, lenient))
    assert result.comparability["de"].startswith(
        "Nicht vergleichbar mit Ergebnissen nach EU-DMA: 11 Antworten sind „weiß nicht“"
        " oder offen und zählen hier nicht mit; nach EU-DMA zählen sie 0 Punkte."
    )


def test_lenient_copy_with_everything_answered_is_comparable(lenient):
    result = score(lenient, load_answers(WORKED, lenient))
    assert result.comparability is None
    assert result.overall == 47.0


def test_score_says_when_not_comparable(cli, lenient, write_answers):
    answers = yaml.safe_load(WORKED.read_text("utf-8"))["answers"]
    answers["ki_anwendungen"] = Q9_DONT_KNOW
    path = write_answers(DMA, answers)
    result = cli("score", path, "--questionnaire", lenient.path, "--as-of", "2026-11-24")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Gesamt: 46 von 100" in text
    assert "Nicht vergleichbar mit Ergebnissen nach EU-DMA: 1 Antwort ist" in text
    data = cli("score", path, "--questionnaire", lenient.path, "--json").stdout
    assert json.loads(data)["comparability"].startswith("Nicht vergleichbar")


# --- the bundled example ------------------------------------------------------------------------


def test_example_validates_and_scores(cli):
    result = cli("questionnaires", "validate", "--strict", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "Antwortdatei für eu-dma@1.0" in result.stdout
    scored = cli("score", EXAMPLE, "--as-of", "2026-11-24")
    assert scored.exit_code == 0, scored.output
    assert "Gesamt:" in scored.stdout


def test_report_and_handout_explain_the_strict_reading(dma):
    t = with_scoring(dma, labels("de"))
    assert "zählen 0 Punkte wie ein leeres Kästchen im EU-DMA" in t["method_scoring"]
    assert "kaufmännisch auf ganze Punkte gerundet" in t["method_scoring"]
    assert t["ho_how_2"].endswith("Wie ein leeres Kästchen zählt das 0 Punkte.")
    assert t["ho_rule_matrix"] == "Mittelwert aller Zeilen; leere Zeilen und „weiß nicht“ zählen 0"
    basis = with_scoring(load_questionnaire("kmu-basis"), labels("en"))
    assert "count neither for nor against the company" in basis["method_scoring"]
    assert "rounded half-up to one decimal;" in basis["method_scoring"]
    assert "{" not in basis["method_scoring"]
