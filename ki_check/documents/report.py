"""The advisory report for one company: answers in, assessment computed, PDF out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.questionnaire.model import Questionnaire
from ki_check.render.brand import load_brand
from ki_check.render.document import Rendered
from ki_check.render.report import report_html_for

if TYPE_CHECKING:
    from ki_check.archive.history import HistoryRequest, ReportHistory


class ReportDocument(NamedTuple):
    """What a report shows: the assessment and what the archive added, if anything."""

    assessment: Assessment
    history: ReportHistory | None = None


def report_assessment(
    answers: str | Path,
    *,
    baseline: str | None = None,
    as_of: dt.date | None = None,
    questionnaire: Questionnaire | None = None,
    history: HistoryRequest | None = None,
) -> ReportDocument:
    """Load the answer file (and its questionnaire), assess it, and find its history.

    ``history`` says what to take from the archive (:mod:`ki_check.archive.history`):
    an earlier assessment to compare with and a peer group.
    Raises :class:`~ki_check.errors.ValidationError` for invalid answers,
    :class:`~ki_check.errors.NotFoundError` for a missing file or baseline and
    :class:`~ki_check.errors.KiCheckError` for an archive that cannot be read or an
    earlier assessment that cannot be compared.
    """
    q, af = open_answers(answers, questionnaire)
    a = assess(q, af, baseline=baseline, as_of=as_of)
    if history is None:
        return ReportDocument(a)
    from ki_check.archive.history import report_history

    return ReportDocument(a, report_history(a, history))


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
) -> Rendered:
    """Load, assess and render the report as HTML (no WeasyPrint involved).

    ``full`` keeps the complete listing (every answer with its recommendations,
    every funding verdict); the default fits the page budget of ``docs/report.md``.
    """
    doc = report_assessment(
        answers, baseline=baseline, as_of=as_of, questionnaire=questionnaire, history=history
    )
    return report_html_for(
        doc.assessment, lang=lang, brand=load_brand(brand), full=full, history=doc.history
    )


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
) -> ReportDocument:
    """Write the PDF report to ``out`` atomically; refuses to overwrite without ``force``.

    Returns the assessment the report shows and what it took from the archive. Raises
    :class:`~ki_check.errors.KiCheckError` subclasses for unreadable answers,
    an unknown baseline, a bad brand file, an output that exists or cannot be written,
    an archive that cannot be read or an earlier assessment that cannot be compared.
    """
    from ki_check.render.pdf import write_pdf
    from ki_check.util.fsutil import check_output

    check_output(Path(out), force)  # before the work: an existing file is refused at once
    doc = report_assessment(answers, baseline=baseline, as_of=as_of, history=history)
    b = load_brand(brand)
    write_pdf(
        "report",
        doc.assessment,
        out,
        lang=lang,
        brand=b,
        variant=variant,
        force=force,
        full=full,
        history=doc.history,
    )
    return doc
