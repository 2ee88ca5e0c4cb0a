"""A small on-disk cache of validated content (questionnaires, catalogues).

Reading and checking ``kmu-basis`` and the funding catalogue costs about as
much as Python's start-up; a command like ``ki-check score`` would spend most
of its time re-validating files that have not changed. Validated models are
kept as pickles in the user's cache folder, keyed by the file's absolute
path, size, modification time and the ki-check version, so any change to the
file or the program builds them afresh. The cache is an optimisation only:
if the folder cannot be written or an entry cannot be read, the file is simply
validated again. ``KI_CHECK_CACHE=0`` switches it off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/ki-check`` (default ``~/.cache/ki-check``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ki-check"


def cached(kind: str, path: Path, build: Callable[[], T]) -> T:
    """``build()``'s result for ``path``, from the cache when ``path`` is unchanged."""
    if os.environ.get("KI_CHECK_CACHE", "1") == "0":
        return build()
    from ki_check import __version__

    try:
        stat = path.stat()
    except OSError:
        return build()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{__version__}"
    name = f"{kind}-{hashlib.sha256(key.encode()).hexdigest()[:32]}.pickle"
    entry = cache_dir() / name
    try:
        return pickle.loads(entry.read_bytes())
    except Exception:  # missing, truncated or from an older Python: build anew
        pass
    value = build()
    try:
        from ki_check.fsutil import atomic_write_bytes

        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a read-only home or a full disk must never break a command
        pass
    return value
