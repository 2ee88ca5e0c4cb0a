"""The first stops, nearest and best fitting first (docs/advice.md, "First stops"): the
Land's own stops, then the nationwide ones; within each, those made for or strongest in
the company's trade or sector first; a stop made for other trades never. Expected lists
worked out by hand from ``ki_check/data/first_stops.yaml``.
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
    # the same Land, but a manufacturer: no Zentrum Handwerk at all
    ("maschinenbau-bayern", ["by-ki-transfer-plus", *NATIONWIDE]),
    # NRW, a forwarder (WZ H): the Zentrum for production and logistics (Ruhr-OWL) and
    # the logistics EDIH (EDIH-DO) before the Zentrum for the Emsland/Münsterland
    (
        "logistik-nrw",
        [
            "mdz-ruhr-owl",
            "edih-do",
            "mdz-lingen-muenster-osnabrueck",
            *NATIONWIDE,
        ],
    ),
    ("ki-startup-berlin", ["mdz-berlin", *NATIONWIDE]),
    # a call centre (WZ N) in Hamburg: Zentrum, then the EDIH consortium; no Zentrum Handwerk
    ("callcenter-emotionserkennung", ["mdz-hamburg", "edih-hamburg", *NATIONWIDE]),
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


def test_every_link_is_a_landing_page():
    """A company is given a landing page, never a press release (finding 17): no query
    string and at most one path segment; the article belongs in ``source``."""
    from urllib.parse import urlsplit

    from ki_check.advice.content import load_first_stops

    for s in load_first_stops():
        if not s.url:
            continue
        parts = urlsplit(s.url)
        assert not parts.query, s.id
        assert len([p for p in parts.path.split("/") if p]) <= 1, (s.id, s.url)


def test_huber_sondermaschinen_summary_link_is_short():
    """Bavaria's stop links the ministry's home page, not the 190-character press release."""
    from ki_check.documents.report import report_html

    html = report_html(COMPANIES / "maschinenbau-bayern.yaml", as_of=AS_OF).html
    block = html.split("<h2>Kostenlose erste Anlaufstelle</h2>", 1)[1].split("</div>", 1)[0]
    assert "https://stmd.bayern.de<" in block
    assert "seite=35680" not in html
