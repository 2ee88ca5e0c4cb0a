"""What the archive adds to a report: the development since the last assessment and a
peer group of similar companies.

Both are computed here, in the library, and handed to the report, which only lays
them out (``docs/report.md``, "Development and peer group").

**When the archive is read.** The report is handed to the company, so it holds
nothing from the archive that the advisor did not ask for
(:func:`archive_wanted`):

* ``use_archive=True`` (``report --archive``): the archive of ``--db``, else of
  ``KI_CHECK_DB``, else the default file;
* ``use_archive=None`` (neither option): only an archive named by ``--db`` or by
  ``KI_CHECK_DB`` — the default file in the user's data folder is never read on
  its own;
* ``use_archive=False`` (``--no-archive``): none, whatever is set.

``compare`` (``report --compare OLD``) names the earlier assessment itself — an
answer file, or an archive id looked up in the archive ``--db`` names — and takes
the place of the archive's. The earlier assessment must be of the same
questionnaire, from an earlier day and of the same company (:func:`same_company`):
a report must never show another company's figures.

Only SQLAlchemy-free modules are imported at the top: ``score`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, NamedTuple

from ki_check.archive.compare import Comparison, Side, compare, load_side, side_from_row
from ki_check.archive.snapshot import snapshot
from ki_check.assessment.profile import size_class
from ki_check.errors import KiCheckError, ValidationError

if TYPE_CHECKING:
    from ki_check.archive.queries import PeerChoice
    from ki_check.assessment.assess import Assessment

ENV = "KI_CHECK_DB"  # the same variable as ki_check.archive.connection.ENV


class HistoryRequest(NamedTuple):
    """What the advisor asked the report to take from the archive (see the module docstring)."""

    compare: str | None = None  # an answer file or an archive id
    db: str | None = None  # a path or URL, as ``--db``
    use_archive: bool | None = None  # --archive / --no-archive / neither
    min_group: int | None = None  # the peer group's minimum (five or more)


class ReportHistory(NamedTuple):
    """The development and the peer group for one report; either may be ``None``."""

    development: Comparison | None = None
    peers: PeerChoice | None = None
    archive: str | None = None  # the archive that was read (password masked), if any
    peer_position: str | None = None  # where the company lies in the group (queries.POSITIONS)


def archive_wanted(db: str | None, use_archive: bool | None) -> bool:
    """Whether the report reads the archive: asked with ``--archive``, or an archive
    named by ``--db`` or ``KI_CHECK_DB``; never with ``--no-archive``."""
    if use_archive is not None:
        return use_archive
    return db is not None or bool(os.environ.get(ENV))


def assessment_day(a: Assessment) -> dt.date:
    """The day the assessment describes: the interview date, else the as-of date."""
    day = a.answers.interview.date
    return dt.date.fromisoformat(day) if day else a.as_of


def current_side(a: Assessment) -> Side:
    """The assessment of the report as one side of a comparison."""
    af = a.answers
    source = str(af.path) if af.path else ""
    day = assessment_day(a).isoformat()
    return Side(
        source, af.company.name or "", day, snapshot(a), af.interview.advisor, company_key_of(a)
    )


def same_company(earlier: Side, now: Side) -> bool:
    """Whether two sides are of one company: the same ``company.id`` where both have one,
    else the same name (normalised as the archive does: ``docs/archive.md``)."""
    from ki_check.archive.records import normalise_name

    ids = [k for k in (earlier.key, now.key) if k and k.startswith("id:")]
    if len(ids) == 2:
        return ids[0] == ids[1]
    return normalise_name(earlier.company or "") == normalise_name(now.company or "")


def development(earlier: Side, a: Assessment) -> Comparison:
    """The change from ``earlier`` to the assessment ``a``.

    Raises :class:`~ki_check.errors.KiCheckError` when ``earlier`` is of another
    questionnaire, of another company or not from an earlier day.
    """
    now = current_side(a)
    comparison = compare(earlier, now)  # refuses another questionnaire first
    if not same_company(earlier, now):
        raise KiCheckError(
            f"Die frühere Erhebung ({earlier.source}) gehört zu einem anderen Unternehmen"
            f" ({earlier.company}) als diese ({now.company}). Ein Unternehmen mit neuem Namen:"
            " beide Erhebungen mit derselben company.id versehen oder im Archiv mit"
            " 'ki-check archive link' verbinden.",
            f"The earlier assessment ({earlier.source}) belongs to another company"
            f" ({earlier.company}) than this one ({now.company}). A company with a new name:"
            " give both assessments the same company.id or join them in the archive with"
            " 'ki-check archive link'.",
        )
    if earlier.as_of >= now.as_of:
        raise KiCheckError(
            f"Die frühere Erhebung ({earlier.source}, {earlier.as_of}) ist nicht älter als"
            f" diese ({now.as_of}). Bitte bei --compare eine frühere Erhebung angeben.",
            f"The earlier assessment ({earlier.source}, {earlier.as_of}) is not older than"
            f" this one ({now.as_of}). Please give an earlier assessment with --compare.",
        )
    return comparison


def company_key_of(a: Assessment) -> str | None:
    """The archive's key of the company (``id:…`` or ``name:…/Land``), or ``None``."""
    from ki_check.archive.records import company_key

    try:
        return company_key(a.answers)[0]
    except ValidationError:
        return None


def report_history(a: Assessment, request: HistoryRequest) -> ReportHistory:
    """The development and the peer group the report shows for ``a`` (module docstring).

    Raises :class:`~ki_check.errors.ArchiveError` when an archive that was asked
    for cannot be read, :class:`~ki_check.errors.NotFoundError` for an unknown
    ``compare`` reference and :class:`~ki_check.errors.KiCheckError` for one that
    cannot be compared.
    """
    earlier = load_side(request.compare, request.db) if request.compare else None
    if not archive_wanted(request.db, request.use_archive):
        return ReportHistory(development(earlier, a) if earlier else None)

    from ki_check.archive.queries import check_min_group, peer_group_for
    from ki_check.archive.store import open_archive

    min_group = check_min_group(request.min_group)
    key = company_key_of(a)
    company = a.answers.company
    with open_archive(request.db) as archive:
        if earlier is None and key is not None:
            row = archive.previous(key, a.questionnaire.id, assessment_day(a))
            earlier = side_from_row(row) if row else None
        peers = peer_group_for(
            archive,
            questionnaire=a.questionnaire.id,
            sector=company.sector,
            size=size_class(company.employees),
            exclude=key,
            min_group=min_group,
        )
        where = archive.target.display
    from ki_check.archive.queries import peer_position

    spread = peers.group.overall if peers else None
    position = peer_position(a.result.overall, spread) if spread else None
    return ReportHistory(development(earlier, a) if earlier else None, peers, where, position)
