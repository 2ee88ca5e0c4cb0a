"""Writing files so that a crash, a kill or a full disk never leaves half a file behind.

:func:`atomic_write_bytes` writes a temporary file beside the target, syncs it
to disk, renames it over the target and syncs the folder: a reader sees the
old file or the complete new one. The temporary file is called
``.<name>.<pid>-<random>.tmp``; one whose process no longer runs (killed with
``kill -9``, say) is removed by :func:`remove_stale_temps` on the next run.
Every ``OSError`` on the way (read-only file system, full disk, no permission)
becomes a :class:`~ki_check.errors.WriteError` that names the file and the fix.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
import time
from pathlib import Path

from ki_check.errors import OutputError, WriteError

TEMP_RE = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp$")
# On Windows a process id cannot be probed without side effects: a temporary
# file counts as stale once it is this old.
STALE_AFTER_S = 3600


def _folder(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def check_output(path: Path, force: bool) -> None:
    """Refuse an output path that exists (without ``force``), is read-only or has no folder.

    Also removes temporary files a killed earlier run left beside ``path``.
    Raises :class:`~ki_check.errors.OutputError`.
    """
    try:
        _check_output(path, force)
    except OSError as exc:  # a folder on the way that may not be entered
        raise write_error(exc, path) from None


def _check_output(path: Path, force: bool) -> None:
    if path.is_dir():
        raise OutputError.coded("OUT_001", path=path)
    if path.exists() and not force:
        raise OutputError.coded("OUT_002", path=path)
    parent = _folder(path)
    if not parent.is_dir():
        raise OutputError.coded("OUT_003", folder=parent)
    refuse_writing_into(parent, path)
    refuse_read_only(path)
    remove_stale_temps(parent, path.name)


def refuse_writing_into(folder: Path, path: Path) -> None:
    """Raise :class:`~ki_check.errors.WriteError` if nothing can be written in ``folder``.

    Checked before a long render, so a read-only or forbidden folder is named
    at once (a full disk shows only when writing).
    """
    if os.access(folder, os.W_OK | os.X_OK):
        return
    code = errno.EROFS if _read_only_fs(folder) else errno.EACCES
    raise write_error(OSError(code, os.strerror(code)), path)


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def refuse_read_only(path: Path) -> None:
    """Raise :class:`~ki_check.errors.WriteError` if ``path`` exists and may not be written.

    A file someone made read-only is never silently replaced (a rename in a
    writable folder would otherwise do exactly that); a read-only file system
    or a file of someone else is named as such.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if mode & 0o222 and os.access(path, os.W_OK):
        return
    if _read_only_fs(_folder(path)):
        raise write_error(OSError(errno.EROFS, os.strerror(errno.EROFS)), path)
    if mode & 0o222:
        raise write_error(OSError(errno.EACCES, os.strerror(errno.EACCES)), path)
    raise _write_error(path, errno.EACCES, "OUT_009", path=path)


def write_error(exc: OSError, path: Path) -> WriteError:
    """The :class:`~ki_check.errors.WriteError` for an ``OSError`` while writing ``path``."""
    folder = _folder(path)
    code = exc.errno or 0
    if code == errno.EROFS:
        return _write_error(path, code, "OUT_004", folder=folder)
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return _write_error(path, code, "OUT_005", path=path)
    if code in (errno.EACCES, errno.EPERM):
        return _write_error(path, code, "OUT_006", path=path, folder=folder)
    if code == errno.ENOENT:
        return _write_error(path, code, "OUT_003", folder=folder)
    if code == errno.ENAMETOOLONG:
        return _write_error(path, code, "OUT_007", path=f"{str(path)[:80]}…")
    reason = exc.strerror or type(exc).__name__
    return _write_error(path, code, "OUT_008", path=path, reason=reason)


def _write_error(target: Path, code: int, diagnostic: str, **params: object) -> WriteError:
    """A :class:`~ki_check.errors.WriteError` for ``target`` with the diagnostics code that
    says why (``params`` fill its message and fix); returns it."""
    from ki_check.diagnostics import Issue

    issue = Issue(diagnostic, "", params=params)
    return WriteError(target, code, diagnostic, diagnostic).attach(issue)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a synced temporary file in the same folder and a rename.

    Readers see either the old file or the complete new one, never a mix; the
    folder is synced after the rename so the new name survives a power cut.
    Raises :class:`~ki_check.errors.WriteError` when the file cannot be
    written (read-only target or file system, full disk, no permission); the
    temporary file is removed then, and the old file is left as it was.
    """
    path = Path(path)
    parent = _folder(path)
    refuse_read_only(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".tmp", dir=parent)
    except OSError as exc:
        raise write_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_error(exc, path) from None
        raise
    fsync_folder(parent)


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text, written atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def fsync_folder(folder: Path) -> None:
    """Sync a folder's entries to disk (after a rename); a no-op where folders cannot be opened."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return  # Windows cannot open folders; its renames are journaled by NTFS
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine (``True`` when unsure)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def remove_stale_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Delete our temporary files in ``folder`` whose writing process is gone.

    With ``name``, only those for that target file. Returns what was removed.
    A file of a process that still runs (another interview or batch) is kept.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        m = TEMP_RE.match(entry.name)
        if m is None or (name is not None and m["name"] != name):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if pid_alive(int(m["pid"])) and not (os.name == "nt" and age > STALE_AFTER_S):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed
