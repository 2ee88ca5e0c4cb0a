"""The advisory report: answers in, HTML out, and — at the edge — a PDF on disk."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import NamedTuple

from ki_check.archive.history import HistoryRequest, ReportHistory, report_history
from ki_check.assessment.answers import AnswerFile, open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.assessment.scoring import ScoreResult
from ki_check.questionnaire.model import Questionnaire
from ki_check.render.brand import Brand, load_brand
from ki_check.render.templates import (
    environment,
    labels,
    render,
    stylesheet,
    template_dir,
    with_scoring,
)
from ki_check.render.view import report_view
from ki_check.util.fsutil import atomic_write_bytes, check_output


class ReportHtml(NamedTuple):
    """A rendered report before layout: the HTML and what it may load."""

    html: str
    base_dir: Path
    roots: tuple[Path, ...]
    questionnaire: Questionnaire
    answers: AnswerFile
    result: ScoreResult
    assessment: Assessment
    history: ReportHistory | None = None


def report_html(
    answers: str | Path,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    baseline: str | None = None,
    as_of: dt.date | None = None,
    questionnaire: Questionnaire | None = None,
    full: bool = False,
    history: HistoryRequest | None = None,
) -> ReportHtml:
    """Load, assess and render the report as HTML (no WeasyPrint involved).

    ``full`` keeps the complete listing (every answer with its recommendations,
    every funding verdict); the default fits the page budget of ``docs/report.md``.
    ``history`` says what to take from the archive (:mod:`ki_check.archive.history`).
    """
    q, af = open_answers(answers, questionnaire)
    assessment = assess(q, af, baseline=baseline, as_of=as_of)
    found = report_history(assessment, history) if history else None
    return report_html_for(assessment, lang=lang, brand=load_brand(brand), full=full, history=found)


def report_html_for(
    assessment: Assessment,
    *,
    lang: str,
    brand: Brand,
    full: bool = False,
    history: ReportHistory | None = None,
) -> ReportHtml:
    """The report HTML for an assessed company (batch reuses this); render only lays out.

    ``history``: the development and peer group computed by
    :func:`ki_check.archive.history.report_history`, if any.
    """
    env = environment(brand.templates)
    t = with_scoring(assessment.questionnaire, labels(lang, brand.templates))
    logo = brand.logo.as_uri() if brand.logo else None
    context = report_view(
        assessment, lang=lang, labels=t, brand=brand, logo_url=logo, full=full, history=history
    )
    context["css"] = stylesheet(env, "report.css", t)
    html = render(env, "report.html", context)
    roots = tuple(p for p in (template_dir(), brand.root, brand.templates) if p is not None)
    a = assessment
    return ReportHtml(html, template_dir(), roots, a.questionnaire, a.answers, a.result, a, history)


def write_report(
    answers: str | Path,
    out: str | Path,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    baseline: str | None = None,
    as_of: dt.date | None = None,
    variant: str = "pdf/ua-1",
    force: bool = False,
    full: bool = False,
    history: HistoryRequest | None = None,
) -> ReportHtml:
    """Render the PDF report to ``out`` atomically; refuses to overwrite without ``force``.

    ``history`` says what to take from the archive (:mod:`ki_check.archive.history`).
    Raises :class:`~ki_check.errors.KiCheckError` subclasses for unreadable answers,
    an unknown baseline, a bad brand file, an output that exists or cannot be written,
    an archive that cannot be read or an earlier assessment that cannot be compared.
    """
    from ki_check.render.pdf import html_to_pdf

    out = Path(out)
    check_output(out, force)
    rendered = report_html(
        answers, lang=lang, brand=brand, baseline=baseline, as_of=as_of, full=full, history=history
    )
    pdf = html_to_pdf(
        rendered.html,
        base_dir=rendered.base_dir,
        roots=rendered.roots,
        variant=variant,
        as_of=rendered.result.as_of,
    )
    atomic_write_bytes(out, pdf)
    return rendered
