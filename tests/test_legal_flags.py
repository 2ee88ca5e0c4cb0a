"""Rule 1 of the plan, the legal red flags (docs/advice.md; ki_check/advice/legal.py).

The AI Act's red lights give their actions in the order prohibited, high_risk,
transparency, literacy; staff using AI on their own while literacy is not green
give the usage rule, which replaces the literacy training and carries its reason
first. Expected ids and words are written out by hand from ``data/actions.yaml``
and ``data/ai_act.yaml``.
"""

from __future__ import annotations

import pytest

from ki_check.advice.actions import load_actions
from ki_check.advice.legal import red_flags

SHADOW_DE = (
    "Ihre Antworten zeigen: Beschäftigte nutzen KI-Werkzeuge auf eigene Faust, und nicht"
    " alle Nutzenden sind geschult."
)
LITERACY_RED_DE = (
    "KI-Kompetenz der Beschäftigten: Das Unternehmen nutzt KI, aber niemand ist geschult:"
    " eine Nutzungsregel festlegen, eine Grundschulung nach Rollen durchführen und"
    " dokumentieren."
)

CASES = [
    # the call centre: emotion recognition (prohibited, red), staff on their own,
    # literacy amber – stop first, then the usage rule with its own reason only
    (
        "callcenter-verbot-und-eigene-ki",
        {"prohibited": "red", "literacy": "amber"},
        {"uses_ai", "shadow_ai"},
        [("stop_prohibited", None), ("shadow_ai_rule", SHADOW_DE)],
    ),
    # a workshop where nobody is trained and staff use ChatGPT privately: the usage
    # rule replaces the literacy training, the literacy reason comes first
    (
        "werkstatt-ohne-schulung",
        {"literacy": "red"},
        {"uses_ai", "shadow_ai"},
        [("shadow_ai_rule", f"{LITERACY_RED_DE} {SHADOW_DE}")],
    ),
    # the same without private use: the literacy training itself
    (
        "werkstatt-ohne-schulung-ohne-eigene-ki",
        {"literacy": "red"},
        {"uses_ai"},
        [("train_ai_users", LITERACY_RED_DE)],
    ),
    # everyone trained: private use alone is no red flag
    ("buero-geschult", {"literacy": "green"}, {"uses_ai", "shadow_ai"}, []),
    # the order is the rule's, not the answers': high risk before transparency
    (
        "personaldienstleister-cv-und-chatbot",
        {"transparency": "red", "high_risk": "red", "literacy": "green"},
        {"uses_ai", "ai_in_hr"},
        [("clarify_high_risk", None), ("label_ai_content", None)],
    ),
]


@pytest.mark.parametrize(("name", "levels", "facts", "expected"), CASES, ids=[c[0] for c in CASES])
def test_red_flags(name, levels, facts, expected):
    fired = red_flags(levels, frozenset(facts), load_actions())
    assert [aid for aid, _ in fired] == [aid for aid, _ in expected]
    for (_, why), (_, words) in zip(fired, expected, strict=True):
        if words is not None:
            assert why["de"] == words
