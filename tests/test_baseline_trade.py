"""A figure for the company's own trade beside its size class (review finding 18;
docs/report.md, "Comparison"). Bitkom Research 2025, Digitalisierung im Handwerk:
4 % of 504 crafts businesses use AI (research notes mittelstand-digital-ai-act.md §4)."""

from __future__ import annotations

import datetime as dt

from ki_check.assessment.baseline import compare, load_baselines

AS_OF = dt.date(2026, 11, 24)


def test_malerbetrieb_on_handwerk_reads_the_crafts_figure():
    b = load_baselines().trade_figure("handwerk", "F", AS_OF)
    assert b is not None
    assert b.id == "bitkom-handwerk-2025"
    assert b.share == 0.04
    assert b.sentence["de"] == (
        "Im Handwerk nutzten 2025 erst 4 % der Betriebe KI, weitere 9 % planten es"
        " (Bitkom 2025, 504 Handwerksbetriebe)."
    )


def test_no_trade_figure_where_the_research_has_none():
    data = load_baselines()
    # construction on kmu-basis: KfW's 8 % has no verified survey year, so none
    assert data.trade_figure("kmu-basis", "F", AS_OF) is None
    assert data.trade_figure("kmu-basis", "H", AS_OF) is None  # a forwarder
    # before the survey was published
    assert data.trade_figure("handwerk", "F", dt.date(2025, 8, 1)) is None


def test_a_trade_figure_is_never_the_general_figure():
    """Without a headcount the newest general figure stands in; the crafts survey (2025)
    is newer than KfW 2022–2024 but counts crafts businesses only."""
    data = load_baselines()
    now = data.current_figure(data.get(), None, AS_OF)
    assert now is not None
    assert now.baseline.id == "kfw-2024"


def test_compare_carries_the_trade_figure_for_the_painter_only():
    data = load_baselines()
    painter = compare(data, None, False, "early", 6, AS_OF, questionnaire="handwerk", sector="F")
    assert painter.trade is not None
    assert painter.trade.id == "bitkom-handwerk-2025"
    forwarder = compare(
        data, None, True, "ready", 200, AS_OF, questionnaire="kmu-basis", sector="H"
    )
    assert forwarder.trade is None
