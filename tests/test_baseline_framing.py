"""The comparison sentences: today's figure for the company's size first, 2019 said plainly.

Figures (ki_check/data/baselines.yaml, research notes section 3): BMWi 2019 5.8 %
(the AI strategy's starting point); Destatis 2024 by size class small 17 %,
medium 28 %, large 48 % (firms with 10+ staff); KfW SME panel 2022–2024
(published 11 Feb 2026): fewer than 5 staff 19 %, all SMEs including micro
firms 20 %. Each case is a company; the sentences are written by hand.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import QDATA

from ki_check.assessment.answers import load_answers
from ki_check.assessment.explain import baseline_comparison, baseline_sentences
from ki_check.assessment.scoring import score
from ki_check.questionnaire.load import load_questionnaire

Q = str(QDATA / "scoring.yaml")
DAY = dt.date(2026, 11, 24)
STRATEGY_DE = (
    "Ausgangspunkt der KI-Strategie der Bundesregierung: 2019 nutzten 5,8\xa0% der"
    " Unternehmen in Deutschland KI (BMWi-Studie 2019, Basis der KI-Strategie)."
)
OLD_DE = " Diese Zahl stammt aus dem Jahr 2019 und beschreibt nicht den heutigen Stand."


def _baseline(write_answers, employees, as_of=DAY, baseline=None):
    q = load_questionnaire(Q)
    company = {"name": "X"} if employees is None else {"name": "X", "employees": employees}
    path = write_answers(Q, {"a1": "z"}, company=company)
    return score(q, load_answers(path, q), as_of=as_of, baseline=baseline).baseline


@pytest.mark.parametrize(
    ("company", "employees", "sentences"),
    [
        (
            "Metallbau mit 42 Beschäftigten",
            42,
            [
                "Für kleine Unternehmen (10–49 Beschäftigte) lag der Anteil 2024 bei 17\xa0%"
                " (Destatis 2024).",
                STRATEGY_DE + OLD_DE,
            ],
        ),
        (
            "Friseursalon mit 3 Beschäftigten",
            3,
            [
                "Für Unternehmen mit weniger als 5 Beschäftigten lag der Anteil 2022–2024"
                " bei 19\xa0% (KfW-Mittelstandspanel 2022–2024).",
                STRATEGY_DE + OLD_DE,
            ],
        ),
        (
            "Steuerbüro mit 7 Beschäftigten",
            7,
            [
                "Für mittelständische Unternehmen insgesamt einschließlich Kleinstunternehmen"
                " lag der Anteil 2022–2024 bei 20\xa0% (KfW-Mittelstandspanel 2022–2024).",
                "Eine eigene Zahl für Unternehmen mit 5 bis 9 Beschäftigten gibt es nicht.",
                STRATEGY_DE + OLD_DE,
            ],
        ),
        (
            "Unternehmen ohne Angabe der Beschäftigten",
            None,
            [
                "Neueste Vergleichszahl: 2022–2024 nutzten 20\xa0% der Unternehmen KI"
                " (KfW-Mittelstandspanel 2022–2024); ohne Beschäftigtenzahl ist kein"
                " Vergleich mit der eigenen Größenklasse möglich.",
                STRATEGY_DE + OLD_DE,
            ],
        ),
    ],
)
def test_todays_figure_comes_first(write_answers, company, employees, sentences):
    b = _baseline(write_answers, employees)
    assert baseline_sentences(b, "de") == sentences, company
    assert baseline_comparison(b, "de") == " ".join(sentences)


def test_english(write_answers):
    b = _baseline(write_answers, 3)
    assert baseline_sentences(b, "en") == [
        "For companies with fewer than 5 staff the share was 19% in 2022–2024"
        " (KfW SME panel 2022–2024).",
        "Starting point of the federal AI strategy: In 2019, 5.8% of companies in Germany"
        " used AI (BMWi study 2019, basis of the AI strategy). This is a figure from 2019"
        " and does not describe today's situation.",
    ]


def test_a_chosen_current_baseline_needs_no_warning(write_answers):
    """With --baseline destatis-2024 the size figure is from the same year: no 'old' note."""
    b = _baseline(write_answers, 120, baseline="destatis-2024")
    assert baseline_sentences(b, "de") == [
        "Für mittlere Unternehmen (50–249 Beschäftigte) lag der Anteil 2024 bei 28\xa0%"
        " (Destatis 2024).",
        "2024 nutzten 20\xa0% der Unternehmen in Deutschland KI (Destatis 2024).",
    ]


def test_micro_firm_before_kfw_published(write_answers):
    """On 1 Feb 2026 no figure for micro firms existed yet: only the 2019 figure."""
    b = _baseline(write_answers, 3, as_of=dt.date(2026, 2, 1))
    assert baseline_sentences(b, "de") == [STRATEGY_DE]
