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
    from ki_check.advice.provisional import is_provisional

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
    assert "93,8von 100 Punkten (vorläufig)" in summary  # the big number too (pypdf joins it)
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


# --- portfolios and workshops: a provisional result is never counted as a final one -----
# Five kmu-basis companies: four complete ones and the printer's draft (3 of 33 answered,
# 93.8, "Vorreiter (vorläufig)"). Without the rule the draft would top the ranking.
FIRM = (
    "baeckerei-ohne-datenangaben.yaml",
    "callcenter-emotionserkennung.yaml",
    "ki-startup-berlin.yaml",
    "logistik-nrw.yaml",
)


@pytest.fixture
def five(tmp_path):
    folder = tmp_path / "kunden"
    folder.mkdir()
    for name in (*FIRM, DRAFT.name):
        (folder / name).write_bytes((DATA / "companies" / name).read_bytes())
    return folder


def test_batch_tables_mark_the_draft(cli, five, tmp_path):
    out = tmp_path / "out"
    r = cli("batch", five, "--out", out, "--no-pdf", "--as-of", "2026-11-24")
    assert r.exit_code == 0, r.output
    rows = json.loads((out / "scores.json").read_text("utf-8"))
    flags = {row["source"].rsplit("/", 1)[-1]: row["provisional"] for row in rows}
    assert flags == {**dict.fromkeys(FIRM, False), DRAFT.name: True}
    csv_text = (out / "scores.csv").read_text("utf-8-sig")
    draft_line = next(line for line in csv_text.splitlines() if DRAFT.name in line)
    assert ";93,8;Vorreiter (vorläufig);" in draft_line
    assert "(vorläufig)" not in csv_text.replace(draft_line, "")
    from openpyxl import load_workbook

    sheet = load_workbook(out / "scores.xlsx", read_only=True)["kmu-basis"]
    stages = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert stages.count("Vorreiter (vorläufig)") == 1


def test_portfolio_counts_the_draft_apart(cli, five, tmp_path):
    out = tmp_path / "out"
    r = cli("batch", five, "--out", out, "--as-of", "2026-11-24")
    assert r.exit_code == 0, r.output
    text = " ".join(pdf_text(out / "portfolio.pdf"))
    assert "vorläufig (zu wenige Antworten für eine Stufe) 1 20 %" in text
    assert (
        "1 Ergebnis ist vorläufig: weniger als 60 % der Fragen beantwortet. Es zählt zu"
        " keiner Stufe und fehlt in Profil, Verteilung und Rangliste." in text
    )
    ranking = text[text.index("Unternehmen nach Gesamtergebnis") :]
    assert "Druckerei Hahn" not in ranking
    assert "93,8" not in ranking


def test_group_summary_counts_the_draft_apart(cli, five, tmp_path):
    out = tmp_path / "gruppe.pdf"
    r = cli("handout", "kmu-basis", "--results", five, "--out", out, "--named")
    assert r.exit_code == 0, r.output
    text = " ".join(pdf_text(out))
    assert "vorläufig (zu wenige Antworten) 1 von 5" in text
    assert (
        "1 Ergebnis ist vorläufig (weniger als 60 % der Fragen beantwortet) und zählt weder"
        " bei den Stufen noch bei Gesamtergebnis, Dimensionen und Lücken." in text
    )
    assert "Vorreiter (vorläufig)" in text  # the named list says it of the printer
    # the group's overall result: the four complete companies only (Antworten: 4)
    assert "Antworten: 4" in text
