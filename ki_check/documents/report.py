"""The advisory report for one company: answers in, assessment computed, PDF out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ki_check.assessment.answers import open_answers
from ki_check.assessment.assess import Assessment, assess
from ki_check.questionnaire.model import Questionnaire
from ki_check.render.brand import load_brand
from ki_check.render.document import Rendered
from ki_check.render.report import report_html_for


def report_assessment(
    answers: str | Path,
    *,
    baseline: str | None = None,
    as_of: dt.date | None = None,
    questionnaire: Questionnaire | None = None,
) -> Assessment:
    """Load the answer file (and its questionnaire) and assess it.

    Raises :class:`~ki_check.errors.ValidationError` for invalid answers and
    :class:`~ki_check.errors.NotFoundError` for a missing file or baseline.
    """
    q, af = open_answers(answers, questionnaire)
    return assess(q, af, baseline=baseline, as_of=as_of)


def report_html(
    answers: str | Path,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    baseline: str | None = None,
    as_of: dt.date | None = None,
    questionnaire: Questionnaire | None = None,
    full: bool = False,
) -> Rendered:
    """Load, assess and render the report as HTML (no WeasyPrint involved).

    ``full`` keeps the complete listing (every answer with its recommendations,
    every funding verdict); the default fits the page budget of ``docs/report.md``.
    """
    a = report_assessment(answers, baseline=baseline, as_of=as_of, questionnaire=questionnaire)
    return report_html_for(a, lang=lang, brand=load_brand(brand), full=full)


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
) -> Assessment:
    """Write the PDF report to ``out`` atomically; refuses to overwrite without ``force``.

    Returns the assessment the report shows. Raises
    :class:`~ki_check.errors.KiCheckError` subclasses for unreadable answers,
    an unknown baseline, a bad brand file or an output that exists or cannot be written.
    """
    from ki_check.render.pdf import write_pdf
    from ki_check.util.fsutil import check_output

    check_output(Path(out), force)  # before the work: an existing file is refused at once
    a = report_assessment(answers, baseline=baseline, as_of=as_of)
    b = load_brand(brand)
    write_pdf("report", a, out, lang=lang, brand=b, variant=variant, force=force, full=full)
    return a
