"""A folder of answer files read, checked and scored in worker processes, in order.

Reading YAML, checking and scoring cost about the same per file, and a folder
of ten thousand files is CPU work that two cores halve. The files are sent in
chunks of :data:`CHUNK` to a pool; each worker returns, per file, the record
(errors included) and the scored row — the same :func:`score_row` of the same
``score --json`` object as in one process. Results are handed on in the
folder's order, and at most a few chunks per worker are in flight, so memory
does not grow with the folder. Workers ignore Ctrl-C: the parent decides.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ki_check.assessment.assess import assess
from ki_check.batch.inputs import Record, answer_files, read_answer_file
from ki_check.batch.output import ScoreRow, row_json, score_row
from ki_check.questionnaire.load import load_questionnaire
from ki_check.questionnaire.model import Questionnaire

CHUNK = 100  # files per task: large enough to hide the hand-over, small enough to balance
MIN_FILES = 400  # below this, starting workers costs more than it saves

Scored = tuple[Record, ScoreRow | None]


def scored_folder(
    folder: Path,
    questionnaire: str | None,
    lang: str,
    day: dt.date,
    baseline: str | None,
    jobs: int,
) -> Iterator[Scored]:
    """``(record, row)`` per answer file, in file-name order; ``row`` is ``None`` for errors."""
    files = answer_files(folder)
    if jobs <= 1 or len(files) < MIN_FILES:
        _init(questionnaire, lang, day, baseline, handle_signals=False)
        for file in files:
            yield _unpack(_score_file(file))
        return
    chunks = [files[i : i + CHUNK] for i in range(0, len(files), CHUNK)]
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(_start_method()),
        initializer=_init,
        initargs=(questionnaire, lang, day, baseline),
    )
    try:
        todo = iter(chunks)
        window: deque[Future[list[tuple[Record, ScoreRow | None, str | None]]]] = deque(
            pool.submit(_score_chunk, c) for c in _take(todo, jobs * 3)
        )
        while window:
            results = window.popleft().result()
            for chunk in _take(todo, 1):
                window.append(pool.submit(_score_chunk, chunk))
            for item in results:
                yield _unpack(item)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _take(it: Iterator[list[Path]], n: int) -> list[list[Path]]:
    out = []
    for _ in range(n):
        chunk = next(it, None)
        if chunk is None:
            break
        out.append(chunk)
    return out


def _start_method() -> str:
    """``fork`` where there is one (nothing heavy is loaded without PDFs), else ``spawn``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


# --- in the worker ---------------------------------------------------------------------
_STATE: dict[str, Any] = {}


def _init(
    questionnaire: str | None,
    lang: str,
    day: dt.date,
    baseline: str | None,
    handle_signals: bool = True,
) -> None:
    if handle_signals:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    _STATE.update(
        q=load_questionnaire(questionnaire) if questionnaire else None,
        lang=lang,
        day=day,
        baseline=baseline,
        by_ref={},
    )


def _score_chunk(files: list[Path]) -> list[tuple[Record, ScoreRow | None, str | None]]:
    return [_score_file(file) for file in files]


def _score_file(file: Path) -> tuple[Record, ScoreRow | None, str | None]:
    """The record without its answers (not needed without PDFs), its row, its questionnaire."""
    s = _STATE
    record = read_answer_file(file, s["q"], s["lang"], s["day"], s["by_ref"])
    q = record.questionnaire
    ref = None if q is None else str(q.path) if q.path else q.id
    if record.answers is None or q is None:
        return record._replace(questionnaire=None), None, ref
    assessment = assess(q, record.answers, baseline=s["baseline"], as_of=s["day"])
    name = record.answers.company.name
    row = score_row(row_json(assessment, s["lang"]), record.source, record.key, name)
    return record._replace(answers=None, questionnaire=None), row, ref


_LOADED: dict[str, Questionnaire] = {}


def _unpack(item: tuple[Record, ScoreRow | None, str | None]) -> Scored:
    """Put the questionnaire back (loaded once per run in the parent)."""
    record, row, ref = item
    if ref is None:
        return record, row
    q = _LOADED.get(ref)
    if q is None:
        q = _LOADED[ref] = load_questionnaire(ref)
    return record._replace(questionnaire=q), row
