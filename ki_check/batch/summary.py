"""What a batch did, counted as it goes.

:class:`BatchSummary` is what :func:`ki_check.batch.run.run_batch` returns: the
counts, the first errors and the exit code they mean. :class:`Tally` keeps it
while the batch runs: it writes each error row to the tables and reports the
counts to the caller's progress display.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ki_check.errors import EXIT_INTERRUPTED, EXIT_PARTIAL

if TYPE_CHECKING:
    from ki_check.batch.output import Outputs
    from ki_check.batch.row_errors import RowError

Progress = Callable[[int, int, int], None]  # done, failed, skipped
KEEP_ERRORS = 200


@dataclass
class BatchSummary:
    """What a batch did."""

    done: int = 0
    failed: int = 0
    skipped: int = 0
    reports: int = 0
    interrupted: bool = False
    out_dir: Path = Path(".")
    errors: list[RowError] = field(default_factory=list)  # the first KEEP_ERRORS
    error_count: int = 0

    @property
    def exit_code(self) -> int:
        """130 when interrupted, else 1 when some inputs failed, else 0."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_PARTIAL if self.failed else 0


class Tally:
    """The batch's counts while it runs: error rows go to the tables and the summary,
    every change of the counts to the progress display."""

    def __init__(self, summary: BatchSummary, outputs: Outputs, progress: Progress | None) -> None:
        self.summary = summary
        self.outputs = outputs
        self.progress = progress

    def error(self, error: RowError) -> None:
        """Write one error row; the summary keeps the first :data:`KEEP_ERRORS`."""
        self.outputs.error(error)
        self.summary.error_count += 1
        if len(self.summary.errors) < KEEP_ERRORS:
            self.summary.errors.append(error)

    def tick(self) -> None:
        """Tell the progress display the counts as they are now."""
        if self.progress is not None:
            s = self.summary
            self.progress(s.done, s.failed, s.skipped)
