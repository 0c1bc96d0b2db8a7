"""Run hygiene: the acceptance runs themselves are repeatable, independent, clean and quick to fail.

    python -m tools.checks.hygiene [--outputdir results/hygiene] [-- robot selection options]

One check per hygiene rule, each printed as a table row, then ``N passed, N failed``:

1. **serial = parallel**: the subset run by pabot (the runner's default split, 4 processes)
   and by one serial ``robot`` gives every test the same verdict (``tools/checks/verdicts.py``).
2. **second run clean**: that serial run is the second run against the same, still running
   target; it must be green, and users, roles, scopes and service clients counted through
   the admin list routes (``total``) before the first run and after the second must be equal.
   Sessions: every login of a run leaves an active session for the account that logged in,
   and the configured admin and normal user log in all the time, so their sessions grow with
   every run and expire by themselves. "Nothing left behind" means: the active sessions of
   everybody else (``/sessions/stats`` ``active_sessions`` minus the configured accounts' own
   ``/sessions/`` totals) are as many after as before: temporary users' sessions end with them.
   No item may be listed in the run's ``leftovers.txt``.
3. **random order**: the subset once more with ``--randomize all`` is green.
4. **no secret in the outputs**: every file these runs wrote (output.xml, log.html and
   report.html with their compressed strings decoded, xunit, pabot's per-process files, the
   captured consoles) holds no known secret (admin and user passwords, client secret, the
   signing keys this check gave the services, the wrong password of check 6) in any encoding,
   nothing JWT-shaped and no argon2/bcrypt hash. To be sure the hash search is real, one
   extra run is made against a service whose client-read answer carries the stored secret hash
   (defect ``client-secret-in-get``): the answer is shown to carry it, the outputs must not.
5. **wrong URL**: ``run-acceptance.sh`` against ``http://127.0.0.1:9`` exits 3 (target not ready) with one line
   in under 10 s.
6. **wrong admin password**: the same against a running service with a wrong admin password.
7. **target killed mid-run**: a serial run whose service is killed after a few seconds ends
   within (selected tests × ``TEST_TIMEOUT_SECONDS``); every test that started after the kill
   ends within ``TEST_TIMEOUT_SECONDS`` and fails saying the target "does not answer".

The services are started with ``tools/run/acceptance.py``'s own helpers (``start_embedded``,
which hands the suites the signing key through the environment, where this check reads it).
The default subset is every area's smoke tests plus the areas that create and end state
(auth, sessions, roles and scopes without the authorization matrix, service clients: about 180
tests, about 2 minutes for the whole check); robot selection options after ``--`` replace it.
Everything goes to ``results/hygiene/``; every service is stopped at the end.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


from tools.run import acceptance as run_acceptance
from tools import ROOT
from tools.checks import verdicts

import secret_scan


OUTPUT_DIR = ROOT / "results" / "hygiene"
PYTHON = sys.executable
SUBSET = ["--include", "smoke", "--include", "auth", "--include", "sessions", "--include", "roles",
          "--include", "clients", "--exclude", "authorization-matrix"]
KILL_SUBSET = ["--include", "smoke"]
KILL_AFTER_PASSED = 5
KILL_WAIT_LIMIT = 60.0
STOP_LIMIT_SECONDS = 10.0
PARALLEL_PROCESSES = "4"
WRONG_URL = "http://127.0.0.1:9"
HASH_DEFECT = "client-secret-in-get"
HASH_TEST = "*.The Secret Is Shown Only Once"
NOT_ANSWERING = "does not answer"
COUNTED = ("users", "roles", "scopes", "service clients", "other users' active sessions")


@dataclass
class Check:
    """One hygiene rule's outcome: a table row."""

    name: str
    passed: bool = False
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)

    def row(self) -> str:
        """``PASS  name  12.3 s  details``."""
        verdict = "PASS" if self.passed else "FAIL"
        return f"{verdict}  {self.name:<44} {self.seconds:>6.1f} s  {'; '.join(self.details)}"


@dataclass
class Run:
    """One robot or pabot run: its output folder, exit code, duration and console text."""

    outdir: Path
    code: int
    seconds: float
    console: str

    @property
    def output(self) -> Path:
        return self.outdir / "output.xml"


# --------------------------------------------------------------------------------------------
# Pure parts (unit-tested in tools/tests/test_hygiene_check.py)

def verdict_differences(first: dict[str, str], second: dict[str, str]) -> list[str]:
    """Tests whose status differs between two runs (name → status), or that only one ran."""
    differences = []
    for name in sorted(set(first) | set(second)):
        one, other = first.get(name, "not run"), second.get(name, "not run")
        if one != other:
            differences.append(f"{name}: {one} / {other}")
    return differences


def count_differences(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """``users: 12 → 13`` for every count that changed."""
    return [f"{name}: {before.get(name)} → {after.get(name)}"
            for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]


def others_active_sessions(active: int, own_totals: list[int]) -> int:
    """Active sessions of everybody but the configured accounts (their own totals given)."""
    return active - sum(own_totals)


def one_clear_line(text: str, expected: str) -> list[str]:
    """Problems with a stopped run's output: it must be one non-empty line containing
    ``expected`` (the message a person reads) and no Python traceback."""
    lines = [line for line in text.splitlines() if line.strip()]
    problems = []
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines instead of one: {' | '.join(lines)[:300]}")
    if expected not in text:
        problems.append(f"no '{expected}' in: {text.strip()[:200]}")
    if "Traceback" in text:
        problems.append("a Python traceback")
    return problems


@dataclass(frozen=True)
class TestTiming:
    """A test of a killed run: when it started and ended, its status and message."""

    name: str
    start: datetime
    seconds: float
    status: str
    message: str


def killed_run_problems(tests: list[TestTiming], killed_at: datetime, timeout: float) -> list[str]:
    """Tests that started after the kill and took longer than ``timeout`` or failed for another
    reason than the target not answering."""
    problems = []
    for test in tests:
        if test.start < killed_at:
            continue
        if test.seconds > timeout:
            problems.append(f"{test.name} took {test.seconds:.1f} s (> {timeout:g} s)")
        if test.status == "FAIL" and NOT_ANSWERING not in test.message:
            problems.append(f"{test.name} failed without '{NOT_ANSWERING}': {test.message[:120]}")
    return problems


def passed_tests_in(console: str) -> int:
    """Passed tests in robot's verbose console output (``… | PASS |`` lines of tests)."""
    return sum(1 for line in console.splitlines() if line.rstrip().endswith("| PASS |"))


def selected_options(extra: list[str]) -> list[str]:
    """The user's selection after ``--``, else the default subset."""
    return list(extra) if extra else list(SUBSET)


# --------------------------------------------------------------------------------------------
# Services and runs

@contextmanager
def embedded_target(service_environment: dict[str, str] | None = None
                    ) -> Iterator[tuple[run_acceptance.EmbeddedTarget.ReferenceService, dict[str, str], dict]]:
    """A reference service started by the runner's own helper; yields it, the environment a
    run against it needs (with its URL, signing key and the preflight mark) and the values."""
    environment = run_acceptance.runner_environment()
    for name in ("PERMISO_BASE_URL", "PERMISO_DEFECTS", "PERMISO_DEGRADE", "PERMISO_VARIANTS",
                 run_acceptance.PREFLIGHT_MARK):
        environment.pop(name, None)
    # The service's default database lives under its TMPDIR: removed here even when a check
    # kills the service, which then cannot remove it itself.
    with tempfile.TemporaryDirectory(prefix="permiso-hygiene-") as temporary:
        service_environment = {**(service_environment or {}), "TMPDIR": temporary}
        service, values = run_acceptance.start_embedded(environment, {}, service_environment)
        try:
            version = run_acceptance.preflight(values)
            run_acceptance.mark_preflight_done(environment, values)
            values = {**values, "_version": version}
            yield service, environment, values
        finally:
            service.stop()


def run_robot(outdir: Path, command: list[str], environment: dict[str, str], workdir: Path) -> Run:
    """Run robot or pabot with its console captured into ``outdir/console.txt``."""
    if outdir.exists():
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True)
    environment = {**environment, "PERMISO_LEFTOVERS_FILE": str(outdir / "leftovers.txt")}
    started = time.monotonic()
    with open(outdir / "console.txt", "w", encoding="utf-8") as console:
        code = run_acceptance.run_pabot(command, environment, cwd=workdir, console=console)
    seconds = time.monotonic() - started
    return Run(outdir, code, seconds, (outdir / "console.txt").read_text(encoding="utf-8"))


def robot_command(values: dict, outdir: Path, options: list[str]) -> list[str]:
    """A serial robot run with the runner's options (listener, variable file, metadata)."""
    return [PYTHON, "-m", "robot", *run_acceptance.robot_options(values, values["_version"], outdir),
            "--console", "verbose", "--exclude", "load", *options, str(ROOT / "suites")]


def pabot_command(values: dict, outdir: Path, options: list[str]) -> list[str]:
    """The runner's own pabot command (default split) with a fixed number of processes."""
    return run_acceptance.pabot_command(values, values["_version"],
                                        ["--processes", PARALLEL_PROCESSES, *options], outdir)


def statuses(run: Run) -> dict[str, str]:
    """Test name → PASS/FAIL/SKIP of a run (empty when it wrote no output)."""
    if not run.output.exists():
        return {}
    return {name: verdict.status for name, verdict in verdicts.read_run(run.output).items()}


def run_summary(run: Run) -> str:
    """``118 passed, 0 failed, 2 skipped (exit 0)``."""
    found = statuses(run)
    counts = {status: sum(1 for value in found.values() if value == status) for status in ("PASS", "FAIL", "SKIP")}
    return f"{counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped (exit {run.code})"


def green(run: Run) -> bool:
    """The run wrote its output, selected tests, and none failed."""
    found = statuses(run)
    return run.code == 0 and bool(found) and "FAIL" not in found.values()


def leftovers(run: Run) -> list[str]:
    """What the run's clean-up could not remove."""
    path = run.outdir / "leftovers.txt"
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# --------------------------------------------------------------------------------------------
# Counting what the API holds

def admin_get(session: object, values: dict, path: str, token: str) -> dict:
    """GET a path of the target with a bearer token; the JSON body (raises on a non-200)."""
    response = session.get(values["PERMISO_BASE_URL"].rstrip("/") + path,
                           headers={"Authorization": f"Bearer {token}"}, timeout=10)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    return response.json()


def login(session: object, values: dict, username: str, password: str) -> str:
    """An access token for an account (raises when refused)."""
    response = session.post(values["PERMISO_BASE_URL"].rstrip("/") + values["AUTH_TOKEN_PATH"],
                            data={"username": username, "password": password}, timeout=10)
    if response.status_code != 200:
        raise RuntimeError(f"login as {username} answered {response.status_code}")
    return response.json()["access_token"]


def inventory(values: dict) -> dict[str, int]:
    """Users, roles, scopes and service clients (list ``total``) and the active sessions of
    everybody but the configured admin and normal user."""
    import requests  # noqa: PLC0415 - the venv has it

    with requests.Session() as session:
        admin = login(session, values, values["TEST_ADMIN_USERNAME"], values["TEST_ADMIN_PASSWORD"].value)
        user = login(session, values, values["TEST_USER_USERNAME"], values["TEST_USER_PASSWORD"].value)
        totals = {
            name: int(admin_get(session, values, f"{values[path]}?per_page=1", admin)["total"])
            for name, path in (("users", "USERS_PATH"), ("roles", "ROLES_PATH"), ("scopes", "SCOPES_PATH"),
                               ("service clients", "SERVICE_CLIENTS_PATH"))
        }
        active = int(admin_get(session, values, values["SESSIONS_STATS_PATH"], admin)["active_sessions"])
        own = [int(admin_get(session, values, values["SESSIONS_PATH"], token)["total"]) for token in (admin, user)]
    totals["other users' active sessions"] = others_active_sessions(active, own)
    return totals


def client_answer_hash(values: dict) -> str:
    """The ``client_secret`` the target's client-read answer carries (the hash under the
    ``client-secret-in-get`` defect), or an empty string."""
    import requests  # noqa: PLC0415

    with requests.Session() as session:
        admin = login(session, values, values["TEST_ADMIN_USERNAME"], values["TEST_ADMIN_PASSWORD"].value)
        body = admin_get(session, values, values["SERVICE_CLIENTS_PATH"] + values["TEST_CLIENT_ID"], admin)
    return str(body.get("client_secret") or "")


# --------------------------------------------------------------------------------------------
# The checks

def timed(check: Check, action: Callable[[], None]) -> Check:
    """Run ``action`` (which fills ``check``), adding its wall time; an exception fails it."""
    started = time.monotonic()
    try:
        action()
    except Exception as error:  # noqa: BLE001 - a broken check is a failed check, with its reason
        check.passed = False
        check.details.append(f"could not check: {type(error).__name__}: {error}")
    check.seconds += time.monotonic() - started
    return check


def runner_stop(environment: dict[str, str], outdir: Path) -> tuple[int, float, str]:
    """``run-acceptance.sh`` as a person starts it; (exit code, seconds, console)."""
    outdir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    completed = subprocess.run(["bash", str(ROOT / "run-acceptance.sh"), "--outputdir", str(outdir)],
                               cwd=ROOT, env=environment, capture_output=True, text=True,
                               timeout=60, stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    console = completed.stdout + completed.stderr
    (outdir / "console.txt").write_text(console, encoding="utf-8")
    return completed.returncode, seconds, console


def judge_stop(check: Check, code: int, seconds: float, console: str, expected: str) -> None:
    """Exit code 3 (the target is not ready), under the limit, one clear line."""
    problems = one_clear_line(console, expected)
    if code != run_acceptance.EXIT_NOT_READY:
        problems.append(f"exit code {code}, expected {run_acceptance.EXIT_NOT_READY} (target not ready)")
    if seconds >= STOP_LIMIT_SECONDS:
        problems.append(f"took {seconds:.1f} s")
    check.passed = not problems
    check.details.append(f"exit {code} in {seconds:.1f} s" + (f": {console.strip()[:110]}" if not problems else ""))
    check.details.extend(problems)


def killed_run(outdir: Path, workdir: Path, check: Check) -> None:
    """Kill the target a few seconds into a serial run; the rest must fail fast."""
    outdir = outdir.resolve()
    with embedded_target() as (service, environment, values):
        command = robot_command(values, outdir, KILL_SUBSET)
        timeout = float(values["TEST_TIMEOUT_SECONDS"])
        if outdir.exists():
            shutil.rmtree(outdir)
        outdir.mkdir(parents=True)
        environment = {**environment, "PERMISO_LEFTOVERS_FILE": str(outdir / "leftovers.txt")}
        with open(outdir / "console.txt", "w", encoding="utf-8") as console:
            process = subprocess.Popen(command, cwd=workdir, env=environment, stdout=console,
                                       stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            selected = selected_count(KILL_SUBSET)
            passed_before = wait_for_passed_tests(outdir / "console.txt", process, KILL_AFTER_PASSED)
            assert service.process is not None
            os.killpg(service.process.pid, signal.SIGKILL)  # its own session: the service alone
            service.process.wait()
            killed_at, killed_clock = datetime.now(), time.monotonic()
            bound = selected * timeout
            try:
                process.wait(bound)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                check.details.append(f"still running {bound:g} s after the kill: stopped")
                return
        after_kill = time.monotonic() - killed_clock
    tests = killed_tests(outdir / "output.xml")
    late = [test for test in tests if test.start >= killed_at]
    problems = killed_run_problems(tests, killed_at, timeout)
    failed = sum(1 for test in late if test.status == "FAIL" and NOT_ANSWERING in test.message)
    slowest = max((test.seconds for test in late), default=0.0)
    check.passed = not problems and bool(late)
    check.details.append(f"killed after {passed_before} PASS lines; {len(late)} tests after it "
                         f"({failed} failed '{NOT_ANSWERING}'), slowest {slowest:.1f} s, run ended "
                         f"{after_kill:.1f} s after the kill (bound {selected} × {timeout:g} s)")
    if not late:
        check.details.append("no test started after the kill: kill earlier or select more tests")
    check.details.extend(problems[:5])


def selected_count(options: list[str]) -> int:
    """How many tests ``--include``/``--exclude`` options select from the suites (load left out)."""
    from robot.api import TestSuiteBuilder  # noqa: PLC0415

    include = [options[i + 1] for i, arg in enumerate(options[:-1]) if arg in ("--include", "-i")]
    exclude = [options[i + 1] for i, arg in enumerate(options[:-1]) if arg in ("--exclude", "-e")]
    suite = TestSuiteBuilder().build(str(ROOT / "suites"))
    suite.configure(include_tags=include or None, exclude_tags=[*exclude, "load"])
    return suite.test_count


def wait_for_passed_tests(console: Path, process: subprocess.Popen, wanted: int) -> int:
    """Wait until robot's console shows ``wanted`` passed tests (or it ends, or a minute went
    by); return how many it shows."""
    deadline = time.monotonic() + KILL_WAIT_LIMIT
    passed = 0
    while time.monotonic() < deadline and process.poll() is None:
        passed = passed_tests_in(console.read_text(encoding="utf-8", errors="replace"))
        if passed >= wanted:
            break
        time.sleep(0.1)
    return passed


def killed_tests(output: Path) -> list[TestTiming]:
    """Every test of a run with its start time, duration, status and message."""
    from robot.api import ExecutionResult  # noqa: PLC0415

    found: list[TestTiming] = []

    def visit(suite: object) -> None:
        for test in getattr(suite, "tests", ()):
            found.append(TestTiming(test.full_name, test.start_time, test.elapsed_time.total_seconds(),
                                    test.status, test.message))
        for child in getattr(suite, "suites", ()):
            visit(child)

    visit(ExecutionResult(str(output)).suite)
    return found


def main(argv: list[str] | None = None) -> int:
    """Run every check, print the table and ``N passed, N failed``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outputdir", default=str(OUTPUT_DIR))
    parser.add_argument("selection", nargs="*", help="robot selection options after --")
    args = parser.parse_args(argv)
    options = selected_options(args.selection)
    out = Path(args.outputdir).resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    checks = {key: Check(name) for key, name in (
        ("serial", "serial and parallel verdicts are equal"),
        ("second", "second run green, nothing left behind"),
        ("random", "--randomize all is green"),
        ("secrets", "no secret in any output file"),
        ("url", "wrong PERMISO_BASE_URL stops < 10 s"),
        ("password", "wrong admin password stops < 10 s"),
        ("killed", "target killed mid-run: the rest fails fast"),
    )}
    known: dict[str, str] = {}
    workdir = Path(tempfile.mkdtemp(prefix="hygiene-"))  # pabot's .pabotsuitenames lands here
    try:
        with embedded_target() as (_service, environment, values):
            known.update(known_secrets(values, environment))
            runs: dict[str, Run] = {}
            before: dict[str, int] = {}

            def serial_vs_parallel() -> None:
                before.update(inventory(values))
                runs["parallel"] = run_robot(out / "parallel", pabot_command(values, out / "parallel", options),
                                             environment, workdir)
                runs["serial"] = run_robot(out / "serial", robot_command(values, out / "serial", options),
                                           environment, workdir)
                differences = verdict_differences(statuses(runs["parallel"]), statuses(runs["serial"]))
                check = checks["serial"]
                check.passed = not differences and bool(statuses(runs["serial"]))
                check.details.append(f"parallel {run_summary(runs['parallel'])} in {runs['parallel'].seconds:.0f} s, "
                                     f"serial {run_summary(runs['serial'])} in {runs['serial'].seconds:.0f} s")
                check.details.extend(differences[:5])

            def second_run() -> None:
                after = inventory(values)
                changed = count_differences(before, after)
                left = leftovers(runs["parallel"]) + leftovers(runs["serial"])
                check = checks["second"]
                check.passed = green(runs["serial"]) and not changed and not left
                check.details.append("counted " + ", ".join(f"{name} {before[name]}" for name in COUNTED))
                if not green(runs["serial"]):
                    check.details.append(f"second run not green: {run_summary(runs['serial'])}")
                check.details.extend(changed + [f"leftover: {line}" for line in left[:5]])

            def randomized() -> None:
                runs["random"] = run_robot(out / "randomized",
                                           robot_command(values, out / "randomized", ["--randomize", "all", *options]),
                                           environment, workdir)
                checks["random"].passed = green(runs["random"])
                checks["random"].details.append(run_summary(runs["random"]))

            def wrong_password() -> None:
                wrong = f"Wrong-{secrets.token_hex(6)}!"
                known["wrong admin password"] = wrong
                code, seconds, console = runner_stop({**environment, "TEST_ADMIN_PASSWORD": wrong},
                                                     out / "wrong-password")
                judge_stop(checks["password"], code, seconds, console, "Admin login as")

            timed(checks["serial"], serial_vs_parallel)
            timed(checks["second"], second_run)
            timed(checks["random"], randomized)
            timed(checks["password"], wrong_password)

        def wrong_url() -> None:
            environment = {key: value for key, value in run_acceptance.runner_environment().items()
                           if key != run_acceptance.PREFLIGHT_MARK}
            # A deployment named with every credential, as a QA team names one, but a wrong URL.
            defaults = run_acceptance.config.load({}, {})
            credentials = {name: str(getattr(defaults[name], "value", defaults[name]))
                           for name in run_acceptance.config.CREDENTIALS}
            code, seconds, console = runner_stop({**environment, **credentials, "PERMISO_BASE_URL": WRONG_URL},
                                                 out / "wrong-url")
            judge_stop(checks["url"], code, seconds, console, f"{NOT_ANSWERING} at {WRONG_URL}")

        timed(checks["url"], wrong_url)
        timed(checks["killed"], lambda: killed_run(out / "killed", workdir, checks["killed"]))
        timed(checks["secrets"], lambda: secrets_check(out, workdir, known, checks["secrets"]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print("\nRun hygiene")
    for check in checks.values():
        print("  " + check.row())
    passed = sum(1 for check in checks.values() if check.passed)
    print(f"{passed} passed, {len(checks) - passed} failed", flush=True)
    return 0 if passed == len(checks) else 1


def known_secrets(values: dict, environment: dict[str, str]) -> dict[str, str]:
    """The secrets every output is searched for, with the signing key this service got."""
    return {
        "TEST_ADMIN_PASSWORD": values["TEST_ADMIN_PASSWORD"].value,
        "TEST_USER_PASSWORD": values["TEST_USER_PASSWORD"].value,
        "TEST_CLIENT_SECRET": values["TEST_CLIENT_SECRET"].value,
        "TOKEN_SIGNING_KEY": environment["TOKEN_SIGNING_KEY"],
    }


def secrets_check(out: Path, workdir: Path, known: dict[str, str], check: Check) -> None:
    """A run against a service whose answer carries a password hash, then the search of every
    output file of every run of this check."""
    with embedded_target({"PERMISO_DEFECTS": HASH_DEFECT}) as (_service, environment, values):
        known["TOKEN_SIGNING_KEY (hash run)"] = environment["TOKEN_SIGNING_KEY"]
        carried = client_answer_hash(values)
        run = run_robot(out / "hash-answer", robot_command(values, out / "hash-answer", ["--test", HASH_TEST]),
                        environment, workdir)
    hash_seen = any(pattern.fullmatch(carried) for pattern in secret_scan.HASH_PATTERNS.values())
    leaks = secret_scan.find_leaks(secret_scan.output_texts(out), known)
    files = sum(1 for path in out.rglob("*") if path.is_file())
    check.passed = hash_seen and not leaks and "FAIL" in statuses(run).values()
    check.details.append(f"{files} files, {len(known)} known secrets, JWT and hash shapes: "
                         f"{len(leaks)} found; the defective answer carried {carried[:10] or 'nothing'}…, "
                         f"hash run {run_summary(run)}")
    if not hash_seen:
        check.details.append(f"the {HASH_DEFECT} answer carried no password hash: the hash search proves nothing")
    check.details.extend(leaks[:8])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
