"""Worker processes with a time limit per task: a task that takes too long is ended.

A report that hangs inside WeasyPrint's layout cannot be interrupted from
within (an alarm signal only fires between Python bytecodes, and it does not
exist on Windows). Here every worker is a separate process that the parent
ends — SIGTERM, then SIGKILL — when its task passes the limit; a fresh worker
takes its place. Workers are spawned (never forked after WeasyPrint was
imported), run an initializer once (import WeasyPrint, load the brand) and say
when they are ready; a task's clock starts when a ready worker receives it.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections import deque
from collections.abc import Callable, Hashable
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from typing import Any, NamedTuple

Task = Callable[[Any], tuple[bool, object]]  # ok, and a text or a picklable finding


class WorkerError(RuntimeError):
    """Worker processes die before they are ready (their initializer fails)."""


class Outcome(NamedTuple):
    """What became of one task: ``ok`` and a message, or ``timed_out``.

    ``message`` is what the task returned beside ``ok``: a text, or anything
    picklable the caller understands (the batch's coded findings).
    """

    key: Hashable
    ok: bool
    message: Any
    timed_out: bool = False


def _main(conn: Connection, initializer: Callable[..., None], initargs: tuple[object, ...]) -> None:
    """A worker's life: initialise, say ready, then run tasks until told to stop."""
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    # Ended by the parent: leave through Python so temporary files are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    initializer(*initargs)
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        fn, task = message
        try:
            result = fn(task)
        except Exception as exc:  # a bug in one report must not take the batch down
            last = traceback.extract_tb(exc.__traceback__)[-1]
            result = (False, f"{type(exc).__name__}: {exc} ({last.filename}:{last.lineno})")
        conn.send(("done", result))


class _Worker:
    def __init__(
        self, ctx: Any, initializer: Callable[..., None], initargs: tuple[object, ...]
    ) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_main, args=(child, initializer, initargs), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.key: Hashable | None = None
        self.deadline = 0.0

    def stop(self, grace: float = 1.0) -> None:
        """End the process: SIGTERM, then SIGKILL after ``grace`` seconds."""
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(grace)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        with contextlib.suppress(OSError):
            self.conn.close()


class Pool:
    """``jobs`` worker processes; :meth:`submit` tasks, :meth:`collect` their outcomes.

    ``timeout`` is the limit per task in seconds, counted from when a worker
    starts it. Tasks wait in a queue until a worker is free.
    """

    def __init__(
        self,
        jobs: int,
        initializer: Callable[..., None],
        initargs: tuple[object, ...] = (),
        timeout: float = 120,
    ) -> None:
        self._ctx = get_context("spawn")
        self._init = (initializer, initargs)
        self.timeout = timeout
        self.jobs = max(1, jobs)
        self._workers: list[_Worker] = []
        self._queue: deque[tuple[Hashable, Task, Any]] = deque()
        self._failed_starts = 0

    @property
    def pending(self) -> int:
        """Tasks submitted whose outcome has not been collected yet."""
        return len(self._queue) + sum(1 for w in self._workers if w.key is not None)

    def submit(self, key: Hashable, fn: Task, task: Any) -> None:
        """Queue ``fn(task)``; its :class:`Outcome` carries ``key``."""
        self._queue.append((key, fn, task))
        while len(self._workers) < min(self.jobs, self.pending):
            self._workers.append(_Worker(self._ctx, *self._init))
        self._dispatch()

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if worker.ready and worker.key is None:
                key, fn, task = self._queue.popleft()
                worker.conn.send((fn, task))
                worker.key, worker.deadline = key, time.monotonic() + self.timeout

    def collect(self, block: bool = True) -> list[Outcome]:
        """Outcomes that are there (with ``block``, wait for at least one if any is pending)."""
        outcomes: list[Outcome] = []
        while True:
            busy = [w for w in self._workers if w.key is not None]
            now = time.monotonic()
            wait_for = max(0.0, min((w.deadline for w in busy), default=now + 1) - now)
            if not block or outcomes or not self.pending:
                wait_for = 0.0
            sentinels = {w.process.sentinel: w for w in self._workers}
            conns = {w.conn: w for w in self._workers}
            ready = wait([*conns, *sentinels], timeout=wait_for)
            for item in ready:
                if item in conns:
                    self._receive(conns[item], outcomes)
            for item in ready:
                worker = sentinels.get(item)
                if worker is not None and worker in self._workers and not worker.conn.poll():
                    self._lost(worker, outcomes)
            now = time.monotonic()
            for worker in [w for w in self._workers if w.key is not None and w.deadline < now]:
                outcomes.append(Outcome(worker.key, False, "", timed_out=True))
                self._replace(worker)
            self._dispatch()
            if outcomes or not block or not self.pending:
                return outcomes

    def _receive(self, worker: _Worker, outcomes: list[Outcome]) -> None:
        try:
            kind, result = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker, outcomes)
            return
        if kind == "ready":
            worker.ready = True
            self._failed_starts = 0
            return
        ok, message = result
        outcomes.append(Outcome(worker.key, ok, message))
        worker.key = None

    def _lost(self, worker: _Worker, outcomes: list[Outcome]) -> None:
        """A worker died on its own (killed, out of memory): its task failed."""
        worker.process.join(1)
        code = worker.process.exitcode
        if not worker.ready:
            self._failed_starts += 1
            if self._failed_starts >= 3:
                self.close()
                raise WorkerError(f"worker processes cannot start (exit code {code})")
        if worker.key is not None:
            outcomes.append(Outcome(worker.key, False, f"worker process ended (exit code {code})"))
        self._replace(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self._workers.remove(worker)
        if len(self._workers) < min(self.jobs, self.pending):
            self._workers.append(_Worker(self._ctx, *self._init))

    def close(self, wait_for_tasks: bool = False) -> None:
        """Stop every worker; with ``wait_for_tasks``, let running tasks finish first."""
        self._queue.clear()
        if wait_for_tasks:
            while any(w.key is not None for w in self._workers):
                self.collect(block=True)
        for worker in self._workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                worker.conn.send(None)
        for worker in self._workers:
            worker.process.join(0.5)
            worker.stop()
        self._workers.clear()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
