"""Data rows of a large XLSX sheet written as XML text, then spliced into openpyxl's workbook.

openpyxl builds everything that needs care — styles, sheet views, column
widths, auto-filters, conditional formatting, the package's relationships —
and we keep it for that. Writing ten thousand rows through its cell objects,
though, costs more than scoring the companies. A data row is only
``<row><c r="A2" t="inlineStr"><is><t>…</t></is></c><c r="C2" s="1"><v>36.0</v></c></row>``,
so :class:`RowWriter` streams rows like that to a part file, and
:func:`splice` puts them into the ``<sheetData>`` of the sheet openpyxl wrote
(header row included), one zip entry at a time: memory stays flat.

Cells are inline strings or numbers, never formulas; characters XML 1.0
cannot carry are dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from ki_check.batch.row_errors import column_letter
from ki_check.util.cells import safe_cell

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LETTERS = [column_letter(i) for i in range(256)]


class RowWriter:
    """Rows for one sheet, written to ``path`` as ``<row>`` elements (from row 2 on)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fh = path.open("w", encoding="utf-8", newline="")
        self.row = 1  # the header row is openpyxl's
        self.width = 0

    def append(self, cells: Sequence[tuple[Any, int]]) -> None:
        """One row of ``(value, style id)``; ``None`` leaves a cell empty."""
        self.row += 1
        n = self.row
        parts = [f'<row r="{n}">']
        for i, (value, style) in enumerate(cells):
            if value is None or value == "":
                continue
            ref = f"{_LETTERS[i]}{n}"
            s = f' s="{style}"' if style else ""
            if isinstance(value, bool):
                parts.append(f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, int | float):
                parts.append(f'<c r="{ref}"{s}><v>{value!r}</v></c>')
            else:
                text = escape(_ILLEGAL.sub("", str(value)))
                space = ' xml:space="preserve"' if text != text.strip() else ""
                parts.append(f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>')
        parts.append("</row>")
        self.width = max(self.width, len(cells))
        self.fh.write("".join(parts))

    def close(self) -> None:
        """Flush and close the part file (idempotent)."""
        if not self.fh.closed:
            self.fh.close()


def splice(workbook: bytes, rows: dict[int, RowWriter], target: Path) -> None:
    """Write ``workbook`` to ``target`` with each sheet's rows added (sheet index → rows).

    ``target`` is written in place; callers write to a temporary name and rename.
    """
    with (
        zipfile.ZipFile(_bytes_io(workbook)) as source,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            index = _sheet_index(info.filename)
            writer = rows.get(index) if index is not None else None
            if writer is None or writer.row == 1:
                out.writestr(info, data)
                continue
            writer.close()
            xml = data.decode("utf-8")
            head, sep, tail = xml.partition("</sheetData>")
            if not sep:  # openpyxl wrote <sheetData /> for an empty sheet: not ours
                out.writestr(info, data)
                continue
            last = _LETTERS[max(writer.width, 1) - 1]
            head = re.sub(
                r'<dimension ref="[^"]*"', f'<dimension ref="A1:{last}{writer.row}"', head
            )
            with out.open(info.filename, "w") as entry:
                entry.write(head.encode("utf-8"))
                with writer.path.open("rb") as part:
                    while chunk := part.read(1 << 20):
                        entry.write(chunk)
                entry.write((sep + tail).encode("utf-8"))


def _sheet_index(name: str) -> int | None:
    m = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", name)
    return int(m.group(1)) - 1 if m else None


def _bytes_io(data: bytes) -> io.BytesIO:
    return io.BytesIO(data)


def header_row(sheet: Any, names: list[str], widths: list[int]) -> None:
    """A bold, wrapped header row of openpyxl's ``sheet`` and its column widths."""
    from openpyxl.styles import Alignment, Font

    sheet.append([safe_cell(n) for n in names])
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = wrap
    for i, width in enumerate(widths):
        sheet.column_dimensions[column_letter(i)].width = width
