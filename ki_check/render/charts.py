"""SVG charts drawn by our own code: text stays text (searchable, accessible).

WeasyPrint renders inline SVG on its own, without the document's CSS, so
colours and fonts are presentation attributes here. Every label passes
through :func:`markupsafe.escape`; the functions return
:class:`markupsafe.Markup` ready for the (autoescaping) templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

FONT = 'font-family="Inter, sans-serif"'


class Bar(NamedTuple):
    """One bar: label, value (``None`` = no value), text printed at its end."""

    label: str
    value: float | None
    value_text: str
    highlight: bool = False


def bar_chart(
    bars: Sequence[Bar],
    *,
    uid: str,
    title: str,
    description: str,
    colour: str,
    highlight: str,
    maximum: float = 100.0,
    bands: Sequence[float] = (),
    width: int = 640,
    label_width: int = 250,
    row: int = 28,
) -> Markup:
    """Horizontal bars with optional dashed lines (e.g. stage limits) and an axis."""
    top = 6
    value_room = 150 if any(b.value is None or b.highlight for b in bars) else 60
    plot = width - label_width - value_room
    height = top + row * len(bars) + 20
    x0 = label_width
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(description)}</desc>'
    ]
    for b in bands:
        x = x0 + plot * b / maximum
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 17}" stroke="#b8c0cc"'
            f' stroke-width="1" stroke-dasharray="3 3"/>'
        )
    for i, bar in enumerate(bars):
        y = top + i * row
        base = y + row * 0.64
        fill = highlight if bar.highlight else colour
        parts.append(
            f'<text x="{x0 - 8}" y="{base:.1f}" text-anchor="end" font-size="12" fill="#1b1b1b"'
            f" {FONT}>{escape(bar.label)}</text>"
            f'<rect x="{x0}" y="{y + 6}" width="{plot}" height="{row - 12}" rx="3" fill="#eef1f5"/>'
        )
        tx: float = x0 + 6
        if bar.value is not None:
            w = max(plot * min(bar.value, maximum) / maximum, 2.0)
            parts.append(
                f'<rect x="{x0}" y="{y + 6}" width="{w:.1f}" height="{row - 12}" rx="3"'
                f' fill="{fill}"/>'
            )
            tx = x0 + w + 6
        parts.append(
            f'<text x="{tx:.1f}" y="{base:.1f}" font-size="12" font-weight="600" fill="#1b1b1b"'
            f" {FONT}>{escape(bar.value_text)}</text>"
        )
    for v in (0, *bands, maximum):
        x = x0 + plot * v / maximum
        parts.append(
            f'<text x="{x:.1f}" y="{height - 3}" text-anchor="middle" font-size="10" fill="#6b6b6b"'
            f" {FONT}>{v:g}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


class Pair(NamedTuple):
    """One row of a before/after chart: label, both values (``None`` = none), value text."""

    label: str
    before: float | None
    after: float | None
    value_text: str


def change_chart(
    rows: Sequence[Pair],
    *,
    uid: str,
    title: str,
    description: str,
    legend: tuple[str, str],
    colour: str,
    before_colour: str = "#a9b8cc",
    bands: Sequence[float] = (),
    width: int = 640,
    label_width: int = 250,
    row: int = 22,
) -> Markup:
    """Two thin bars per row, the earlier one light above the later one, on 0–100.

    ``legend`` names the two (e.g. the two dates); it is drawn above the bars.
    """
    top = 15
    value_room = 130
    plot = width - label_width - value_room
    height = top + row * len(rows) + 18
    x0 = label_width
    bar = (row - 8) / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}"'
        f' height="{height}" role="img" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(title)}</title>'
        f'<desc id="{uid}-d">{escape(description)}</desc>'
    ]
    lx = x0
    for name, fill in zip(legend, (before_colour, colour), strict=True):
        parts.append(
            f'<rect x="{lx}" y="2" width="10" height="8" rx="1.5" fill="{fill}"/>'
            f'<text x="{lx + 14}" y="9.5" font-size="10" fill="#444" {FONT}>{escape(name)}</text>'
        )
        lx += 14 + round(5.8 * len(name)) + 16  # Inter at 10 px: about 5.8 px a character
    for b in bands:
        x = x0 + plot * b / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - 15}" stroke="#b8c0cc"'
            f' stroke-width="1" stroke-dasharray="3 3"/>'
        )
    for i, r in enumerate(rows):
        y = top + i * row + 3
        parts.append(
            f'<text x="{x0 - 8}" y="{y + row * 0.55:.1f}" text-anchor="end" font-size="11"'
            f' fill="#1b1b1b" {FONT}>{escape(r.label)}</text>'
            f'<rect x="{x0}" y="{y}" width="{plot}" height="{2 * bar + 1:.1f}" rx="2"'
            f' fill="#eef1f5"/>'
        )
        for value, fill, dy in ((r.before, before_colour, 0.0), (r.after, colour, bar + 1)):
            if value is None:
                continue
            w = max(plot * min(value, 100.0) / 100, 1.5)
            parts.append(
                f'<rect x="{x0}" y="{y + dy:.1f}" width="{w:.1f}" height="{bar:.1f}" rx="1.5"'
                f' fill="{fill}"/>'
            )
        parts.append(
            f'<text x="{x0 + plot + 6}" y="{y + row * 0.55:.1f}" font-size="10.5"'
            f' font-weight="600" fill="#1b1b1b" {FONT}>{escape(r.value_text)}</text>'
        )
    for v in (0, *bands, 100):
        x = x0 + plot * v / 100
        parts.append(
            f'<text x="{x:.1f}" y="{height - 3}" text-anchor="middle" font-size="10" fill="#6b6b6b"'
            f" {FONT}>{v:g}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
