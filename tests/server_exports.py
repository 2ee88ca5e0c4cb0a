"""Submission exports as KoboToolbox and ODK Central write them, for round-trip tests.

Independent of ``ki_check.interchange.submissions``: the columns come from the XForm that
pyxform makes of our XLSForm (its primary instance, like ODK Central reads the
form's schema), the values from an answer file, following the field names that
``docs/interchange.md`` promises (``{question}_{row}`` for matrix rows,
``{question}_no_number`` for "don't know" on a number).

Shapes (sources in docs/interchange.md):

- Kobo "XML values and headers": every field of the form as ``group/…/name``,
  a select-multiple as the space-separated summary column plus one
  ``…/name/option`` column of ``1``/``0`` for every option of its list (all
  empty when unanswered); then ``_id``, ``_uuid``, ``_submission_time``,
  ``_validation_status``, ``_notes``, ``_status``, ``_submitted_by``,
  ``__version__``, ``_tags``, ``meta/rootUuid``, ``_index``. CSV: ``;``, every
  cell quoted. XLSX: numbers as text (Kobo's default "store numbers as text").
- ODK Central CSV: ``SubmissionDate``, every leaf of the instance as
  ``group-…-name`` (``meta-instanceID`` included), with ``splitSelectMultiples``
  one ``…-name/option`` column (``0``/``1``) per option seen in the data; then
  ``KEY``, ``SubmitterID``, ``SubmitterName``, ``AttachmentsPresent``,
  ``AttachmentsExpected``, ``Status``, ``ReviewState``, ``DeviceID``, ``Edits``,
  ``FormVersion``. Comma-separated, quoted only where needed.
"""

from __future__ import annotations

import csv
import io
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from pyxform.xls2xform import convert

XF = "{http://www.w3.org/2002/xforms}"
KOBO_TAIL = (
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "meta/rootUuid",
    "_index",
)
ODK_TAIL = (
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "AttachmentsPresent",
    "AttachmentsExpected",
    "Status",
    "ReviewState",
    "DeviceID",
    "Edits",
    "FormVersion",
)
GENERATED = ("generated_table_list_label_", "reserved_name_for_field_list_labels_")
SPECIAL = ("dont_know", "not_relevant")


@dataclass
class Form:
    """The leaves of a form's instance and what the body says about them."""

    leaves: list[tuple[str, ...]]
    multiple: dict[tuple[str, ...], list[str]]  # select-multiple path -> its option names
    version: str


def form_of(xlsform: bytes) -> Form:
    """Convert with pyxform and read the instance leaves and the select-multiples."""
    xform = convert(io.BytesIO(xlsform), file_type=".xlsx").xform
    root = ET.fromstring(xform)
    model = root.find(f".//{XF}model")
    assert model is not None
    instances = model.findall(f"{XF}instance")
    primary = next(i for i in instances if "id" not in i.attrib)
    data = next(iter(primary))
    leaves: list[tuple[str, ...]] = []

    def walk(node: ET.Element, path: tuple[str, ...]) -> None:
        children = list(node)
        if not children:
            leaves.append(path)
        for child in children:
            walk(child, (*path, child.tag.replace(XF, "")))

    for child in data:
        walk(child, (child.tag.replace(XF, ""),))
    lists = {
        i.attrib["id"]: [item.findtext(f"{XF}name") for item in i.iter(f"{XF}item")]
        for i in instances
        if "id" in i.attrib
    }
    multiple = {}
    for select in root.iter(f"{XF}select"):
        path = tuple(select.attrib["ref"].split("/")[2:])  # /data/group/name
        itemset = select.find(f"{XF}itemset")
        assert itemset is not None
        list_name = itemset.attrib["nodeset"].split("'")[1]
        multiple[path] = [str(n) for n in lists[list_name]]
    return Form(leaves, multiple, data.attrib.get("version", ""))


def values_of(answer_file: dict, form: Form, ref: str) -> dict[tuple[str, ...], str]:
    """The value of every leaf for one answer file (empty where nothing was answered)."""
    answers = answer_file.get("answers") or {}
    company = answer_file.get("company") or {}
    out: dict[tuple[str, ...], str] = {}
    for path in form.leaves:
        name = path[-1]
        value: object = None
        if name == "questionnaire":
            value = ref
        elif name in ("start", "end"):
            value = f"{answer_file['interview']['date']}T10:00:00.000+01:00"
        elif name == "instanceID":
            value = answer_file["_instance"]
        elif name == "instanceName":  # settings: instance_name = ${name}
            value = company.get("name")
        elif path[0] == "company":
            value = company.get(name)
            if isinstance(value, bool):
                value = "ja" if value else "nein"
        elif len(path) == 3:  # dimension / matrix / matrix_row
            matrix = answers.get(path[1])
            row = name[len(path[1]) + 1 :]
            value = matrix.get(row) if isinstance(matrix, dict) else None
        elif name.endswith("_no_number"):
            answer = answers.get(name[: -len("_no_number")])
            value = answer if answer in SPECIAL else None
        else:
            answer = answers.get(name)
            if path in form.multiple and isinstance(answer, list):
                value = " ".join(answer)
            elif not (isinstance(answer, str) and answer in SPECIAL and _is_number(form, path)):
                value = answer
        out[path] = "" if value is None else _text(value)
    return out


def _is_number(form: Form, path: tuple[str, ...]) -> bool:
    return (*path[:-1], path[-1] + "_no_number") in form.leaves


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def kobo_rows(form: Form, files: list[dict], ref: str) -> list[list[str]]:
    """Header and rows of a Kobo export ("XML values and headers", multiple select "both")."""
    leaves = [p for p in form.leaves if p[0] != "meta" and not p[-1].startswith(GENERATED)]
    header: list[str] = []
    for path in leaves:
        header.append("/".join(path))
        for option in form.multiple.get(path, []):
            header.append("/".join((*path, option)))
    header += KOBO_TAIL
    rows = [header]
    for index, answer_file in enumerate(files, start=1):
        values = values_of(answer_file, form, ref)
        row: list[str] = []
        for path in leaves:
            row.append(values[path])
            chosen = values[path].split()
            for option in form.multiple.get(path, []):
                row.append("" if not chosen else ("1" if option in chosen else "0"))
        uid = answer_file["_instance"].removeprefix("uuid:")
        date = answer_file["interview"]["date"]
        row += [
            str(1000 + index),
            uid,
            f"{date}T09:20:11",
            "",
            "",
            "submitted_via_web",
            "berater1",
            "vQ8rJ2xk",
            "",
            answer_file["_instance"],
            str(index),
        ]
        rows.append(row)
    return rows


def odk_rows(form: Form, files: list[dict], ref: str, *, split: bool) -> list[list[str]]:
    """Header and rows of an ODK Central CSV export (``splitSelectMultiples`` if ``split``)."""
    all_values = [values_of(f, form, ref) for f in files]
    seen: dict[tuple[str, ...], list[str]] = {}
    for path, options in form.multiple.items():
        used = {o for values in all_values for o in values[path].split()}
        seen[path] = [o for o in options if o in used]  # Central knows options from the data
    header = ["SubmissionDate"]
    for path in form.leaves:
        header.append("-".join(path))
        if split:
            header += ["-".join(path) + "/" + o for o in seen.get(path, [])]
    header += ODK_TAIL
    rows = [header]
    for answer_file, values in zip(files, all_values, strict=True):
        date = answer_file["interview"]["date"]
        row = [f"{date}T08:20:11.512Z"]
        for path in form.leaves:
            row.append(values[path])
            if split:
                chosen = values[path].split()
                row += ["1" if o in chosen else "0" for o in seen.get(path, [])]
        row += [
            answer_file["_instance"],
            "5",
            "Erika Beispiel",
            "0",
            "0",
            "",
            "",
            "collect:Xy12",
            "0",
            form.version,
        ]
        rows.append(row)
    return rows


def write_kobo_csv(rows: list[list[str]], path: Path) -> Path:
    """As Kobo writes CSV: ``;`` between cells, every cell in double quotes."""
    lines = ['"' + '";"'.join(c.replace('"', '""') for c in row) + '"' for row in rows]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def write_odk_csv(rows: list[list[str]], path: Path) -> Path:
    """As ODK Central writes CSV: commas, quotes only where a cell needs them."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def write_xlsx(rows: list[list[str]], path: Path, title: str) -> Path:
    """As Kobo writes XLSX: one sheet named after the form, cells as text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def new_instance(seed: str) -> str:
    """A stable ``uuid:…`` instance id per answer file."""
    return "uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, seed))
