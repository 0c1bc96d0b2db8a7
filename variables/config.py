"""Robot Framework variable file: the suite's whole configuration in one place.

Precedence, highest first:

1. ``--variable NAME:value`` on the robot/pabot command line (Robot applies it after this file),
2. the process environment,
3. a ``.env`` file at the project root, read with python-dotenv (``KEY=VALUE`` lines, ``#``
   comments, optional quotes, optional ``export`` prefix; no ``${VAR}`` expansion),
4. defaults that match the embedded reference service.

Variable names are the environment names (``${PERMISO_BASE_URL}``, ``${TEST_ADMIN_PASSWORD}``…).
Numbers are ``int``, switches are ``bool``; passwords, client secrets and the token signing key
are :class:`robot.api.types.Secret` values (``.value`` holds the string), so Robot never logs
them. Every endpoint path is derived here from ``PERMISO_API_BASE``.

A bad value stops the run with one message that names the variable, e.g.
``PERF_AUTH_THRESHOLD_MS must be a whole number of milliseconds, got 'fast'``.

The module also works outside Robot: ``load()`` returns the same dictionary (without the
``${}`` decoration) for the runner and for tests, and ``summary()`` the non-secret part.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from dotenv.parser import parse_stream

try:  # Robot Framework 7.4+; a stand-in keeps the runner usable without Robot installed.
    from robot.api.types import Secret
except ImportError:  # pragma: no cover - the venv always has Robot

    class Secret:  # type: ignore[no-redef]
        """Minimal stand-in with the same interface as robot.api.types.Secret."""

        def __init__(self, value: str) -> None:
            self.value = value

        def __str__(self) -> str:
            return "<secret>"

        def __repr__(self) -> str:
            return "Secret(value=<secret>)"


PROJECT_ROOT = Path(__file__).resolve().parent.parent
DOTENV_PATH = PROJECT_ROOT / ".env"
SUITE_VERSION_FILE = PROJECT_ROOT / "VERSION"


class ConfigurationError(ValueError):
    """A configuration value that cannot be used; the message names the variable."""


# --------------------------------------------------------------------------------------------
# Parsers: each takes (name, raw string) and returns the typed value or raises ConfigError.


def _text(_name: str, raw: str) -> str:
    return raw


def _secret(_name: str, raw: str) -> Secret:
    return Secret(raw)


def _whole(unit: str, minimum: int = 0) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        text = raw.strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ConfigurationError(f"{name} must be a whole number of {unit}, got {raw!r}")
        value = int(text)
        if value < minimum:
            raise ConfigurationError(f"{name} must be at least {minimum} {unit}, got {raw!r}")
        return value

    return parse


_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def _boolean(name: str, raw: str) -> bool:
    text = raw.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false (also 1/0, yes/no), got {raw!r}")


def _url(optional: bool = False) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        text = raw.strip().rstrip("/")
        if not text and optional:
            return ""
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigurationError(
                f"{name} must be an http:// or https:// URL such as http://127.0.0.1:8000, "
                f"got {raw!r}"
            )
        return text

    return parse


def _api_base(name: str, raw: str) -> str:
    text = "/" + raw.strip().strip("/")
    if text == "/" or " " in text:
        raise ConfigurationError(f"{name} must be a URL path such as /api/v1, got {raw!r}")
    return text


def _algorithm(name: str, raw: str) -> str:
    text = raw.strip().upper()
    if not re.fullmatch(r"(HS|RS|ES|PS)(256|384|512)|EDDSA", text):
        raise ConfigurationError(f"{name} must be a JWT algorithm such as HS256 or RS256, got {raw!r}")
    return "EdDSA" if text == "EDDSA" else text


def _choice(*choices: str) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        text = raw.strip().lower()
        if text not in choices:
            raise ConfigurationError(f"{name} must be one of {', '.join(choices)}, got {raw!r}")
        return text

    return parse


@dataclass(frozen=True)
class Setting:
    """One configuration variable: its group (a heading of docs/configuration.md), name,
    default (as text), parser, meaning, secret or not."""

    group: str
    name: str
    default: str
    parse: Callable[[str, str], Any]
    meaning: str
    secret: bool = False


MS = _whole("milliseconds", 1)
SECONDS = _whole("seconds", 0)
POSITIVE_SECONDS = _whole("seconds", 1)

SETTINGS: tuple[Setting, ...] = (
    Setting("Target", "PERMISO_BASE_URL", "http://127.0.0.1:8000", _url(),
            "Base URL of the Permiso under test (no trailing slash). Unset: the suite tests the "
            "project's reference service, started on loopback (plain robot: production profile; "
            "./run-acceptance.sh: test profile, or --profile)."),
    Setting("Target", "PERMISO_HTTP_URL", "", _url(optional=True),
            "Plain-HTTP URL of the deployment (nginx port 80) for the redirect check; "
            "empty = not configured, that check is skipped."),
    Setting("Target", "PERMISO_API_BASE", "/api/v1", _api_base,
            "Path prefix of the API routes; every endpoint path variable is built from it."),
    Setting("Identities", "TEST_ADMIN_USERNAME", "admin", _text, "Username of the admin account the suite uses."),
    Setting("Identities", "TEST_ADMIN_PASSWORD", "AdminPass123!", _secret, "Password of the admin account.", True),
    Setting("Identities", "TEST_ADMIN_EMAIL", "admin@permiso.test", _text, "E-mail of the admin account."),
    Setting("Identities", "TEST_USER_USERNAME", "testuser", _text, "Username of the normal (non-admin) account."),
    Setting("Identities", "TEST_USER_PASSWORD", "UserPass123!", _secret, "Password of the normal account.", True),
    Setting("Identities", "TEST_USER_EMAIL", "user@permiso.test", _text, "E-mail of the normal account."),
    Setting("Identities", "TEST_CLIENT_ID", "test-client-001", _text, "Client id of the confidential service client."),
    Setting("Identities", "TEST_CLIENT_SECRET", "test-secret-123456789", _secret,
            "Client secret of that service client.", True),
    Setting("Identities", "TEST_EMAIL_DOMAIN", "example.com", _text,
            "Domain of the e-mail addresses of the temporary users the tests create; pick one "
            "the deployment accepts (reserved names such as .test may be refused)."),
    Setting("Transport", "TEST_TIMEOUT_SECONDS", "30", POSITIVE_SECONDS, "Timeout of one HTTP request."),
    Setting("Transport", "TEST_RETRY_ATTEMPTS", "3", _whole("attempts", 0),
            "Retries of an idempotent request (GET, HEAD, OPTIONS, PUT, DELETE) after a "
            "connection error; 0 = no retry."),
    Setting("Transport", "TEST_RETRY_DELAY", "1", SECONDS, "Seconds between those retries."),
    Setting("Transport", "TEST_VERIFY_SSL", "false", _boolean, "Verify the TLS certificate of an https:// target."),
    Setting("Transport", "TEST_SSL_CERT_PATH", "", _text,
            "CA bundle (PEM) to verify the target with; empty = system CAs (when verifying)."),
    Setting("Transport", "TEST_CORS_ALLOWED_ORIGIN", "http://localhost:3000", _url(optional=True),
            "A browser origin the deployment's CORS allow-list admits (the reference service's "
            "default); empty = the test that its preflight is echoed is skipped."),
    Setting("Performance thresholds", "PERF_HEALTH_THRESHOLD_MS", "100", MS, "Maximum response time of GET /health."),
    Setting("Performance thresholds", "PERF_AUTH_THRESHOLD_MS", "500", MS, "Maximum response time of a token request."),
    Setting("Performance thresholds", "PERF_CRUD_THRESHOLD_MS", "1000", MS, "Maximum response time of a CRUD request."),
    Setting("Performance thresholds", "PERF_ADMIN_THRESHOLD_MS", "2000", MS, "Maximum response time of an admin report."),
    Setting("Performance thresholds", "PERF_SAMPLES", "20", _whole("samples", 3),
            "Requests each performance test times before it computes p50 and p95."),
    Setting("Performance thresholds", "PERF_BASELINE_FILE", "", _text,
            "JSON file of saved percentiles per category; empty = no baseline is saved or compared."),
    Setting("Performance thresholds", "PERF_BASELINE_MODE", "compare", _choice("compare", "save"),
            "`save`: the performance tests write their percentiles to PERF_BASELINE_FILE; "
            "`compare`: they fail a category whose p95 grew beyond the tolerance."),
    Setting("Performance thresholds", "PERF_BASELINE_TOLERANCE", "50", _whole("percent", 0),
            "Growth of a category's p95 over the baseline, in percent, that still passes."),
    Setting("Load (Locust)", "TEST_CONCURRENT_USERS", "50", _whole("users", 1),
            "Simultaneous requests of the concurrency tests, and Locust users of the load tests."),
    Setting("Load (Locust)", "TEST_DURATION_SECONDS", "60", POSITIVE_SECONDS, "How long a Locust load test runs."),
    Setting("Load (Locust)", "LOAD_MAX_ERROR_RATE_PERCENT", "1", _whole("percent", 0),
            "Share of failed requests, in percent, above which a load test fails."),
    Setting("Load (Locust)", "LOAD_WORKERS", "0", _whole("workers", 0),
            "Local Locust worker processes beside a master; 0 = one single Locust process."),
    Setting("Load (Locust)", "LOAD_REMOTE_WORKERS", "0", _whole("workers", 0),
            "Workers on other machines the local Locust master waits for before it starts."),
    Setting("Load (Locust)", "LOAD_MASTER_HOST", "", _text,
            "Host of a remote Locust master: set, this run only adds its workers to that cluster."),
    Setting("Load (Locust)", "LOAD_MASTER_PORT", "5557", _whole("port number", 1),
            "Port the Locust master listens on for workers (and that workers connect to)."),
    Setting("Rate limits", "RATE_LIMIT_TEST_REQUESTS", "25", _whole("requests", 1),
            "Most requests a rate-limit test may send in one burst; a limit that takes more to "
            "exceed is skipped with that reason."),
    Setting("Rate limits", "RATE_LIMIT_TEST_WINDOW", "60", POSITIVE_SECONDS, "Window of the rate limit under test."),
    Setting("Rate limits", "RATE_LIMIT_FAILED_LOGINS_PER_MINUTE", "20", _whole("failed logins", 0),
            "Failed logins per minute the deployment allows one client address (contract "
            "default 20). The suite spends at most one less per minute from its address, so its "
            "own logins are never refused; 0 = no limit, the failed-login rate-limit test is skipped."),
    Setting("Rate limits", "RATE_LIMIT_REGISTRATIONS_PER_HOUR", "3", _whole("registrations", 0),
            "Registrations per hour the deployment allows one client address (contract "
            "default 3). A test that would exceed it waits or skips naming the limit; 0 = no "
            "limit, the registration rate-limit test is skipped."),
    Setting("Rate limits", "RATE_LIMIT_TRUSTS_FORWARDED_FOR", "false", _boolean,
            "The deployment takes the client address from the suite's X-Forwarded-For header "
            "(it trusts the suite's machine as a proxy). Then each test spends failed logins and "
            "registrations from an address of its own; otherwise all tests share the machine's "
            "address and one budget per limit."),
    Setting("Rate limits", "RATE_LIMIT_MAX_WAIT_SECONDS", "150", SECONDS,
            "Longest a test waits for a rate limit's budget to free (or for a 429 to pass); "
            "beyond it the test is skipped, naming the limit and when it frees."),
    Setting("Rate limits", "ENUMERATION_TIMING_BOUND_MS", "100", MS,
            "Largest gap allowed between the median login times of unknown users and of wrong "
            "passwords (hardening: timing must not reveal which accounts exist)."),
    Setting("Tokens", "TOKEN_ISSUER", "permiso", _text, "Expected `iss` claim of issued tokens."),
    Setting("Tokens", "TOKEN_AUDIENCE", "permiso", _text, "Expected `aud` claim of issued tokens."),
    Setting("Tokens", "TOKEN_ALGORITHM", "HS256", _algorithm, "Signing algorithm of issued tokens."),
    Setting("Tokens", "TOKEN_SIGNING_KEY", "", _secret,
            "Key the deployment signs tokens with (HS*: the shared secret). Empty = tests that "
            "need a forged but validly signed token are skipped with that reason.", True),
    Setting("Tokens", "ACCESS_TOKEN_LIFETIME_SECONDS", "900", POSITIVE_SECONDS, "Expected access-token lifetime."),
    Setting("Tokens", "SERVICE_TOKEN_LIFETIME_SECONDS", "3600", POSITIVE_SECONDS,
            "Expected service-token lifetime of the test client."),
    Setting("Lockout", "MAX_LOGIN_ATTEMPTS", "5", _whole("attempts", 1),
            "Failed logins after which an account is locked."),
    Setting("Lockout", "LOCKOUT_DURATION_SECONDS", "900", POSITIVE_SECONDS,
            "How long a lock lasts; tests that wait for the lock to lift are skipped when it is "
            "longer than they may wait."),
    Setting("Containers (infrastructure suite)", "CONTAINER_APP", "permiso-app-1", _text, "Name of the application container."),
    Setting("Containers (infrastructure suite)", "CONTAINER_POSTGRES", "permiso-postgres-prod", _text, "Name of the PostgreSQL container."),
    Setting("Containers (infrastructure suite)", "CONTAINER_REDIS", "permiso-redis-prod", _text, "Name of the Redis container."),
    Setting("Containers (infrastructure suite)", "CONTAINER_NGINX", "permiso-nginx-prod", _text, "Name of the nginx container."),
    Setting("Containers (infrastructure suite)", "DOCKER_HOST", "", _text, "Docker engine to inspect; empty = the Docker SDK's default."),
    Setting("Dependency faults (infrastructure suite; never against production)", "ALLOW_DEPENDENCY_FAULTS", "false", _boolean,
            "Let the dependency-fault tests stop and start the deployment's PostgreSQL, Redis and "
            "application containers. Only for a throwaway stack (run-acceptance.sh --stack docker "
            "sets it); never against production."),
    Setting("Dependency faults (infrastructure suite; never against production)", "RECOVERY_TIMEOUT_SECONDS", "60", _whole("seconds", 1),
            "How long a deployment may take to be healthy again once a stopped dependency is back."),
)

SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}
SECRET_NAMES = tuple(setting.name for setting in SETTINGS if setting.secret)

# What a run against a deployment must be told: the reference service's identities (the
# defaults above) are never tried against somebody else's Permiso.
CREDENTIALS = ("TEST_ADMIN_USERNAME", "TEST_ADMIN_PASSWORD", "TEST_USER_USERNAME", "TEST_USER_PASSWORD",
               "TEST_CLIENT_ID", "TEST_CLIENT_SECRET")
# Set to its URL by whoever started the project's own target (embedded service or container
# stack): that target has the default identities, so they need not be given.
EMBEDDED_TARGET_MARK = "PERMISO_EMBEDDED_TARGET"
# Names of the project that are not settings of the suite but may appear in the environment (the
# runner's and the embedded service's own), with their meaning for docs/configuration.md.
OTHER_NAMES: dict[str, str] = {
    EMBEDDED_TARGET_MARK: "Set by whoever started the project's own target (runner, root suite, harnesses) to "
                          "its URL: that target has the default accounts, so no credential must be given.",
    "PERMISO_PREFLIGHT_PASSED_FOR": "Set by the runner to the URL its preflight checked: the root suite does not "
                                    "repeat the health check and admin login for that URL.",
    "PERMISO_TARGET_KIND": "Set by the runner: what the target is (report metadata \"Target\").",
    "PERMISO_RUN_STARTED": "Set by the runner: when the run started (report metadata \"Run started\").",
    "PERMISO_LEFTOVERS_FILE": "Where the suites list what they could not remove (the runner prints it).",
    "PERMISO_RATE_BUDGET_DIR": "Folder of the rate-limit ledgers shared by the robot processes of a run "
                               "(default results/rate-budget).",
    "PERMISO_VARIANTS": "Contract variants of the embedded reference service (docs/reference-service.md).",
    "PERMISO_DEFECTS": "Defects injected into the embedded reference service (docs/reference-service.md).",
    "PERMISO_DEGRADE": "Routes of the embedded reference service broken on purpose (docs/reference-service.md).",
    "PERMISO_DATABASE_URL": "Database of the embedded reference service (default: a throwaway SQLite file).",
    "PERMISO_REDIS_URL": "Redis of the embedded reference service (default: an in-process store).",
    "PERMISO_SELFTEST_STRICT": "The project's own tests: 1 = a component the test command installs fails its "
                               "tests when it cannot start (./run-project-tests.sh sets it).",
    "PERMISO_PG_BIN": "The project's own tests: the folder of PostgreSQL's server programs (default Debian's).",
}
# A .env key with one of these prefixes that names nothing known is a typo (DOCKER_ is left
# out: the Docker client has settings of its own).
OUR_PREFIXES = tuple(sorted({name.split("_")[0] + "_" for name in SETTINGS_BY_NAME} - {"DOCKER_"}))

# Endpoint paths: name -> path below PERMISO_API_BASE (None: a root route, given in full).
_ROOT_PATHS = {"ROOT_PATH": "/", "HEALTH_PATH": "/health", "OPENAPI_PATH": "/openapi.json"}
_API_PATHS = {
    "AUTH_PATH": "/auth",
    "AUTH_TOKEN_PATH": "/auth/token",
    "AUTH_SERVICE_TOKEN_PATH": "/auth/service-token",
    "AUTH_REFRESH_PATH": "/auth/refresh",
    "AUTH_INTROSPECT_PATH": "/auth/introspect",
    "AUTH_REVOKE_PATH": "/auth/revoke",
    "AUTH_LOGOUT_PATH": "/auth/logout",
    "USERS_PATH": "/users",
    "USERS_ME_PATH": "/users/me",
    "USERS_PROFILE_PATH": "/users/profile",
    "USERS_REGISTER_PATH": "/users/register",
    "USERS_STATS_PATH": "/users/stats/overview",
    "PASSWORD_RESET_REQUEST_PATH": "/users/password-reset/request",
    "PASSWORD_RESET_CONFIRM_PATH": "/users/password-reset/confirm",
    "EMAIL_VERIFICATION_REQUEST_PATH": "/users/email-verification/request",
    "EMAIL_VERIFICATION_CONFIRM_PATH": "/users/email-verification/confirm",
    "ROLES_PATH": "/roles/",
    "SCOPES_PATH": "/roles/scopes/",
    "PERMISSIONS_PATH": "/roles/permissions",
    "PERMISSIONS_CHECK_PATH": "/roles/permissions/check",
    "PERMISSIONS_CHECK_BULK_PATH": "/roles/permissions/check-bulk",
    "PERMISSIONS_USER_PATH": "/roles/permissions/user",
    "SERVICE_CLIENTS_PATH": "/service-clients/",
    "SERVICE_CLIENTS_STATS_PATH": "/service-clients/stats/overview",
    "SESSIONS_PATH": "/sessions/",
    "SESSIONS_STATS_PATH": "/sessions/stats",
    "SESSIONS_CLEANUP_PATH": "/sessions/cleanup",
    "ADMIN_PATH": "/admin",
    "ADMIN_DASHBOARD_PATH": "/admin/dashboard/stats",
    "ADMIN_SYSTEM_HEALTH_PATH": "/admin/system/health",
    "ADMIN_SECURITY_EVENTS_PATH": "/admin/security/events",
    "ADMIN_AUDIT_PATH": "/admin/audit/activity",
    "ADMIN_MAINTENANCE_CLEANUP_PATH": "/admin/maintenance/cleanup",
    "ADMIN_USAGE_REPORT_PATH": "/admin/reports/usage",
    "ADMIN_CONFIG_RELOAD_PATH": "/admin/config/reload",
    "ADMIN_ERROR_LOGS_PATH": "/admin/logs/errors",
}
PATH_NAMES = tuple(_ROOT_PATHS) + tuple(_API_PATHS)


# --------------------------------------------------------------------------------------------
# .env


def parse_dotenv(text: str) -> dict[str, str]:
    """Parse ``.env`` text with python-dotenv: ``KEY=VALUE`` lines, ``#`` comments, blank lines,
    ``export``, single or double quotes (double-quoted values may span lines and use ``\\n``,
    ``\\t``, ``\\"`` escapes). No ``${VAR}`` expansion: values are taken as written.

    A statement python-dotenv cannot read, a key that is not a name, or a key without ``=`` raises
    :class:`ConfigurationError` naming the line.
    """
    values: dict[str, str] = {}
    for binding in parse_stream(io.StringIO(text)):
        source = binding.original.string
        leading = source[: len(source) - len(source.lstrip())]
        number = binding.original.line + leading.count("\n")
        first_line = source.strip().splitlines()[0] if source.strip() else ""
        if binding.error:
            quoted = re.match(r"(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(['\"])", first_line)
            if quoted:
                raise ConfigurationError(
                    f".env line {number}: {quoted.group(1)} has an unclosed {quoted.group(2)} quote")
            shown = first_line.partition("=")[0].strip() or first_line
            raise ConfigurationError(f".env line {number} is not KEY=VALUE: {shown!r}")
        if binding.key is None:
            continue  # a comment or blank lines
        if binding.value is None or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", binding.key):
            raise ConfigurationError(f".env line {number} is not KEY=VALUE: {binding.key!r}")
        values[binding.key] = binding.value
    return values


def read_dotenv(path: Path | str | None = None) -> dict[str, str]:
    """The ``.env`` file's values, or an empty dict when there is none."""
    dotenv = Path(path) if path else DOTENV_PATH
    try:
        return parse_dotenv(dotenv.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


# --------------------------------------------------------------------------------------------
# Loading


def sources(
    environ: Mapping[str, str] | None = None, dotenv: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Where each setting's value comes from: ``environment``, ``.env`` or ``default``."""
    env = os.environ if environ is None else environ
    file_values = read_dotenv() if dotenv is None else dotenv
    return {setting.name: "environment" if setting.name in env else ".env" if setting.name in file_values else "default"
            for setting in SETTINGS}


def raw_values(
    environ: Mapping[str, str] | None = None, dotenv: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Every setting's text after precedence environment > .env > default."""
    env = os.environ if environ is None else environ
    file_values = read_dotenv() if dotenv is None else dotenv
    where = sources(env, file_values)
    pick = {"environment": env, ".env": file_values}
    return {setting.name: pick[where[setting.name]][setting.name] if where[setting.name] in pick else setting.default
            for setting in SETTINGS}


def endpoint_paths(api_base: str) -> dict[str, str]:
    """Every endpoint path, built from the API base path (the one place that knows them)."""
    base = _api_base("PERMISO_API_BASE", api_base)
    paths = dict(_ROOT_PATHS)
    paths.update({name: base + suffix for name, suffix in _API_PATHS.items()})
    return paths


def suite_version() -> str:
    """The suite's own version, from the VERSION file at the project root."""
    try:
        return SUITE_VERSION_FILE.read_text(encoding="utf-8").strip() or "0.0.0"
    except FileNotFoundError:
        return "0.0.0"


def check_dotenv_keys(dotenv: Mapping[str, str]) -> None:
    """A ``.env`` key that looks like one of the suite's (``PERMISO_``, ``TEST_``, ``PERF_``…)
    but names no setting raises ConfigurationError naming the nearest known name: a misspelt
    ``PERMISO_BASEURL`` would otherwise test the wrong target without a word."""
    known = [*SETTINGS_BY_NAME, *OTHER_NAMES]
    for key in dotenv:
        if key in known or not key.startswith(OUR_PREFIXES):
            continue
        nearest = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f": did you mean {nearest[0]}?" if nearest else " (see .env.example for the settings)"
        raise ConfigurationError(f".env sets {key}, which is not a setting of the suite{hint}")


def missing_credentials(environ: Mapping[str, str] | None = None, dotenv: Mapping[str, str] | None = None,
                        base_url: str | None = None) -> list[str]:
    """The :data:`CREDENTIALS` that are not given (environment or .env) although the run tests
    a deployment: ``base_url`` (default: the configured ``PERMISO_BASE_URL``) given, and not a
    target the project started itself (:data:`EMBEDDED_TARGET_MARK`)."""
    env = os.environ if environ is None else environ
    where = sources(env, dotenv)
    url = base_url if base_url is not None else (raw_values(env, dotenv)["PERMISO_BASE_URL"]
                                                  if where["PERMISO_BASE_URL"] != "default" else "")
    if not url or env.get(EMBEDDED_TARGET_MARK, "").rstrip("/") == url.rstrip("/"):
        return []
    return [name for name in CREDENTIALS if where[name] == "default"]


def credentials_message(missing: list[str]) -> str:
    """One sentence naming the credentials a run against a deployment lacks."""
    return (f"the target is a deployment, but {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not set "
            "(environment or .env): the reference service's accounts are never tried against a deployment")


def load(
    environ: Mapping[str, str] | None = None, dotenv: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """All variables, typed, without Robot's ``${}`` decoration. Raises ConfigurationError
    for a bad value, a misspelt ``.env`` key, or a deployment without its credentials."""
    file_values = read_dotenv() if dotenv is None else dotenv
    check_dotenv_keys(file_values)
    raw = raw_values(environ, file_values)
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        values[setting.name] = setting.parse(setting.name, raw[setting.name])
    missing = missing_credentials(environ, file_values)
    if missing:
        raise ConfigurationError(credentials_message(missing))
    values.update(endpoint_paths(values["PERMISO_API_BASE"]))
    values["SUITE_VERSION"] = suite_version()
    values["CONFIG_SUMMARY"] = summary(values)
    values["CONFIG_SOURCES"] = sources(environ, dotenv)
    # For a --variable PERMISO_BASE_URL (Robot applies it after this file): which credentials
    # still hold the reference service's default, compared by fingerprint, never by value.
    values["CONFIG_DEFAULT_FINGERPRINTS"] = {name: fingerprint(SETTINGS_BY_NAME[name].default) for name in CREDENTIALS}
    return values


def fingerprint(value: Any) -> str:
    """A SHA-256 of a (possibly secret) value, to compare values without keeping them."""
    return hashlib.sha256(str(getattr(value, "value", value)).encode()).hexdigest()


def summary(values: Mapping[str, Any]) -> dict[str, Any]:
    """The non-secret configuration for report metadata (secrets show only whether set)."""
    result: dict[str, Any] = {}
    for setting in SETTINGS:
        value = values[setting.name]
        if setting.secret:
            text = getattr(value, "value", value)
            result[setting.name] = "<set>" if text else "<empty>"
        else:
            result[setting.name] = value
    return result


def summary_text(values: Mapping[str, Any]) -> str:
    """The summary as one ``NAME=value, …`` line (report metadata)."""
    return ", ".join(f"{name}={value}" for name, value in summary(values).items())


def get_variables(*_args: str) -> dict[str, Any]:
    """Robot's entry point.

    A bad value does not abort the import (Robot would only log it and go on without the
    variables): every variable then gets its default, ``${CONFIG_ERROR}`` holds the message,
    and the root suite's setup stops the run with it.
    """
    try:
        values = load()
        values["CONFIG_ERROR"] = ""
    except ConfigurationError as error:
        values = load(environ={}, dotenv={})
        values["CONFIG_ERROR"] = str(error)
    return values


if __name__ == "__main__":  # pragma: no cover - a quick look at the effective configuration
    for key, val in summary(load()).items():
        print(f"{key}={val}")
