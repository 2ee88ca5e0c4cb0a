"""The portfolio overview frames its share of AI adopters as the report frames a company's.

Five workshop companies (tests/data/workshop): ki_stand is systematisch for
Dorn and im_betrieb for Grünwald, the two adopter options of kurzcheck; the
other three are not adopters: 2 of 5 = 40 %. Figures (ki_check/data/baselines.yaml):
BMWi 2019 5.8 % (the default, the AI strategy's starting point); the newest
overall German figure published by 24.11.2026 is KfW's SME panel 2022–2024
with 20 % (published 11.02.2026, after Destatis 2024 with the same year).
"""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA, pdf_text

VALID = ("alpha", "beta", "delta", "epsilon", "gamma")


@pytest.fixture
def workshop(tmp_path):
    folder = tmp_path / "workshop"
    folder.mkdir()
    for name in VALID:
        shutil.copy(DATA / "workshop" / f"{name}.yaml", folder)
    return folder


@pytest.mark.parametrize(
    ("args", "sentences", "absent"),
    [
        (
            (),
            [
                "Im Portfolio nutzen 2 von 5 Unternehmen KI (40 %).",
                "Neueste Vergleichszahl: 2022–2024 nutzten 20 % der Unternehmen KI"
                " (KfW-Mittelstandspanel 2022–2024); die Zahl für die Größenklasse jedes"
                " Unternehmens steht in seinem Bericht.",
                "Ausgangspunkt der KI-Strategie der Bundesregierung: 2019 nutzten 5,8 % der"
                " Unternehmen in Deutschland KI (BMWi-Studie 2019, Basis der KI-Strategie)."
                " Diese Zahl stammt aus dem Jahr 2019 und beschreibt nicht den heutigen Stand.",
            ],
            [],
        ),
        (
            ("--baseline", "kfw-2024"),
            [
                "Im Portfolio nutzen 2 von 5 Unternehmen KI (40 %).",
                "2024 nutzten 20 % der Unternehmen in Deutschland KI"
                " (KfW-Mittelstandspanel 2022–2024).",
            ],
            ["Neueste Vergleichszahl", "beschreibt nicht den heutigen Stand"],
        ),
        (
            ("--lang", "en"),
            [
                "In the portfolio, 2 of 5 companies use AI (40%).",
                "Newest figure: in 2022–2024, 20% of companies used AI (KfW SME panel"
                " 2022–2024); the figure for each company's size class is in its report.",
                "Starting point of the federal AI strategy: In 2019, 5.8% of companies in"
                " Germany used AI (BMWi study 2019, basis of the AI strategy). This is a"
                " figure from 2019 and does not describe today's situation.",
            ],
            [],
        ),
    ],
)
def test_portfolio_frames_the_baseline_like_the_report(
    cli, tmp_path, workshop, args, sentences, absent
):
    out = tmp_path / "out"
    result = cli("batch", workshop, "--out", out, "--as-of", "2026-11-24", *args)
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(out / "portfolio.pdf"))
    for sentence in sentences:
        assert sentence in text
    for words in absent:
        assert words not in text
