"""A result on too few answers is provisional: no stage-based plan, and every output says so.

The rule is in ``docs/advice.md`` (*A provisional result*). Expected values are
worked out by hand from ``questionnaires/kmu-basis.yaml``.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import DATA, pdf_text

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import PROVISIONAL_BELOW, assess
from ki_check.i18n import tr

AS_OF = dt.date(2026, 11, 24)
DRAFT = DATA / "companies" / "druckerei-erstgespraech-entwurf.yaml"
COMPLETE = DATA / "companies" / "baeckerei-ohne-datenangaben.yaml"


def test_draft_printer_is_provisional():
    # Strategie: ki_ziele teil_strategie 3/3 × weight 2, verantwortung ja 1, leitung 4 →
    # (4 − 1) ÷ 4 = .75; (2 + 1 + .75) ÷ 4 = 93.75 → 93.8, the only scored dimension.
    # Applicable questions: 4 + 3 + 4 + 7 + 1 (ki_stand; the rest is hidden) + 4 + 5 + 3
    # + 2 = 33, answered 3: coverage 3/33 = 9.1 % < 60 %.
    q, af = open_answers(DRAFT)
    a = assess(q, af, as_of=AS_OF)
    assert a.result.overall == 93.8
    assert a.result.stage.id == "vorreiter"  # the stage stays, marked provisional
    assert (a.result.answered, a.result.applicable) == (3, 33)
    assert a.provisional is True
    # no stage-based step: only completing the check ("verantwortung: ja" names a person)
    assert [x.id for x in a.actions] == ["complete_check"]
    assert a.gaps == ()
    assert all(x.dimension is None for x in a.actions)
    why = tr(a.actions[0].why, "de")
    assert "Erst 9,1\xa0% der Fragen beantwortet (3 von 33), weniger als 60\xa0%" in why
    assert "Daten" in why
    assert "KI-Einsatz heute" in why
    assert "Nachhaltigkeit" not in why  # optional dimensions are not asked for
    assert "Strategie" not in why  # 3 of 4 answered
    # the position rests on the stage: not determinable; ki_stand is unanswered
    assert a.result.baseline.position == "unknown"
    assert a.position is None
    # recommendations chosen by the overall score's range are dropped
    assert not [r for r in a.result.recommendations if r.kind == "range" and r.dimension is None]
    # completing the check needs orientation: the free first stop pays for it
    assert [v.programme.id for v in a.shortlist] == ["mittelstand-digital-zentren"]
    # the strategy itself is answered well enough to be a strength (3 of 4, 93.8)
    assert [d.id for d in a.strengths] == ["strategie"]


@pytest.mark.parametrize(("coverage", "provisional"), [(0.59, True), (0.6, False), (1.0, False)])
def test_threshold(coverage, provisional):
    # the bakery is complete (33 of 37 answered, Daten all "weiß nicht"); only its
    # coverage is changed to try the boundary of the rule
    from ki_check.advice.priorities import is_provisional

    q, af = open_answers(COMPLETE)
    result = assess(q, af, as_of=AS_OF).result._replace(coverage=coverage)
    assert PROVISIONAL_BELOW == 0.6
    assert is_provisional(result) is provisional


def test_complete_companies_are_not_provisional():
    for path in sorted((DATA / "companies").glob("*.yaml")):
        # the drafts: the printer's first talk, the engineers' interview stopped early
        if path in (DRAFT, DATA / "companies" / "ingenieurbuero-entwurf.yaml"):
            continue
        q, af = open_answers(path)
        assert assess(q, af, as_of=AS_OF).provisional is False, path.name


def test_score_says_provisional(cli):
    r = cli("score", DRAFT, "--as-of", "2026-11-24")
    assert r.exit_code == 0, r.output
    assert "Gesamt: 93,8 (vorläufig) von 100 · Stufe: Vorreiter (vorläufig)" in r.output
    assert "Vorläufig: erst 9,1" in r.output
    assert "Nutzen der KI-Anwendungen messen" not in r.output
    assert "Den Check vervollständigen" in r.output
    assert "nutzt keine KI" not in r.output
    r = cli("score", DRAFT, "--as-of", "2026-11-24", "--lang", "en")
    assert "Stage: Pioneer (provisional)" in r.output
    assert "Provisional: only 9.1%" in r.output


def test_score_json_says_provisional(cli):
    r = cli("score", DRAFT, "--json", "--as-of", "2026-11-24")
    data = json.loads(r.stdout)
    assert data["provisional"] is True
    assert [x["id"] for x in data["actions"]] == ["complete_check"]
    assert data["baseline"]["position"] == "unknown"
    r = cli("score", COMPLETE, "--json", "--as-of", "2026-11-24")
    assert json.loads(r.stdout)["provisional"] is False


def test_report_says_provisional(cli, tmp_path):
    out = tmp_path / "druckerei.pdf"
    r = cli("report", DRAFT, "--out", out, "--as-of", "2026-11-24")
    assert r.exit_code == 0, r.output
    summary = pdf_text(out)[1]
    assert "Stufe: Vorreiter (vorläufig)" in summary
    assert "Vorläufig: Erst 9,1 % der Fragen sind beantwortet, weniger als 60 %" in summary
    assert "Den Check vervollständigen" in summary
    assert "Nutzen der KI-Anwendungen messen" not in summary
    assert "Noch nicht bestimmbar" in summary  # no ranked gaps
    assert "KI ist fest im Betrieb verankert" not in summary  # no stage description
    # AI use was not asked yet: the role is unknown, not stated as a fact (docs/advice.md:
    # the role stays unknown while the questions that decide it are open)
    text = " ".join(pdf_text(out))
    assert "Ihre Rolle nach der KI-Verordnung: unbekannt – noch nicht erfragt" in text
    assert "nutzt nach seinen Angaben keine KI" not in text
