"""Time the whole acceptance run in each way of running it: serial robot, pabot modes, the runner.

Usage::

    .venv/bin/python -m tools.bench.parallel                   # everything, once
    .venv/bin/python -m tools.bench.parallel --repeats 3       # median of three runs each
    .venv/bin/python -m tools.bench.parallel --include smoke --modes robot,suite,default

Every measured run gets a fresh embedded reference service, started the way
``tools/run/acceptance.py`` starts it (same functions, same test configuration, its SQLite
database inside this benchmark's folder), and the runner's robot options (outputs, listener,
variable file, metadata). Service start and preflight are not timed, except in the ``runner``
mode, which times ``tools/run/acceptance.py`` end to end as ``./run-acceptance.sh`` runs it.

Modes (``--modes``, comma-separated; default all):

- ``robot``: serial ``robot`` (what ``robot suites/`` costs; the baseline of the speed-up);
- ``suite``: ``pabot`` suite level (one robot process per suite file; the runner's
  ``--suitelevel``), root set-up in each;
- ``suite-trusted``: the same, with the runner's preflight mark, so the root suite skips its
  health check and admin login;
- ``suite-longest-first``: ``suite-trusted`` with an ``--ordering`` file that starts the
  longest suites first (durations from this benchmark's serial ``robot`` run);
- ``test``: ``pabot --testlevelsplit`` (one robot process per test; the former default);
- ``chunk``: ``pabot --testlevelsplit --chunk`` (the tests cut into one block per process);
- ``chunk-trusted``: the same with the preflight mark;
- ``default``: ``pabot_command`` of the runner with no options (its default mode and process
  count) and the preflight mark, as the runner runs it;
- ``runner``: ``tools/run/acceptance.py`` end to end (service start and preflight included).

Outputs go to ``results/benchmark-parallel-*/`` and are removed at the end (``--keep`` keeps
them). Prints a table: mode, processes, wall seconds (median), tests passed/failed,
speed-up over serial robot.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


from tools.run import acceptance as runner

MODES = (
    "robot", "suite", "suite-trusted", "suite-longest-first", "test", "chunk", "chunk-trusted",
    "default", "runner",
)
ONE_RUN = {"robot": "1", "default": "default", "runner": "default"}  # modes without --processes
PABOT_OPTIONS = {
    "suite": ["--suitelevel"], "suite-trusted": ["--suitelevel"], "suite-longest-first": ["--suitelevel"],
    "test": ["--testlevelsplit"], "chunk": ["--testlevelsplit", "--chunk"],
    "chunk-trusted": ["--testlevelsplit", "--chunk"],
}
TRUSTED = {"suite-trusted", "suite-longest-first", "chunk-trusted", "default"}


@dataclass
class Row:
    mode: str
    processes: str
    seconds: list[float] = field(default_factory=list)
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    notes: list[str] = field(default_factory=list)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=1, help="runs of each mode (median shown)")
    parser.add_argument("--processes", default="2,4",
                        help="comma-separated process counts for the pabot modes (default 2,4)")
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of: {', '.join(MODES)}")
    parser.add_argument("--include", action="append", default=[], help="robot --include (repeatable)")
    parser.add_argument("--exclude", action="append", default=[], help="robot --exclude (repeatable)")
    parser.add_argument("--keep", action="store_true", help="keep the outputs folder")
    args = parser.parse_args(argv)
    args.modes = [mode.strip() for mode in args.modes.split(",") if mode.strip()]
    unknown = sorted(set(args.modes) - set(MODES))
    if unknown:
        parser.error(f"unknown mode(s): {', '.join(unknown)}")
    args.processes = [count.strip() for count in args.processes.split(",") if count.strip()]
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    return args


def selection(args: argparse.Namespace) -> list[str]:
    options: list[str] = []
    for tag in args.include:
        options += ["--include", tag]
    for tag in args.exclude:
        options += ["--exclude", tag]
    return options + ([] if runner.load_asked_for(options) else ["--exclude", runner.LOAD_TAG])


def counts(output: Path) -> tuple[int, int, int]:
    """Passed, failed, skipped tests of an output.xml; (0, 0, 0) when there is none."""
    if not output.exists():
        return 0, 0, 0
    from robot.api import ExecutionResult  # noqa: PLC0415 - heavy import, only when needed

    total = ExecutionResult(str(output)).statistics.total
    return total.passed, total.failed, total.skipped


def suite_durations(output: Path) -> list[tuple[str, float]]:
    """(full name, seconds) of every suite file in an output.xml, longest first."""
    from robot.api import ExecutionResult  # noqa: PLC0415

    found: list[tuple[str, float]] = []

    def visit(suite) -> None:  # noqa: ANN001 - robot.result.TestSuite
        if suite.tests:
            found.append((suite.full_name, suite.elapsed_time.total_seconds()))
        for child in suite.suites:
            visit(child)

    visit(ExecutionResult(str(output)).suite)
    return sorted(found, key=lambda item: item[1], reverse=True)


def timed(command: list[str], environment: dict[str, str], cwd: Path, log: Path) -> tuple[float, int]:
    """Run a command with its console output in ``log``; return (wall seconds, exit code)."""
    with log.open("w") as console:
        started = time.monotonic()
        code = runner.run_pabot(command, environment, cwd=cwd, console=console)
        return time.monotonic() - started, code


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        self.args = args
        self.workdir = workdir
        self.dotenv = runner.config.read_dotenv()
        self.ordering: Path | None = None
        self.run_number = 0

    def database_environment(self, folder: Path) -> dict[str, str]:
        """Keep the service's SQLite file in the run folder unless a database is configured."""
        if "DATABASE_URL" in os.environ or "PERMISO_DATABASE_URL" in os.environ:
            return {}
        return {"DATABASE_URL": f"sqlite:///{folder / 'permiso.db'}"}

    def measure(self, mode: str, processes: str) -> tuple[float, int, Path]:
        """One timed run in a fresh folder; returns (seconds, exit code, output.xml)."""
        self.run_number += 1
        folder = self.workdir / f"{self.run_number:03d}-{mode}-{processes}"
        results = folder / "results"
        results.mkdir(parents=True)
        environment = runner.runner_environment()
        environment.pop(runner.PREFLIGHT_MARK, None)
        environment.pop("PERMISO_BASE_URL", None)
        if mode == "runner":
            environment.update(self.database_environment(folder))
            command = [runner.PYTHON, "-m", "tools.run.acceptance",
                       "--outputdir", str(results), *selection(self.args)]
            seconds, code = self.timed_runner(command, environment, folder)
            return seconds, code, results / "output.xml"
        service, values = runner.start_embedded(environment, self.dotenv, self.database_environment(folder))
        try:
            version = runner.preflight(values)
            if mode in TRUSTED:
                runner.mark_preflight_done(environment, values)
            if mode == "robot":
                command = [runner.PYTHON, "-m", "robot",
                           *runner.robot_options(values, version, results),
                           *selection(self.args), str(runner.ROOT / "suites")]
            else:
                extra = [*PABOT_OPTIONS.get(mode, []), *selection(self.args)]
                if processes != "default":
                    extra += ["--processes", processes]
                if mode == "suite-longest-first":
                    if self.ordering is None:
                        raise runner.RunnerError("suite-longest-first needs the robot mode first")
                    extra += ["--ordering", str(self.ordering)]
                command = runner.pabot_command(values, version, extra, results)
            seconds, code = timed(command, environment, folder, folder / "console.txt")
        finally:
            service.stop()
        return seconds, code, results / "output.xml"

    def timed_runner(self, command: list[str], environment: dict[str, str], folder: Path) -> tuple[float, int]:
        """The runner writes .pabotsuitenames at the project root: put back what was there."""
        names = runner.ROOT / ".pabotsuitenames"
        before = names.read_bytes() if names.exists() else None
        try:
            return timed(command, environment, runner.ROOT, folder / "console.txt")
        finally:
            if before is None:
                names.unlink(missing_ok=True)
            else:
                names.write_bytes(before)

    def write_ordering(self, output: Path) -> None:
        durations = suite_durations(output)
        if not durations:
            return
        self.ordering = self.workdir / "longest-first.txt"
        self.ordering.write_text("".join(f"--suite {name}\n" for name, _seconds in durations))


def plan(args: argparse.Namespace) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    modes = list(args.modes)
    if "suite-longest-first" in modes and "robot" not in modes:
        modes.insert(0, "robot")  # its durations order the suites
    for mode in modes:
        for processes in ([ONE_RUN[mode]] if mode in ONE_RUN else args.processes):
            runs.append((mode, processes))
    return runs


def show(rows: list[Row], default_processes: int) -> None:
    serial = next((row for row in rows if row.mode == "robot" and row.seconds), None)
    baseline = statistics.median(serial.seconds) if serial else None
    header = f"{'mode':<22} {'processes':>9} {'wall s':>8} {'runs (s)':<24} {'passed':>6} {'failed':>6} {'speed-up':>8}"
    print("\n" + header + "\n" + "-" * len(header))
    for row in rows:
        if not row.seconds:
            continue
        median = statistics.median(row.seconds)
        speedup = f"{baseline / median:.2f}x" if baseline else "-"
        processes = str(default_processes) if row.processes == "default" else row.processes
        runs = " ".join(f"{seconds:.1f}" for seconds in row.seconds)
        print(f"{row.mode:<22} {processes:>9} {median:>8.1f} {runs:<24} {row.passed:>6} {row.failed:>6} {speedup:>8}"
              + (f"  ({'; '.join(row.notes)})" if row.notes else ""))


def main(argv: list[str]) -> int:
    args = parse_args(argv)

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)  # stop the service and clean up, as on Ctrl-C
    dotenv = runner.config.read_dotenv()
    if runner.target_is_configured(dict(os.environ), dotenv):
        print("PERMISO_BASE_URL is set (environment or .env): this benchmark uses the embedded "
              "reference service only; unset it to run.", file=sys.stderr)
        return 2
    runner.RESULTS.mkdir(exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="benchmark-parallel-", dir=runner.RESULTS))
    bench = Bench(args, workdir)
    runs = plan(args)
    rows = {run: Row(*run) for run in runs}
    load_before = os.getloadavg()
    print(f"{len(runs)} configurations x {args.repeats} repeat(s) on {os.cpu_count()} cores; "
          f"selection: {' '.join(selection(args)) or 'all tests'}; load average {load_before[0]:.2f}",
          flush=True)
    started = time.monotonic()
    try:
        for repeat in range(args.repeats):
            for mode, processes in runs:
                seconds, code, output = bench.measure(mode, processes)
                row = rows[(mode, processes)]
                row.seconds.append(seconds)
                row.passed, row.failed, row.skipped = counts(output)
                if code not in (0, 1) and row.failed == 0:  # pabot/robot: 1.. = failed tests
                    row.notes.append(f"exit code {code}")
                if mode == "robot" and repeat == 0:
                    bench.write_ordering(output)
                print(f"  [{repeat + 1}/{args.repeats}] {mode:<20} {processes:>7} processes: "
                      f"{seconds:5.1f} s, {row.passed} passed, {row.failed} failed", flush=True)
    except KeyboardInterrupt:
        print("\nInterrupted: showing what was measured.", file=sys.stderr)
    except runner.RunnerError as error:
        print(str(error), file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"Outputs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    load_after = os.getloadavg()
    show(list(rows.values()), runner.default_processes())
    print(f"\nTotal {time.monotonic() - started:.0f} s; load average (1 min) before {load_before[0]:.2f}, "
          f"after {load_after[0]:.2f}. Wall seconds: median of the runs. 'default' and 'runner' use the "
          f"runner's default process count.")
    return 0 if all(row.failed == 0 and not row.notes for row in rows.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
