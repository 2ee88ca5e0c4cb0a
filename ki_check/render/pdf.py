"""HTML to PDF: the only module that imports WeasyPrint, and the one edge that writes PDFs.

:func:`write_pdf` is how every document reaches the disk: it asks the view
module of its kind for the HTML (:data:`KINDS`), lays it out with
:func:`html_to_pdf` and writes the bytes atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ki_check.render.fetcher import RestrictedFetcher
from ki_check.util.fsutil import atomic_write_bytes, check_output

if TYPE_CHECKING:
    from ki_check.render.brand import Brand
    from ki_check.render.document import Rendered

# What each kind of document lays out, and the function that turns it into HTML
# (imported on use: a handout does not load the report's view model).
KINDS: dict[str, tuple[str, str, str]] = {
    "report": ("an Assessment", "ki_check.render.report", "report_html_for"),
    "handout": ("a Questionnaire", "ki_check.render.handout", "handout_html_for"),
    "group": ("a GroupSummary", "ki_check.render.group_report", "group_html_for"),
    "portfolio": ("a batch's totals", "ki_check.render.portfolio", "portfolio_html"),
}

VARIANTS = (
    "pdf/ua-1",
    "pdf/ua-2",
    "pdf/a-1b",
    "pdf/a-2b",
    "pdf/a-3b",
    "pdf/a-2u",
    "pdf/a-3u",
    "pdf/a-4u",
    "pdf/a-1a",
    "pdf/a-2a",
    "pdf/a-3a",
    "none",
)

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def pdf_timestamp(as_of: dt.date | None) -> dt.datetime | None:
    """The moment a PDF says it was made: ``SOURCE_DATE_EPOCH`` if set, else the as-of date.

    Either way it does not depend on the clock, so the same input and as-of
    date give the same PDF bytes (reproducible builds' convention).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    if as_of is not None:
        return dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    return None


@contextlib.contextmanager
def _source_date_epoch(when: dt.datetime | None) -> Iterator[None]:
    """Font subsets written by fontTools stamp the clock unless ``SOURCE_DATE_EPOCH`` is set."""
    if when is None or "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_to_pdf(
    html: str,
    *,
    base_dir: Path,
    roots: Iterable[Path],
    variant: str = "pdf/ua-1",
    fetcher: RestrictedFetcher | None = None,
    font_config: object | None = None,
    as_of: dt.date | None = None,
) -> bytes:
    """Lay out ``html`` (resources relative to ``base_dir``) and return the PDF bytes.

    Only files below ``roots`` can be read. ``variant`` is a WeasyPrint PDF
    variant; ``pdf/ua-1`` (tagged, with title and language) is the default,
    ``none`` gives an untagged PDF. A ``font_config`` (WeasyPrint's
    ``FontConfiguration``) may be passed in to be reused across documents.
    The PDF's creation date is :func:`pdf_timestamp` of ``as_of``: the same
    HTML and date give the same bytes.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = fetcher or RestrictedFetcher(roots)
    options: dict[str, object] = {} if variant == "none" else {"pdf_variant": variant}
    if variant.startswith("pdf/a") and not variant.endswith(("a", "ua-1", "ua-2")):
        options["pdf_tags"] = True  # archival and accessible: PDF/A with a structure tree
    when = pdf_timestamp(as_of)
    # Layout allocates heavily; every full garbage collection would also scan all
    # objects loaded before it (questionnaire, catalogues, templates). Freezing
    # them for the duration cuts about a tenth of a report's time.
    gc.freeze()
    try:
        with _source_date_epoch(when):
            source = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
            document = source.render(font_config=font_config or FontConfiguration(), **options)
            if when is not None:
                stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
                document.metadata.created = document.metadata.modified = stamp
            pdf: bytes = document.write_pdf(**options)  # WeasyPrint ships no types
            return pdf
    finally:
        gc.unfreeze()


def document_html(kind: str, view: object, *, lang: str, brand: Brand, **options: Any) -> Rendered:
    """The HTML of the document ``kind`` (see :data:`KINDS`) laid out from ``view``.

    ``options`` go to the kind's view (``full`` for a report, ``trainer`` and
    ``funding`` and ``as_of`` for a handout, ``questionnaire`` and ``named`` for a group).
    """
    import importlib

    _, module, name = KINDS[kind]
    # each kind's function takes its own view type (KINDS names it): the table is the contract
    build: Callable[..., Rendered] = getattr(importlib.import_module(module), name)
    return build(view, lang=lang, brand=brand, **options)


def write_pdf(
    kind: str,
    view: object,
    out: str | Path,
    *,
    lang: str = "de",
    brand: Brand | None = None,
    variant: str = "pdf/ua-1",
    force: bool = False,
    font_config: object | None = None,
    **options: Any,
) -> Rendered:
    """Lay out ``view`` as the document ``kind`` and write the PDF to ``out`` atomically.

    Refuses an existing ``out`` without ``force``. Returns what was rendered.
    Raises :class:`~ki_check.errors.OutputError` for an output that cannot be
    written and :class:`~ki_check.errors.TemplateError` for a broken template.
    """
    from ki_check.render.brand import load_brand

    out = Path(out)
    check_output(out, force)
    rendered = document_html(kind, view, lang=lang, brand=brand or load_brand(None), **options)
    pdf = html_to_pdf(
        rendered.html,
        base_dir=rendered.base_dir,
        roots=rendered.roots,
        variant=variant,
        font_config=font_config,
        as_of=rendered.as_of,
    )
    atomic_write_bytes(out, pdf)
    return rendered
