"""A seeded mutation fuzzer for YAML input: what a hostile user or a faulty disk makes of a file.

Used by ``tests/test_fuzz.py`` (a few hundred mutations per file in CI) and by
``benchmarks/fuzz.py`` (10,000 per command). Pure functions of a seed: a
failing case is reproduced by its file name and seed alone::

    from mutate import mutate
    bad = mutate(Path("questionnaires/kmu-basis.yaml").read_bytes(), seed=4711)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

# Values that YAML reads as another type than the one a field expects, or not at all.
SWAPS = (
    "[a, b]",
    "{x: y}",
    "[]",
    "{}",
    "null",
    "~",
    "true",
    "no",
    "0",
    "-1",
    "1.5",
    ".nan",
    ".inf",
    "-.inf",
    "1.5e+400",
    "9" * 5000,
    "-" + "7" * 40,
    "0x" + "f" * 200,
    "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20",
    "2024-02-30",
    "2024-01-01 10:00:00",
    "!!binary R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7",
    "!!set {a, b}",
    "!!omap [{a: 1}, {b: 2}]",
    "!!python/object/apply:os.system ['true']",
    "!!str",
    "*undefined",
    "&anchor value",
    '"' + "x" * 12_000 + '"',
    "'unclosed",
    '"unclosed',
    "[unclosed",
    "{unclosed: 1",
    "dont_know",
    "not_relevant",
    "/etc/passwd",
    "../../../../etc/hosts.yaml",
    "kmu-basis@" + "9" * 300,
    "<script>alert(1)</script>",
    '=HYPERLINK("http://x","a")',
    "[red]rot[/red]",
    "\x1b[2J",
    ":smile:",
)

UNICODE = (
    "\u202e",  # right-to-left override
    "\u200b",  # zero width space
    "\ufeff",  # a BOM in the middle
    "\x00",
    "\x07",
    "\t",
    "\r",
    "\u2028",
    "🤖",
    "ß",
    "İ",
    "\U0001f600" * 50,
    "ﬀ",
    "\u0301" * 20,  # combining accents
)

_VALUE = re.compile(rb"^(\s*(?:- )?[^\s:#][^:#]*:\s)(\S.*)$")
_NUMBER = re.compile(rb"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _join(lines: list[bytes]) -> bytes:
    return b"\n".join(lines)


def byte_flip(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return _join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines.insert(i, lines[i])
    return _join(lines)


def swap_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return _join(lines)


def shift_indent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    lines[i] = (b" " * rng.choice((1, 2, 4)) + lines[i]) if rng.random() < 0.5 else lines[i][2:]
    return _join(lines)


def swap_type(data: bytes, rng: random.Random) -> bytes:
    """Replace the value of a ``key: value`` line with one of another type."""
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if _VALUE.match(line)]
    if not candidates:
        return byte_flip(data, rng)
    i = rng.choice(candidates)
    m = _VALUE.match(lines[i])
    assert m is not None
    lines[i] = m.group(1) + rng.choice(SWAPS).encode("utf-8")
    return _join(lines)


def huge_number(data: bytes, rng: random.Random) -> bytes:
    matches = list(_NUMBER.finditer(data))
    if not matches:
        return swap_type(data, rng)
    m = rng.choice(matches)
    big = rng.choice((b"9" * rng.choice((20, 31, 400, 4400, 6000)), b"1e+309", b"-0", b"1e-400"))
    return data[: m.start()] + big + data[m.end() :]


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if _VALUE.match(line)] or [0]
    i = rng.choice(candidates)
    depth = rng.choice((50, 500, 3000, 12000))
    opener, closer = rng.choice(((b"[", b"]"), (b"{a: ", b"}")))
    nested = opener * depth + b"x" + closer * depth
    m = _VALUE.match(lines[i])
    lines[i] = (m.group(1) if m else b"tief: ") + nested
    return _join(lines)


def insert_unicode(data: bytes, rng: random.Random) -> bytes:
    pos = rng.randrange(len(data) + 1)
    text = rng.choice(UNICODE).encode("utf-8", "surrogatepass")
    if rng.random() < 0.1:
        text = b"\xed\xa0\x80"  # a lone surrogate: not UTF-8
    return data[:pos] + text + data[pos:]


def rename_key(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    candidates = [i for i, line in enumerate(lines) if _VALUE.match(line)]
    if not candidates:
        return byte_flip(data, rng)
    i = rng.choice(candidates)
    line = lines[i]
    colon = line.index(b":")
    start = len(line) - len(line.lstrip(b" -"))
    if colon <= start:
        return data
    pos = rng.randrange(start, colon)
    lines[i] = line[:pos] + rng.choice((b"x", b"", b"_", b"0", b"-", b"\xc3\xa4")) + line[pos + 1 :]
    return _join(lines)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def many_keys(data: bytes, rng: random.Random) -> bytes:
    n = rng.choice((10, 500, 5000))
    extra = b"".join(b"  k%05d: v\n" % i for i in range(n))
    top = rng.choice((b"notes:\n", b"answers:\n", b"zusatz:\n"))
    return data.rstrip(b"\n") + b"\n" + top + extra


MUTATORS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    byte_flip,
    delete_line,
    duplicate_line,
    swap_lines,
    shift_indent,
    swap_type,
    swap_type,  # the richest source of wrong values: twice as likely
    huge_number,
    deep_nesting,
    insert_unicode,
    rename_key,
    truncate,
    many_keys,
)


def mutate(data: bytes, seed: int) -> bytes:
    """One to three mutations of ``data``, fully determined by ``seed``."""
    rng = random.Random(seed)
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        data = rng.choice(MUTATORS)(data, rng)
    return data


def problem(exit_code: int, exception: BaseException | None, output: str, seconds: float) -> str:
    """What is wrong with one CLI run on mutated input, or ``""``.

    Allowed: exit 0 (the mutation left a valid file) or 2 (a coded message),
    no traceback in the output, at most 10 seconds.
    """
    if exception is not None and not isinstance(exception, SystemExit):
        return f"{type(exception).__name__}: {exception}"[:300]
    if "Traceback" in output:
        return "traceback in the output"
    if exit_code not in (0, 2):
        return f"exit code {exit_code}"
    if seconds > 10:
        return f"took {seconds:.1f} s"
    return ""
