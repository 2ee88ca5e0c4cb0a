"""Writing files so that a crash or Ctrl-C never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ki_check.errors import OutputError


def check_output(path: Path, force: bool) -> None:
    """Refuse an output path that exists (without ``force``) or whose folder is missing."""
    if path.is_dir():
        raise OutputError(
            f"{path} ist ein Ordner; bitte einen Dateinamen angeben.",
            f"{path} is a folder; please give a file name.",
        )
    if path.exists() and not force:
        raise OutputError(
            f"{path} existiert bereits. Mit --force überschreiben oder einen anderen Namen wählen.",
            f"{path} already exists. Use --force to overwrite or choose another name.",
        )
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(
            f"Der Ordner {parent} existiert nicht. Bitte zuerst anlegen (mkdir -p {parent}).",
            f"The folder {parent} does not exist. Please create it first (mkdir -p {parent}).",
        )


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder and a rename.

    Readers see either the old file or the complete new one, never a mix.
    """
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    except FileNotFoundError as exc:
        raise OutputError(
            f"Der Ordner {parent} existiert nicht.", f"The folder {parent} does not exist."
        ) from exc
    except PermissionError as exc:
        raise OutputError(
            f"Keine Schreibrechte im Ordner {parent}.", f"No permission to write in {parent}."
        ) from exc
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
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """UTF-8 text, written atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))
