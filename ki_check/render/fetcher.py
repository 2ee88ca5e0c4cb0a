"""The one URL fetcher WeasyPrint gets: ``data:`` and files below allowed folders only.

WeasyPrint's default fetcher reads any local file a document names — and
embeds it as an attachment for ``<link rel=attachment>``. Company-typed text is
escaped before it reaches HTML, and this fetcher is the second wall: no
http(s), no redirects, no file outside the packaged templates and the brand
folder. Every refused URL is remembered in :attr:`RestrictedFetcher.refused`.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterable
from pathlib import Path
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RestrictedFetcher(URLFetcher):
    """Serve ``data:`` URLs and ``file:`` URLs inside ``roots``; refuse everything else."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"data", "file"}, allow_redirects=False, timeout=5)
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.refused: list[str] = []
        self.served: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            raw = url.split("?", 1)[0].split("#", 1)[0].removeprefix("file://")
            path = Path(url2pathname(raw)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                self.served.append(str(path))
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                if path.suffix == ".otf":
                    mime = "font/otf"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
        self.refused.append(url)
        raise ValueError(f"ki-check does not fetch {url!r}")
