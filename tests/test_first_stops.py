"""The first stops, nearest first (docs/advice.md, "First stops"): the Land's own
stops, then the nationwide Zentrum made for the company's trade, then the
nationwide stops for every company, then those made for other trades. Expected
lists worked out by hand from ``ki_check/data/first_stops.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import DATA

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import assess

COMPANIES = DATA / "companies"
AS_OF = dt.date(2026, 11, 24)
NATIONWIDE = [
    "mittelstand-digital-netzwerk",
    "mdz-zukunftskultur",
    "edih-katalog",
    "bnetza-ki-service-desk",
]

STOP_CASES = [
    # Thüringen: Zentrum Ilmenau and EDIH Thuringia; a craft firm (handwerk): the
    # Zentrum Handwerk before the network overview
    (
        "malerbetrieb-thueringen",
        ["mdz-ilmenau", "edih-thuringia", "mdz-handwerk", *NATIONWIDE],
    ),
    # Bayern has no regional Zentrum: the Land's KI-Transfer Plus, then the Zentrum
    # Handwerk for this joinery (handwerk questionnaire)
    ("tischlerei-bayern", ["by-ki-transfer-plus", "mdz-handwerk", *NATIONWIDE]),
    # the same Land, but a manufacturer: the Zentrum Handwerk comes last
    ("maschinenbau-bayern", ["by-ki-transfer-plus", *NATIONWIDE, "mdz-handwerk"]),
    # NRW: two Zentren serve it (file order), then its EDIH
    (
        "logistik-nrw",
        [
            "mdz-lingen-muenster-osnabrueck",
            "mdz-ruhr-owl",
            "edih-do",
            *NATIONWIDE,
            "mdz-handwerk",
        ],
    ),
    ("ki-startup-berlin", ["mdz-berlin", *NATIONWIDE, "mdz-handwerk"]),
]


@pytest.mark.parametrize(("company", "expected"), STOP_CASES, ids=[c for c, _ in STOP_CASES])
def test_first_stops_nearest_first(company, expected):
    q, af = open_answers(COMPANIES / f"{company}.yaml")
    assert [s.id for s in assess(q, af, as_of=AS_OF).first_stops] == expected


def test_joinery_in_bavaria_is_sent_to_the_zentrum_handwerk_in_the_summary():
    """Tischlerei Brandl: the first stop is Bavaria's own offer (no Zentrum), so the
    summary adds the nearest Zentrum: Handwerk, not the network overview."""
    from ki_check.documents.report import report_html

    html = report_html(COMPANIES / "tischlerei-bayern.yaml", as_of=AS_OF).html
    block = html.split("<h2>Kostenlose erste Anlaufstelle</h2>", 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<strong>([^<]*)</strong>", block) == [
        "KI-Transfer Plus – KI-Regionalzentren (Bayern)",
        "Mittelstand-Digital Zentrum Handwerk",
    ]
