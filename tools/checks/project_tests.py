"""Run the project's own tests and print one summary line (``./run-project-tests.sh``, CI).

    .venv/bin/python -m tools.checks.project_tests [--quick] [--lenient]

Stages, in order (each runs even when an earlier one failed, so one run shows everything):

1. pytest for ``libraries/``, ``sut/`` and ``tools/`` (JUnit XML in ``results/selftest/``):
   among them the storage tests on PostgreSQL and Redis, the Docker library against a real
   engine, the pages rendered in Chromium, a run stopped by signals, a 150-character checkout;
2. ``ruff check``; ``robocop check`` and ``robocop format --check`` of ``suites/`` and ``resources/``;
3. ``robot --dryrun`` of every suite (``tools/checks/dryrun_listener.py`` makes it fast);
4. the keyword documentation (``tools/build/keyword_docs.py``: fails on an undocumented keyword);
5. the acceptance suites against the embedded reference service, test profile (the runner's
   default), and from their output the route coverage (``tools/checks/route_coverage.py``);
6. the acceptance suites against the reference service at its production settings
   (``--profile production``): nothing may fail, every skip must say why;
7. the degradation check (``tools/checks/degradations.py``): the list routes broken in one run,
   three other routes in another; only the tests those routes allow may change verdict;
8. the run hygiene check (``tools/checks/hygiene.py``): serial = parallel, a second run clean,
   random order, no secret in any output, fast failure on a wrong URL, password or dead target;
9. the acceptance suites against the production-shaped container stack with every contract
   variant (``run-acceptance.sh --stack docker``, ``PERMISO_VARIANTS=all``; dependency faults
   run alone afterwards), and the dependency-fault defects, each on a stack of its own;
10. the smoke tests as 3 shards merged into one report (``tools/run/shards.py``), the bounded
    Locust load tests, the run history and its dashboard (``tools/report/history.py``);
11. the defect harness (``tools/checks/defect_harness.py``): every deliberate defect of the
    reference service is caught by a mapped test, and no mapped test fails on the clean service.

A component the command installs (PostgreSQL, Redis, Docker, nginx, Chromium) that cannot be
started fails its tests instead of skipping them, unless ``--lenient`` is given. SIGTERM or
SIGINT stop the running stage and everything it started. The table gives each stage's counts
and time, then the skips by reason. The last line is ``N passed, N failed, N skipped``: pytest
tests and acceptance tests count one each, every lint or dry-run stage counts as one check. The
exit code is 0 only when nothing failed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from tools import ROOT
from tools.checks import precondition_tags

SELFTEST_DIR = ROOT / "results" / "selftest"
PYTHON = sys.executable
STRICT_VARIABLE = "PERMISO_SELFTEST_STRICT"  # tools/checks/components.py: a missing component fails
STOP_GRACE_SECONDS = 90.0  # how long a stage may take to stop what it started after a signal


@dataclass
class Tally:
    """Counts of one stage."""

    name: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    skip_reasons: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        """One row of the stage table."""
        note = f"  ({'; '.join(self.notes)})" if self.notes else ""
        return (
            f"{self.name:<34} {self.passed:>5} passed {self.failed:>4} failed "
            f"{self.skipped:>4} skipped {self.seconds:>7.1f} s{note}"
        )


def call(command: list[str], env: dict[str, str] | None = None, capture: bool = False,
         environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command from the project root in a process group of its own; return it completed
    (``stdout`` and ``stderr`` only with ``capture``). Its environment is ``environment``
    (default: this process's) with ``env`` added.

    Interrupted (Ctrl-C, or SIGTERM/SIGHUP turned into it by :func:`interrupt_on_signals`), the
    whole group gets SIGTERM and up to 90 s to stop what it started (services, PostgreSQL,
    Redis, Docker engines, pabot's library process), then SIGKILL.
    """
    pipe = subprocess.PIPE if capture else None
    base = os.environ if environment is None else environment
    process = subprocess.Popen(command, cwd=ROOT, env={**base, **(env or {})}, text=True,
                               stdout=pipe, stderr=pipe, start_new_session=True)
    try:
        stdout, stderr = process.communicate()
    except KeyboardInterrupt:
        stop_group(process)
        raise
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def stop_group(process: subprocess.Popen[str]) -> None:
    """SIGTERM to the process's group, SIGKILL after :data:`STOP_GRACE_SECONDS`."""
    for signum, grace in ((signal.SIGTERM, STOP_GRACE_SECONDS), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(process.pid, signum)
            process.wait(grace)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def interrupt_on_signals() -> None:
    """SIGTERM and SIGHUP (a CI time limit) stop the test command like Ctrl-C: the running
    stage is told to stop and given time to clean up; further signals are ignored meanwhile."""

    def interrupt(signum: int, _frame: FrameType | None) -> None:
        for name in ("SIGTERM", "SIGHUP", "SIGINT"):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, interrupt)


def run(command: list[str], env: dict[str, str] | None = None) -> int:
    """Run a command from the project root, streaming its output; return its exit code."""
    print(f"\n$ {' '.join(command)}", flush=True)
    return call(command, env).returncode


def skip_reason(message: str) -> str:
    """A skip message with its numbers and times blanked, so that equal reasons count as one."""
    first = (message or "(no reason given)").strip().splitlines()[0]
    return re.sub(r"\d+", "#", first)[:160]


def pytest_stage() -> Tally:
    """Run pytest over the libraries' and the reference service's tests."""
    tally = Tally("pytest (libraries/, sut/, tools/)")
    junit = SELFTEST_DIR / "pytest.xml"
    junit.unlink(missing_ok=True)
    start = time.monotonic()
    basetemp = SELFTEST_DIR / "pytest-tmp"  # removed afterwards: the run leaves no folder in /tmp
    code = run([PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={junit}",
                f"--basetemp={basetemp}"])
    shutil.rmtree(basetemp, ignore_errors=True)
    tally.seconds = time.monotonic() - start
    if not junit.exists():
        tally.failed = 1
        tally.notes.append(f"pytest exited {code} without a report")
        return tally
    for suite in ET.parse(junit).getroot().iter("testsuite"):
        total = int(suite.get("tests", 0))
        failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped = int(suite.get("skipped", 0))
        tally.failed += failed
        tally.skipped += skipped
        tally.passed += total - failed - skipped
    for skipped in ET.parse(junit).getroot().iter("skipped"):
        tally.skip_reasons[skip_reason(skipped.get("message", ""))] += 1
    if code not in (0, 1) and tally.failed == 0:
        tally.failed = 1
        tally.notes.append(f"pytest exited {code}")
    return tally


def check_stage(name: str, command: list[str]) -> Tally:
    """A stage that is one pass/fail check."""
    start = time.monotonic()
    code = run(command)
    tally = Tally(name, seconds=time.monotonic() - start)
    if code == 0:
        tally.passed = 1
    else:
        tally.failed = 1
        tally.notes.append(f"exit code {code}")
    return tally


def robot_counts(output: Path, tally: Tally) -> None:
    """Add the test counts of a Robot output.xml, and its skips by reason, to a tally."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot, plain python may not

    result = ExecutionResult(str(output))
    stats = result.statistics.total
    tally.passed += stats.passed
    tally.failed += stats.failed
    tally.skipped += stats.skipped
    for test in result.suite.all_tests:
        if test.skipped:
            tally.skip_reasons[skip_reason(test.message)] += 1


def dryrun_stage() -> Tally:
    """Robot dry run of every suite: syntax, imports, keyword names and argument counts."""
    output = SELFTEST_DIR / "dryrun.xml"
    command = [
        PYTHON, "-m", "robot", "--dryrun", "--listener", "tools.checks.dryrun_listener",
        "--variablefile", "variables/config.py",
        "--output", str(output), "--log", "NONE", "--report", "NONE",
        "--console", "dotted", "suites",
    ]
    tally = check_stage("robot --dryrun (suites/)", command)
    if output.exists():
        counts = Tally("dry run")
        robot_counts(output, counts)
        tally.notes.append(f"{counts.passed + counts.failed + counts.skipped} tests checked")
    return tally


def acceptance_stage(name: str = "acceptance suites (embedded)", outputdir: str = "results",
                     settings: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> Tally:
    """An acceptance run against the embedded reference service (``run-acceptance.sh``) with
    extra environment ``settings`` (``PERMISO_VARIANTS``…) and runner ``args``; counts its tests."""
    tally = Tally(name)
    output = ROOT / outputdir / "output.xml"
    output.unlink(missing_ok=True)
    env = {key: value for key, value in os.environ.items()
           if key not in ("PERMISO_BASE_URL", "PERMISO_VARIANTS", "PERMISO_DEGRADE", "PERMISO_DEFECTS")}
    env.update(settings or {})
    command = ["bash", "run-acceptance.sh", "--outputdir", outputdir, *args]
    start = time.monotonic()
    shown = " ".join(f"{key}={value}" for key, value in (settings or {}).items())
    print(f"\n$ {shown + ' ' if shown else ''}{' '.join(command[1:])}", flush=True)
    code = call(command, environment=env).returncode
    tally.seconds = time.monotonic() - start
    if output.exists():
        robot_counts(output, tally)
    if code != 0 and tally.failed == 0:
        tally.failed = 1
        tally.notes.append(f"run-acceptance.sh exited {code}")
    return tally


def engine_leftovers() -> set[str]:
    """The private Docker engines' directories and their processes now on this machine."""
    import tempfile  # noqa: PLC0415

    from tools.infra.docker_engine.engine import engine_pids_under  # noqa: PLC0415

    temp = Path(tempfile.gettempdir())
    folders = {str(path) for path in temp.glob("permiso-docker-*")}
    return folders | {f"engine process {pid}" for pid in engine_pids_under(temp)}


def output_leaks(outdir: Path) -> list[str]:
    """Configured secrets, JWTs and password hashes found in the output files of a run."""
    import config
    import secret_scan

    values = config.load({}, {})
    known = {name: values[name].value for name in config.SECRET_NAMES if getattr(values[name], "value", "")}
    return secret_scan.find_leaks(secret_scan.output_texts(outdir), known)


# The one reason a test may skip on the stack: the no-test-token variant hands out no one-time
# tokens (contract §13.8), so the tests that need one skip, as they must.
NO_TEST_TOKEN_SKIP = "The deployment hands out no one-time token"


def stack_stage() -> Tally:
    """Every suite against the container stack with every contract variant on (the other
    correct side of each point the contract leaves open, dependency faults included): nothing
    skipped but for the variant without test tokens, no secret in its outputs, nothing left
    behind."""
    before = engine_leftovers()
    tally = acceptance_stage("acceptance suites (container stack, PERMISO_VARIANTS=all)", "results/stack",
                             {"PERMISO_VARIANTS": "all"}, ("--stack", "docker"))
    leaks = output_leaks(ROOT / "results" / "stack")
    if leaks:
        tally.notes.append(f"secrets in the outputs: {'; '.join(leaks[:3])}")
        tally.failed += 1
    left = sorted(engine_leftovers() - before)
    unexpected = sum(count for reason, count in tally.skip_reasons.items() if not reason.startswith(NO_TEST_TOKEN_SKIP))
    if unexpected:
        tally.notes.append(f"{unexpected} test(s) skipped: the stack must let every test run")
        tally.failed += 1
    if left:
        tally.notes.append(f"left behind: {', '.join(left)}")
        tally.failed += 1
    return tally


def shards_stage() -> Tally:
    """Three shards one after the other, merged; the merge must equal the single run's test list."""
    single = ROOT / "results" / "output.xml"
    if not single.exists():
        return Tally("3 shards merged (tools/run/shards.py)", failed=1, notes=["no single run to compare with"])
    merged = ROOT / "results" / "shards" / "merged" / "output.xml"
    merged.unlink(missing_ok=True)
    start = time.monotonic()
    # Exit code: rebot's (failed tests, 0-250); 252 when a shard is missing or the merge does
    # not hold exactly the single run's tests. Test verdicts are the acceptance stage's business.
    # The smoke tests only (about 30 of them, every area): the full suite once more would double
    # the acceptance stage; the split and merge do not depend on how many tests there are.
    code = run([PYTHON, "-m", "tools.run.shards", "run", "--shards", "3", "--outputdir", "results/shards",
                "--include", "smoke", "--compare-with", str(single)])
    tally = Tally("3 shards merged (tools/run/shards.py)", seconds=time.monotonic() - start)
    if code <= 250 and merged.exists():
        tally.passed = 1
        counts = Tally("merged")
        robot_counts(merged, counts)
        tally.notes.append(f"same {counts.passed + counts.failed + counts.skipped} smoke tests as the single run, "
                           f"{counts.failed} failed")
    else:
        tally.failed = 1
        tally.notes.append(f"exit code {code}: a shard is missing or the merge differs from the single run")
    return tally


def load_stage() -> Tally:
    """The Locust load tests, bounded: about 12 s each, one Locust process and 2 local workers."""
    return acceptance_stage(
        "load tests (Locust, bounded)", "results/load",
        {"TEST_DURATION_SECONDS": "12", "TEST_CONCURRENT_USERS": "10", "LOAD_WORKERS": "2"},
        ("--include", "load"),
    )


def history_stage() -> Tally:
    """The single and the sharded run go into the history; the dashboard must be written."""
    history = ROOT / "results" / "history"
    dashboard = history / "dashboard.html"
    dashboard.unlink(missing_ok=True)
    outputs = [(ROOT / "results" / "output.xml", "single"), (ROOT / "results" / "shards" / "merged" / "output.xml", "3 shards")]
    start = time.monotonic()
    codes = [run([PYTHON, "-m", "tools.report.history", "add", str(output), "--label", label])
             for output, label in outputs if output.exists()]
    codes.append(run([PYTHON, "-m", "tools.report.history", "render"]))
    tally = Tally("run history and dashboard", seconds=time.monotonic() - start)
    from tools.report import history as run_history

    runs = len(run_history.load(history))
    tally.notes.append(f"{runs} runs in results/history")
    if any(codes) or len(codes) < 3 or runs < 2 or not dashboard.exists():
        tally.failed = 1
        tally.notes.append("a run was not added or the dashboard was not written")
    else:
        tally.passed = 1
    return tally


def route_coverage_stage() -> Tally:
    """Every contract route was requested by at least one test of the plain run."""
    return check_stage("route coverage (tools/checks/route_coverage.py)",
                       [PYTHON, "-m", "tools.checks.route_coverage", str(ROOT / "results" / "output.xml")])


def checks_tool_stage(name: str, command: list[str]) -> Tally:
    """A tool that prints one check per line and ends with ``N passed, N failed``: its
    counts become the stage's."""
    start = time.monotonic()
    print(f"\n$ {' '.join(command)}", flush=True)
    completed = call(command, capture=True)
    print(completed.stdout, end="", flush=True)
    tally = Tally(name, seconds=time.monotonic() - start)
    summary = [line for line in completed.stdout.splitlines() if line.endswith(" failed")]
    if summary:
        passed, failed = (int(part.split()[0]) for part in summary[-1].split(", "))
        tally.passed, tally.failed = passed, failed
    if completed.returncode != 0 and tally.failed == 0:
        tally.failed = 1
        tally.notes.append(f"exit code {completed.returncode}: {completed.stderr.strip()[-200:]}")
    return tally


def degradations_stage() -> Tally:
    """A broken route changes only the verdicts of the tests that request it: one check per
    degradation, compared with the plain run (the authorization matrix is left out of the
    degraded runs to keep the stage short: its cells each request one route by design)."""
    return checks_tool_stage("degradations (tools/checks/degradations.py)", [
        PYTHON, "-m", "tools.checks.degradations", "--clean", str(ROOT / "results" / "output.xml"),
        "--", "--exclude", "authorization-matrix",
    ])


def hygiene_stage() -> Tally:
    """Run hygiene: one check per rule of ``tools/checks/hygiene.py`` (its own services and runs
    on a subset, independent of the other stages' outputs)."""
    return checks_tool_stage("run hygiene (tools/checks/hygiene.py)", [PYTHON, "-m", "tools.checks.hygiene"])


def defects_stage(stack: bool = False) -> Tally:
    """The defect harness: one check per defect (caught by a test) and one for the clean run;
    with ``stack``, the dependency-fault defects, each on a container stack."""
    report = ROOT / "results" / ("defects-stack.json" if stack else "defects.json")
    report.unlink(missing_ok=True)
    start = time.monotonic()
    clean = ROOT / "results" / "output.xml"  # the main run: the mapped tests' clean verdicts
    reuse = ["--clean", str(clean)] if clean.exists() and not stack else []
    code = run([PYTHON, "-m", "tools.checks.defect_harness", *(["--stack", "docker"] if stack else []), *reuse])
    name = "defects caught on the stack (--stack docker)" if stack else "defects caught (tools/checks/defect_harness.py)"
    tally = Tally(name, seconds=time.monotonic() - start)
    if not report.exists():
        tally.failed = 1
        tally.notes.append(f"exit code {code} without results/defects.json")
        return tally
    import json  # noqa: PLC0415 - only this stage reads JSON

    data = json.loads(report.read_text(encoding="utf-8"))
    missed = [entry["name"] for entry in data["defects"] if not entry["caught_by"]]
    tally.passed = len(data["defects"]) - len(missed) + (0 if data["clean_failures"] else 1)
    tally.failed = len(missed) + (1 if data["clean_failures"] else 0)
    if missed:
        tally.notes.append(f"not caught: {', '.join(missed[:5])}")
    if data["clean_failures"]:
        tally.notes.append(f"{data['clean_failures']} mapped test(s) fail on the clean service")
    return tally


def production_stage() -> Tally:
    """Every suite against the reference service at its production settings (the contract's
    rate limits, 15-minute lockout, full hashing cost, no signing key for the suite), with the
    runner's default parallelism: nothing may fail, and every skip must give its reason."""
    tally = acceptance_stage("acceptance suites, production profile", "results/production",
                             args=("--profile", "production"))
    unexplained = tally.skip_reasons.get(skip_reason(""), 0)
    if unexplained:
        tally.failed += 1
        tally.notes.append(f"{unexplained} test(s) skipped without a reason")
    output = ROOT / "results" / "production" / "output.xml"
    wrong_tags = precondition_tags.problems(output) if output.exists() else []
    if wrong_tags:
        tally.failed += 1
        tally.notes.append(f"precondition tags disagree with the skips: {'; '.join(wrong_tags[:3])}")
    return tally


def stages(quick: bool) -> list:
    """The stages in the order they run (functions returning a Tally)."""
    fast = [
        pytest_stage,
        lambda: check_stage("ruff check", [PYTHON, "-m", "ruff", "check", "sut", "libraries", "tools", "variables"]),
        lambda: check_stage("robocop check", [PYTHON, "-m", "robocop", "check", "suites", "resources"]),
        lambda: check_stage("robocop format --check",
                            [PYTHON, "-m", "robocop", "format", "--check", "--diff", "suites", "resources"]),
        dryrun_stage,
        lambda: check_stage("keyword docs (docs/keywords/)", [PYTHON, "-m", "tools.build.keyword_docs"]),
    ]
    if quick:
        return fast
    return fast + [
        acceptance_stage,
        route_coverage_stage,
        production_stage,
        degradations_stage,
        hygiene_stage,
        stack_stage,
        lambda: defects_stage(stack=True),
        shards_stage,
        load_stage,
        history_stage,
        defects_stage,
    ]


def print_summary(tallies: list[Tally], started: float) -> tuple[int, int, int]:
    """The stage table, the skips by reason, the total time; returns the three counts."""
    print("\nProject tests")
    for tally in tallies:
        print("  " + tally.line())
    print(f"  {'total':<34} {time.monotonic() - started:>61.1f} s")
    reasons = [(tally.name, reason, count) for tally in tallies for reason, count in tally.skip_reasons.most_common()]
    if reasons:
        print("\nSkips by reason (# stands for numbers and times)")
        for stage, reason, count in reasons:
            print(f"  {count:>4}  {stage}: {reason}")
    passed = sum(t.passed for t in tallies)
    failed = sum(t.failed for t in tallies)
    skipped = sum(t.skipped for t in tallies)
    return passed, failed, skipped


def main(argv: list[str] | None = None) -> int:
    """Run every stage, print the table and the summary line, return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the full acceptance run")
    parser.add_argument("--lenient", action="store_true",
                        help="let tests skip when PostgreSQL, Redis, Docker, nginx or Chromium cannot be "
                             "started (default: such a test fails; always under CI)")
    args = parser.parse_args(argv)
    if not args.lenient:
        os.environ[STRICT_VARIABLE] = "1"
    SELFTEST_DIR.mkdir(parents=True, exist_ok=True)
    interrupt_on_signals()
    started = time.monotonic()
    tallies: list[Tally] = []
    try:
        for stage in stages(args.quick):
            tallies.append(stage())
    except KeyboardInterrupt:
        print_summary(tallies, started)
        print("Interrupted: the running stage was stopped; 0 passed, 1 failed", flush=True)
        return 130
    passed, failed, skipped = print_summary(tallies, started)
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
