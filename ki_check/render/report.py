"""The advisory report: an assessment in, HTML out (the PDF is written by ``write_pdf``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ki_check.render.brand import Brand
from ki_check.render.document import Rendered, html, logo_url
from ki_check.render.templates import labels, with_scoring
from ki_check.render.view import report_view

if TYPE_CHECKING:
    from ki_check.archive.history import ReportHistory
    from ki_check.assessment.assess import Assessment


def report_html_for(
    assessment: Assessment,
    *,
    lang: str,
    brand: Brand,
    full: bool = False,
    history: ReportHistory | None = None,
) -> Rendered:
    """The report HTML for an assessed company; render only lays out.

    ``full`` keeps the complete listing (every answer with its recommendations,
    every funding verdict); the default fits the page budget of ``docs/report.md``.
    ``history``: the development and peer group found by
    :func:`ki_check.archive.history.report_history`, if any.
    Raises :class:`~ki_check.errors.TemplateError` for a broken brand template.
    """
    t = with_scoring(assessment.questionnaire, labels(lang, brand.templates))
    context = report_view(
        assessment,
        lang=lang,
        labels=t,
        brand=brand,
        logo_url=logo_url(brand),
        full=full,
        history=history,
    )
    return html("report.html", context, brand, as_of=assessment.as_of)
