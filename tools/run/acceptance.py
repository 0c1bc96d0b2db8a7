"""Run the acceptance suites: embedded target (unless one is configured), preflight, pabot.

Usage (normally through ``./run-acceptance.sh``, which prepares the virtual environment)::

    python -m tools.run.acceptance [pabot/robot options...]

Extra arguments go to pabot before the suites path, e.g. ``--include smoke`` or
``--exclude slow``. Steps:

1. Read the configuration (``variables/config.py``: environment > ``.env`` > defaults); a bad
   value stops here with one message (exit code 2).
2. Unless ``PERMISO_BASE_URL`` is set (environment or ``.env``), start the embedded reference
   service (``libraries/EmbeddedTarget.py``) at the profile ``--profile`` names: ``test`` by
   default (the contract's rate limits spent per test through ``X-Forwarded-For``, a 6-second
   lockout, test tokens, the signing key handed to the suites through the environment only),
   or ``production`` (the contract's defaults, nothing handed over).
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
``tools/infra/stack/stack.py`` (PostgreSQL, Redis, the reference service and nginx with TLS on a
private Docker engine) is started instead, the suites test nginx's HTTPS URL with the stack's
CA, Docker engine and container names, and ``ALLOW_DEPENDENCY_FAULTS`` is true. Wherever that
variable is true the dependency-fault tests (tag ``dependency-faults``) stop containers, so
they are left out of the parallel run and run alone after it (``robot``, serial), and their
results are put back into ``output.xml`` (``tools/run/result_merge.py``) before the log and the
report are written again. The stack is stopped at the end, leaving nothing behind.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import IO


import config
import EmbeddedTarget
from tools import ROOT

RESULTS = ROOT / "results"
PYTHON = sys.executable
STOP_TIMEOUT = EmbeddedTarget.STOP_TIMEOUT
PREFLIGHT_TIMEOUT = 5.0
# Set by the runner after its preflight passed, to the target URL it checked: the root suite
# then skips its own health check and admin login when it tests that same URL.
PREFLIGHT_MARK = "PERMISO_PREFLIGHT_PASSED_FOR"
STACKS = ("docker",)
DEFAULT_PROFILE = "test"
FAULT_TAG = "dependency-faults"
LOAD_TAG = "load"
# Exit codes of the runner (the README's table): tests failed, the configuration is invalid,
# the target is not ready for testing, interrupted.
EXIT_PASSED, EXIT_TESTS_FAILED, EXIT_INVALID_CONFIGURATION, EXIT_NOT_READY, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

ARGUMENT_FILE = ROOT / "variables" / "robot.args"  # the options of every run, robot's and pabot's


def tag_docs() -> dict[str, str]:
    """Tag → meaning, from the ``--tagdoc`` lines of :data:`ARGUMENT_FILE`."""
    docs = {}
    for line in ARGUMENT_FILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("--tagdoc "):
            tag, _, doc = line[len("--tagdoc "):].partition(":")
            docs[tag.strip()] = doc.strip()
    return docs


class RunnerError(Exception):
    """Stops the run with one message: the target is not ready (exit code 3)."""


class UsageError(RunnerError):
    """Stops the run with one message: the runner's own options are wrong (exit code 2)."""


def preflight(values: dict) -> str:
    """Health and admin login, same messages as the root suite. Returns the target version."""
    import PermisoTransport

    verify: bool | str = values["TEST_VERIFY_SSL"]
    if verify and values["TEST_SSL_CERT_PATH"]:
        verify = values["TEST_SSL_CERT_PATH"]
    try:
        return PermisoTransport.preflight(
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
    """``--tagdoc`` for every tag of :func:`tag_docs` (rebot takes no argument file of robot's)."""
    options = []
    for tag, doc in tag_docs().items():
        options += ["--tagdoc", f"{tag}:{doc}"]
    return options


def robot_options(values: dict, target_version: str, results: Path) -> list[str]:
    """Options of every robot run: the argument file (outputs, listener, name, tag docs), the
    output folder and the target's version (the root suite records the rest of the metadata)."""
    return ["--argumentfile", str(ARGUMENT_FILE), "--outputdir", str(results),
            "--metadata", f"Target version:{target_version}"]


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


def pabot_command(values: dict, target_version: str, extra: list[str], results: Path) -> list[str]:
    """The pabot command line: by default the tests cut into one block per process.

    ``--testlevelsplit --chunk``: each of ``default_processes()`` robot processes runs one
    block of tests (the root set-up once per process). The user's ``--testlevelsplit``,
    ``--chunk`` or ``--ordering`` replace that default split, ``--suitelevel`` selects pabot's
    suite level (one robot process per suite file), ``--processes`` replaces the default count.
    The tests that run alone afterwards (:func:`alone_tags`) and, unless asked for, the load
    tests are left out.
    """
    extra = list(extra)
    processes = take_option(extra, "--processes") or str(default_processes())
    command = [
        PYTHON, "-m", "pabot.pabot", *split_options(extra), "--pabotlibport", "0", "--pabotconsole", "dotted",
        "--processes", processes, *robot_options(values, target_version, results),
    ]
    for tag in {LOAD_TAG, *alone_tags(values, extra)}:
        command += ["--exclude", tag]
    return [*command, *extra, str(ROOT / "suites")]


def load_asked_for(extra: list[str]) -> bool:
    """Whether the user's ``--include``/``-i`` options name the load tests."""
    values = [extra[i + 1] for i, arg in enumerate(extra[:-1]) if arg in ("--include", "-i")]
    values += [arg.split("=", 1)[1] for arg in extra if arg.startswith("--include=")]
    return any(LOAD_TAG in value.lower() for value in values)


def alone_tags(values: dict, extra: list[str]) -> list[str]:
    """Tags of the tests that run alone, one after another, after the parallel run: the
    dependency-fault tests where faults are allowed (they stop containers the other tests
    need) and the load tests when asked for (they load the target, which would slow and fail
    the tests beside them, and each other)."""
    tags = [FAULT_TAG] if values.get("ALLOW_DEPENDENCY_FAULTS") else []
    return tags + ([LOAD_TAG] if load_asked_for(extra) else [])


def alone_run_command(tag: str, values: dict, target_version: str, extra: list[str], results: Path) -> list[str]:
    """The serial robot run of the tests tagged ``tag`` within the user's selection, into
    ``results/alone-<tag>/`` (output.xml only: the main log and report take its tests in)."""
    extra = [arg for arg in extra if arg not in (SUITE_LEVEL, *SPLIT_OPTIONS)]
    take_option(extra, "--processes")
    take_option(extra, "--chunk")
    options = [*robot_options(values, target_version, results / f"alone-{tag}"),
               "--log", "NONE", "--report", "NONE", "--xunit", "NONE"]
    return [
        PYTHON, "-m", "robot", *options, "--pythonpath", str(ROOT),
        "--prerunmodifier", f"tools.run.keep_tagged.KeepTagged:{tag}", "--runemptysuite",
        "--console", "dotted", *extra, str(ROOT / "suites"),
    ]


def rebot_command(results: Path) -> list[str]:
    """Log, report and xunit written again from the main ``output.xml``."""
    return [
        PYTHON, "-m", "robot.rebot", "--outputdir", str(results), "--output", "NONE",
        "--log", "log.html", "--report", "report.html", "--xunit", "xunit.xml",
        *tag_doc_options(), str(results / "output.xml"),
    ]


def run_alone(tag: str, values: dict, version: str, extra: list[str], results: Path,
              environment: dict[str, str]) -> bool:
    """Run the tests tagged ``tag`` alone and put them into the main output at their place in
    the suite tree; False when that run wrote no output."""
    from tools.run import result_merge

    print(f"\nTests tagged {tag} (alone, after the others):", flush=True)
    alone_output = results / f"alone-{tag}" / "output.xml"
    alone_output.unlink(missing_ok=True)
    run_pabot(alone_run_command(tag, values, version, extra, results), environment)
    main_output = results / "output.xml"
    if not alone_output.exists():
        print(f"The run of the tests tagged {tag} wrote no {alone_output}", file=sys.stderr, flush=True)
        return False
    if not main_output.exists():  # the selection held these tests only: pabot had nothing to run
        shutil.copyfile(alone_output, main_output)
    else:
        result_merge.graft_results(main_output, alone_output)
    return True


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
    """Run pabot (or robot) in a process group of its own; return its exit code.

    Interrupted (Ctrl-C, SIGTERM, SIGHUP), the whole group (pabot, its robot processes and
    its PabotLib server) gets SIGINT, Robot's graceful stop that still runs the teardowns,
    then SIGTERM and finally SIGKILL, 10 s apart: nothing of it outlives the runner. pabot
    keeps ``.pabotsuitenames`` in ``cwd`` (the project root for the runner). ``console``
    receives its console output instead of the terminal.
    """
    process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=console,
                               stderr=subprocess.STDOUT if console else None, start_new_session=True)
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop_process_group(process)
        raise


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGINT, SIGTERM, SIGKILL to the process's group, :data:`STOP_TIMEOUT` apart, until
    every process of the group is gone."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, signum)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            process.poll()
            try:
                os.killpg(process.pid, 0)  # anybody of the group left?
            except ProcessLookupError:
                return
            time.sleep(0.1)


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
                   service_environment: dict[str, str] | None = None,
                   profile: str = DEFAULT_PROFILE) -> tuple[EmbeddedTarget.ReferenceService, dict]:
    """Start the embedded service at ``profile``; point ``environment`` at it. Returns it and
    the new values. ``service_environment`` replaces or adds variables of the service's own
    environment."""
    values = config.load(environment, dotenv)
    service = EmbeddedTarget.ReferenceService(profile, values, service_environment)
    try:
        service.start()
    except EmbeddedTarget.TargetError as error:
        raise RunnerError(str(error)[:1].upper() + str(error)[1:]) from None
    environment.update(service.suite_environment)
    return service, config.load(environment, dotenv)


def stack_app_environment(signing_key: str, values: dict) -> dict[str, str]:
    """The application container's settings: the test profile's (``PERMISO_*`` only: nothing
    else of this machine's environment goes into a container)."""
    own_storage = ("PERMISO_DATABASE_URL", "PERMISO_REDIS_URL")
    return {name: value for name, value in EmbeddedTarget.service_environment("test", values, signing_key).items()
            if name.startswith("PERMISO_") and name not in own_storage}


def start_stack(kind: str, environment: dict[str, str], dotenv: dict[str, str]) -> tuple[object, dict]:
    """Start the container stack; point ``environment`` at nginx. Returns it and the new values."""
    if kind not in STACKS:
        raise UsageError(f"Unknown --stack '{kind}': choose one of {', '.join(STACKS)}")
    from tools.infra.stack.stack import ContainerStack, StackUnavailable  # noqa: PLC0415 - needs the Docker SDK
    from tools.infra.docker_engine.engine import EngineUnavailable  # noqa: PLC0415

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
        **EmbeddedTarget.PROFILES["test"].suite_environment(signing_key),
        EmbeddedTarget.EMBEDDED_TARGET_MARK: stack.https_url,
        "ALLOW_DEPENDENCY_FAULTS": "true",
    })
    print(f"Container stack healthy in {stack.seconds_to_start:.1f} s: {stack.https_url} "
          f"(Docker engine {stack.engine.url})", flush=True)
    return stack, config.load(environment, dotenv)


def mark_preflight_done(environment: dict[str, str], values: dict) -> None:
    """Tell the root suite that this target passed the preflight (only for this very URL)."""
    environment[PREFLIGHT_MARK] = values["PERMISO_BASE_URL"]


def run_summary(results: Path, shown: int = 3) -> tuple[list[str], int]:
    """The end of the console: the counts, the first failures with their messages, the
    report; and the number of failed tests (-1 when the run wrote no output)."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    output = results / "output.xml"
    if not output.exists():
        return [f"No results: the run wrote no {output}"], -1
    result = ExecutionResult(str(output))
    stats = result.statistics.total
    lines = [f"{stats.total} tests: {stats.passed} passed, {stats.failed} failed, {stats.skipped} skipped"]
    failed = [test for test in result.suite.all_tests if test.failed]
    for test in failed[:shown]:
        message = " ".join(test.message.split())
        lines.append(f"  FAIL {test.parent.name} / {test.name}: {message[:220]}")
    if len(failed) > shown:
        lines.append(f"  … and {len(failed) - shown} more failed test(s) in the report")
    lines.append(f"Report: {results / 'report.html'}   Log: {results / 'log.html'}")
    return lines, stats.failed


def start_target(argv: list[str], environment: dict[str, str], dotenv: dict[str, str]
                 ) -> tuple[dict, bool | str, EmbeddedTarget.ReferenceService | None, object | None]:
    """The target of this run: a container stack (``--stack``), the embedded reference service
    (``--profile``, when no target is configured) or the configured deployment."""
    stack_kind = take_option(argv, "--stack")
    profile = take_option(argv, "--profile")
    configured = target_is_configured(environment, dotenv)
    if profile and (configured or stack_kind):
        raise UsageError(f"--profile {profile} applies to the embedded reference service only: "
                          f"{'--stack' if stack_kind else 'PERMISO_BASE_URL'} names another target")
    if stack_kind:
        stack, values = start_stack(stack_kind, environment, dotenv)
        return values, "container stack (private Docker engine)", None, stack
    if configured:
        return config.load(environment, dotenv), False, None, None
    profile = profile or DEFAULT_PROFILE
    if profile not in EmbeddedTarget.PROFILES:
        raise UsageError(f"Unknown --profile '{profile}': choose {' or '.join(EmbeddedTarget.PROFILES)}")
    service, values = start_embedded(environment, dotenv, profile=profile)
    print(f"Embedded reference service ({profile} profile) listening on {service.url}", flush=True)
    return values, f"embedded reference service, {profile} profile", service, None


def run_suites(values: dict, version: str, argv: list[str], results: Path, environment: dict[str, str]) -> int:
    """The parallel run, then the tests that run alone; the number of failed tests."""
    leftovers = results / "leftovers.txt"
    leftovers.unlink(missing_ok=True)
    (results / "output.xml").unlink(missing_ok=True)  # a run that selects nothing leaves none
    environment["PERMISO_LEFTOVERS_FILE"] = str(leftovers)
    run_pabot(pabot_command(values, version, argv, results), environment)
    grafted = [tag for tag in alone_tags(values, argv) if run_alone(tag, values, version, argv, results, environment)]
    if grafted:
        subprocess.call(rebot_command(results), cwd=ROOT, env=environment, stdout=subprocess.DEVNULL)
    report = leftovers_report(leftovers)
    if report:
        print(f"\n{report}", flush=True)
    lines, failed = run_summary(results)
    print("\n" + "\n".join(lines), flush=True)
    return failed


def main(argv: list[str]) -> int:
    """Run the suites; the exit code says passed (0), tests failed (1), invalid configuration
    (2), target not ready (3) or interrupted (130)."""
    started = time.monotonic()
    dotenv = config.read_dotenv()
    environment = runner_environment()
    environment.pop(PREFLIGHT_MARK, None)  # only this run's preflight counts
    argv = list(argv)
    service: EmbeddedTarget.ReferenceService | None = None
    stack = None
    EmbeddedTarget.stop_on_signals()
    try:
        values, kind, service, stack = start_target(argv, environment, dotenv)
        version = preflight(values)
        mark_preflight_done(environment, values)
        print(f"Target {values['PERMISO_BASE_URL']} (version {version}) is ready "
              f"({time.monotonic() - started:.1f} s)", flush=True)
        results = Path(take_option(argv, "--outputdir", "-d") or RESULTS).resolve()
        results.mkdir(parents=True, exist_ok=True)
        environment["PERMISO_TARGET_KIND"] = target_kind(kind)
        environment["PERMISO_RUN_STARTED"] = datetime.now().isoformat(sep=" ", timespec="seconds")
        failed = run_suites(values, version, argv, results, environment)
        code = EXIT_PASSED if failed == 0 else EXIT_TESTS_FAILED
        print(f"Finished in {time.monotonic() - started:.0f} s with exit code {code}", flush=True)
        return code
    except config.ConfigurationError as error:
        print(f"Invalid configuration: {error}", file=sys.stderr, flush=True)
        return EXIT_INVALID_CONFIGURATION
    except UsageError as error:
        print(f"{error}", file=sys.stderr, flush=True)
        return EXIT_INVALID_CONFIGURATION
    except RunnerError as error:
        print(f"{error}", file=sys.stderr, flush=True)
        return EXIT_NOT_READY
    except KeyboardInterrupt:
        print("\nInterrupted: stopping.", file=sys.stderr, flush=True)
        return EXIT_INTERRUPTED
    finally:
        if service is not None:
            service.stop()
        if stack is not None:
            stack.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
