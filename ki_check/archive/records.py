"""From an answer file and its score to the record the archive stores (no database here).

A record is identified by the hash of its content (the answers as a canonical
JSON text), so adding the same file twice stores it once. A company is
identified by ``company.id`` where the answer file has one, else by its
normalised name and Bundesland (``name:muster metallbau gmbh/BY``) with a
warning; ``ki-check archive link`` merges two keys of one company.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ki_check import __version__
from ki_check.archive.snapshot import snapshot
from ki_check.assessment.answers import AnswerFile
from ki_check.assessment.profile import size_class
from ki_check.diagnostics import Issue
from ki_check.errors import ValidationError
from ki_check.questionnaire.model import Questionnaire

if TYPE_CHECKING:
    from ki_check.assessment.assess import Assessment

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalise_name(name: str) -> str:
    """A company name reduced to what identifies it: ``Müller & Söhne G.m.b.H.`` →
    ``mueller soehne gmbh`` (case, umlauts, accents, dots and punctuation removed)."""
    s = unicodedata.normalize("NFKC", name).casefold().translate(_UMLAUTS).replace(".", "")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"[^0-9a-z]+", " ", s).strip()


def company_key(af: AnswerFile) -> tuple[str, bool]:
    """``(key, from_id)``: ``id:…`` from ``company.id``, else ``name:…[/Land]``.

    Raises :class:`~ki_check.errors.ValidationError` (``ARCH_001``) when the
    company has neither an id nor a name.
    """
    c = af.company
    if c.id:
        return f"id:{c.id.strip()}", True
    name = normalise_name(c.name or "")
    if not name:
        raise ValidationError([Issue("ARCH_001", str(af.path or "?"), path=("company",))])
    return (f"name:{name}/{c.state}" if c.state else f"name:{name}"), False


def content_data(q: Questionnaire, af: AnswerFile) -> dict[str, Any]:
    """The answer file's data as stored: the questionnaire reference made exact (id@version)."""
    return {**af.to_data(), "questionnaire": q.ref}


class RawJSON(str):
    """JSON text serialised once when the record is built: stored as it is (see
    :func:`dumps`), and a text is no work for the garbage collector while records wait
    for their chunk."""


def canonical_json(data: Any) -> RawJSON:
    """``data`` as canonical JSON text: keys sorted, no spaces, umlauts kept."""
    return RawJSON(
        json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    )


def dumps(value: Any) -> str:
    """The archive's JSON serialiser: :class:`RawJSON` as it is, anything else encoded."""
    if isinstance(value, RawJSON):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def content_hash(data: dict[str, Any] | RawJSON) -> str:
    """SHA-256 (hex) of the canonical JSON text of ``data``: same content, same hash."""
    text = data if isinstance(data, RawJSON) else canonical_json(data)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def assessment_day(af: AnswerFile, today: dt.date | None = None) -> dt.date:
    """The day an assessment describes: the interview date, else ``today``."""
    if af.interview.date:
        return dt.date.fromisoformat(af.interview.date)
    return today or dt.date.today()


@dataclass(frozen=True)
class NewRecord:
    """One assessment ready to store; :func:`build_record` makes it."""

    content_hash: str
    company_key: str
    company_name: str
    state: str | None
    sector: str | None
    size_class: str | None
    employees: int | None
    questionnaire_id: str
    questionnaire_version: str
    as_of: dt.date
    advisor: str | None
    status: str
    overall: float | None
    stage: str | None
    coverage: float
    dimensions: tuple[tuple[str, float | None], ...]
    answers: dict[str, Any] | RawJSON
    result: dict[str, Any] | RawJSON
    ki_check_version: str
    source: str
    key_warning: Issue | None = None
    added_at: dt.datetime | None = None  # kept when a record is pushed; else the time of adding


def build_record(assessment: Assessment, *, source: str = "") -> NewRecord:
    """The record for one assessed answer file (assessed as of its interview day).

    Raises :class:`~ki_check.errors.ValidationError` (``ARCH_001``) for a company
    without id and name. A key made from the name carries a warning
    (``ARCH_002``) in :attr:`NewRecord.key_warning`.
    """
    q, af, result = assessment.questionnaire, assessment.answers, assessment.result
    key, from_id = company_key(af)
    warning = None
    if not from_id:
        warning = Issue("ARCH_002", source or str(af.path or "?"), params={"key": key})
    data = canonical_json(content_data(q, af))
    snap = snapshot(assessment)
    return NewRecord(
        content_hash=content_hash(data),
        company_key=key,
        company_name=af.company.name or "",
        state=af.company.state,
        sector=af.company.sector,
        size_class=size_class(af.company.employees),
        employees=af.company.employees,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        as_of=assessment_day(af, result.as_of),
        advisor=af.interview.advisor,
        status=af.interview.status,
        overall=result.overall,
        stage=result.stage.id if result.stage else None,
        coverage=round(result.coverage, 4),
        dimensions=tuple((d["id"], d["score"]) for d in snap["dimensions"]),
        answers=data,
        result=canonical_json(snap),
        ki_check_version=__version__,
        source=source,
        key_warning=warning,
    )
