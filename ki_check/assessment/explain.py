"""Sentences that explain a score, shared by the terminal output and the reports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ki_check import fmt
from ki_check.assessment.profile import SIZE_CLASSES
from ki_check.i18n import pick, plural, tr

if TYPE_CHECKING:  # words results, never computes them
    from ki_check.assessment.baseline import Baseline, BaselineResult, BaselineSet
    from ki_check.assessment.scoring import ScoreResult

_REGION = {"DE": ("in Deutschland", "in Germany"), "EU": ("in der EU", "in the EU")}


def baseline_sentences(b: BaselineResult, lang: str = "de") -> list[str]:
    """Where the company's peers stand today, then the chosen figure framed by its year.

    Today's figure comes first: for the company's size class (``Für kleine
    Unternehmen (10–49 Beschäftigte) lag der Anteil 2024 bei 17 % …``), for a
    headcount band of the source (micro firms), or, with the headcount unknown,
    the newest overall figure. Then the chosen figure with what it stands for
    (``Ausgangspunkt der KI-Strategie der Bundesregierung: 2019 nutzten 5,8 % …``)
    and, when a newer figure exists, that it is a figure of its year. Returns
    two to four sentences; never raises.
    """
    out = []
    now = b.current
    newer = now is not None and now.baseline.year > b.year
    if now is not None:
        share = fmt.percent(now.share, lang)
        source = tr(now.baseline.label, lang)
        period = now.baseline.when
        group = (
            tr(now.group, lang)
            if now.group
            else tr(SIZE_CLASSES[now.size_class], lang)
            if now.size_class
            else None
        )
        if group:
            out.append(
                pick(
                    lang,
                    f"Für {group} lag der Anteil {period} bei {share} ({source}).",
                    f"For {group} the share was {share} in {period} ({source}).",
                )
            )
            if now.note:
                out.append(tr(now.note, lang))
        else:
            out.append(
                pick(
                    lang,
                    f"Neueste Vergleichszahl: {period} nutzten {share} der Unternehmen KI"
                    f" ({source}); ohne Beschäftigtenzahl ist kein Vergleich mit der eigenen"
                    " Größenklasse möglich.",
                    f"Newest figure: in {period}, {share} of companies used AI ({source});"
                    " without the headcount no comparison with the company's size class"
                    " is possible.",
                )
            )
    out.append(_chosen_figure(b, newer, lang))
    return out


def _chosen_figure(b: BaselineResult | Baseline, newer: bool, lang: str) -> str:
    """The chosen figure with what it stands for, and, when ``newer`` figures exist, that
    it is a figure of its year (``Ausgangspunkt der KI-Strategie …: 2019 nutzten 5,8 % …``)."""
    region = _REGION.get(b.region, _REGION["DE"])
    share = fmt.percent(b.share, lang)
    text = pick(
        lang,
        f"{b.year} nutzten {share} der Unternehmen {region[0]} KI ({tr(b.label, lang)}).",
        f"In {b.year}, {share} of companies {region[1]} used AI ({tr(b.label, lang)}).",
    )
    if b.role:
        text = f"{tr(b.role, lang)}: {text}"
    if newer:
        text += " " + pick(
            lang,
            f"Diese Zahl stammt aus dem Jahr {b.year} und beschreibt nicht den heutigen Stand.",
            f"This is a figure from {b.year} and does not describe today's situation.",
        )
    return text


def portfolio_baseline_sentences(
    data: BaselineSet,
    baseline_id: str | None,
    adopters: int,
    count: int,
    as_of: dt.date,
    lang: str = "de",
) -> list[str]:
    """The portfolio's share of AI adopters framed as the report frames a company's.

    First the portfolio's own figure (``Im Portfolio nutzen 2 von 5 Unternehmen KI
    (40 %).``), then the newest overall figure of the region published by
    ``as_of`` (the figures by size class are in each company's report), then
    the chosen figure (``baseline_id``, the default when ``None``) with what it
    stands for and, when a newer figure exists, that it is a figure of its year.
    Returns two or three sentences; raises
    :class:`~ki_check.errors.NotFoundError` for an unknown ``baseline_id``.
    """
    chosen = data.get(baseline_id)
    share = fmt.percent(adopters / count if count else 0.0, lang)
    out = [
        pick(
            lang,
            f"Im Portfolio nutzen {adopters} von {count} Unternehmen KI ({share}).",
            f"In the portfolio, {adopters} of {plural(count, 'company', 'companies')} use AI"
            f" ({share}).",
        )
    ]
    now = data.current_figure(chosen, None, as_of)  # no headcount: the newest overall figure
    if now is not None:
        out.append(
            pick(
                lang,
                f"Neueste Vergleichszahl: {now.baseline.when} nutzten"
                f" {fmt.percent(now.share, lang)} der Unternehmen KI"
                f" ({tr(now.baseline.label, lang)}); die Zahl für die Größenklasse jedes"
                " Unternehmens steht in seinem Bericht.",
                f"Newest figure: in {now.baseline.when}, {fmt.percent(now.share, lang)} of"
                f" companies used AI ({tr(now.baseline.label, lang)}); the figure for each"
                " company's size class is in its report.",
            )
        )
    out.append(_chosen_figure(chosen, now is not None and now.baseline.year > chosen.year, lang))
    return out


def baseline_comparison(b: BaselineResult, lang: str = "de") -> str:
    """The sentences of :func:`baseline_sentences` as one paragraph."""
    return " ".join(baseline_sentences(b, lang))


def position_text(b: BaselineResult, lang: str = "de") -> str:
    """``Einordnung: startklar – Ihr Unternehmen …``."""
    head = pick(lang, "Einordnung", "Position")
    return f"{head}: {tr(b.position_label, lang)} – {tr(b.position_sentence, lang)}"


def overall_line(result: ScoreResult, lang: str = "de", provisional: bool = False) -> str:
    """``Gesamt: 51,2 von 100 · Stufe: Gestalter · Abdeckung: 100 %``.

    ``provisional`` marks score and stage ``(vorläufig)`` (``docs/advice.md``).
    """
    cov = fmt.percent(result.coverage, lang, decimals=0)
    if result.overall is None or result.stage is None:
        return pick(
            lang,
            f"Gesamt: keine Bewertung (nichts beantwortet) · Abdeckung: {cov}",
            f"Overall: no score (nothing answered) · Coverage: {cov}",
        )
    score = fmt.number(result.overall, lang, result.decimals)
    stage = tr(result.stage.label, lang)
    if provisional:
        mark = pick(lang, " (vorläufig)", " (provisional)")
        score, stage = score + mark, stage + mark
    return pick(
        lang,
        f"Gesamt: {score} von 100 · Stufe: {stage} · Abdeckung: {cov}",
        f"Overall: {score} of 100 · Stage: {stage} · Coverage: {cov}",
    )
