"""One writer per answer file: a lock file beside it that says who holds it.

``.<name>.lock`` holds one line of JSON (host, process id, user, since). The
lock itself is the operating system's (``flock`` on POSIX, ``msvcrt.locking``
on Windows), so it ends with the process however that ends — a ``kill -9``
included. A lock file left by a dead process is therefore free: the next
interview takes it over and says so. A second live interview is refused with
the holder's details.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
from pathlib import Path
from typing import Any

from ki_check.diagnostics import Bi
from ki_check.errors import LockedError

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``.<name>.lock`` in the same folder."""
    return path.parent / f".{path.name}.lock"


def _try_lock(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True
    import msvcrt  # pragma: no cover - Windows

    try:  # pragma: no cover - Windows
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:  # pragma: no cover - Windows
        return False
    return True  # pragma: no cover - Windows


def _read(fd: int) -> dict[str, Any]:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        raw = os.read(fd, 4096).decode("utf-8", "replace").strip()
        data = json.loads(raw) if raw else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def describe_holder(info: dict[str, Any], lang: str = "de") -> str:
    """``Rechner x, Prozess 123, seit 24.11.2026 14:03`` (what a lock file says)."""
    host = str(info.get("host") or "?")
    pid = str(info.get("pid") or "?")
    since = str(info.get("since") or "")
    with contextlib.suppress(ValueError):
        when = dt.datetime.fromisoformat(since)
        since = when.strftime("%d.%m.%Y %H:%M") if lang == "de" else when.strftime("%Y-%m-%d %H:%M")
    user = info.get("user")
    if lang == "en":
        who = f"host {host}, process {pid}" + (f", user {user}" if user else "")
        return who + (f", since {since}" if since else "")
    who = f"Rechner {host}, Prozess {pid}" + (f", Benutzer {user}" if user else "")
    return who + (f", seit {since}" if since else "")


class FileLock:
    """The lock of one file; :meth:`acquire` raises :class:`LockedError` if another holds it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.file = lock_path(self.path)
        self.fd: int | None = None
        self.taken_over: dict[str, Any] = {}

    def acquire(self) -> bool:
        """Take the lock; ``False`` if no lock file can be made there (read-only, full disk).

        Without a lock file nothing can be saved in that folder either, so the
        caller goes on and the save itself reports the problem. A lock file
        left by a dead process is taken over (:attr:`taken_over` says whose).
        """
        for _ in range(5):
            try:
                fd = os.open(self.file, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:
                return False
            if not _try_lock(fd):
                info = _read(fd)
                os.close(fd)
                holder = Bi(describe_holder(info, "de"), describe_holder(info, "en"))
                raise LockedError.coded("LOCK_001", self.path, holder=holder)
            # The holder before us may have removed the file while we waited for it:
            # then our lock is on a name that no longer exists; try again.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(self.file))
            except OSError:
                same = False
            if not same:
                os.close(fd)
                continue
            self.taken_over = _read(fd)
            self._write_info(fd)
            self.fd = fd
            return True
        return False

    def _write_info(self, fd: int) -> None:
        try:
            user = getpass.getuser()
        except Exception:  # no user name in a container: leave it out
            user = ""
        info = {
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "user": user,
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, (json.dumps(info, allow_nan=False) + "\n").encode("utf-8"))

    def release(self) -> None:
        """Give the lock up and remove the lock file (nothing happens if not held)."""
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.file)
        with contextlib.suppress(OSError):
            os.close(self.fd)
        self.fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
