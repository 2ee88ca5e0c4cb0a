"""HTML to PDF: the only module that imports WeasyPrint."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from pathlib import Path

from ki_check.render.fetcher import RestrictedFetcher

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


def html_to_pdf(
    html: str,
    *,
    base_dir: Path,
    roots: Iterable[Path],
    variant: str = "pdf/ua-1",
    fetcher: RestrictedFetcher | None = None,
    font_config: object | None = None,
) -> bytes:
    """Lay out ``html`` (resources relative to ``base_dir``) and return the PDF bytes.

    Only files below ``roots`` can be read. ``variant`` is a WeasyPrint PDF
    variant; ``pdf/ua-1`` (tagged, with title and language) is the default,
    ``none`` gives an untagged PDF. A ``font_config`` (WeasyPrint's
    ``FontConfiguration``) may be passed in to be reused across documents.
    """
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = fetcher or RestrictedFetcher(roots)
    options = {} if variant == "none" else {"pdf_variant": variant}
    if variant.startswith("pdf/a") and not variant.endswith(("a", "ua-1", "ua-2")):
        options["pdf_tags"] = True  # archival and accessible: PDF/A with a structure tree
    # Layout allocates heavily; every full garbage collection would also scan all
    # objects loaded before it (questionnaire, catalogues, templates). Freezing
    # them for the duration cuts about a tenth of a report's time.
    gc.freeze()
    try:
        document = HTML(string=html, base_url=base_dir.as_uri() + "/", url_fetcher=fetcher)
        return document.write_pdf(font_config=font_config or FontConfiguration(), **options)
    finally:
        gc.unfreeze()
