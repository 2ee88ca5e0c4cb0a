"""Relevance/use gaps, barriers and the AI Act levels computed from answers."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import QDATA

from ki_check.assessment.answers import load_answers
from ki_check.assessment.scoring import score
from ki_check.questionnaire.load import load_questionnaire, validate_questionnaire

Q = str(QDATA / "signals.yaml")


def _score(write_answers, answers):
    q = load_questionnaire(Q)
    return score(q, load_answers(write_answers(Q, answers), q), as_of=dt.date(2026, 11, 24))


def test_gaps_rank_high_relevance_low_use(write_answers):
    r = _score(
        write_answers,
        {"chatbot_relevant": 3, "chatbot_genutzt": 1, "texte_relevant": 5, "texte_genutzt": 2},
    )
    # texts: 1.0 − 0.25 = 0.75; chatbot: 0.5 − 0 = 0.5
    assert [(g.question, g.size) for g in r.gaps] == [
        ("texte_genutzt", 0.75),
        ("chatbot_genutzt", 0.5),
    ]


def test_no_gap_when_use_meets_relevance_or_unanswered(write_answers):
    r = _score(write_answers, {"chatbot_relevant": 2, "chatbot_genutzt": 4, "texte_genutzt": 1})
    assert r.gaps == ()


@pytest.mark.parametrize(
    ("schulung", "barriers", "literacy"),
    [
        ("keine", ("knowledge",), "red"),
        ("teilweise", (), "amber"),
        ("alle", (), "green"),
        ("dont_know", (), None),
    ],
)
def test_signals(write_answers, schulung, barriers, literacy):
    r = _score(write_answers, {"schulung": schulung})
    assert r.barriers == barriers
    assert r.ai_act.get("literacy") == literacy


@pytest.mark.parametrize(("used", "facts"), [(1, frozenset()), (2, frozenset({"uses_ai"}))])
def test_fact_signal(write_answers, used, facts):
    r = _score(write_answers, {"chatbot_genutzt": used})
    assert r.facts == facts
    assert r.to_json()["facts"] == sorted(facts)


def test_signal_on_number(write_answers):
    assert _score(write_answers, {"chatbot_genutzt": 3}).ai_act == {"transparency": "amber"}
    assert _score(write_answers, {"chatbot_genutzt": 1}).ai_act == {}


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("ref: knowledge", "ref: wissen", "SIGNAL_001"),
        ("ref: literacy, level: red,", "ref: literacy,", "SIGNAL_002"),
        ("ref: uses_ai,", "ref: uses_ai, level: red,", "SIGNAL_002"),
        ("kind: fact, ref: uses_ai,", "kind: fact, ref: nutzt_ki,", "SIGNAL_001"),
        ("relevance_question: chatbot_relevant", "relevance_question: texte_relevant", "REL_001"),
        (
            "when: {question: schulung, in: [keine]}}",
            "when: {question: schulung, in: [nie]}}",
            "COND_003",
        ),
    ],
)
def test_bad_signals_and_relevance(tmp_path, old, new, code):
    text = (QDATA / "signals.yaml").read_text("utf-8")
    assert old in text
    path = tmp_path / "q.yaml"
    path.write_text(text.replace(old, new, 1), "utf-8")
    q, issues = validate_questionnaire(path)
    assert q is None
    assert code in [i.code for i in issues]


def test_unscored_relevance_question_ranks_gaps_without_scoring(tmp_path, write_answers):
    text = (
        (QDATA / "signals.yaml")
        .read_text("utf-8")
        .replace(
            "      - id: chatbot_relevant\n        type: scale\n",
            "      - id: chatbot_relevant\n        type: scale\n        scored: false\n",
        )
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, "utf-8")
    q = load_questionnaire(path)
    af = load_answers(write_answers(str(path), {"chatbot_relevant": 5, "chatbot_genutzt": 1}), q)
    r = score(q, af, as_of=dt.date(2026, 11, 24))
    assert [(g.question, g.size) for g in r.gaps] == [("chatbot_genutzt", 1.0)]
    assert r.dimensions[0].score == 0.0  # only the use question counts
    assert r.dimensions[0].answered == 1


def test_signal_can_fire_on_dont_know(tmp_path, write_answers):
    text = (
        (QDATA / "signals.yaml")
        .read_text("utf-8")
        .replace("in: [keine, teilweise]}}", "in: [keine, teilweise, dont_know]}}")
    )
    path = tmp_path / "q.yaml"
    path.write_text(text, "utf-8")
    q, issues = validate_questionnaire(path)
    assert issues == []
    r = score(q, load_answers(write_answers(str(path), {"schulung": "dont_know"}), q))
    assert r.ai_act == {"literacy": "amber"}


# the fact signals of the bundled questionnaires: a few answers → the facts they set
BUNDLED_FACTS = [
    ("kmu-basis", {"entwicklung": ["forschung"]}, {"rnd"}),
    ("kmu-basis", {"entwicklung": ["ki_system"]}, {"rnd", "ai_product"}),
    ("kmu-basis", {"entwicklung": ["keine"]}, set()),
    ("kmu-basis", {"ki_stand": "experimente"}, {"uses_ai"}),
    ("kmu-basis", {"eigennutzung": "vereinzelt"}, {"shadow_ai"}),
    ("kmu-basis", {"eigennutzung": "nein"}, set()),
    ("kmu-basis", {"betriebsrat": "nein"}, {"works_council"}),  # there is one, not involved
    ("kmu-basis", {"betriebsrat": "not_relevant"}, {"no_works_council"}),
    ("kmu-basis", {"betriebsrat": "dont_know"}, set()),
    ("kmu-basis", {"hochrisiko_bereiche": ["bewerbung"]}, {"ai_in_hr"}),
    ("kmu-basis", {"ki_stand": "im_betrieb", "ki_bereiche": ["personal"]}, {"uses_ai", "ai_in_hr"}),
    ("kmu-basis", {"ki_stand": "nicht_begonnen", "ki_bereiche": ["personal"]}, set()),  # hidden
    ("kmu-basis", {"verantwortung": "ja"}, {"ai_owner"}),
    ("handwerk", {"schatten_ki": "vermutlich"}, {"shadow_ai"}),
    ("handwerk", {"ki_anwendungen": ["personal"]}, {"ai_in_hr"}),
    ("handwerk", {"zustaendig": "ja"}, {"ai_owner"}),
    ("handwerk", {"entwicklung": ["ki_in_produkten"]}, {"rnd", "ai_product"}),
    ("produktion", {"ki_anwendungen_geplant": ["produkt"]}, {"ai_product"}),
    ("produktion", {"ki_anwendungen_geplant": ["personal"]}, {"ai_in_hr"}),
    ("produktion", {"entwicklung": ["eigene_software"]}, {"rnd"}),
    ("produktion", {"ki_verantwortung": "ja"}, {"ai_owner"}),
    ("kurzcheck", {"ki_stand": "systematisch"}, {"uses_ai"}),
    ("kurzcheck", {"ki_anwendungen": ["personal"]}, {"ai_in_hr"}),
    # a written AI rule (docs/advice.md, "Never advise what exists"); verbal is not written
    ("kmu-basis", {"ki_richtlinie": "ja"}, {"ai_policy"}),
    ("kmu-basis", {"ki_richtlinie": "nein"}, set()),
    ("handwerk", {"ki_regeln": "schriftlich"}, {"ai_policy"}),
    ("handwerk", {"ki_regeln": "muendlich"}, set()),
    ("produktion", {"ki_regeln": "schriftlich"}, {"ai_policy"}),
    ("kurzcheck", {"ki_regeln": "schriftlich"}, {"ai_policy"}),
]


@pytest.mark.parametrize(("qid", "answers", "facts"), BUNDLED_FACTS)
def test_bundled_questionnaires_set_the_facts(write_answers, qid, answers, facts):
    q = load_questionnaire(qid)
    af = load_answers(write_answers(q.ref, answers), q)
    assert score(q, af, as_of=dt.date(2026, 11, 24)).facts == frozenset(facts)


@pytest.mark.parametrize("qid", ["kmu-basis", "handwerk", "produktion", "kurzcheck"])
def test_fact_signals_come_first(qid):
    kinds = [s.kind for s in load_questionnaire(qid).signals]
    assert kinds[: kinds.count("fact")] == ["fact"] * kinds.count("fact")


def test_goal_belongs_to_text_questions_only(tmp_path):
    text = (QDATA / "signals.yaml").read_text("utf-8")
    old = "        relevance_question: chatbot_relevant\n"
    assert old in text
    path = tmp_path / "q.yaml"
    path.write_text(text.replace(old, old + "        goal: true\n", 1), "utf-8")
    q, issues = validate_questionnaire(path)
    assert q is None
    (issue,) = issues
    assert (issue.code, issue.line) == ("KEY_001", 19)


def test_bundled_goal_and_optional_flags():
    q = load_questionnaire("kmu-basis")
    assert [x.id for x in q.questions if x.goal] == ["anwendungsfall_beschreibung", "zeitfresser"]
    assert [d.id for d in q.dimensions if d.optional] == ["nachhaltigkeit"]
