"""The portfolio ranking tells apart companies of the same name (review finding 24;
docs/batch.md). Rows worked out by hand."""

from __future__ import annotations

from ki_check.render.portfolio import ranking_rows


def test_beta_gamma_twice_is_shown_with_each_id():
    rows, twins = ranking_rows(
        [
            (57.9, "Beta/Gamma & Co. KG", "K6"),
            (45.0, "Alpha Metall GmbH", "K1"),
            (37.7, "Beta/Gamma & Co. KG", "K7"),
        ],
        "de",
    )
    assert [r["name"] for r in rows] == [
        "Beta/Gamma & Co. KG (K6)",
        "Alpha Metall GmbH",
        "Beta/Gamma & Co. KG (K7)",
    ]
    assert [r["score"] for r in rows] == ["57,9", "45,0", "37,7"]
    assert twins == ["Beta/Gamma & Co. KG"]


def test_unique_names_stay_plain():
    rows, twins = ranking_rows([(50.0, "Alpha", "K1"), (40.0, "Beta", "K2")], "en")
    assert [r["name"] for r in rows] == ["Alpha", "Beta"]
    assert [r["rank"] for r in rows] == [1, 2]
    assert twins == []
