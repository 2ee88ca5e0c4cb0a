"""A small on-disk cache of validated content (questionnaires, catalogues).

Reading and checking ``kmu-basis`` and the funding catalogue costs about as
much as Python's start-up; a command like ``ki-check score`` would spend most
of its time re-validating files that have not changed. Validated models are
kept as pickles in the user's cache folder.

What an entry is keyed by — so that it is never used for anything but the
exact input it was built from:

* the **content** (SHA-256) of every file the object depends on: the file
  itself and the catalogues its validation read (a questionnaire's signals
  are checked against ``barriers.yaml`` and ``ai_act.yaml``); a same-size
  edit with the old modification time is a different key;
* the ki-check version and the content of ki-check's own modules, which
  decide what a valid model is.

Why an entry can be trusted: every entry carries an HMAC-SHA256 over its
name and bytes, made with a per-user secret (``key``, 32 random bytes, mode
0600) in a folder of mode 0700. An entry that does not verify — truncated,
from another key, planted by someone else, renamed from another slot — is
never unpickled; the file is validated afresh and the entry rewritten. A
folder or key that others could write is not used at all. Pickle stays
(the models are frozen dataclasses; a JSON round trip would cost more code
and more start-up than the whole cache saves), but only bytes this user's
ki-check wrote and signed reach ``pickle.loads``.

The cache is an optimisation only: if the folder cannot be used or written,
the file is simply validated again. ``KI_CHECK_CACHE=0`` switches it off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")

_MAGIC = b"KICHECK-CACHE-1\n"
_KEY_FILE = "key"
_PACKAGE = Path(__file__).resolve().parent.parent  # ki_check/
# The rooms whose code decides what a valid cached model is: the package's top level
# (diagnostics, limits, i18n) and these subpackages. cli, render, batch, interview,
# interchange and archive only use models; a change there keeps the cache.
_MODEL_ROOMS = ("", "util", "questionnaire", "assessment", "advice", "funding")
_code_digest: str | None = None


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/ki-check`` (default ``~/.cache/ki-check``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ki-check"


def cached(kind: str, path: Path, build: Callable[[], T], deps: Iterable[Path] = ()) -> T:
    """``build()``'s result for ``path``, from the cache when nothing it depends on changed.

    ``deps`` are further files whose content shapes the result (catalogues the
    validation reads). Never raises because of the cache itself.
    """
    if os.environ.get("KI_CHECK_CACHE", "1") == "0":
        return build()
    files = [Path(path), *deps]
    digest = _content_digest(files)
    place = _place() if digest else None
    if digest is None or place is None:
        return build()
    folder, secret = place
    slot = hashlib.sha256(f"{kind}|{os.path.abspath(files[0])}".encode()).hexdigest()[:16]
    name = f"{kind}-{slot}-{digest[:40]}.pickle"
    entry = folder / name
    found, value = _read(entry, name, secret)
    if found:
        # pickle gives no type: an entry signed for this kind and file is what build() made
        return cast(T, value)
    value = build()
    if _content_digest(files) == digest:  # not edited while it was being built
        _write(folder, entry, name, secret, value)
    return value


# --- keys ------------------------------------------------------------------------------
def _content_digest(files: list[Path]) -> str | None:
    """SHA-256 over ki-check's own code and the content of ``files`` (None if unreadable)."""
    h = hashlib.sha256(_code_hash().encode())
    try:
        for file in files:
            data = file.read_bytes()
            h.update(f"\0{len(data)}\0".encode())
            h.update(data)
    except OSError:
        return None
    return h.hexdigest()


def _code_hash() -> str:
    """The version and the modules that decide what a valid model is (once per process).

    Every module of the rooms in ``_MODEL_ROOMS`` is read (about 1 ms): a list of
    the "relevant" modules would drift the day a new module starts shaping a model.
    """
    global _code_digest
    if _code_digest is None:
        from ki_check import __version__

        h = hashlib.sha256(__version__.encode())
        for room in _MODEL_ROOMS:
            folder = os.path.join(str(_PACKAGE), room)
            for name in sorted(n for n in os.listdir(folder) if n.endswith(".py")):  # not glob:
                with open(os.path.join(folder, name), "rb") as fh:  # 5x faster at start-up
                    h.update(f"\0{room}/{name}\0".encode())
                    h.update(fh.read())
        _code_digest = h.hexdigest()
    return _code_digest


# --- the folder and the secret ------------------------------------------------------------
# folder -> (what its and the key's stat said when checked, the secret): a command calls
# cached() about ten times; the checks run again only if either file changed since
_checked: dict[Path, tuple[tuple[int, ...], bytes]] = {}


def _place() -> tuple[Path, bytes] | None:
    """The private cache folder and this user's secret, or ``None`` if not to be used."""
    folder = cache_dir()
    known = _checked.get(folder)
    if known is not None and known[0] == _stamp(folder):
        return folder, known[1]
    private = _private_dir()
    secret = _secret(private) if private else None
    if private is None or secret is None:
        return None
    _checked[folder] = (_stamp(folder), secret)
    return folder, secret


def _stamp(folder: Path) -> tuple[int, ...]:
    """Owner, mode, identity and age of the folder and its key (empty if one is missing)."""
    try:
        infos = (os.stat(folder), os.stat(folder / _KEY_FILE))
    except OSError:
        return ()
    return tuple(
        x for st in infos for x in (st.st_ino, st.st_mode, st.st_uid, st.st_mtime_ns, st.st_size)
    )


def _private_dir() -> Path | None:
    """The cache folder, created 0700; ``None`` if it is not this user's alone."""
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return folder if _private(folder, 0o700) else None
    except OSError:
        return None


def _private(path: Path, mode: int) -> bool:
    """True if ``path`` is this user's and nobody else can write it.

    A path of ours with looser permissions is tightened to ``mode`` first.
    """
    if not hasattr(os, "getuid"):  # Windows: the profile folder is private already
        return True
    info = path.stat()
    if info.st_uid != os.getuid():
        return False
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(path, mode)
        return stat.S_IMODE(path.stat().st_mode) & 0o077 == 0
    return True


def _secret(folder: Path) -> bytes | None:
    """This user's 32-byte signing key, created on first use."""
    key = folder / _KEY_FILE
    try:
        if key.is_file() and _private(key, 0o600):
            data = key.read_bytes()
            if len(data) == 32:
                return data
        data = os.urandom(32)
        tmp = folder / f".{_KEY_FILE}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, key)  # a racing process may win; its entries are then rebuilt
        return data
    except OSError:
        return None


# --- entries ---------------------------------------------------------------------------
def _mac(secret: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(secret, name.encode() + b"\0" + payload, hashlib.sha256).digest()


def _read(entry: Path, name: str, secret: bytes) -> tuple[bool, object]:
    """``(True, value)`` for an entry this user signed for ``name``; else ``(False, None)``."""
    try:
        blob = entry.read_bytes()
    except OSError:
        return False, None
    head = len(_MAGIC) + 32
    if len(blob) < head or not blob.startswith(_MAGIC):
        return False, None
    mac, payload = blob[len(_MAGIC) : head], blob[head:]
    if not hmac.compare_digest(mac, _mac(secret, name, payload)):
        return False, None  # not ours: never unpickled
    try:
        return True, _pickle().loads(payload)
    except Exception:  # ours, but from a Python that pickled differently: rebuild
        return False, None


def _pickle() -> Any:
    """The C pickle module: ``pickle``'s own module body is Python worth ~2 ms of start-up
    that a command which only reads entries never uses."""
    try:
        import _pickle as fast

        return fast
    except ImportError:  # pragma: no cover - another Python implementation
        import pickle

        return pickle


def _write(folder: Path, entry: Path, name: str, secret: bytes, value: object) -> None:
    """Store ``value`` signed; drop older entries of the same file. Errors are ignored."""
    import pickle
    import tempfile

    try:
        payload = _pickle().dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC + _mac(secret, name, payload) + payload)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        prefix = name.rsplit("-", 1)[0] + "-"
        for old in folder.glob(f"{prefix}*.pickle"):
            if old.name != name:
                old.unlink(missing_ok=True)
    except Exception:  # a read-only home, a full disk, an unpicklable value: no cache
        pass
