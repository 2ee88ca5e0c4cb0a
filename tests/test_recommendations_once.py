"""No bullet twice in an "Empfehlungen" list (issue 10): Schreibbüro Kranz answers
"nein" to two questions of one dimension that both recommend "Eine Person für KI
benennen."; its score (0) falls in a range that recommends it a third time and
"Zwei Ziele …" once. By hand: two bullets, in the order they first appear."""

from __future__ import annotations

import datetime as dt
import json
import re

from conftest import ADATA, QDATA

from ki_check.documents.report import report_html
from ki_check.questionnaire.load import load_questionnaire

ANSWERS = ADATA / "a-schreibbuero-kranz.yaml"
QUESTIONNAIRE = QDATA / "q-same-recommendation-twice.yaml"
ONCE = ["Eine Person für KI benennen.", "Zwei Ziele für das nächste Jahr festlegen."]


def test_report_lists_each_recommendation_once():
    q = load_questionnaire(QUESTIONNAIRE)
    html = report_html(ANSWERS, questionnaire=q, full=True, as_of=dt.date(2026, 11, 24)).html
    block = html.split('<div class="recs">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", block) == ONCE


def test_score_prints_no_second_list_and_json_keeps_every_hit(cli):
    """The terminal shows the report summary's blocks: the plan is the one list of what
    to do, so the range recommendations are not printed beside it (docs/report.md,
    "score and report"); only the gap bullets remain."""
    args = ("score", ANSWERS, "--questionnaire", QUESTIONNAIRE, "--as-of", "2026-11-24")
    result = cli(*args)
    assert result.exit_code == 0, result.stderr
    assert "Empfehlungen:" not in result.stdout
    bullets = [line[2:] for line in result.stdout.splitlines() if line.startswith("• ")]
    assert not set(bullets) & set(ONCE)
    data = json.loads(cli(*args, "--json").stdout)
    # the JSON names every rule that fired: q1.nein, q2.nein, d1_start, d1_ziele
    assert len(data["recommendations"]) == 4
