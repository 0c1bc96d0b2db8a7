"""The embedded default target: the project's reference Permiso (``sut/``) started on loopback.

This is the one module that starts it, for everybody: the root suite of a plain
``robot suites/`` run (keyword `Start Embedded Target Unless One Is Configured`), the runner
``tools/run/acceptance.py``, the harnesses and the benchmarks (class :class:`ReferenceService`).
It also owns what the service and the suite must agree on, per **profile**:

``production``
    The service's own defaults, which are the contract's: 3 registrations per hour and 20
    failed logins per minute per client address, 5 failed logins lock an account for 15
    minutes, full-cost password hashing, no trusted proxy, no test tokens. The suite is told
    nothing beyond the identities, not even the signing key: it sees what it would see on a
    real deployment, and must stay green there.
``test``
    The contract's rate limits and lockout count too, with four changes that let every test
    run: the suite's machine is a trusted proxy (each test spends its failed logins and
    registrations from an ``X-Forwarded-For`` address of its own), the lockout lasts 6 s (the
    test that waits for a lock to lift runs), one-time tokens come back in ``X-Test-Token``
    (contract §13.8) and password hashing is cheap (a parallel run on a small machine). The
    suite gets the signing key (forged-token tests run).

A started service is always stopped: by :meth:`ReferenceService.stop`, by the keyword `Stop
Embedded Target`, at interpreter exit, and on SIGTERM/SIGHUP in a tool that called
:func:`stop_on_signals`. Each service runs in a temporary folder of its own (its SQLite
database lives there), removed when it stops, even when the service had to be killed; its
rate-limit ledger (``RateBudget``) goes with it.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from RateBudget import Ledger

PROJECT_ROOT = Path(__file__).resolve().parent.parent
LISTENING = "Permiso reference service listening on "
START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
TEST_LOCKOUT_SECONDS = "6"
# The suite's variable file does not ask for credentials for a target the project started.
EMBEDDED_TARGET_MARK = "PERMISO_EMBEDDED_TARGET"
# Handed from the caller's environment to the service when set there (storage, and the
# switches that inject defects, contract variants and broken routes).
PASSED_THROUGH = (
    "DATABASE_URL", "PERMISO_DATABASE_URL", "REDIS_URL", "PERMISO_REDIS_URL",
    "PERMISO_DEFECTS", "PERMISO_VARIANTS", "PERMISO_DEGRADE",
)


class TargetError(RuntimeError):
    """The embedded target could not be started; the message says why in a few lines."""


# --------------------------------------------------------------------------------------------
# Profiles: what the service runs with, and what the suite must know about it.


def _identities(values: Mapping[str, Any]) -> dict[str, str]:
    """The accounts of contract §2 as the suite is configured to use them."""

    def plain(name: str) -> str:
        value = values[name]
        return str(getattr(value, "value", value))

    return {
        "PERMISO_ADMIN_USERNAME": plain("TEST_ADMIN_USERNAME"),
        "PERMISO_ADMIN_PASSWORD": plain("TEST_ADMIN_PASSWORD"),
        "PERMISO_ADMIN_EMAIL": plain("TEST_ADMIN_EMAIL"),
        "PERMISO_USER_USERNAME": plain("TEST_USER_USERNAME"),
        "PERMISO_USER_PASSWORD": plain("TEST_USER_PASSWORD"),
        "PERMISO_USER_EMAIL": plain("TEST_USER_EMAIL"),
        "PERMISO_CLIENT_ID": plain("TEST_CLIENT_ID"),
        "PERMISO_CLIENT_SECRET": plain("TEST_CLIENT_SECRET"),
        "PERMISO_JWT_ISSUER": plain("TOKEN_ISSUER"),
        "PERMISO_JWT_AUDIENCE": plain("TOKEN_AUDIENCE"),
    }


def _production_service(values: Mapping[str, Any], signing_key: str) -> dict[str, str]:
    return {**_identities(values), "PERMISO_SECRET_KEY": signing_key,
            "PERMISO_ENVIRONMENT": "production", "PERMISO_LOG_LEVEL": "WARNING"}


def _production_suite(_signing_key: str) -> dict[str, str]:
    return {}


def _test_service(values: Mapping[str, Any], signing_key: str) -> dict[str, str]:
    return {
        **_identities(values),
        "PERMISO_SECRET_KEY": signing_key,
        "PERMISO_ENVIRONMENT": "test",
        "PERMISO_LOG_LEVEL": "WARNING",
        "PERMISO_MAX_LOGIN_ATTEMPTS": str(values["MAX_LOGIN_ATTEMPTS"]),
        "PERMISO_LOCKOUT_SECONDS": TEST_LOCKOUT_SECONDS,
        "PERMISO_TRUSTED_PROXIES": "127.0.0.1,::1",
        "PERMISO_EXPOSE_TEST_TOKENS": "true",
        "PERMISO_ALLOWED_HOSTS": "localhost,127.0.0.1,[::1],testserver",
        "PERMISO_PASSWORD_HASH_TIME_COST": "1",
        "PERMISO_PASSWORD_HASH_MEMORY_COST": "8192",
    }


def _test_suite(signing_key: str) -> dict[str, str]:
    return {
        "TOKEN_SIGNING_KEY": signing_key,
        "LOCKOUT_DURATION_SECONDS": TEST_LOCKOUT_SECONDS,
        "RATE_LIMIT_TRUSTS_FORWARDED_FOR": "true",
    }


@dataclass(frozen=True)
class Profile:
    """How the reference service is configured, and what the suite is told about it."""

    name: str
    summary: str
    service: Callable[[Mapping[str, Any], str], dict[str, str]]
    suite: Callable[[str], dict[str, str]]

    def service_environment(self, values: Mapping[str, Any], signing_key: str) -> dict[str, str]:
        """The service's ``PERMISO_*`` settings for the suite configuration ``values``."""
        return self.service(values, signing_key)

    def suite_environment(self, signing_key: str) -> dict[str, str]:
        """The suite variables (as environment) that describe a service of this profile."""
        return self.suite(signing_key)


PROFILES: dict[str, Profile] = {
    "production": Profile(
        "production", "the contract's defaults: rate limits, 15-minute lockout, full hashing cost",
        _production_service, _production_suite),
    "test": Profile(
        "test", "contract limits spent per test via X-Forwarded-For, 6 s lockout, test tokens, signing key shared",
        _test_service, _test_suite),
}


def profile_named(name: str) -> Profile:
    """The profile called ``name``; an unknown name raises TargetError listing the known ones."""
    try:
        return PROFILES[name]
    except KeyError:
        raise TargetError(f"Unknown profile '{name}' of the embedded target: choose {' or '.join(PROFILES)}") from None


def service_environment(profile: str, values: Mapping[str, Any], signing_key: str,
                        inherited: Mapping[str, str] | None = None) -> dict[str, str]:
    """The whole environment of a service process: ``inherited`` (default ``os.environ``)
    without any ``PERMISO_*`` setting of its own except :data:`PASSED_THROUGH`, plus the
    profile's settings."""
    base = dict(os.environ if inherited is None else inherited)
    environment = {key: value for key, value in base.items()
                   if not key.startswith("PERMISO_") or key in PASSED_THROUGH}
    environment.update(profile_named(profile).service_environment(values, signing_key))
    return environment


# --------------------------------------------------------------------------------------------
# The service process


_LIVE: set[ReferenceService] = set()
_LIVE_LOCK = threading.Lock()


class ReferenceService:
    """The reference service in a child process of its own session (Ctrl-C reaches only the
    caller, which stops it), with a temporary folder of its own.

    ``settings`` replace or add variables of the service's environment (``DATABASE_URL``,
    ``PERMISO_DEFECTS``…); ``inherited`` replaces ``os.environ`` as the environment it starts from. ``suite_environment`` (after :meth:`start`) holds what the suite
    must be told: ``PERMISO_BASE_URL`` and the profile's variables.
    """

    def __init__(self, profile: str, values: Mapping[str, Any], settings: Mapping[str, str] | None = None,
                 python: str = sys.executable, signing_key: str | None = None,
                 inherited: Mapping[str, str] | None = None) -> None:
        self.profile = profile_named(profile)
        self.signing_key = signing_key or secrets.token_urlsafe(48)
        self.environment = service_environment(profile, values, self.signing_key, inherited)
        self.environment.update(settings or {})
        self.python = python
        self.process: subprocess.Popen[str] | None = None
        self.folder: str | None = None
        self.url = ""
        self.stderr_tail: deque[str] = deque(maxlen=30)

    @property
    def suite_environment(self) -> dict[str, str]:
        """``PERMISO_BASE_URL`` and the profile's suite variables."""
        return {"PERMISO_BASE_URL": self.url, EMBEDDED_TARGET_MARK: self.url,
                **self.profile.suite_environment(self.signing_key)}

    def start(self) -> str:
        """Starts the service and waits (at most 20 s) for its "listening on" line; returns
        the URL. Raises TargetError with the service's last error lines when it does not
        come up."""
        self.folder = tempfile.mkdtemp(prefix="permiso-target-")
        environment = {"TMPDIR": self.folder, **self.environment}
        with _LIVE_LOCK:
            _LIVE.add(self)
        self.process = subprocess.Popen(
            [self.python, "-m", "sut", "--host", "127.0.0.1", "--port", "0"],
            cwd=PROJECT_ROOT, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, bufsize=1, start_new_session=True,
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
            hint = ""
            if any("ModuleNotFoundError" in line for line in self.stderr_tail):
                hint = " (its packages are missing: pip install -r sut/requirements.txt)"
            raise TargetError(f"the embedded reference service {state}{hint}. Its last error output:\n{tail}")
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

    def is_running(self) -> bool:
        """Whether the service process is still alive."""
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """Kills the service at once (SIGKILL), as a crash would; :meth:`stop` still cleans up."""
        if self.is_running():
            assert self.process
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 10 s; then removes the service's folder. Idempotent."""
        process = self.process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
        if self.url:
            Ledger(self.url).remove()  # the rate-limit budget of a service that is gone
        with _LIVE_LOCK:
            _LIVE.discard(self)


def stop_all() -> None:
    """Stops every service this process started and has not stopped yet."""
    with _LIVE_LOCK:
        live = list(_LIVE)
    for service in live:
        service.stop()


atexit.register(stop_all)


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    # Once: a second signal during the clean-up must not cut the clean-up short.
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise KeyboardInterrupt(f"stopped by {signal.Signals(signum).name}")


def stop_on_signals() -> None:
    """In a command-line tool: SIGTERM and SIGHUP (a CI time limit, a closed terminal) end it
    like Ctrl-C does, so its ``finally`` blocks and :func:`stop_all` stop what it started.
    Further signals are ignored while it cleans up. Call from the main thread."""
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)


# --------------------------------------------------------------------------------------------
# Robot Framework keywords (the root suite of a plain ``robot suites/`` run)


class EmbeddedTarget:
    """Starts the reference service for a plain ``robot suites/`` run that names no target.

    With ``PERMISO_BASE_URL`` given (environment, ``.env`` or ``--variable``) nothing is
    started. Otherwise the service starts at its ``production`` profile (the contract's
    defaults); its URL reaches every suite through the environment and ``${PERMISO_BASE_URL}``.
    """

    ROBOT_LIBRARY_SCOPE = "GLOBAL"

    def __init__(self) -> None:
        self._service: ReferenceService | None = None
        self._profile = ""

    def start_embedded_target_unless_one_is_configured(self, profile: str = "production") -> str:
        """Starts the reference service at ``profile`` unless the run names a target; returns
        the URL the suites test.

        A target is named when ``PERMISO_BASE_URL`` came from the environment or ``.env``
        (``${CONFIG_SOURCES}`` of the variable file) or from ``--variable`` (then it differs
        from the value the variable file computed)."""
        from robot.api import logger  # noqa: PLC0415 - only under Robot
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        builtin = BuiltIn()
        url = str(builtin.get_variable_value("${PERMISO_BASE_URL}"))
        sources = builtin.get_variable_value("${CONFIG_SOURCES}", {}) or {}
        computed = (builtin.get_variable_value("${CONFIG_SUMMARY}", {}) or {}).get("PERMISO_BASE_URL", url)
        if url != computed:  # --variable PERMISO_BASE_URL: the variable file could not check this
            self._credentials_should_be_given(builtin)
        if sources.get("PERMISO_BASE_URL", "default") != "default" or url != computed or self._service:
            return url
        values = {name[2:-1]: value for name, value in builtin.get_variables(no_decoration=False).items()
                  if name.startswith("${")}
        service = ReferenceService(profile, values)
        try:
            url = service.start()
        except TargetError as error:
            raise AssertionError(f"PERMISO_BASE_URL is not set, and {error}") from None
        self._service = service
        self._profile = profile
        for name, value in service.suite_environment.items():
            os.environ[name] = value  # read by the variable file of every suite that follows
        builtin.set_global_variable("${PERMISO_BASE_URL}", url)
        logger.console(f"PERMISO_BASE_URL is not set: started the embedded reference service "
                       f"({profile} profile) at {url}")
        return url

    @staticmethod
    def _credentials_should_be_given(builtin: Any) -> None:
        """Fails naming the credentials that still hold the reference service's defaults."""
        import hashlib  # noqa: PLC0415

        defaults = builtin.get_variable_value("${CONFIG_DEFAULT_FINGERPRINTS}", {}) or {}
        missing = []
        for name, default in defaults.items():
            value = builtin.get_variable_value("${" + name + "}")
            if hashlib.sha256(str(getattr(value, "value", value)).encode()).hexdigest() == default:
                missing.append(name)
        if missing:
            raise AssertionError(
                f"Invalid configuration: the target is a deployment, but {', '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} not set: the reference service's accounts are never "
                "tried against a deployment")

    def target_kind(self) -> str:
        """What the target is, for the report: as the runner says (``PERMISO_TARGET_KIND``),
        ``embedded reference service, <profile> profile`` when this run started it, else
        ``configured deployment``."""
        if os.environ.get("PERMISO_TARGET_KIND"):
            return os.environ["PERMISO_TARGET_KIND"]
        if self._service is not None:
            return f"embedded reference service, {self._profile} profile"
        return "configured deployment"

    def record_the_run_in_the_report(self, url: str, version: str | None = None) -> None:
        """Short metadata for the report's summary: ``Target`` (URL and kind), ``Target
        version`` (when known), ``Run started``, ``Variants`` (contract variants of the
        embedded service, when set). The whole configuration goes to the log instead
        (`Log The Configuration`)."""
        import datetime as dt  # noqa: PLC0415
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        builtin = BuiltIn()
        builtin.set_suite_metadata("Target", f"{url} ({self.target_kind()})")
        if version:
            builtin.set_suite_metadata("Target version", version)
        started = os.environ.get("PERMISO_RUN_STARTED") or dt.datetime.now().isoformat(sep=" ", timespec="seconds")
        builtin.set_suite_metadata("Run started", started)
        variants = os.environ.get("PERMISO_VARIANTS", "")
        if variants and "embedded" in self.target_kind():
            builtin.set_suite_metadata("Variants", variants)

    def log_the_configuration(self) -> None:
        """Logs every setting with its value (secrets as set/empty) and where it came from
        (environment, ``.env``, default), one line each."""
        from robot.api import logger  # noqa: PLC0415
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        builtin = BuiltIn()
        summary = builtin.get_variable_value("${CONFIG_SUMMARY}", {}) or {}
        sources = builtin.get_variable_value("${CONFIG_SOURCES}", {}) or {}
        lines = [f"{name} = {value}   ({sources.get(name, 'default')})" for name, value in summary.items()]
        logger.info("Configuration (value, and where it came from):\n" + "\n".join(lines))

    def stop_embedded_target(self) -> None:
        """Stops the reference service this run started, if any."""
        if self._service is not None:
            self._service.stop()
            self._service = None
