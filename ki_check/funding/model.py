"""The vocabulary and records of the funding catalogue.

What a programme is (:class:`Programme` with its :class:`Source`,
:class:`Eligibility` and :class:`Amount` records), the words for its codes,
and the EU size classes the rules and amounts use. Reading
``ki_check/data/funding.yaml`` into these records is
:mod:`ki_check.funding.catalogue`.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from ki_check import fmt
from ki_check.i18n import Text

LEVELS = ("eu", "bund", "land")
KINDS = ("grant", "loan", "free_advice", "competition", "equity", "voucher", "stipend", "tax")
STATUSES = ("open", "ended", "closed_call")
SIZES = ("micro", "small", "medium", "large")
# What a programme pays for, in the words of the advice rules (docs/advice.md): an
# action serves one of these needs, and a programme whose ``serves`` names it fits.
NEEDS: dict[str, Text] = {
    "orientation": {
        "de": "Orientierung, erster Anwendungsfall, Ausprobieren vor dem Investieren",
        "en": "orientation, a first use case, test before invest",
    },
    "consulting": {
        "de": "Beratung zu Strategie, Abläufen und Organisation",
        "en": "consulting on strategy, processes and organisation",
    },
    "people": {
        "de": "Arbeitsorganisation, Kompetenzen und Weiterbildung",
        "en": "work organisation, skills and training",
    },
    "implementation": {
        "de": "Kauf und Einführung digitaler oder KI-Lösungen",
        "en": "buying and introducing digital or AI solutions",
    },
    "rnd": {
        "de": "eigene Forschung und Entwicklung, KI in eigenen Produkten",
        "en": "own research and development, AI in own products",
    },
    "founding": {
        "de": "Gründung und frühes Wachstum",
        "en": "founding and early growth",
    },
}
# An entry whose newest dated source is older than this is flagged for checking.
STALE_AFTER_DAYS = 365

KIND_TEXT: dict[str, Text] = {
    "grant": {"de": "Zuschuss", "en": "grant"},
    "loan": {"de": "Darlehen", "en": "loan"},
    "free_advice": {"de": "kostenlose Beratung", "en": "free advice"},
    "competition": {"de": "Wettbewerb", "en": "competition"},
    "equity": {"de": "Beteiligung", "en": "equity"},
    "voucher": {"de": "Gutschein", "en": "voucher"},
    "stipend": {"de": "Stipendium", "en": "stipend"},
    "tax": {"de": "Steuerförderung", "en": "tax incentive"},
}
STATUS_TEXT: dict[str, Text] = {
    "open": {"de": "offen", "en": "open"},
    "ended": {"de": "beendet", "en": "ended"},
    "closed_call": {"de": "keine offene Runde", "en": "no open call"},
}


class Source(NamedTuple):
    """Where a fact comes from, and how recent that source is.

    ``date`` is the page's own date as written (``2025-06-30``, ``2025-06`` or
    ``2025``); an undated page may instead give ``not_before``, the day of the
    newest event it reports (it cannot be older than that). :attr:`day` is the
    earliest day either allows, the date that counts for ``last_verified``.
    """

    title: str
    url: str | None = None
    date: str | None = None
    not_before: dt.date | None = None
    third_party: bool = False

    @property
    def day(self) -> dt.date | None:
        """The earliest day this source can be from, or ``None`` for no date at all."""
        if self.date is not None:
            return earliest_day(self.date)
        return self.not_before

    def when(self, lang: str = "de") -> str:
        """``vom 20.01.2025``, ``von 01/2023``, ``frühestens vom 16.05.2022``; ``""`` if undated."""
        en = lang == "en"
        if self.date is not None:
            shown = show_partial(self.date, lang)
            if en:
                return f"dated {shown}"
            return f"vom {shown}" if len(self.date) == 10 else f"von {shown}"
        if self.not_before is not None:
            day = fmt.date(self.not_before, lang, "medium")
            return f"not before {day}" if en else f"frühestens vom {day}"
        return ""

    def date_text(self, lang: str = "de") -> str:
        """``20.01.2025``, ``01/2023``, ``frühestens 16.05.2022``; ``""`` if undated."""
        if self.date is not None:
            return show_partial(self.date, lang)
        if self.not_before is not None:
            day = fmt.date(self.not_before, lang, "medium")
            return f"not before {day}" if lang == "en" else f"frühestens {day}"
        return ""

    def text(self, lang: str = "de") -> str:
        """``Title (20.01.2025; Dritte) https://…`` – the source as one line."""
        if self.date is not None:
            when = show_partial(self.date, lang)
        elif self.not_before is not None:
            day = fmt.date(self.not_before, lang, "medium")
            when = f"n.d., not before {day}" if lang == "en" else f"ohne Datum, frühestens {day}"
        else:
            when = "n.d." if lang == "en" else "ohne Datum"
        if self.third_party:
            when += "; third party" if lang == "en" else "; Dritte"
        return f"{self.title} ({when})" + (f" {self.url}" if self.url else "")


class Eligibility(NamedTuple):
    """Who may apply; ``None`` or empty means no restriction."""

    sizes: tuple[str, ...] = ()
    min_employees: int | None = None
    max_employees: int | None = None
    max_turnover_eur: float | None = None
    max_balance_sheet_eur: float | None = None
    min_age_years: int | None = None
    max_age_years: int | None = None
    before_founding: bool | None = None
    startup: bool | None = None
    university_spinoff: bool | None = None
    sectors: tuple[str, ...] = ()
    exclude_sectors: tuple[str, ...] = ()


class Amount(NamedTuple):
    """One rate and maximum, for the companies its conditions name.

    ``sizes`` and ``states`` limit it (empty: everyone); ``region`` says that it
    applies only to that part of ``states`` (e.g. the Lüneburg region of
    Niedersachsen). ``cost_cap_eur`` is the most the rate is applied to,
    ``max_eur`` the largest payment (``rate × cap`` when not given).
    """

    rate_pct: float
    up_to: bool = False
    cost_cap_eur: float | None = None
    max_eur: float | None = None
    basis: Text | None = None
    sizes: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    region: Text | None = None

    @property
    def maximum(self) -> float | None:
        """The largest payment under this amount, stated or worked out from rate and cap."""
        if self.max_eur is not None:
            return self.max_eur
        if self.cost_cap_eur is not None:
            return round(self.cost_cap_eur * self.rate_pct / 100, 2)
        return None


class Programme(NamedTuple):
    """One funding programme with its eligibility, terms and sources."""

    id: str
    name: Text
    provider: Text  # who runs it, {de, en}
    level: str
    states: tuple[str, ...]
    kind: str
    status: str
    funds: Text
    rate: Text
    max_eur: float | None
    eligibility: Eligibility
    url: str
    valid_until: dt.date | None  # None: open-ended (written as "open")
    last_verified: dt.date  # the day of the newest dated source (docs/funding-catalogue.md)
    sources: tuple[Source, ...]
    ended_on: dt.date | None = None
    note: Text | None = None
    # the needs (NEEDS) it pays for, and the facts (model.FACTS) the answers must
    # show before it is recommended rather than merely possible
    serves: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    # rates and maxima by size class or region, first match first (funding.amounts)
    amounts: tuple[Amount, ...] = ()

    @property
    def source(self) -> str:
        """All sources as one German line (for callers that print a single text)."""
        return "; ".join(s.text("de") for s in self.sources)

    def newest_source(self) -> Source | None:
        """The source with the newest date (the one ``last_verified`` follows), if any."""
        dated = [(s.day, s) for s in self.sources if s.day is not None]
        return max(dated, key=lambda d: d[0])[1] if dated else None


# --- size classes ----------------------------------------------------------------------
# EU SME definition (Recommendation 2003/361/EC): headcount below the limit and
# turnover or balance sheet total not above its ceiling.
SME_LIMITS = {
    "micro": (10, 2_000_000, 2_000_000),
    "small": (50, 10_000_000, 10_000_000),
    "medium": (250, 50_000_000, 43_000_000),
}
SIZE_TEXT: dict[str, Text] = {
    "micro": {"de": "Kleinstunternehmen", "en": "micro enterprise"},
    "small": {"de": "kleines Unternehmen", "en": "small enterprise"},
    "medium": {"de": "mittleres Unternehmen", "en": "medium-sized enterprise"},
    "large": {"de": "großes Unternehmen", "en": "large enterprise"},
}
SIZE_RULE: dict[str, Text] = {
    "micro": {
        "de": "unter 10 Beschäftigte, bis 2 Mio. € Umsatz oder Bilanzsumme",
        "en": "under 10 staff, up to €2m turnover or balance sheet",
    },
    "small": {
        "de": "unter 50 Beschäftigte, bis 10 Mio. € Umsatz oder Bilanzsumme",
        "en": "under 50 staff, up to €10m turnover or balance sheet",
    },
    "medium": {
        "de": "unter 250 Beschäftigte, bis 50 Mio. € Umsatz oder 43 Mio. € Bilanzsumme",
        "en": "under 250 staff, up to €50m turnover or €43m balance sheet",
    },
    "large": {"de": "ab 250 Beschäftigten", "en": "250 staff or more"},
}
_SIZE_PLURAL: dict[str, dict[str, str]] = {
    "de": {
        "micro": "Kleinstunternehmen",
        "small": "kleine Unternehmen",
        "medium": "mittlere Unternehmen",
        "large": "große Unternehmen",
    },
    "en": {
        "micro": "micro enterprises",
        "small": "small enterprises",
        "medium": "medium-sized enterprises",
        "large": "large enterprises",
    },
}


def eu_size_class(
    employees: int | None, turnover: float | None, balance: float | None
) -> tuple[str | None, bool]:
    """The EU size class and whether it rests on headcount alone (no financial figures).

    Returns ``(None, True)`` when the headcount is unknown. With turnover and
    balance sheet both unknown, the class follows the headcount and the second
    value is ``True``.
    """
    if employees is None:
        return None, True
    money_known = turnover is not None or balance is not None
    for size, (max_staff, max_turnover, max_balance) in SME_LIMITS.items():
        if employees >= max_staff:
            continue
        if not money_known:
            return size, True
        ok_turnover = turnover is not None and turnover <= max_turnover
        ok_balance = balance is not None and balance <= max_balance
        if ok_turnover or ok_balance:
            return size, False
    return "large", not money_known


def size_words(sizes: tuple[str, ...], lang: str) -> str:
    """``kleine und mittlere Unternehmen`` – size classes as a plural phrase."""
    words = [_SIZE_PLURAL[lang if lang == "en" else "de"][s] for s in SIZES if s in sizes]
    joiner = " and " if lang == "en" else " und "
    return joiner.join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else words[0]


# --- partial dates ---------------------------------------------------------------------
def earliest_day(text: str) -> dt.date:
    """The first day a partial date ``YYYY[-MM[-DD]]`` can mean; ValueError otherwise."""
    parts = text.split("-")
    if len(parts) == 3:
        return dt.date.fromisoformat(text)
    if len(parts) in (1, 2) and all(x.isdigit() for x in parts) and len(parts[0]) == 4:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) == 2 else 1, 1)
    raise ValueError(text)


def show_partial(text: str, lang: str) -> str:
    """``20.01.2025`` / ``01/2025`` / ``2025`` (de), ``20 Jan 2025`` / ``Jan 2025`` (en)."""
    parts = text.split("-")
    if len(parts) == 3:
        return fmt.date(text, lang, "medium")
    if len(parts) == 2:
        month = int(parts[1])
        if lang == "en":
            return f"{fmt.SHORT_EN[month - 1]} {parts[0]}"
        return f"{month:02d}/{parts[0]}"
    return parts[0]


def source_date(p: Programme, lang: str = "de") -> str:
    """The newest source's date as written (``12/2025``, ``frühestens 06.11.2025``)."""
    newest = p.newest_source()
    return newest.date_text(lang) if newest else fmt.date(p.last_verified, lang, "medium")


# The tiers' words for old data (docs/advice.md, "Funding tiers"): the first reason of
# a programme that would be recommended but whose newest source is older than 12
# months, and the note after the fit reason of one that does not fit anyway.
STALE: Text = {
    "de": "Angaben älter als 12 Monate – vor einem Antrag prüfen",
    "en": "data older than 12 months – check before applying",
}
STALE_NOTE: Text = {
    "de": "Angaben zudem älter als 12 Monate",
    "en": "data also older than 12 months",
}


# The tiers count the first three actions of the plan (docs/advice.md, "Funding tiers").
TOP_ACTIONS = 3


def ends_text(day: dt.date) -> Text:
    """``läuft am 31.12.2026 aus – Antrag vorher stellen`` – a programme ending soon.

    Said of a programme whose applications end before the horizon of the step it pays
    for is over (docs/advice.md, "Funding tiers").
    """
    return {
        "de": f"läuft am {fmt.date(day, 'de', 'medium')} aus – Antrag vorher stellen",
        "en": f"ends on {fmt.date(day, 'en', 'medium')} – apply before then",
    }
