"""The advice's own actions as data: texts, needs and owners from ``data/actions.yaml``.

When an action fires and where it goes in the plan is decided by
:mod:`ki_check.advice.priorities` (rules in ``docs/advice.md``); this module only
reads and checks the file, with file and line for every problem.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ki_check.diagnostics import Bi, has_errors
from ki_check.errors import ValidationError
from ki_check.funding.match import NEEDS
from ki_check.i18n import Text
from ki_check.questionnaire.model import FACTS, TOPICS
from ki_check.util.cache import cached
from ki_check.util.readers import Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import YamlDoc, load_yaml

HORIZONS = ("90d", "6m", "12m")
NEED_IDS = tuple(NEEDS)
# What a note may depend on: a fact of the answers, or the founding situation of the
# profile (a start-up or a university spin-off).
SITUATIONS = (*FACTS, "founding")


class ActionText(NamedTuple):
    """One kind of action with its texts, the needs it serves and who carries it.

    ``who`` maps ``default``, ``micro`` (fewer than ten staff) and optionally
    ``works_council`` to a text; ``notes`` adds a sentence when a situation holds;
    ``covers`` names steps of ``next_steps.yaml`` this action makes redundant;
    ``variants`` maps a situation to the ``title``, ``text`` (and ``duration``) used
    instead when it holds (the first that holds, in the file's order; docs/advice.md).
    """

    id: str
    horizon: str
    needs: tuple[str, ...]
    covers: tuple[str, ...]
    replaces: tuple[str, ...]
    title: Text
    text: Text
    who: dict[str, Text]
    notes: dict[str, Text]
    micro_title: Text | None = None
    micro_text: Text | None = None
    duration: Text | None = None
    variants: dict[str, dict[str, Text]] = {}  # noqa: RUF012 - never mutated


class ActionData(NamedTuple):
    """Everything in ``data/actions.yaml``."""

    actions: dict[str, ActionText]
    start_needs: dict[str, tuple[str, ...]]
    scale_needs: dict[str, tuple[str, ...]]
    fact_words: dict[str, Text]
    micro_owner: Text
    # step id → situation (works_council / no_works_council) → {"who": …, "what": …}
    step_variants: dict[str, dict[str, dict[str, Text]]]
    checked: str


@cache
def load_actions(path: Path | None = None) -> ActionData:
    """The actions data, checked and cached; raises :class:`ValidationError` with every problem."""
    file = path or data_file("actions.yaml")

    def read() -> ActionData:
        doc = load_yaml(file)
        result = _build(Reader(doc), doc) if doc.data is not None else None
        if result is None or has_errors(doc.issues):
            raise ValidationError(doc.issues)
        return result

    return cached("actions", file, read)


_TOP = ("checked", "topic_needs", "fact_words", "owners", "step_variants", "actions")
_REQUIRED_TOP = ("checked", "topic_needs", "fact_words", "owners", "actions")
COUNCIL = ("works_council", "no_works_council")
_ACTION = (
    "id",
    "horizon",
    "duration",
    "needs",
    "covers",
    "replaces",
    "title",
    "text",
    "notes",
    "who",
    "micro",
    "variants",
)
_ACTION_REQUIRED = ("id", "horizon", "needs", "title", "text", "who")


def _build(r: Reader, doc: YamlDoc) -> ActionData | None:
    m = r.mapping(
        doc.data, (), Bi("der Datei der Schritte", "the actions file"), _TOP, _REQUIRED_TOP
    )
    if m is None or any(k not in m for k in _REQUIRED_TOP):
        return None
    kinds = ("start", "scale")
    where = Bi("'topic_needs'", "'topic_needs'")
    nm = r.mapping(m["topic_needs"], ("topic_needs",), where, kinds, kinds)
    needs: dict[str, dict[str, tuple[str, ...]]] = {k: {} for k in kinds}
    for kind in kinds:
        p: Path_ = ("topic_needs", kind)
        tm = r.mapping((nm or {}).get(kind), p, Bi(f"'{kind}'", f"'{kind}'"), TOPICS, TOPICS)
        for topic, value in (tm or {}).items():
            if topic in TOPICS:
                needs[kind][topic] = _ids(r, value, (*p, topic), NEED_IDS)
    words = _texts(r, m["fact_words"], ("fact_words",), tuple(FACTS))
    om = r.mapping(m["owners"], ("owners",), Bi("'owners'", "'owners'"), ("micro",), ("micro",))
    micro = r.text((om or {}).get("micro"), ("owners", "micro")) if om else None
    variants: dict[str, dict[str, dict[str, Text]]] = {}
    sm = m.get("step_variants", {})
    if not isinstance(sm, dict):
        r.wrong_type(sm, ("step_variants",), Bi("eine Zuordnung", "a mapping"))
        sm = {}
    for step_id, value in sm.items():
        vp: Path_ = ("step_variants", step_id)
        vm = r.mapping(value, vp, Bi("einer Variante", "a variant"), COUNCIL, COUNCIL)
        variants[step_id] = {
            case: _texts(r, vm[case], (*vp, case), ("who", "what"), ("who", "what"))
            for case in COUNCIL
            if vm and case in vm
        }
    actions: dict[str, ActionText] = {}
    for i, item in enumerate(r.seq(m["actions"], ("actions",)) or []):
        action = _action(r, item, ("actions", i))
        if action is not None:
            if action.id in actions:
                r.add("ID_002", ("actions", i, "id"), id=action.id, first="?")
            actions[action.id] = action
    checked = r.string(m["checked"], ("checked",))
    if micro is None or checked is None:
        return None
    return ActionData(actions, needs["start"], needs["scale"], words, micro, variants, checked)


def _action(r: Reader, item: Any, p: Path_) -> ActionText | None:
    a = r.mapping(item, p, Bi("einem Schritt", "an action"), _ACTION, _ACTION_REQUIRED)
    if a is None or any(k not in a for k in _ACTION_REQUIRED):
        return None
    aid = r.ident(a["id"], (*p, "id"))
    horizon = r.choice(a["horizon"], (*p, "horizon"), HORIZONS)
    needs = _ids(r, a["needs"], (*p, "needs"), NEED_IDS)
    covers = _ids(r, a.get("covers", []), (*p, "covers"), None)
    replaces = _ids(r, a.get("replaces", []), (*p, "replaces"), None)
    title = r.text(a["title"], (*p, "title"))
    text = r.text(a["text"], (*p, "text"))
    who = _texts(
        r, a["who"], (*p, "who"), ("default", "micro", "works_council"), ("default", "micro")
    )
    notes = _texts(r, a.get("notes", {}), (*p, "notes"), SITUATIONS)
    micro_title = micro_text = None
    if "micro" in a:
        mm = r.mapping(a["micro"], (*p, "micro"), Bi("'micro'", "'micro'"), ("title", "text"))
        micro_title = r.text(mm["title"], (*p, "micro", "title")) if mm and "title" in mm else None
        micro_text = r.text(mm["text"], (*p, "micro", "text")) if mm and "text" in mm else None
    duration = r.text(a["duration"], (*p, "duration")) if "duration" in a else None
    vm = r.mapping(
        a.get("variants", {}), (*p, "variants"), Bi("'variants'", "'variants'"), SITUATIONS
    )
    variants = {
        case: _texts(
            r, value, (*p, "variants", case), ("title", "text", "duration"), ("title", "text")
        )
        for case, value in (vm or {}).items()
        if case in SITUATIONS
    }
    if aid is None or horizon is None or title is None or text is None or "default" not in who:
        return None
    return ActionText(
        aid,
        horizon,
        needs,
        covers,
        replaces,
        title,
        text,
        who,
        notes,
        micro_title,
        micro_text,
        duration,
        variants,
    )


def _ids(r: Reader, value: Any, p: Path_, allowed: tuple[str, ...] | None) -> tuple[str, ...]:
    out = []
    for i, v in enumerate(r.seq(value, p, nonempty=False) or []):
        s = r.choice(v, (*p, i), allowed) if allowed is not None else r.ident(v, (*p, i))
        if s is not None:
            out.append(s)
    return tuple(out)


def _texts(
    r: Reader, value: Any, p: Path_, allowed: tuple[str, ...], required: tuple[str, ...] = ()
) -> dict[str, Text]:
    m = r.mapping(value, p, Bi(f"'{p[-1]}'", f"'{p[-1]}'"), allowed, required)
    out: dict[str, Text] = {}
    for key, text in (m or {}).items():
        if key in allowed:
            t = r.text(text, (*p, key))
            if t is not None:
                out[key] = t
    return out
