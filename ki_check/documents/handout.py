"""Workshop documents: the questionnaire as a paper form, and a workshop's group summary.

The catalogues they print (baselines, funding programmes, first stops, barriers)
are loaded here and handed to render, which only lays them out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ki_check.advice.content import Barrier, barriers_for, load_first_stops
from ki_check.assessment.baseline import load_baselines
from ki_check.assessment.group import GroupSummary, summarise
from ki_check.batch.workshop import empty_group, load_group
from ki_check.diagnostics import Bi
from ki_check.errors import KiCheckError
from ki_check.funding.catalogue import load_funding
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import Questionnaire
from ki_check.render.brand import load_brand
from ki_check.render.document import Catalogues, Rendered
from ki_check.render.group_report import group_html_for
from ki_check.render.handout import handout_html_for
from ki_check.util.fsutil import check_output


@dataclass(frozen=True)
class HandoutRequest:
    """The options of one ``ki-check handout``: the form, or with ``results`` the group summary."""

    questionnaire: str | Path | Questionnaire
    out: Path
    results: Path | None = None  # a workshop's answers: the group summary
    trainer: bool = False  # the form only
    funding: bool = True  # the form only: False is the short form
    named: bool = False  # the group summary only
    brand: Path | None = None
    as_of: dt.date | None = None
    force: bool = False
    lang: str = "de"


def make_handout(request: HandoutRequest) -> GroupSummary | None:
    """Write the form, or with ``request.results`` the group summary, to ``request.out``.

    Returns the group's summary (what was used and skipped), or ``None`` for the form.
    Raises :class:`~ki_check.errors.KiCheckError` (``USAGE_001``) for an option that
    belongs to the other document, :class:`~ki_check.batch.workshop.EmptyGroupError`
    when no answers of the group can be used, and what the writing raises.
    """
    r = request
    if r.results is None:
        if r.named:
            raise _not_for(
                "--named",
                Bi("für die Gruppenauswertung", "to the group summary"),
                other="--results",
            )
        write_handout(
            r.questionnaire,
            r.out,
            lang=r.lang,
            brand=r.brand,
            trainer=r.trainer,
            as_of=r.as_of,
            force=r.force,
            funding=r.funding,
        )
        return None
    if r.trainer or not r.funding:
        option = "--trainer" if r.trainer else "--no-funding"
        scope = Bi("für den Fragebogen zum Ausfüllen", "to the form to fill in")
        raise _not_for(option, scope, other=Bi("--results nicht", "no --results"))
    return write_group(
        r.questionnaire,
        r.results,
        r.out,
        lang=r.lang,
        brand=r.brand,
        named=r.named,
        as_of=r.as_of,
        force=r.force,
    )


def _not_for(option: str, scope: Bi, *, other: str | Bi) -> KiCheckError:
    """``USAGE_001``: ``option`` applies only ``scope`` (with ``other``)."""
    return KiCheckError.coded("USAGE_001", option=option, scope=scope, other=other)


def _questionnaire(questionnaire: str | Path | Questionnaire) -> Questionnaire:
    if isinstance(questionnaire, Questionnaire):
        return questionnaire
    return load_questionnaire(questionnaire)


def handout_catalogues(funding: bool = True) -> Catalogues:
    """What a form prints beside its questions: the baselines, and with ``funding`` the
    funding catalogue and the free first stops. Raises
    :class:`~ki_check.errors.ValidationError` for a broken bundled catalogue."""
    if not funding:
        return Catalogues(load_baselines())
    return Catalogues(load_baselines(), tuple(load_funding()), tuple(load_first_stops()))


def group_barriers(summary: GroupSummary) -> list[Barrier]:
    """The barriers the group named, most named first, each with the figure that fits
    the questionnaire (a crafts questionnaire reads the crafts figures)."""
    return barriers_for([bid for bid, _ in summary.barriers], summary.questionnaire)


def handout_html(
    questionnaire: str | Path | Questionnaire,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    trainer: bool = False,
    as_of: dt.date | None = None,
    funding: bool = True,
) -> Rendered:
    """The printable form of ``questionnaire`` (bundled id, path or loaded) as HTML.

    ``funding=False`` leaves out the funding landscape (the short form).
    """
    q = _questionnaire(questionnaire)
    return handout_html_for(
        q,
        lang=lang,
        brand=load_brand(brand),
        as_of=as_of or dt.date.today(),
        catalogues=handout_catalogues(funding),
        trainer=trainer,
        funding=funding,
    )


def write_handout(
    questionnaire: str | Path | Questionnaire,
    out: str | Path,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    trainer: bool = False,
    as_of: dt.date | None = None,
    variant: str = "pdf/ua-1",
    force: bool = False,
    funding: bool = True,
) -> Questionnaire:
    """Write the form to the PDF ``out`` atomically; refuses to overwrite without ``force``.

    ``funding=False`` gives the short form without the funding landscape.
    Returns the questionnaire printed.
    """
    from ki_check.render.pdf import write_pdf

    check_output(Path(out), force)
    q = _questionnaire(questionnaire)
    b = load_brand(brand)
    day = as_of or dt.date.today()
    options = {
        "trainer": trainer,
        "funding": funding,
        "as_of": day,
        "catalogues": handout_catalogues(funding),
    }
    write_pdf("handout", q, out, lang=lang, brand=b, variant=variant, force=force, **options)
    return q


def group_summary(
    questionnaire: str | Path | Questionnaire,
    results: str | Path,
    *,
    as_of: dt.date | None = None,
    lang: str = "de",
) -> tuple[Questionnaire, GroupSummary]:
    """Load and score ``results`` (a folder of answer files, or a CSV/XLSX as for ``batch``).

    Returns the questionnaire and the summary; the skipped files or rows carry
    their errors in ``lang``. Raises :class:`~ki_check.batch.workshop.EmptyGroupError`
    (``INPUT_003``, with every skipped one) when no file or row can be used.
    """
    q = _questionnaire(questionnaire)
    day = as_of or dt.date.today()
    participants, skipped = load_group(q, results, as_of=day, lang=lang)
    unit = "rows" if Path(results).is_file() else "files"
    summary = summarise(q, participants, skipped=skipped, as_of=day, unit=unit)
    if not participants:
        raise empty_group(q, Path(results), skipped)
    return q, summary


def group_html(
    questionnaire: str | Path | Questionnaire,
    results: str | Path,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    named: bool = False,
    as_of: dt.date | None = None,
) -> Rendered:
    """Summarise ``results`` (see :func:`group_summary`) and render the summary as HTML."""
    q, summary = group_summary(questionnaire, results, as_of=as_of, lang=lang)
    b = load_brand(brand)
    return group_html_for(
        summary,
        questionnaire=q,
        lang=lang,
        brand=b,
        baselines=load_baselines(),
        barriers=group_barriers(summary),
        named=named,
    )


def write_group(
    questionnaire: str | Path | Questionnaire,
    results: str | Path,
    out: str | Path,
    *,
    lang: str = "de",
    brand: str | Path | None = None,
    named: bool = False,
    as_of: dt.date | None = None,
    variant: str = "pdf/ua-1",
    force: bool = False,
) -> GroupSummary:
    """Write the group summary to the PDF ``out`` atomically (``force`` to overwrite).

    Returns the summary (companies used, files or rows skipped with their reasons).
    """
    from ki_check.render.pdf import write_pdf

    check_output(Path(out), force)
    q, summary = group_summary(questionnaire, results, as_of=as_of, lang=lang)
    b = load_brand(brand)
    options = {
        "questionnaire": q,
        "named": named,
        "baselines": load_baselines(),
        "barriers": group_barriers(summary),
    }
    write_pdf("group", summary, out, lang=lang, brand=b, variant=variant, force=force, **options)
    return summary
