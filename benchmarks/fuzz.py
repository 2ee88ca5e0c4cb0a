"""Mutation fuzzing at scale: N mutated inputs each for ``questionnaires validate`` and ``score``.

    python benchmarks/fuzz.py                 # 10,000 per command (about half an hour on 1 core)
    python benchmarks/fuzz.py --n 500         # a quick look
    python benchmarks/fuzz.py --seed 7 --n 1  # reproduce one case (printed with each failure)

Mutations (``tests/mutate.py``) of every bundled questionnaire and every
example answer file are run through the real CLI (``typer.testing.CliRunner``,
one process, as the suite does). ``validate`` gets mutated questionnaires and
answer files in turn; ``score`` gets mutated answer files and, in turn, an
example scored against a mutated questionnaire (``--questionnaire``). A run
fails if it raises (exit code other than 0 or 2, a traceback) or takes over
10 s. Prints the counts and the total time; exit code 1 if anything failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from mutate import mutate, problem  # noqa: E402


def sources() -> tuple[list[Path], dict[str, Path]]:
    """The bundled questionnaires and, per questionnaire id, its example answer file."""
    questionnaires = sorted((ROOT / "questionnaires").glob("*.yaml"))
    examples: dict[str, Path] = {}
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        for line in example.read_text("utf-8").splitlines():
            if line.startswith("questionnaire:"):
                examples[line.split(":", 1)[1].strip().split("@")[0]] = example
    return questionnaires, examples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="mutations per command")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    args = parser.parse_args()

    from typer.testing import CliRunner

    from ki_check.cli import app

    questionnaires, examples = sources()
    answer_files = sorted(examples.values())
    runner = CliRunner()
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    counts = {"validate": [0, 0, 0], "score": [0, 0, 0]}  # runs, failures, hangs
    failures: list[str] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        for i in range(args.n):
            seed = args.seed + i
            for command in ("validate", "score"):
                on_questionnaire = (seed + (command == "score")) % 2 == 0
                pool = questionnaires if on_questionnaire else answer_files
                source = pool[seed % len(pool)]
                target = Path(tmp) / source.name
                target.write_bytes(mutate(source.read_bytes(), seed))
                if command == "validate":
                    cli_args = ["questionnaires", "validate", str(target)]
                elif on_questionnaire:
                    example = examples[source.stem]
                    cli_args = ["score", str(example), "--questionnaire", str(target), "--json"]
                else:
                    cli_args = ["score", str(target)] + (["--json"] if seed % 3 else [])
                t0 = time.perf_counter()
                result = runner.invoke(app, cli_args, env=env)
                seconds = time.perf_counter() - t0
                found = problem(result.exit_code, result.exception, result.output, seconds)
                counts[command][0] += 1
                if found:
                    counts[command][1 if "took" not in found else 2] += 1
                    failures.append(f"{command} {source.name} seed {seed}: {found}")
                    print(failures[-1], flush=True)
            if (i + 1) % 500 == 0:
                print(f"  … {i + 1} of {args.n}  {time.perf_counter() - start:.0f} s", flush=True)
    total = time.perf_counter() - start
    print(f"mutation fuzzing, seeds {args.seed}–{args.seed + args.n - 1}")
    for command, (runs, crashes, hangs) in counts.items():
        print(f"  {command:<9} {runs:6d} runs   tracebacks {crashes}   over 10 s {hangs}")
    print(f"  total {total:.0f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
