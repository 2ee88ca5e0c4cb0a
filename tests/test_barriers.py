"""Barrier figures fit the company: crafts businesses read the Bitkom Handwerk figures.

Bitkom Research 2025, Digitalisierung im Handwerk (504 crafts businesses; research
notes section 4): data security/protection 96 %, investment costs 69 %, staff's
digital skills 58 %, data access 43 %, 72 % too busy to build digital skills,
52 % fear software dictating their work, 29 % have staff able to work with AI,
4 % use AI and 9 % plan to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ki_check.advice.content import barriers_for, load_barriers
from ki_check.errors import ValidationError
from ki_check.util.resources import data_file

ALL = ("knowledge", "legal", "privacy", "data", "staff", "skills", "cost", "acceptance")


@pytest.mark.parametrize(
    ("barrier", "start"),
    [
        ("staff", "72 % der Handwerksbetriebe fehlt im Alltag die Zeit"),
        ("skills", "58 % der Handwerksbetriebe nennen die digitale Kompetenz"),
        ("acceptance", "52 % der Handwerksbetriebe befürchten"),
        ("privacy", "Für 96 % der Handwerksbetriebe"),
        ("cost", "69 % der Handwerksbetriebe"),
        ("data", "43 % der Handwerksbetriebe"),
        ("knowledge", "Im Handwerk nutzen erst 4 % der Betriebe KI, weitere 9 %"),
    ],
)
def test_malerbetrieb_on_handwerk_reads_crafts_figures(barrier, start):
    (b,) = barriers_for([barrier], "handwerk", "F")
    assert b.figure["de"].startswith(start)
    assert "504 Handwerksbetriebe" in b.source


def test_no_crafts_business_reads_a_figure_for_firms_with_20_or_more_staff():
    for b in barriers_for(ALL, "handwerk"):
        assert "ab 20 Beschäftigten" not in b.figure["de"], b.id
        assert "20+" not in b.figure["en"], b.id


def test_legal_uncertainty_keeps_destatis_with_its_population():
    """No crafts figure exists for legal uncertainty: the crafts business is told so, and
    whom the Destatis figure counts (firms with 10+ staff); the others keep the general
    wording."""
    (b,) = barriers_for(["legal"], "handwerk")
    assert b.figure["de"] == (
        "Eine eigene Zahl für Handwerksbetriebe gibt es dazu nicht. Von den Unternehmen mit"
        " 10 oder mehr Beschäftigten, die keine KI nutzen, sind 58 % unsicher über die"
        " rechtlichen Folgen (Destatis 2024); Betriebe mit weniger als 10 Beschäftigten"
        " erfasst diese Erhebung nicht."
    )
    assert b.figure["en"].startswith("There is no figure for crafts businesses on this.")
    (general,) = barriers_for(["legal"], "kmu-basis", "M")
    assert general.figure["de"] == (
        "58 % der Unternehmen ohne KI sind unsicher über die rechtlichen Folgen"
        " (Destatis 2024, Unternehmen ab 10 Beschäftigten)."
    )


def test_malerbetrieb_sommer_reads_no_figure_as_if_for_its_size():
    """The 6-person painter (handwerk) names legal uncertainty among its barriers; its
    report must not present the Destatis figure as one for businesses like it."""
    from conftest import DATA

    from ki_check.assessment.answers import open_answers
    from ki_check.assessment.assess import assess

    q, af = open_answers(DATA / "companies" / "malerbetrieb-thueringen.yaml")
    a = assess(q, af)
    assert af.company.employees == 6
    legal = next(b for b in a.barriers if b.id == "legal")
    assert "weniger als 10 Beschäftigten erfasst diese Erhebung nicht" in legal.figure["de"]
    assert not legal.figure["de"].startswith("58 %")


def test_steuerkanzlei_on_kmu_basis_reads_the_general_figures():
    data = load_barriers()
    for b in barriers_for(ALL, "kmu-basis", "M"):
        assert b.figure == data[b.id].figure
        assert b.source == data[b.id].source
    (staff,) = barriers_for(["staff"], "kmu-basis")
    assert "Bitkom 2025, ab 20 Beschäftigten" in staff.figure["de"]


def test_order_follows_the_ids_and_unknown_ids_are_skipped():
    assert [b.id for b in barriers_for(["cost", "nope", "data"], "handwerk")] == ["cost", "data"]


def test_a_variant_must_say_whom_it_is_for(tmp_path: Path):
    text = data_file("barriers.yaml").read_text("utf-8")
    broken = text.replace("      - questionnaires: [handwerk]\n", "      - \n", 1)
    assert broken != text
    path = tmp_path / "barriers.yaml"
    path.write_text(broken, "utf-8")
    with pytest.raises(ValidationError) as exc:
        load_barriers.__wrapped__(path)
    assert "KEY_002" in [i.code for i in exc.value.issues]
