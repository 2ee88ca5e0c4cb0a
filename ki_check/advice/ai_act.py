"""The EU AI Act as data: the traffic-light items, their dates, and points to clarify.

``data/ai_act.yaml`` holds the items (literacy, prohibited practices, high-risk
uses, AI in products, transparency), the date of each item under every date
regime (law in force, Digital Omnibus) and what a regime changes. The functions
here are pure: given the levels a questionnaire's signals set, the company's
facts and an as-of date, they say for each item what applies, in the right
tense, and which legal points to clarify — never a blank, never a contradiction
such as "clarify before they apply" next to "applies since".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from ki_check import fmt
from ki_check.diagnostics import Bi, has_errors
from ki_check.errors import ValidationError
from ki_check.i18n import LANGUAGES, Text, pick
from ki_check.questionnaire.model import FACTS
from ki_check.util.cache import cached
from ki_check.util.readers import Path_, Reader
from ki_check.util.resources import data_file
from ki_check.util.yamlsrc import YamlDoc, load_yaml

LEVEL_ORDER = {"green": 0, "amber": 1, "red": 2}
ROLES = ("none", "deployer", "provider")
# the role when no answer shows one and a question that could is still unanswered
UNKNOWN_ROLE = "unknown"
ROLE_FACTS = ("ai_product", "uses_ai", "shadow_ai")
_DATE = Bi("ein Datum JJJJ-MM-TT oder leer (keine Pflicht)", "a date YYYY-MM-DD or empty (no duty)")


class Regime(NamedTuple):
    """A date table: the law in force, or a change that is agreed but not yet in force."""

    id: str
    label: Text
    short: Text
    pending: bool


class RegimeChange(NamedTuple):
    """What a regime changes about an item: a note, a lower ceiling, other texts."""

    note: Text | None = None
    max_level: str | None = None
    summary: Text | None = None
    levels: Mapping[str, Text] = {}


class ActItem(NamedTuple):
    """One obligation of the AI Act for the traffic light.

    ``applies_from`` maps each regime to an ISO date, or to ``None`` where the
    regime sets no duty for the company. ``roles`` limits the item to companies
    in one of these AI Act roles (empty: every company); ``default_level`` is
    its level when it applies and no answer set one. ``provider`` is what
    providers must do on top; ``provider_article`` the articles a provider is
    shown instead of ``article`` (docs/ai-act.md).
    """

    id: str
    article: str
    title: Text
    summary: Text
    applies_from: Mapping[str, str | None]
    levels: Mapping[str, Text]
    roles: tuple[str, ...] = ()
    default_level: str | None = None
    provider: Text | None = None
    changes: Mapping[str, RegimeChange] = {}
    provider_article: str | None = None  # the provider's articles, where they differ
    # the article in each language where the file gives both ("Anhang III" / "Annex III");
    # ``article`` keeps the German form (JSON, archive)
    citation: Text | None = None
    provider_citation: Text | None = None


class ClarifyRule(NamedTuple):
    """A legal point to clarify when the answers show all of ``facts``."""

    id: str
    facts: tuple[str, ...]
    title: Text
    text: Text
    source: str
    url: str
    # the source in each language where the file gives both (a German law's name and
    # its section in English words); ``source`` keeps the German form (JSON)
    cited: Text | None = None


class ActRules(NamedTuple):
    """The AI Act items, the active date regime and every regime's label."""

    regime: str
    regimes: dict[str, Text]
    items: tuple[ActItem, ...]
    checked: str
    regime_info: Mapping[str, Regime] = {}
    clarify: tuple[ClarifyRule, ...] = ()

    def item(self, item_id: str) -> ActItem:
        """The item with this id."""
        return next(i for i in self.items if i.id == item_id)


class ActStatus(NamedTuple):
    """One item as a report shows it on a given day (see :func:`act_statuses`)."""

    id: str
    article: str
    title: Text
    level: str | None
    text: Text
    summary: Text
    date: dt.date | None
    in_force: bool
    when: Text
    pending: tuple[Text, ...] = ()
    provider: Text | None = None
    citation: Text | None = None


# --- pure functions -----------------------------------------------------------------
def act_role(facts: Iterable[str], open_facts: Iterable[str] = ()) -> str:
    """The company's AI Act role: ``provider``, ``deployer``, ``none`` or ``unknown``.

    ``ai_product`` (AI in products it sells, or an AI system under its own name)
    makes it a provider; ``uses_ai`` (AI systems of others, experiments included)
    or ``shadow_ai`` (staff use AI tools for work on their own) a deployer. A
    provider usually deploys as well; the stricter role is named. *None* needs the
    answers to say so: while one of these facts is open (``open_facts``: a
    question that could set it is shown but unanswered) the role is ``unknown``.
    """
    found = set(facts)
    if "ai_product" in found:
        return "provider"
    if "uses_ai" in found or "shadow_ai" in found:
        return "deployer"
    if set(open_facts) & set(ROLE_FACTS):
        return UNKNOWN_ROLE
    return "none"


def when_text(day: dt.date | None, as_of: dt.date, note: Text | None = None) -> Text:
    """``gilt seit 2. Februar 2025`` (on or before ``as_of``) or ``gilt ab …`` (after it).

    Without a date (the regime sets no duty) the ``note`` is the wording.
    """
    if day is None:
        return dict(note or {})
    since = day <= as_of
    return {
        lang: pick(
            lang,
            "gilt seit " if since else "gilt ab ",
            "applies since " if since else "applies from ",
        )
        + fmt.date(day, lang)
        for lang in LANGUAGES
    }


def act_statuses(
    levels: Mapping[str, str],
    facts: Iterable[str],
    as_of: dt.date,
    rules: ActRules | None = None,
) -> tuple[ActStatus, ...]:
    """Each item that applies to the company, with its level, texts and dated wording.

    ``levels`` are the traffic-light levels the questionnaire's signals set
    (``ScoreResult.ai_act``); ``facts`` the company's facts (its role follows
    from them); ``as_of`` decides "gilt seit" or "gilt ab". An item limited to
    roles the company does not have is left out. Under the active regime a
    level above the regime's ``max_level`` is lowered to it. Items whose date or
    duty a pending regime would change carry that as ``pending``. Returns the
    items in the order of the data file.
    """
    rules = rules or load_ai_act()
    facts = frozenset(facts)
    role = act_role(facts)
    out = []
    for item in rules.items:
        if item.roles and role not in item.roles:
            continue
        change = item.changes.get(rules.regime, RegimeChange())
        level = levels.get(item.id) or item.default_level
        if level and change.max_level and LEVEL_ORDER[level] > LEVEL_ORDER[change.max_level]:
            level = change.max_level
        summary = change.summary or item.summary
        text = (change.levels.get(level) or item.levels[level]) if level else summary
        day = _day(item.applies_from.get(rules.regime))
        out.append(
            ActStatus(
                id=item.id,
                article=(item.provider_article or item.article)
                if role == "provider"
                else item.article,
                citation=(item.provider_citation or item.citation)
                if role == "provider" and item.provider_article
                else item.citation,
                title=item.title,
                level=level,
                text=text,
                summary=summary,
                date=day,
                in_force=day is not None and day <= as_of,
                when=when_text(day, as_of, change.note),
                pending=_pending(item, rules),
                provider=item.provider if role == "provider" else None,
            )
        )
    return tuple(out)


def _pending(item: ActItem, rules: ActRules) -> tuple[Text, ...]:
    """``Nach dem Digital-Omnibus (noch nicht in Kraft) gilt dies ab 2. Dezember 2027.``

    One sentence per pending regime, never a fragment (docs/ai-act.md).
    """
    out = []
    active = item.applies_from.get(rules.regime)
    for rid, regime in rules.regime_info.items():
        if rid == rules.regime or not regime.pending:
            continue
        other = item.applies_from.get(rid)
        change = item.changes.get(rid)
        if other == active and change is None:
            continue
        day = _day(other)
        text = {}
        for lang in LANGUAGES:
            name = regime.short.get(lang, regime.short.get("de", rid))
            head = pick(
                lang,
                f"Nach dem {name} (noch nicht in Kraft)",
                f"Under the {name} (not yet in force)",
            )
            note = (change.note if change is not None else None) or {}
            said = note.get(lang, note.get("de", ""))
            if day is not None and other != active:
                when = fmt.date(day, lang)
                what = pick(lang, f"{head} gilt dies ab {when}", f"{head} this applies from {when}")
                text[lang] = f"{what}; {said}." if said else f"{what}."
            else:  # no date under that regime (or the same): its note says what changes
                text[lang] = f"{head}: {said}."
        out.append(text)
    return tuple(out)


def clarify_points(facts: Iterable[str], rules: ActRules | None = None) -> tuple[ClarifyRule, ...]:
    """The legal points to clarify whose facts all hold, in the order of the data file.

    E.g. AI in HR with a works council: co-determination (BetrVG § 87 (1) no. 6);
    AI in HR at all: automated decisions (GDPR Art. 22).
    """
    rules = rules or load_ai_act()
    found = set(facts)
    return tuple(c for c in rules.clarify if set(c.facts) <= found)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# --- loading --------------------------------------------------------------------------
@cache
def load_ai_act(path: Path | None = None) -> ActRules:
    """The AI Act items, regimes and points to clarify, from ``data/ai_act.yaml``.

    Raises :class:`~ki_check.errors.ValidationError` listing every problem.
    """
    file = path or data_file("ai_act.yaml")

    def read() -> ActRules:
        doc = load_yaml(file)
        result = _build(Reader(doc), doc) if doc.data is not None else None
        if result is None or has_errors(doc.issues):
            raise ValidationError(doc.issues)
        return result

    return cached("ai_act", file, read)


def _build(r: Reader, doc: YamlDoc) -> ActRules | None:
    keys = ("checked", "regime", "regimes", "sources", "items", "clarify")
    need = ("regime", "regimes", "items", "checked")
    m = r.mapping(doc.data, (), Bi("der KI-Verordnungs-Datei", "the AI Act file"), keys, need)
    if m is None or any(k not in m for k in need):
        return None
    regimes = _regimes(r, m["regimes"])
    regime = r.choice(m["regime"], ("regime",), tuple(regimes))
    items = []
    for i, value in enumerate(r.seq(m["items"], ("items",)) or []):
        item = _item(r, value, ("items", i), tuple(regimes))
        if item is not None:
            items.append(item)
    clarify = []
    for i, value in enumerate(r.seq(m.get("clarify", []), ("clarify",), nonempty=False) or []):
        rule = _clarify(r, value, ("clarify", i))
        if rule is not None:
            clarify.append(rule)
    checked = r.string(m["checked"], ("checked",))
    if regime is None or checked is None:
        return None
    labels = {k: v.label for k, v in regimes.items()}
    return ActRules(regime, labels, tuple(items), checked, regimes, tuple(clarify))


def _regimes(r: Reader, value: Any) -> dict[str, Regime]:
    out = {}
    where = Bi("'regimes'", "'regimes'")
    for rid, entry in (r.mapping(value, ("regimes",), where, ("current", "omnibus")) or {}).items():
        p: Path_ = ("regimes", rid)
        em = r.mapping(
            entry, p, Bi("einem Regime", "a regime"), ("label", "short", "pending"), ("label",)
        )
        if not em or "label" not in em:
            continue
        label = r.text(em["label"], (*p, "label")) or {}
        short = r.text(em["short"], (*p, "short")) if "short" in em else None
        pending = r.boolean(em.get("pending", False), (*p, "pending"))
        out[rid] = Regime(rid, label, short or label, bool(pending))
    return out


_ITEM_KEYS = (
    "id",
    "article",
    "title",
    "summary",
    "applies_from",
    "levels",
    "roles",
    "default_level",
    "provider",
    "provider_article",
    "changes",
)
_ITEM_NEED = ("id", "article", "title", "summary", "applies_from", "levels")


def _item(r: Reader, value: Any, p: Path_, regimes: tuple[str, ...]) -> ActItem | None:
    im = r.mapping(value, p, Bi("einem Eintrag", "an item"), _ITEM_KEYS, _ITEM_NEED)
    if im is None or any(k not in im for k in _ITEM_NEED):
        return None
    where = Bi("'applies_from'", "'applies_from'")
    dates: dict[str, str | None] = {}
    no_duty = set()
    for rid, day in (
        r.mapping(im["applies_from"], (*p, "applies_from"), where, regimes, regimes) or {}
    ).items():
        dates[rid] = _date(r, day, (*p, "applies_from", rid))
        if day is None:
            no_duty.add(rid)
    levels = _levels(r, im["levels"], (*p, "levels"), required=True)
    changes = {}
    cwhere = Bi("'changes'", "'changes'")
    for rid, ch in (
        r.mapping(im.get("changes", {}), (*p, "changes"), cwhere, regimes) or {}
    ).items():
        changes[rid] = _change(r, ch, (*p, "changes", rid))
        if rid in no_duty and not changes[rid].note:
            r.add("KEY_002", (*p, "changes", rid), at_key=True, key="note", where=cwhere)
    for rid in regimes:
        if rid in no_duty and rid not in changes:
            r.add("KEY_002", (*p, "changes"), key=rid, where=cwhere)
    roles = tuple(
        x
        for i, v in enumerate(r.seq(im.get("roles", []), (*p, "roles"), nonempty=False) or [])
        if (x := r.choice(v, (*p, "roles", i), ROLES[1:])) is not None
    )
    default = (
        r.choice(im["default_level"], (*p, "default_level"), tuple(LEVEL_ORDER))
        if "default_level" in im
        else None
    )
    provider = r.text(im["provider"], (*p, "provider")) if "provider" in im else None
    iid = r.ident(im["id"], (*p, "id"))
    article, citation = _article(r, im, "article", p)
    provider_article, provider_citation = _article(r, im, "provider_article", p)
    title = r.text(im["title"], (*p, "title"))
    summary = r.text(im["summary"], (*p, "summary"))
    if not (iid and article and title and summary):
        return None
    return ActItem(
        iid,
        article,
        title,
        summary,
        dates,
        levels,
        roles,
        default,
        provider,
        changes,
        provider_article,
        citation,
        provider_citation,
    )


def _article(r: Reader, im: dict[str, Any], key: str, p: Path_) -> tuple[str | None, Text | None]:
    """An article as cited (German form) and, where the file gives both, in each language
    ("Anhang III" / "Annex III"); ``(None, None)`` where ``key`` is absent."""
    if key not in im:
        return None, None
    if isinstance(im[key], dict):
        cited = r.text(im[key], (*p, key))
        return (cited["de"] if cited else None), cited
    return r.string(im[key], (*p, key)), None


def _date(r: Reader, value: Any, path: Path_) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    r.wrong_type(value, path, _DATE)
    return None


def _levels(r: Reader, value: Any, p: Path_, required: bool) -> dict[str, Text]:
    need = tuple(LEVEL_ORDER) if required else ()
    found = r.mapping(value, p, Bi("'levels'", "'levels'"), tuple(LEVEL_ORDER), need) or {}
    return {name: r.text(text, (*p, name)) or {} for name, text in found.items()}


def _change(r: Reader, value: Any, p: Path_) -> RegimeChange:
    keys = ("note", "max_level", "summary", "levels")
    cm = r.mapping(value, p, Bi("einer Änderung", "a change"), keys) or {}
    return RegimeChange(
        note=r.text(cm["note"], (*p, "note")) if "note" in cm else None,
        max_level=r.choice(cm["max_level"], (*p, "max_level"), tuple(LEVEL_ORDER))
        if "max_level" in cm
        else None,
        summary=r.text(cm["summary"], (*p, "summary")) if "summary" in cm else None,
        levels=_levels(r, cm["levels"], (*p, "levels"), required=False) if "levels" in cm else {},
    )


def _clarify(r: Reader, value: Any, p: Path_) -> ClarifyRule | None:
    keys = ("id", "facts", "title", "text", "source", "url")
    cm = r.mapping(value, p, Bi("einem Klärungspunkt", "a point to clarify"), keys, keys)
    if cm is None or any(k not in cm for k in keys):
        return None
    facts = tuple(
        x
        for i, v in enumerate(r.seq(cm["facts"], (*p, "facts")) or [])
        if (x := r.choice(v, (*p, "facts", i), tuple(FACTS))) is not None
    )
    cited = r.text(cm["source"], (*p, "source")) if isinstance(cm["source"], dict) else None
    rid, title, text, source, url = (
        r.ident(cm["id"], (*p, "id")),
        r.text(cm["title"], (*p, "title")),
        r.text(cm["text"], (*p, "text")),
        (cited or {}).get("de") if cited is not None else r.string(cm["source"], (*p, "source")),
        r.string(cm["url"], (*p, "url")),
    )
    if rid is None or title is None or text is None or source is None or url is None:
        return None
    if not facts:
        return None
    return ClarifyRule(rid, facts, title, text, source, url, cited)
