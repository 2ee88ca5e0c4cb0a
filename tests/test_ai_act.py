"""The AI Act light: dates in the right tense, the provider items, the Omnibus, points to clarify.

Dates from Regulation (EU) 2024/1689 Art. 113 and the Digital Omnibus agreement of
7 May 2026 (research notes, section 5): Art. 4 and 5 since 2 Feb 2025; Annex III
high-risk and Art. 50 from 2 Aug 2026; Annex I (AI in products) from 2 Aug 2027.
Omnibus: Annex III from 2 Dec 2027, Annex I from 2 Aug 2028, Art. 4 no longer a
direct duty of companies.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ki_check.advice.ai_act import act_role, act_statuses, clarify_points, load_ai_act, when_text
from ki_check.errors import ValidationError
from ki_check.util.resources import data_file

DAY = dt.date(2026, 11, 24)


def _by_id(statuses):
    return {s.id: s for s in statuses}


@pytest.fixture
def omnibus(tmp_path: Path):
    """The bundled file with the Omnibus switched on, as the data maintainer will do."""
    text = data_file("ai_act.yaml").read_text("utf-8")
    assert text.count("regime: current\n") == 1
    path = tmp_path / "ai_act.yaml"
    path.write_text(text.replace("regime: current\n", "regime: omnibus\n"), "utf-8")
    return load_ai_act(path)


@pytest.mark.parametrize(
    ("facts", "role"),
    [
        (set(), "none"),
        ({"uses_ai"}, "deployer"),
        ({"shadow_ai"}, "deployer"),
        ({"ai_product"}, "provider"),
        ({"ai_product", "uses_ai"}, "provider"),
    ],
)
def test_role_from_facts(facts, role):
    assert act_role(facts) == role


@pytest.mark.parametrize(
    ("as_of", "de", "en"),
    [
        (dt.date(2026, 8, 1), "gilt ab 2. August 2026", "applies from 2 August 2026"),
        (dt.date(2026, 8, 2), "gilt seit 2. August 2026", "applies since 2 August 2026"),
        (dt.date(2027, 1, 1), "gilt seit 2. August 2026", "applies since 2 August 2026"),
    ],
)
def test_tense_follows_the_as_of_date(as_of, de, en):
    high_risk = _by_id(act_statuses({"high_risk": "red"}, set(), as_of))["high_risk"]
    assert high_risk.when == {"de": de, "en": en}
    assert high_risk.in_force is (as_of >= dt.date(2026, 8, 2))


def test_no_item_text_carries_its_own_tense():
    """Texts never say when a duty applies; the computed wording does (no contradictions)."""
    rules = load_ai_act()
    for item in rules.items:
        texts = [item.summary, *item.levels.values()]
        texts += [c.summary for c in item.changes.values() if c.summary]
        texts += [t for c in item.changes.values() for t in c.levels.values()]
        for text in texts:
            for phrase in ("bevor sie gelten", "gilt seit", "gilt ab", "before they apply"):
                assert phrase not in text["de"] + text["en"], (item.id, phrase)


def test_deployer_sees_no_product_item_and_no_provider_duties():
    statuses = _by_id(act_statuses({"high_risk": "amber"}, {"uses_ai"}, DAY))
    assert list(statuses) == ["literacy", "prohibited", "high_risk", "transparency"]
    assert statuses["high_risk"].provider is None


def test_maschinenbauer_with_ai_in_its_machines_is_a_provider():
    """A machine builder selling machines with AI image inspection: Annex I applies."""
    statuses = _by_id(act_statuses({}, {"ai_product", "uses_ai"}, DAY))
    assert list(statuses) == ["literacy", "prohibited", "high_risk", "products", "transparency"]
    products = statuses["products"]
    assert products.level == "amber"  # default level: nothing answered about it yet
    assert products.date == dt.date(2027, 8, 2)
    assert products.when["de"] == "gilt ab 2. August 2027"
    assert products.pending == (
        {
            "de": "Nach dem Digital-Omnibus (noch nicht in Kraft) gilt dies ab 2. August 2028.",
            "en": "Under the Digital Omnibus (not yet in force) this applies from 2 August 2028.",
        },
    )
    assert "CE-Kennzeichnung" in products.text["de"]
    assert "CE-Kennzeichnung" in statuses["high_risk"].provider["de"]
    assert statuses["high_risk"].level is None  # no signal: the summary is shown
    assert statuses["high_risk"].text == statuses["high_risk"].summary


def test_annex_iii_dates_side_by_side():
    high_risk = _by_id(act_statuses({}, set(), DAY))["high_risk"]
    assert high_risk.date == dt.date(2026, 8, 2)
    assert [p["de"] for p in high_risk.pending] == [
        "Nach dem Digital-Omnibus (noch nicht in Kraft) gilt dies ab 2. Dezember 2027."
    ]


def test_literacy_under_the_law_in_force():
    literacy = _by_id(act_statuses({"literacy": "red"}, {"uses_ai"}, DAY))["literacy"]
    assert literacy.level == "red"
    assert literacy.when["de"] == "gilt seit 2. Februar 2025"
    assert literacy.pending[0]["de"].startswith(
        "Nach dem Digital-Omnibus (noch nicht in Kraft): keine unmittelbare Schulungspflicht"
    )


def test_literacy_under_the_omnibus(omnibus):
    """Art. 4 becomes a duty of the Commission and Member States: red is lowered to amber."""
    statuses = _by_id(act_statuses({"literacy": "red"}, {"uses_ai"}, DAY, omnibus))
    literacy = statuses["literacy"]
    assert literacy.level == "amber"
    assert literacy.date is None
    assert literacy.in_force is False
    assert literacy.when["de"].startswith("keine unmittelbare Schulungspflicht")
    assert "keine Pflicht mehr" in literacy.text["de"]
    assert "entfällt" in literacy.summary["de"]
    assert literacy.pending == ()  # nothing else is pending once the Omnibus is the law
    assert statuses["high_risk"].date == dt.date(2027, 12, 2)
    assert statuses["high_risk"].when["de"] == "gilt ab 2. Dezember 2027"


def test_omnibus_dates_for_a_provider(omnibus):
    products = _by_id(act_statuses({}, {"ai_product"}, DAY, omnibus))["products"]
    assert products.when["en"] == "applies from 2 August 2028"


def test_when_text_without_a_date_uses_the_note():
    note = {"de": "keine Pflicht", "en": "no duty"}
    assert when_text(None, DAY, note) == note


@pytest.mark.parametrize(
    ("facts", "points"),
    [
        # a care home screening applicants with AI, with a works council
        ({"ai_in_hr", "works_council"}, ["mitbestimmung", "automatisierte_entscheidung"]),
        # a small agency planning AI pre-selection of CVs, no works council
        ({"ai_in_hr", "no_works_council"}, ["automatisierte_entscheidung"]),
        # a factory with a works council, AI only on the shop floor
        ({"works_council", "uses_ai"}, []),
    ],
)
def test_points_to_clarify(facts, points):
    found = clarify_points(facts)
    assert [c.id for c in found] == points
    for c in found:
        assert c.url.startswith("https://")
    if "mitbestimmung" in points:
        assert "§ 87 Abs. 1 Nr. 6" in found[0].title["de"]
        assert found[0].source == "Betriebsverfassungsgesetz (BetrVG) § 87 Abs. 1 Nr. 6"


def test_a_regime_without_a_date_needs_a_note(tmp_path: Path):
    text = data_file("ai_act.yaml").read_text("utf-8")
    broken = text.replace(
        'applies_from: {current: "2026-08-02", omnibus: "2027-12-02"}',
        'applies_from: {current: "2026-08-02", omnibus: ~}',
    )
    assert broken != text
    path = tmp_path / "ai_act.yaml"
    path.write_text(broken, "utf-8")
    with pytest.raises(ValidationError) as exc:
        load_ai_act(path)
    assert [i.code for i in exc.value.issues] == ["KEY_002"]
    assert exc.value.issues[0].line is not None


def test_a_date_must_be_iso(tmp_path: Path):
    text = data_file("ai_act.yaml").read_text("utf-8")
    path = tmp_path / "ai_act.yaml"
    path.write_text(text.replace('"2027-08-02"', '"2. August 2027"'), "utf-8")
    with pytest.raises(ValidationError) as exc:
        load_ai_act(path)
    assert [i.code for i in exc.value.issues] == ["TYPE_001"]
