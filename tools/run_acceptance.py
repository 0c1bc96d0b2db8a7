"""Run the acceptance suites: embedded target (unless one is configured), preflight, pabot.

Usage (normally through ``./run-acceptance.sh``, which prepares the virtual environment)::

    python tools/run_acceptance.py [pabot/robot options...]

Extra arguments go to pabot before the suites path, e.g. ``--include smoke`` or
``--exclude slow``. Steps:

1. Read the configuration (``variables/config.py``: environment > ``.env`` > defaults); a bad
   value stops here with one message (exit code 2).
2. Unless ``PERMISO_BASE_URL`` is set (environment or ``.env``), start the embedded reference
   service (``python -m sut --host 127.0.0.1 --port 0``) with a test configuration: a random
   signing key (handed to the suites as ``TOKEN_SIGNING_KEY`` through the environment only),
   a 6-second lockout, per-address limits raised for a parallel run from one address, test
   tokens exposed. Wait up to 20 s for its "listening on" line.
3. Preflight: health check and admin login (5 s timeout, no retries). On failure print one
   line and exit with code 2. On success set ``PERMISO_PREFLIGHT_PASSED_FOR`` to the checked
   URL: the root suite of each robot process then does not repeat these two requests.
4. ``python -m pabot.pabot --testlevelsplit --chunk --processes N …`` writing ``results/``:
   the tests cut into N blocks, one robot process each, N = twice the cores, at least 4
   (``default_processes``). The user's ``--processes`` replaces N; the user's
   ``--testlevelsplit``, ``--chunk`` or ``--ordering`` replace the default split, and the
   runner's own ``--suitelevel`` selects pabot's suite level. The redacting listener, the
   variable file, tag documentation and metadata are set here.
5. Stop the service (SIGTERM, then SIGKILL after 10 s), also on Ctrl-C or errors, and exit
   with pabot's exit code.

``--stack docker`` replaces step 2: the production-shaped container stack of
``tools/stack/stack.py`` (PostgreSQL, Redis, the reference service and nginx with TLS on a
private Docker engine) is started instead, the suites test nginx's HTTPS URL with the stack's
CA, Docker engine and container names, and ``ALLOW_DEPENDENCY_FAULTS`` is true. Wherever that
variable is true the dependency-fault tests (tag ``dependency-faults``) stop containers, so
they are left out of the parallel run and run alone after it (``robot``, serial), and their
results are put back into ``output.xml`` (``tools/result_merge.py``) before the log and the
report are written again. The stack is stopped at the end, leaving nothing behind.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "variables"), str(ROOT / "libraries")]

import config  # noqa: E402 - variables/config.py, found through sys.path above

RESULTS = ROOT / "results"
PYTHON = sys.executable
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
PREFLIGHT_TIMEOUT = 5.0
# Long enough that MAX_LOGIN_ATTEMPTS failed logins fit into one lock window on a busy machine
# (the reference service counts failures within a window as long as the lock), short enough
# for the test that waits for the lock to lift.
EMBEDDED_LOCKOUT_SECONDS = "6"
STRICT_LIMIT_NETWORK = "198.18.0.0/15"  # RFC 2544 benchmarking range, never a real client
LISTENING = "Permiso reference service listening on "
# Set by the runner after its preflight passed, to the target URL it checked: the root suite
# then skips its own health check and admin login when it tests that same URL.
PREFLIGHT_MARK = "PERMISO_PREFLIGHT_PASSED_FOR"
STACKS = ("docker",)
FAULT_TAG = "dependency-faults"
FAULT_RESULTS = "faults"  # below the output directory
# Handed from the runner's environment to the embedded service when set there.
PASSED_THROUGH = (
    "DATABASE_URL", "PERMISO_DATABASE_URL", "REDIS_URL", "PERMISO_REDIS_URL",
    "PERMISO_DEFECTS", "PERMISO_VARIANTS", "PERMISO_DEGRADE",
)

TAG_DOCS = {
    "smoke": "Quick checks that the deployment basically works",
    "critical": "A failure blocks a release",
    "hardening": "Best practice beyond the upstream API; report separately",
    "destructive": "Changes shared state of the deployment (uses temporary data only)",
    "slow": "Waits for time to pass (lockout, expiry); exclude for a quick run",
    "infrastructure": "Area: health, containers, transport security",
    "auth": "Area: login, tokens, refresh, introspection, revocation, logout",
    "users": "Area: user management and self-service",
    "roles": "Area: roles, scopes and permission checks",
    "clients": "Area: service clients",
    "sessions": "Area: sessions",
    "admin": "Area: administration routes",
    "security": "Area: lockout, rate limits, access control, hostile input",
    "performance": "Area: response-time percentiles, concurrency and load",
    "integration": "Area: end-to-end journeys across several parts of the API",
    "authorization-matrix": "One cell of the authorization matrix: a caller on a route (§3-§11)",
    "load": "Locust load tests; excluded unless asked for with --include load",
    "owasp-api1-bola": "OWASP API1:2023 Broken Object Level Authorization: one user acting on "
                       "another user's objects",
    "owasp-api2-auth": "OWASP API2:2023 Broken Authentication: forged, tampered or wrong-kind tokens, "
                       "tokens of deactivated accounts, timing that reveals accounts",
    "owasp-api3-property": "OWASP API3:2023 Broken Object Property Level Authorization: privilege fields "
                           "sent for one's own record (mass assignment), data leaking from answers",
    "owasp-api4-resources": "OWASP API4:2023 Unrestricted Resource Consumption: rate limits, oversized "
                            "and deeply nested bodies",
    "owasp-api5-function": "OWASP API5:2023 Broken Function Level Authorization: administration scopes "
                           "claimed in a request instead of held in the token",
    "owasp-api8-misconfig": "OWASP API8:2023 Security Misconfiguration: security headers, CORS, hosts, "
                            "methods, error bodies that leak internals",
}


class RunnerError(Exception):
    """Stops the run with one message (exit code 2)."""


class EmbeddedService:
    """The reference service in a child process; stopped by :meth:`stop`, always."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.environment = environment
        self.process: subprocess.Popen[str] | None = None
        self.stderr_tail: deque[str] = deque(maxlen=30)
        self.url = ""

    def start(self) -> str:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "sut", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT, env=self.environment, stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1,
            start_new_session=True,  # Ctrl-C reaches the runner only; it stops the service
        )
        threading.Thread(target=self._drain_stderr, daemon=True).start()
        found: list[str] = []
        ready = threading.Event()
        threading.Thread(target=self._read_url, args=(found, ready), daemon=True).start()
        ready.wait(START_TIMEOUT)
        if not found:
            code = self.process.poll()
            self.stop()
            tail = "\n".join(f"  | {line}" for line in self.stderr_tail) or "  | (nothing)"
            state = f"exited with code {code}" if code is not None else f"did not start within {START_TIMEOUT:g} s"
            raise RunnerError(f"The embedded reference service {state}. Its last error output:\n{tail}")
        self.url = found[0]
        return self.url

    def _read_url(self, found: list[str], ready: threading.Event) -> None:
        assert self.process and self.process.stdout
        for line in self.process.stdout:
            if line.startswith(LISTENING):
                found.append(line[len(LISTENING):].strip())
                break
        ready.set()  # found, or the output ended because the service exited
        for _line in self.process.stdout:  # keep the pipe drained
            pass

    def _drain_stderr(self) -> None:
        assert self.process and self.process.stderr
        for line in self.process.stderr:
            self.stderr_tail.append(line.rstrip())

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def embedded_environment(signing_key: str, values: dict) -> dict[str, str]:
    """Environment of the embedded service: the suite's identities and a test set-up."""
    env = dict(os.environ)
    env.update({
        "PERMISO_SECRET_KEY": signing_key,
        "PERMISO_ENVIRONMENT": "test",
        "PERMISO_LOCKOUT_SECONDS": EMBEDDED_LOCKOUT_SECONDS,
        "PERMISO_MAX_LOGIN_ATTEMPTS": str(values["MAX_LOGIN_ATTEMPTS"]),
        "PERMISO_REGISTRATION_LIMIT_PER_HOUR": "100000",
        "PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE": "100000",
        "PERMISO_TRUSTED_PROXIES": "127.0.0.1",
        # The security suite's rate-limit tests send their own address from this network.
        "PERMISO_STRICT_LIMIT_NETWORKS": STRICT_LIMIT_NETWORK,
        "PERMISO_EXPOSE_TEST_TOKENS": "true",
        "PERMISO_ALLOWED_HOSTS": "localhost,127.0.0.1,[::1],testserver",
        "PERMISO_JWT_ISSUER": values["TOKEN_ISSUER"],
        "PERMISO_JWT_AUDIENCE": values["TOKEN_AUDIENCE"],
        "PERMISO_ADMIN_USERNAME": values["TEST_ADMIN_USERNAME"],
        "PERMISO_ADMIN_PASSWORD": values["TEST_ADMIN_PASSWORD"].value,
        "PERMISO_ADMIN_EMAIL": values["TEST_ADMIN_EMAIL"],
        "PERMISO_USER_USERNAME": values["TEST_USER_USERNAME"],
        "PERMISO_USER_PASSWORD": values["TEST_USER_PASSWORD"].value,
        "PERMISO_USER_EMAIL": values["TEST_USER_EMAIL"],
        "PERMISO_CLIENT_ID": values["TEST_CLIENT_ID"],
        "PERMISO_CLIENT_SECRET": values["TEST_CLIENT_SECRET"].value,
        "PERMISO_LOG_LEVEL": "WARNING",
        # Cheaper password hashing: many logins in a parallel run on a small machine.
        "PERMISO_PASSWORD_HASH_TIME_COST": "1",
        "PERMISO_PASSWORD_HASH_MEMORY_COST": "8192",
    })
    for name in PASSED_THROUGH:
        if name in os.environ:
            env[name] = os.environ[name]
    return env


def preflight(values: dict) -> str:
    """Health and admin login, same messages as the root suite. Returns the target version."""
    import HttpSupport  # noqa: PLC0415 - libraries/HttpSupport.py, needs requests and Robot

    verify: bool | str = values["TEST_VERIFY_SSL"]
    if verify and values["TEST_SSL_CERT_PATH"]:
        verify = values["TEST_SSL_CERT_PATH"]
    try:
        return HttpSupport.preflight(
            values["PERMISO_BASE_URL"], values["HEALTH_PATH"], values["AUTH_TOKEN_PATH"],
            values["TEST_ADMIN_USERNAME"], values["TEST_ADMIN_PASSWORD"],
            timeout=PREFLIGHT_TIMEOUT, verify=verify,
        )
    except AssertionError as error:
        raise RunnerError(str(error)) from None


def take_option(args: list[str], *names: str) -> str | None:
    """Remove ``NAME VALUE`` or ``NAME=VALUE`` from ``args`` (last one wins); return VALUE."""
    value = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg in names and index + 1 < len(args):
            value = args[index + 1]
            del args[index:index + 2]
        elif "=" in arg and arg.split("=", 1)[0] in names:
            value = arg.split("=", 1)[1]
            del args[index]
        else:
            index += 1
    return value


def default_processes() -> int:
    """Parallel robot processes: twice the cores, at least 4 (the tests mostly wait on HTTP)."""
    return max(2 * (os.cpu_count() or 1), 4)


def target_kind(embedded: bool | str) -> str:
    """The "Target kind" metadata: a text as given, else embedded or configured."""
    if isinstance(embedded, str):
        return embedded
    return "embedded reference service" if embedded else "configured deployment"


def tag_doc_options() -> list[str]:
    """``--tagdoc`` for every tag of :data:`TAG_DOCS` (robot and rebot)."""
    options = []
    for tag, doc in TAG_DOCS.items():
        options += ["--tagdoc", f"{tag}:{doc}"]
    return options


def robot_options(values: dict, target_version: str, embedded: bool | str, results: Path) -> list[str]:
    """Options of every robot run: outputs, listener, variable file, name, metadata, tag docs.
    ``embedded``: True, False or the text of the "Target kind" metadata."""
    options = [
        "--outputdir", str(results), "--output", "output.xml", "--log", "log.html",
        "--report", "report.html", "--xunit", "xunit.xml",
        "--listener", str(ROOT / "libraries" / "SecretRedactor.py"),
        "--variablefile", str(ROOT / "variables" / "config.py"),
        "--name", "Permiso Acceptance",
        "--metadata", f"Target URL:{values['PERMISO_BASE_URL']}",
        "--metadata", f"Target version:{target_version}",
        "--metadata", f"Target kind:{target_kind(embedded)}",
        "--metadata", f"Suite version:{values['SUITE_VERSION']}",
        *tag_doc_options(),
    ]
    return options


# pabot options that choose how the suites are split; any of them given by the user replaces
# the default split. --suitelevel is the runner's own: pabot's plain suite level, no split option.
SPLIT_OPTIONS = ("--testlevelsplit", "--chunk", "--ordering")
DEFAULT_SPLIT = ["--testlevelsplit", "--chunk"]
SUITE_LEVEL = "--suitelevel"


def split_options(extra: list[str]) -> list[str]:
    """The default split unless the user chose one (removes the runner's ``--suitelevel``)."""
    if SUITE_LEVEL in extra:
        while SUITE_LEVEL in extra:
            extra.remove(SUITE_LEVEL)
        return []
    if any(arg.split("=", 1)[0] in SPLIT_OPTIONS for arg in extra):
        return []
    return list(DEFAULT_SPLIT)


def pabot_command(values: dict, target_version: str, embedded: bool | str, extra: list[str],
                  results: Path) -> list[str]:
    """The pabot command line: by default the tests cut into one block per process.

    ``--testlevelsplit --chunk``: each of ``default_processes()`` robot processes runs one
    block of tests (the root set-up once per process). The user's ``--testlevelsplit``,
    ``--chunk`` or ``--ordering`` replace that default split, ``--suitelevel`` selects pabot's
    suite level (one robot process per suite file), ``--processes`` replaces the default count.
    """
    extra = list(extra)
    processes = take_option(extra, "--processes") or str(default_processes())
    command = [
        PYTHON, "-m", "pabot.pabot", *split_options(extra), "--pabotlibport", "0",
        "--processes", processes, *robot_options(values, target_version, embedded, results),
        *default_excludes(extra),
    ]
    if values.get("ALLOW_DEPENDENCY_FAULTS"):
        command += ["--exclude", FAULT_TAG]  # they run alone afterwards: fault_run_command
    return [*command, *extra, str(ROOT / "suites")]


def fault_run_command(values: dict, target_version: str, embedded: bool | str, extra: list[str],
                      results: Path) -> list[str]:
    """The serial robot run of the dependency-fault tests within the user's selection, into
    ``results/faults/`` (output.xml only: the main log and report take its tests in)."""
    extra = [arg for arg in extra if arg not in (SUITE_LEVEL, *SPLIT_OPTIONS)]
    take_option(extra, "--processes")
    take_option(extra, "--chunk")
    faults = results / FAULT_RESULTS
    options = robot_options(values, target_version, embedded, faults)
    for name in ("--log", "--report", "--xunit"):
        options[options.index(name) + 1] = "NONE"
    return [
        PYTHON, "-m", "robot", *options, "--pythonpath", str(ROOT),
        "--prerunmodifier", f"tools.keep_tagged.KeepTagged:{FAULT_TAG}", "--runemptysuite",
        "--console", "verbose", *default_excludes(extra), *extra, str(ROOT / "suites"),
    ]


def rebot_command(results: Path) -> list[str]:
    """Log, report and xunit written again from the main ``output.xml``."""
    return [
        PYTHON, "-m", "robot.rebot", "--outputdir", str(results), "--output", "NONE",
        "--log", "log.html", "--report", "report.html", "--xunit", "xunit.xml",
        *tag_doc_options(), str(results / "output.xml"),
    ]


def run_fault_tests(values: dict, version: str, kind: bool | str, extra: list[str], results: Path,
                    environment: dict[str, str], code: int) -> int:
    """Run the dependency-fault tests alone, put them into the main output, write the log and
    report again; returns the run's exit code (rebot's: the failed tests of both runs)."""
    import result_merge  # noqa: PLC0415 - tools/result_merge.py, only needed here

    print("\nDependency-fault tests (alone, after the others):", flush=True)
    faults_output = results / FAULT_RESULTS / "output.xml"
    faults_output.unlink(missing_ok=True)
    run_pabot(fault_run_command(values, version, kind, extra, results), environment)
    main_output = results / "output.xml"
    if not faults_output.exists():
        print(f"The dependency-fault run wrote no {faults_output}", file=sys.stderr, flush=True)
        return code or 1
    if not main_output.exists():  # the selection held fault tests only: pabot had nothing to run
        shutil.copyfile(faults_output, main_output)
    elif not result_merge.graft_results(main_output, faults_output):
        return code
    return subprocess.call(rebot_command(results), cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)


def default_excludes(extra: list[str]) -> list[str]:
    """``--exclude load`` unless the user asks for the load tests (``--include load``…)."""
    values = [extra[i + 1] for i, arg in enumerate(extra[:-1]) if arg in ("--include", "-i")]
    values += [arg.split("=", 1)[1] for arg in extra if arg.startswith("--include=")]
    return [] if any("load" in value.lower() for value in values) else ["--exclude", "load"]


def leftovers_report(path: Path) -> str:
    """What the run could not remove (written by the suites' clean-up), as lines to print."""
    if not path.exists():
        return ""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return ""
    shown = "\n".join(f"  {line}" for line in lines[:20])
    more = f"\n  … and {len(lines) - 20} more" if len(lines) > 20 else ""
    return f"The run could not remove {len(lines)} temporary item(s) (see {path}):\n{shown}{more}"


def run_pabot(command: list[str], environment: dict[str, str], cwd: Path = ROOT,
              console: IO[str] | None = None) -> int:
    """Run pabot (or robot); on Ctrl-C give it time to stop its robot processes, then end it.

    pabot keeps ``.pabotsuitenames`` in ``cwd`` (the project root for the runner). ``console``
    receives its console output instead of the terminal.
    """
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=console,
                               stderr=subprocess.STDOUT if console else None)
    try:
        return process.wait()
    except KeyboardInterrupt:
        try:
            process.send_signal(signal.SIGINT)
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
        raise


def runner_environment() -> dict[str, str]:
    """The process environment, with this virtual environment's ``robot`` first on PATH."""
    environment = dict(os.environ)
    # pabot starts "robot" from PATH: make it the one of this virtual environment.
    environment["PATH"] = os.pathsep.join([str(Path(PYTHON).parent), environment.get("PATH", "")])
    return environment


def target_is_configured(environment: dict[str, str], dotenv: dict[str, str]) -> bool:
    """True when ``PERMISO_BASE_URL`` is set in the environment or ``.env``."""
    return bool(environment.get("PERMISO_BASE_URL") or dotenv.get("PERMISO_BASE_URL"))


def start_embedded(environment: dict[str, str], dotenv: dict[str, str],
                   service_environment: dict[str, str] | None = None) -> tuple[EmbeddedService, dict]:
    """Start the embedded service; point ``environment`` at it. Returns it and the new values.

    ``service_environment`` replaces or adds variables of the service's own environment.
    """
    values = config.load(environment, dotenv)
    signing_key = secrets.token_urlsafe(48)
    service = EmbeddedService({**embedded_environment(signing_key, values), **(service_environment or {})})
    url = service.start()
    environment.update({
        "PERMISO_BASE_URL": url,
        "TOKEN_SIGNING_KEY": signing_key,
        "LOCKOUT_DURATION_SECONDS": EMBEDDED_LOCKOUT_SECONDS,
        # The default limits the service keeps for STRICT_LIMIT_NETWORK.
        "RATE_LIMIT_FAILED_LOGINS_PER_MINUTE": "20",
        "RATE_LIMIT_REGISTRATIONS_PER_HOUR": "3",
    })
    return service, config.load(environment, dotenv)


def stack_app_environment(signing_key: str, values: dict) -> dict[str, str]:
    """The application container's settings: those of the embedded service (``PERMISO_*``
    only: nothing else of this machine's environment goes into a container)."""
    own_storage = ("PERMISO_DATABASE_URL", "PERMISO_REDIS_URL")
    return {name: value for name, value in embedded_environment(signing_key, values).items()
            if name.startswith("PERMISO_") and name not in own_storage}


def start_stack(kind: str, environment: dict[str, str], dotenv: dict[str, str]) -> tuple[object, dict]:
    """Start the container stack; point ``environment`` at nginx. Returns it and the new values."""
    if kind not in STACKS:
        raise RunnerError(f"Unknown --stack '{kind}': choose one of {', '.join(STACKS)}")
    if str(ROOT) not in sys.path:
        sys.path.append(str(ROOT))
    from tools.stack.stack import ContainerStack, StackUnavailable  # noqa: PLC0415 - needs the Docker SDK
    from tools.docker_engine.engine import EngineUnavailable  # noqa: PLC0415

    values = config.load(environment, dotenv)
    signing_key = secrets.token_urlsafe(48)
    stack = ContainerStack(stack_app_environment(signing_key, values))
    print("Starting the container stack (PostgreSQL, Redis, Permiso, nginx) ...", flush=True)
    try:
        stack.start()
    except (StackUnavailable, EngineUnavailable) as error:
        raise RunnerError(f"The container stack did not start: {error}") from None
    environment.update({
        **stack.suite_environment(),
        "TOKEN_SIGNING_KEY": signing_key,
        "LOCKOUT_DURATION_SECONDS": EMBEDDED_LOCKOUT_SECONDS,
        "RATE_LIMIT_FAILED_LOGINS_PER_MINUTE": "20",
        "RATE_LIMIT_REGISTRATIONS_PER_HOUR": "3",
        "ALLOW_DEPENDENCY_FAULTS": "true",
    })
    print(f"Container stack healthy in {stack.seconds_to_start:.1f} s: {stack.https_url} "
          f"(Docker engine {stack.engine.url})", flush=True)
    return stack, config.load(environment, dotenv)


def mark_preflight_done(environment: dict[str, str], values: dict) -> None:
    """Tell the root suite that this target passed the preflight (only for this very URL)."""
    environment[PREFLIGHT_MARK] = values["PERMISO_BASE_URL"]


def main(argv: list[str]) -> int:
    started = time.monotonic()
    dotenv = config.read_dotenv()
    environment = runner_environment()
    environment.pop(PREFLIGHT_MARK, None)  # only this run's preflight counts
    argv = list(argv)
    stack_kind = take_option(argv, "--stack")
    embedded: bool | str = not target_is_configured(environment, dotenv) and not stack_kind
    service: EmbeddedService | None = None
    stack = None

    def on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        values = config.load(environment, dotenv)
        if stack_kind:
            stack, values = start_stack(stack_kind, environment, dotenv)
            embedded = "container stack (private Docker engine)"
        elif embedded:
            service, values = start_embedded(environment, dotenv)
            print(f"Embedded reference service listening on {service.url}", flush=True)
        version = preflight(values)
        mark_preflight_done(environment, values)
        print(f"Target {values['PERMISO_BASE_URL']} (version {version}) is ready "
              f"({time.monotonic() - started:.1f} s)", flush=True)
        results = Path(take_option(argv, "--outputdir", "-d") or RESULTS).resolve()
        results.mkdir(parents=True, exist_ok=True)
        command = pabot_command(values, version, embedded, argv, results)
        leftovers = results / "leftovers.txt"
        leftovers.unlink(missing_ok=True)
        (results / "output.xml").unlink(missing_ok=True)  # a run that selects nothing leaves none
        environment["PERMISO_LEFTOVERS_FILE"] = str(leftovers)
        code = run_pabot(command, environment)
        if values["ALLOW_DEPENDENCY_FAULTS"]:
            code = run_fault_tests(values, version, embedded, argv, results, environment, code)
        report = leftovers_report(leftovers)
        if report:
            print(f"\n{report}", flush=True)
        print(f"\nReport: {results / 'report.html'}\nLog:    {results / 'log.html'}")
        print(f"Finished in {time.monotonic() - started:.0f} s with exit code {code}", flush=True)
        return code
    except config.ConfigurationError as error:
        print(f"Invalid configuration: {error}", file=sys.stderr, flush=True)
        return 2
    except RunnerError as error:
        print(f"{error}", file=sys.stderr, flush=True)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted: stopping.", file=sys.stderr, flush=True)
        return 130
    finally:
        if service is not None:
            service.stop()
        if stack is not None:
            stack.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
