"""Proof that the acceptance suite catches defects of a Permiso deployment.

    python -m tools.checks.defect_harness [--only NAME ...] [--jobs N]

The reference service can switch on deliberate defects (``PERMISO_DEFECTS``, catalogue in
``sut/defects.py``): small, realistic bugs such as "logout keeps the token" or "expired tokens
are accepted". ``tools/checks/defect_map.py`` names the tests expected to catch each one. For every
defect this script starts the reference service with that defect alone (its own free port and
its own SQLite file), runs only the mapped tests with ``robot --test`` and records which failed.
A clean service runs all mapped tests once more: none may fail there.

Several defects run at once (``--jobs``, default 3), so 80 defects take a few minutes on two
cores. Outputs: ``results/defects.json`` (``{"defects": [{"name", "description",
"expected_by", "caught_by"}], "clean_failures": N}``) and ``results/defects.html`` (a table
for stakeholders). It prints one line per defect, the wall time and ``N passed, N failed`` (one
check per defect, one for the clean run); exit code 1 when a defect is caught by no test or the
clean run fails a test. Services are stopped and the work directory removed, also on Ctrl-C.

    python -m tools.checks.defect_harness --stack docker [--only NAME ...]

The defects of the area ``dependency-faults`` show only when a dependency dies (the cache
ignored by ``/health``, revocation failing open): the plain run leaves them out, and
``--stack docker`` checks exactly those, one container stack after another
(``run-acceptance.sh --stack docker`` with the defect, running only the mapped fault tests; a
clean stack runs them once more). Its outputs are ``results/defects-stack.json`` and ``.html``.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path


from tools.checks import defect_map
from tools.run import acceptance as run_acceptance
from tools import ROOT
from tools.checks import verdicts



from sut import defects

config = run_acceptance.config
EmbeddedTarget = run_acceptance.EmbeddedTarget
RESULTS = ROOT / "results"
ROOT_SUITE = "Permiso Acceptance"
CLEAN = "(clean service)"
DEFAULT_JOBS = 6
CLEAN_CHUNKS = 6  # the clean run is split by suite file into this many parallel runs
# Variables of the caller's environment that must not reach a harness service: each one gets
# its own SQLite file and in-process cache, and exactly one defect.
ISOLATED = ("DATABASE_URL", "PERMISO_DATABASE_URL", "REDIS_URL", "PERMISO_REDIS_URL",
            "PERMISO_DEFECTS", "PERMISO_VARIANTS", "PERMISO_DEGRADE")


@dataclass
class Outcome:
    """What one run decided: the failed tests, the expected tests it did not find, a problem."""

    failed: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    problem: str = ""
    messages: dict[str, str] = field(default_factory=dict)


@dataclass
class DefectResult:
    """One defect: its catalogue entry, the tests expected to catch it and those that did."""

    name: str
    description: str
    area: str
    expected_by: list[str]
    caught_by: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)

    def record(self) -> dict[str, object]:
        """The entry of ``results/defects.json``."""
        return {"name": self.name, "description": self.description,
                "expected_by": self.expected_by, "caught_by": self.caught_by}


# -- pure parts -------------------------------------------------------------------------------
def full_name(test: str) -> str:
    """The Robot full name of a suite-qualified test name from the map."""
    return f"{ROOT_SUITE}.{test}"


def short_name(full: str) -> str:
    """A Robot full name without the root suite (the map's spelling)."""
    prefix = f"{ROOT_SUITE}."
    return full[len(prefix):] if full.startswith(prefix) else full


def test_pattern(test: str) -> str:
    """A ``--test`` pattern that matches exactly this full name (``*``, ``?``, ``[`` escaped)."""
    return "".join(f"[{char}]" if char in "*?[" else char for char in full_name(test))


def suite_file(test: str) -> str:
    """The file name of a test's suite: ``02 Auth.Logout.X`` -> ``logout.robot``."""
    parts = test.split(".")
    return parts[-2].lower().replace(" ", "_") + ".robot" if len(parts) >= 3 else "*.robot"


def robot_command(tests: Iterable[str], outdir: Path) -> list[str]:
    """The robot command that runs exactly ``tests`` (suite-qualified names) into ``outdir``.

    Only the suite files of those tests are parsed (``--parseinclude``): a run of two tests
    does not read the whole suite tree.
    """
    command = [
        run_acceptance.PYTHON, "-m", "robot", "--name", ROOT_SUITE,
        "--variablefile", str(ROOT / "variables" / "config.py"),
        "--listener", str(ROOT / "libraries" / "SecretRedactor.py"),
        "--outputdir", str(outdir), "--output", "output.xml", "--log", "NONE", "--report", "NONE",
        "--console", "none",
    ]
    for test in sorted(set(tests)):
        command += ["--test", test_pattern(test)]
    for name in sorted({suite_file(test) for test in tests}):
        command += ["--parseinclude", name]
    return [*command, str(ROOT / "suites")]


def outcome_of(run: dict[str, verdicts.Verdict], expected: Iterable[str]) -> Outcome:
    """The failed tests of a run (map spelling) and the expected tests that did not run."""
    ran = {short_name(name): verdict for name, verdict in run.items()}
    failed = {name for name, verdict in ran.items() if verdict.status == "FAIL"}
    return Outcome(failed=failed, missing={name for name in expected if name not in ran},
                   messages={name: ran[name].message for name in failed})


def judge(name: str, expected: list[str], outcome: Outcome, clean_failures: set[str]) -> DefectResult:
    """A defect is caught by the expected tests that failed under it and pass on a clean service."""
    return DefectResult(
        name=name, description=defects.KNOWN[name], area=defects.area_of(name), expected_by=list(expected),
        caught_by=sorted(name for name in outcome.failed & set(expected) if name not in clean_failures),
        missing=sorted(outcome.missing), problem=outcome.problem,
    )


def clean_chunks(tests: Iterable[str], chunks: int = CLEAN_CHUNKS) -> list[list[str]]:
    """The tests split into at most ``chunks`` lists of whole suite files, about equal in size."""
    by_suite: dict[str, list[str]] = {}
    for test in sorted(set(tests)):
        by_suite.setdefault(test.rsplit(".", 1)[0], []).append(test)
    parts: list[list[str]] = [[] for _ in range(max(1, chunks))]
    for suite_tests in sorted(by_suite.values(), key=len, reverse=True):
        min(parts, key=len).extend(suite_tests)
    return [part for part in parts if part]


def report(results: list[DefectResult], clean_failures: set[str]) -> dict[str, object]:
    """The content of ``results/defects.json``."""
    return {"defects": [result.record() for result in results], "clean_failures": len(clean_failures)}


def tally(results: list[DefectResult], clean_failures: set[str]) -> tuple[int, int]:
    """(passed, failed): one check per defect (caught by a test) and one for the clean run."""
    passed = sum(1 for result in results if result.caught) + (0 if clean_failures else 1)
    return passed, len(results) + 1 - passed


def html_report(results: list[DefectResult], clean_failures: set[str], seconds: float) -> str:
    """A stakeholder table: one row per defect, grouped by area, caught or not and by what."""
    caught = sum(1 for result in results if result.caught)
    rows = []
    for result in sorted(results, key=lambda r: (r.area, r.name)):
        verdict = "caught" if result.caught else "NOT CAUGHT"
        passed_anyway = [test for test in result.expected_by if test not in result.caught_by and test not in result.missing]
        notes = [f"expected but passed: {', '.join(passed_anyway)}"] if passed_anyway else []
        notes += [f"no such test: {', '.join(result.missing)}"] if result.missing else []
        notes += [result.problem] if result.problem else []
        rows.append(
            f'<tr class="{"ok" if result.caught else "bad"}"><td>{html.escape(result.area)}</td>'
            f"<td><code>{html.escape(result.name)}</code><br>{html.escape(result.description)}</td>"
            f"<td>{verdict}</td><td>{'<br>'.join(html.escape(t) for t in result.caught_by) or '—'}</td>"
            f"<td>{'<br>'.join(html.escape(n) for n in notes)}</td></tr>"
        )
    clean = ("no mapped test fails on the clean service" if not clean_failures else
             f"{len(clean_failures)} mapped test(s) fail on the clean service: "
             + ", ".join(sorted(clean_failures)))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Permiso: defects the suite catches</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}}
tr.ok td:nth-child(3){{color:#060}}tr.bad td:nth-child(3){{color:#b00;font-weight:bold}}</style></head>
<body><h1>Defects the acceptance suite catches</h1>
<p>The reference service was started {len(results)} times, each time with one deliberate bug, and
the tests expected to notice it were run against it. <b>{caught} of {len(results)}</b> defects were
caught; {html.escape(clean)}. Wall time {seconds:.0f} s.</p>
<table><tr><th>area</th><th>defect</th><th>verdict</th><th>caught by</th><th>notes</th></tr>
{chr(10).join(rows)}
</table></body></html>
"""


# -- running ------------------------------------------------------------------------------------
class Services:
    """The harness's live services, so an interrupted run still stops every one of them."""

    def __init__(self) -> None:
        self._live: set[EmbeddedTarget.ReferenceService] = set()
        self._lock = threading.Lock()

    def start(self, service: EmbeddedTarget.ReferenceService) -> EmbeddedTarget.ReferenceService:
        """Starts ``service``, remembering it until it is stopped."""
        with self._lock:
            self._live.add(service)
        try:
            service.start()
        except EmbeddedTarget.TargetError:
            self.stop(service)
            raise
        return service

    def stop(self, service: EmbeddedTarget.ReferenceService) -> None:
        service.stop()
        with self._lock:
            self._live.discard(service)

    def stop_all(self) -> None:
        with self._lock:
            live = list(self._live)
        for service in live:
            service.stop()


def harness_service(values: dict, workdir: Path, defect: str | None) -> EmbeddedTarget.ReferenceService:
    """A service of the ``test`` profile (as the runner starts it) with its own SQLite file in
    ``workdir`` and only this defect: nothing of the caller's storage, defects or variants."""
    database = f"sqlite:///{workdir / 'permiso.db'}"
    settings = {"DATABASE_URL": database, "PERMISO_DATABASE_URL": database}
    if defect:
        settings["PERMISO_DEFECTS"] = defect
    inherited = {key: value for key, value in os.environ.items() if key not in ISOLATED}
    return EmbeddedTarget.ReferenceService("test", values, settings, inherited=inherited)


def run_tests(services: Services, values: dict, workdir: Path, defect: str | None, tests: list[str]) -> Outcome:
    """Start a service (with ``defect``), run ``tests`` against it, stop it; the outcome."""
    workdir.mkdir(parents=True)
    try:
        service = services.start(harness_service(values, workdir, defect))
    except EmbeddedTarget.TargetError as error:
        return Outcome(problem=f"the service did not start: {str(error).splitlines()[0]}")
    try:
        environment = {k: v for k, v in os.environ.items() if k not in ISOLATED}
        environment.update({**service.suite_environment, "TMPDIR": str(workdir),
                            "PERMISO_RATE_BUDGET_DIR": str(workdir / "rate-budget")})
        outdir = workdir / "robot"
        subprocess.call(robot_command(tests, outdir), cwd=workdir, env=environment,
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    finally:
        services.stop(service)
    output = outdir / "output.xml"
    if not output.exists():
        return Outcome(missing=set(tests), problem="robot wrote no output.xml (no mapped test exists?)")
    return outcome_of(verdicts.read_run(output), tests)


def run_defect(services: Services, values: dict, workroot: Path, name: str) -> Outcome:
    """Run one defect's mapped tests against a service with that defect."""
    expected = list(defect_map.DEFECT_MAP.get(name, ()))
    if not expected:
        return Outcome(problem="no test is mapped to this defect")
    return run_tests(services, values, workroot / name, name, expected)


def clean_from(output: Path, tests: list[str]) -> Outcome:
    """The mapped tests' verdicts read from an earlier run of them on a clean service at the
    same profile (``--clean``, e.g. the project tests' main run): no run repeated for them."""
    return outcome_of(verdicts.read_run(output), tests)


def run_clean(services: Services, values: dict, workroot: Path, tests: list[str]) -> Outcome:
    """The mapped tests on clean services (several at once); their failures and missing tests."""
    total = Outcome()
    with ThreadPoolExecutor(max_workers=CLEAN_CHUNKS) as pool:
        outcomes = pool.map(lambda args: run_tests(services, values, workroot / f"clean-{args[0]}", None, args[1]),
                            enumerate(clean_chunks(tests)))
        for outcome in outcomes:
            total.failed |= outcome.failed
            total.missing |= outcome.missing
            total.messages.update(outcome.messages)
            total.problem = "; ".join(p for p in (total.problem, outcome.problem) if p)
    return total


def print_result(result: DefectResult) -> None:
    """One console line per defect (and its notes)."""
    verdict = f"caught by {len(result.caught_by)}/{len(result.expected_by)}" if result.caught else "NOT CAUGHT"
    print(f"  {result.area:<18} {result.name:<36} {verdict}", flush=True)
    for note in ([f"no such test: {t}" for t in result.missing] + ([result.problem] if result.problem else [])):
        print(f"      {note}", flush=True)


def write_outputs(results: list[DefectResult], clean_failures: set[str], seconds: float,
                  stem: str = "defects") -> None:
    """results/STEM.json and results/STEM.html."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{stem}.json").write_text(json.dumps(report(results, clean_failures), indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{stem}.html").write_text(html_report(results, clean_failures, seconds), encoding="utf-8")


STACK_AREA = "dependency-faults"


def chosen_defects(only: list[str] | None, stack: bool = False) -> list[str]:
    """The defects to check, in catalogue order: those of the dependency-faults area with
    ``stack``, every other one without; SystemExit for an unknown name or one of the wrong kind."""
    needs_stack = set(defects.AREAS[STACK_AREA])
    if not only:
        return [name for name in defects.KNOWN if (name in needs_stack) == stack]
    unknown = [name for name in only if name not in defects.KNOWN]
    if unknown:
        raise SystemExit(f"Unknown defect(s): {', '.join(unknown)}")
    wrong = [name for name in only if (name in needs_stack) != stack]
    if wrong:
        hint = "without --stack" if stack else "with --stack docker (they need a container stack)"
        raise SystemExit(f"Check {', '.join(wrong)} {hint}")
    return [name for name in defects.KNOWN if name in only]


def run_on_stack(workdir: Path, defect: str | None, tests: list[str]) -> Outcome:
    """One container stack (with ``defect``), only ``tests`` run against it; the outcome."""
    environment = {k: v for k, v in os.environ.items() if k not in ISOLATED and k != "PERMISO_BASE_URL"}
    if defect:
        environment["PERMISO_DEFECTS"] = defect
    command = [run_acceptance.PYTHON, "-m", "tools.run.acceptance", "--stack", "docker",
               "--outputdir", str(workdir)]
    for test in sorted(set(tests)):
        command += ["--test", test_pattern(test)]
    completed = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    output = workdir / "output.xml"
    if not output.exists():
        return Outcome(missing=set(tests), problem=f"no output.xml: {completed.stderr.strip()[-300:]}")
    return outcome_of(verdicts.read_run(output), tests)


def stack_main(names: list[str], started: float) -> int:
    """``--stack docker``: each dependency-fault defect on its own stack, then a clean stack."""
    with tempfile.TemporaryDirectory(prefix="permiso-defects-") as temp:
        workroot = Path(temp)
        mapped = sorted({test for name in names for test in defect_map.DEFECT_MAP.get(name, ())})
        outcomes = {name: run_on_stack(workroot / name, name, list(defect_map.DEFECT_MAP.get(name, ())))
                    for name in names}
        clean = run_on_stack(workroot / "clean", None, mapped)
    print(f"Clean stack: {len(mapped)} mapped tests, {len(clean.failed)} failed"
          + (f" ({clean.problem})" if clean.problem else ""), flush=True)
    results = [judge(name, list(defect_map.DEFECT_MAP.get(name, ())), outcome, clean.failed)
               for name, outcome in outcomes.items()]
    for result in results:
        print_result(result)
    seconds = time.monotonic() - started
    write_outputs(results, clean.failed, seconds, "defects-stack")
    passed, failed = tally(results, clean.failed)
    print(f"Report: {RESULTS / 'defects-stack.html'}")
    print(f"Defect harness (container stack) took {seconds:.0f} s ({len(names)} defects)")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    """Clean run, then every defect (several at once); outputs, summary, exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="check only this defect (repeatable)")
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"defects at once (default {DEFAULT_JOBS})")
    parser.add_argument("--clean", type=Path,
                        help="output.xml of a run of every mapped test on a clean service at the test profile "
                             "(e.g. ./run-acceptance.sh's): its verdicts replace the harness's own clean run")
    parser.add_argument("--stack", choices=run_acceptance.STACKS,
                        help="check the dependency-fault defects, each on its own container stack")
    args = parser.parse_args(argv)
    started = time.monotonic()
    names = chosen_defects(args.only, stack=bool(args.stack))
    if args.stack:
        return stack_main(names, started)
    values = config.load(os.environ, config.read_dotenv())
    EmbeddedTarget.stop_on_signals()
    services = Services()
    pool = ThreadPoolExecutor(max_workers=max(1, args.jobs))
    with tempfile.TemporaryDirectory(prefix="permiso-defects-") as temp:
        workroot = Path(temp)
        try:
            mapped = sorted({test for name in names for test in defect_map.DEFECT_MAP.get(name, ())})
            futures = {name: pool.submit(run_defect, services, values, workroot, name) for name in names}
            clean = clean_from(args.clean, mapped) if args.clean else run_clean(services, values, workroot, mapped)
            clean_failures = clean.failed
            print(f"Clean service: {len(mapped)} mapped tests, {len(clean_failures)} failed"
                  + (f" ({clean.problem})" if clean.problem else ""), flush=True)
            for test in sorted(clean_failures):
                print(f"      FAILED: {test}: {clean.messages.get(test, '')[:200]}", flush=True)
            for test in sorted(clean.missing):
                print(f"      no such test: {test}", flush=True)
            results = []
            for name, future in futures.items():
                results.append(judge(name, list(defect_map.DEFECT_MAP.get(name, ())), future.result(), clean_failures))
                print_result(results[-1])
        except KeyboardInterrupt:
            print("\nInterrupted: stopping the services.", file=sys.stderr, flush=True)
            return 130
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
            services.stop_all()
    seconds = time.monotonic() - started
    write_outputs(results, clean_failures, seconds)
    passed, failed = tally(results, clean_failures)
    print(f"Report: {RESULTS / 'defects.html'}")
    print(f"Defect harness took {seconds:.0f} s ({len(names)} defects, {args.jobs} at once)")
    print(f"{passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
