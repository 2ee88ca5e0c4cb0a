"""Rule 1 of the plan: legal red flags, within days (``docs/advice.md``).

Every EU AI Act item whose light is red, in the order prohibited, high_risk,
transparency, literacy, gives its action (:data:`LEGAL_ACTIONS`). Staff using AI on
their own (fact ``shadow_ai``) while AI literacy is not green gives a usage rule and a
short training, which replaces the literacy training (``replaces`` in
``data/actions.yaml``): the replaced action's reason joins the replacing one's.
"""

from __future__ import annotations

from collections.abc import Mapping

from ki_check.advice.actions import ActionData
from ki_check.advice.ai_act import load_ai_act
from ki_check.advice.reasons import join, why_shadow
from ki_check.i18n import Text

LEGAL_ORDER = ("prohibited", "high_risk", "transparency", "literacy")
LEGAL_ACTIONS = {
    "prohibited": "stop_prohibited",
    "high_risk": "clarify_high_risk",
    "transparency": "label_ai_content",
    "literacy": "train_ai_users",
}


def red_flags(
    levels: Mapping[str, str], facts: frozenset[str], data: ActionData
) -> list[tuple[str, Text]]:
    """The legal actions that fire, in order, as (action id, reason).

    ``levels`` are the AI Act items' lights as the assessment shows them, ``facts``
    what the answers establish. An action another one replaces is left out; its
    reason comes first in the replacing action's.
    """
    rules = load_ai_act()
    fired: list[tuple[str, Text]] = []
    for item_id in LEGAL_ORDER:
        if levels.get(item_id) == "red" and item_id in LEGAL_ACTIONS:
            item = rules.item(item_id)
            why = join(item.title, ": ", item.levels.get("red", item.summary))
            fired.append((LEGAL_ACTIONS[item_id], why))
    if "shadow_ai" in facts and levels.get("literacy") != "green":
        fired.append(("shadow_ai_rule", why_shadow()))
    replaced = {r for aid, _ in fired if aid in data.actions for r in data.actions[aid].replaces}
    whys = dict(fired)
    out = []
    for aid, why in fired:
        if aid in replaced:
            continue
        merged = why
        for other in data.actions[aid].replaces:
            if other in whys:
                merged = join(whys[other], " ", why)
        out.append((aid, merged))
    return out
