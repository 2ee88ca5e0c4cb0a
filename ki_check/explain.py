"""Sentences that explain a score, shared by the terminal output and the reports."""

from __future__ import annotations

from ki_check import fmt
from ki_check.i18n import pick, tr
from ki_check.profile import SIZE_CLASSES
from ki_check.scoring import BaselineResult, ScoreResult

_REGION = {"DE": ("in Deutschland", "in Germany"), "EU": ("in der EU", "in the EU")}


def baseline_comparison(b: BaselineResult, lang: str = "de") -> str:
    """``2019 nutzten 5,8 % der Unternehmen in Deutschland KI (…). Für kleine …``."""
    region = _REGION.get(b.region, _REGION["DE"])
    share = fmt.percent(b.share, lang)
    text = pick(
        lang,
        f"{b.year} nutzten {share} der Unternehmen {region[0]} KI ({tr(b.label, lang)}).",
        f"In {b.year}, {share} of companies {region[1]} used AI ({tr(b.label, lang)}).",
    )
    if b.size_class and b.size_share is not None:
        label = tr(SIZE_CLASSES[b.size_class], lang)
        size_share = fmt.percent(b.size_share, lang)
        source = tr(b.size_label, lang) if b.size_label else b.size_baseline
        text += " " + pick(
            lang,
            f"Für {label} lag der Anteil {b.size_year} bei {size_share} ({source}).",
            f"For {label} the share was {size_share} in {b.size_year} ({source}).",
        )
    return text


def position_text(b: BaselineResult, lang: str = "de") -> str:
    """``Einordnung: startklar – Ihr Unternehmen …``."""
    head = pick(lang, "Einordnung", "Position")
    return f"{head}: {tr(b.position_label, lang)} – {tr(b.position_sentence, lang)}"


def overall_line(result: ScoreResult, lang: str = "de") -> str:
    """``Gesamt: 51,2 von 100 · Stufe: Gestalter · Abdeckung: 100 %``."""
    cov = fmt.percent(result.coverage, lang, decimals=0)
    if result.overall is None or result.stage is None:
        return pick(
            lang,
            f"Gesamt: keine Bewertung (nichts beantwortet) · Abdeckung: {cov}",
            f"Overall: no score (nothing answered) · Coverage: {cov}",
        )
    score = fmt.number(result.overall, lang)
    stage = tr(result.stage.label, lang)
    return pick(
        lang,
        f"Gesamt: {score} von 100 · Stufe: {stage} · Abdeckung: {cov}",
        f"Overall: {score} of 100 · Stage: {stage} · Coverage: {cov}",
    )
