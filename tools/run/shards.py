"""Split the acceptance run into N shards, run them, merge their outputs into one report.

On N machines (CI matrix), each machine runs one shard and keeps its own output::

    ./run-acceptance.sh --shard 2/3 --outputdir results/shards/shard-2

and one job merges them::

    .venv/bin/python -m tools.run.shards merge results/shards/shard-*/output.xml --outputdir results/merged

On one machine, ``run`` does both (the shards one after the other, each with its own embedded
reference service unless ``PERMISO_BASE_URL`` is set)::

    .venv/bin/python -m tools.run.shards run --shards 3 [--outputdir results/shards] [-- --include smoke]

``compare MERGED REFERENCE`` checks that two outputs hold the same tests (e.g. the merged shards
and a single run). pabot's ``--shard i/N`` splits its ordered list of execution items (suite
files, or tests with ``--testlevelsplit``) into N consecutive parts; every shard runs the root
suite's set-up. ``merge`` refuses shards that
ran the same test twice and otherwise uses ``rebot --merge``, which grafts every shard's tests into
one suite tree (tests from the second shard on carry the note "Test added from merged output").
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from tools import ROOT

PYTHON = sys.executable
DEFAULT_OUTPUT = ROOT / "results" / "shards"
RUN_ACCEPTANCE = [PYTHON, "-m", "tools.run.acceptance"]


def test_names(output: Path, include: list[str] | None = None) -> list[str]:
    """Full names of the tests in a Robot output.xml (only those with an ``include`` tag, if given)."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    tests = ExecutionResult(str(output)).suite.all_tests
    return [test.full_name for test in tests if not include or any(test.tags.match(tag) for tag in include)]


def run_shards(shards: int, outputdir: Path, extra: list[str], command: list[str] | None = None,
               cwd: Path = ROOT) -> list[Path]:
    """Run shard 1..N one after the other; return the output.xml of each (missing ones left out).

    ``command`` is what runs one shard (default ``tools/run/acceptance.py``); it gets
    ``--shard i/N --outputdir DIR/shard-i`` and then ``extra``."""
    environment = dict(os.environ)
    environment["PATH"] = os.pathsep.join([str(Path(PYTHON).parent), environment.get("PATH", "")])
    outputs = []
    for index in range(1, shards + 1):
        shard_dir = outputdir / f"shard-{index}"
        line = [*(command or RUN_ACCEPTANCE), "--shard", f"{index}/{shards}", "--outputdir", str(shard_dir), *extra]
        print(f"\n$ {' '.join(line)}", flush=True)
        process = subprocess.Popen(line, cwd=cwd, env=environment)
        try:
            process.wait()
        except KeyboardInterrupt:  # Ctrl-C or SIGTERM: the shard stops its service and pabot
            process.send_signal(signal.SIGTERM)
            process.wait()
            raise
        if (shard_dir / "output.xml").exists():
            outputs.append(shard_dir / "output.xml")
        else:
            print(f"Shard {index}/{shards} wrote no output.xml", file=sys.stderr, flush=True)
    return outputs


def duplicates(outputs: list[Path]) -> list[str]:
    """Tests that more than one shard ran."""
    counts = Counter(name for output in outputs for name in set(test_names(output)))
    return sorted(name for name, count in counts.items() if count > 1)


def merge(outputs: list[Path], outputdir: Path, name: str = "Permiso Acceptance") -> int:
    """Merge shard outputs into ``outputdir``/output.xml, log.html, report.html, xunit.xml.

    Returns rebot's exit code (the number of failed tests, 0 when all passed), or 252 when no
    output was given or two shards ran the same test."""
    if not outputs:
        print("No shard outputs to merge", file=sys.stderr)
        return 252
    twice = duplicates(outputs)
    if twice:
        print(f"{len(twice)} test(s) ran in more than one shard: {', '.join(twice)}", file=sys.stderr)
        return 252
    outputdir.mkdir(parents=True, exist_ok=True)
    command = [PYTHON, "-m", "robot.rebot", "--merge", "--name", name, "--outputdir", str(outputdir),
               "--output", "output.xml", "--log", "log.html", "--report", "report.html", "--xunit", "xunit.xml"]
    from tools.run.acceptance import tag_doc_options

    command += tag_doc_options()
    print(f"\n$ rebot --merge … {' '.join(str(output) for output in outputs)}", flush=True)
    return subprocess.call([*command, *map(str, outputs)], cwd=ROOT)


def compare(merged: Path, reference: Path, include: list[str] | None = None) -> list[str]:
    """What differs between the test lists of two outputs (empty: the same tests, each once).

    ``include``: only the reference's tests with one of these tags count (the shards ran with
    the same ``--include``)."""
    got = Counter(test_names(merged))
    want = Counter(test_names(reference, include))
    problems = [f"missing from {merged}: {name}" for name in sorted(want - got)]
    problems += [f"not in {reference}: {name}" for name in sorted(got - want)]
    problems += [f"{name} appears {count} times in {merged}" for name, count in sorted(got.items()) if count > 1]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run N shards here, one after the other, and merge them")
    run_parser.add_argument("--shards", type=int, default=3)
    run_parser.add_argument("--outputdir", type=Path, default=DEFAULT_OUTPUT,
                            help="shard-i/ folders and merged/ go here (default results/shards)")
    run_parser.add_argument("--compare-with", type=Path, help="an output.xml whose test list the merge must equal")
    run_parser.add_argument("--include", action="append", default=[],
                            help="run only tests with this tag (passed to the shards, applied to --compare-with)")
    run_parser.add_argument("extra", nargs="*", help="after --: options for run-acceptance.sh (pabot)")
    merge_parser = commands.add_parser("merge", help="merge shard outputs into one report")
    merge_parser.add_argument("outputs", nargs="+", type=Path)
    merge_parser.add_argument("--outputdir", type=Path, default=ROOT / "results" / "merged")
    compare_parser = commands.add_parser("compare", help="do two outputs hold the same tests?")
    compare_parser.add_argument("merged", type=Path)
    compare_parser.add_argument("reference", type=Path)
    args = parser.parse_args(argv)

    if args.command == "compare":
        problems = compare(args.merged, args.reference)
        for problem in problems:
            print(problem)
        print(f"{len(test_names(args.merged))} tests; {'same tests' if not problems else 'DIFFERENT'}")
        return 1 if problems else 0
    if args.command == "merge":
        return merge(args.outputs, args.outputdir)
    signal.signal(signal.SIGTERM, _interrupt)
    extra = [option for tag in args.include for option in ("--include", tag)] + args.extra
    outputs = run_shards(args.shards, args.outputdir, extra)
    code = merge(outputs, args.outputdir / "merged") if len(outputs) == args.shards else 252
    if code != 252 and args.compare_with:
        problems = compare(args.outputdir / "merged" / "output.xml", args.compare_with, args.include)
        for problem in problems:
            print(problem)
        if problems:
            return 252
        count = len(test_names(args.compare_with, args.include))
        print(f"The merged report holds the same {count} tests as {args.compare_with}, each once")
    return code


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
