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
dimension and the mean of the dimensions, so the numbers are the same. Differences,
also listed in the questionnaire's header: "don't know" leaves the denominator where
the DMA counts an empty box as 0 (test below); the overall score is rounded to one
decimal; a non-integer score between two DMA bands stays in the lower band; the
unscored additional question ``ki_produktiv`` (not in the DMA) answers the adoption
status, because the DMA asks about AI only in the matrix Q9.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import yaml
from conftest import ADATA, ROOT

from ki_check.answers import load_answers
from ki_check.errors import ValidationError
from ki_check.questionnaire import load_questionnaire
from ki_check.scoring import score

QUESTIONNAIRE = ROOT / "questionnaires" / "eu-dma.yaml"
WORKED = ADATA / "dma-worked-example.yaml"
EXAMPLE = ROOT / "examples" / "eu-dma-beispiel.yaml"
DMA = "eu-dma@1.0"


@pytest.fixture(scope="module")
def dma():
    return load_questionnaire(QUESTIONNAIRE)


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
#   ki-check rounds half-up to one decimal: 46.6 → stage "durchschnittlich" (26 ≤ 46.6 < 51)
#   DMA: 46.6 % (shown as 47 %) → band "Average" (26–50)

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
    assert result.overall == 46.6
    assert result.stage is not None
    assert result.stage.id == "durchschnittlich"
    assert result.stage.label == {"de": "Durchschnittlich", "en": "Average"}
    assert round(float(DMA_OVERALL)) == 47  # DMA display value, band 26–50 as well
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
        assert other.overall == base.overall == 46.6
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
    ("value", "stage"),
    [
        # between two published bands a score stays in the lower one until it reaches
        # the next whole-number lower bound (documented in the questionnaire header);
        # rounding to whole percent first would put 25.5–25.9 into "average"
        (25.4, "basis"),
        (25.9, "basis"),
        (26.0, "durchschnittlich"),
        (50.9, "durchschnittlich"),
        (51.0, "fortgeschritten"),
        (75.9, "fortgeschritten"),
        (76.0, "weit_fortgeschritten"),
        (100.0, "weit_fortgeschritten"),
    ],
)
def test_scores_between_bands(dma, value, stage):
    assert dma.stage_for(value).id == stage


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


def test_dont_know_differs_from_the_dma(dma, write_answers):
    """Documented difference: the DMA counts an empty row as 0, ki-check leaves it out.

    Q9 with levels 5, 0, 1, 0 and the fifth row "don't know":
    DMA (empty box = 0): 10 × 6 / 25 = 2.4 → D5 = 24.0;
    ki-check (mean of the four answered rows): 6 / (4 × 5) = 0.3 → D5 = 30.0.
    """
    q9 = {
        "sprache_text": "im_betrieb",
        "bilderkennung": "nicht_genutzt",
        "audio_sprache": "erwogen",
        "robotik": "nicht_genutzt",
        "analyse_entscheidung": "dont_know",
    }
    result = score(dma, load_answers(write_answers(DMA, {"ki_anwendungen": q9}), dma))
    d5 = next(d for d in result.dimensions if d.id == "automatisierung_ki")
    assert d5.score == pytest.approx(30.0)
    dma_d5 = 10 * Fraction(5 + 0 + 1 + 0 + 0, 25) * 10
    assert dma_d5 == 24


# --- the bundled example ------------------------------------------------------------------------


def test_example_validates_and_scores(cli):
    result = cli("questionnaires", "validate", "--strict", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert "Antwortdatei für eu-dma@1.0" in result.stdout
    scored = cli("score", EXAMPLE, "--as-of", "2026-11-24")
    assert scored.exit_code == 0, scored.output
    assert "Gesamt:" in scored.stdout
