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
    """One configuration variable: name, default (as text), parser, meaning, secret or not."""

    name: str
    default: str
    parse: Callable[[str, str], Any]
    meaning: str
    secret: bool = False


MS = _whole("milliseconds", 1)
SECONDS = _whole("seconds", 0)
POSITIVE_SECONDS = _whole("seconds", 1)

SETTINGS: tuple[Setting, ...] = (
    # Target
    Setting("PERMISO_BASE_URL", "http://127.0.0.1:8000", _url(),
            "Base URL of the Permiso under test (no trailing slash). When unset, "
            "run-acceptance.sh starts the embedded reference service and sets it."),
    Setting("PERMISO_HTTP_URL", "", _url(optional=True),
            "Plain-HTTP URL of the deployment (nginx port 80) for the redirect check; "
            "empty = not configured, that check is skipped."),
    Setting("PERMISO_API_BASE", "/api/v1", _api_base,
            "Path prefix of the API routes; every endpoint path variable is built from it."),
    # Identities
    Setting("TEST_ADMIN_USERNAME", "admin", _text, "Username of the admin account the suite uses."),
    Setting("TEST_ADMIN_PASSWORD", "AdminPass123!", _secret, "Password of the admin account.", True),
    Setting("TEST_ADMIN_EMAIL", "admin@permiso.test", _text, "E-mail of the admin account."),
    Setting("TEST_USER_USERNAME", "testuser", _text, "Username of the normal (non-admin) account."),
    Setting("TEST_USER_PASSWORD", "UserPass123!", _secret, "Password of the normal account.", True),
    Setting("TEST_USER_EMAIL", "user@permiso.test", _text, "E-mail of the normal account."),
    Setting("TEST_CLIENT_ID", "test-client-001", _text, "Client id of the confidential service client."),
    Setting("TEST_CLIENT_SECRET", "test-secret-123456789", _secret,
            "Client secret of that service client.", True),
    Setting("TEST_EMAIL_DOMAIN", "example.com", _text,
            "Domain of the e-mail addresses of the temporary users the tests create; pick one "
            "the deployment accepts (reserved names such as .test may be refused)."),
    # Transport
    Setting("TEST_TIMEOUT_SECONDS", "30", POSITIVE_SECONDS, "Timeout of one HTTP request."),
    Setting("TEST_RETRY_ATTEMPTS", "3", _whole("attempts", 0),
            "Retries of an idempotent request (GET, HEAD, OPTIONS, PUT, DELETE) after a "
            "connection error; 0 = no retry."),
    Setting("TEST_RETRY_DELAY", "1", SECONDS, "Seconds between those retries."),
    Setting("TEST_VERIFY_SSL", "false", _boolean, "Verify the TLS certificate of an https:// target."),
    Setting("TEST_SSL_CERT_PATH", "", _text,
            "CA bundle (PEM) to verify the target with; empty = system CAs (when verifying)."),
    Setting("TEST_CORS_ALLOWED_ORIGIN", "http://localhost:3000", _url(optional=True),
            "A browser origin the deployment's CORS allow-list admits (the reference service's "
            "default); empty = the test that its preflight is echoed is skipped."),
    # Performance thresholds
    Setting("PERF_HEALTH_THRESHOLD_MS", "100", MS, "Maximum response time of GET /health."),
    Setting("PERF_AUTH_THRESHOLD_MS", "500", MS, "Maximum response time of a token request."),
    Setting("PERF_CRUD_THRESHOLD_MS", "1000", MS, "Maximum response time of a CRUD request."),
    Setting("PERF_ADMIN_THRESHOLD_MS", "2000", MS, "Maximum response time of an admin report."),
    Setting("PERF_SAMPLES", "20", _whole("samples", 3),
            "Requests each performance test times before it computes p50 and p95."),
    Setting("PERF_BASELINE_FILE", "", _text,
            "JSON file of saved percentiles per category; empty = no baseline is saved or compared."),
    Setting("PERF_BASELINE_MODE", "compare", _choice("compare", "save"),
            "`save`: the performance tests write their percentiles to PERF_BASELINE_FILE; "
            "`compare`: they fail a category whose p95 grew beyond the tolerance."),
    Setting("PERF_BASELINE_TOLERANCE", "50", _whole("percent", 0),
            "Growth of a category's p95 over the baseline, in percent, that still passes."),
    # Load (Locust)
    Setting("TEST_CONCURRENT_USERS", "50", _whole("users", 1),
            "Simultaneous requests of the concurrency tests, and Locust users of the load tests."),
    Setting("TEST_DURATION_SECONDS", "60", POSITIVE_SECONDS, "How long a Locust load test runs."),
    Setting("LOAD_MAX_ERROR_RATE_PERCENT", "1", _whole("percent", 0),
            "Share of failed requests, in percent, above which a load test fails."),
    Setting("LOAD_WORKERS", "0", _whole("workers", 0),
            "Local Locust worker processes beside a master; 0 = one single Locust process."),
    Setting("LOAD_REMOTE_WORKERS", "0", _whole("workers", 0),
            "Workers on other machines the local Locust master waits for before it starts."),
    Setting("LOAD_MASTER_HOST", "", _text,
            "Host of a remote Locust master: set, this run only adds its workers to that cluster."),
    Setting("LOAD_MASTER_PORT", "5557", _whole("port number", 1),
            "Port the Locust master listens on for workers (and that workers connect to)."),
    # Rate limits
    Setting("RATE_LIMIT_TEST_REQUESTS", "25", _whole("requests", 1),
            "Most requests a rate-limit test may send in one burst; a limit that takes more to "
            "exceed is skipped with that reason."),
    Setting("RATE_LIMIT_TEST_WINDOW", "60", POSITIVE_SECONDS, "Window of the rate limit under test."),
    Setting("RATE_LIMIT_FAILED_LOGINS_PER_MINUTE", "20", _whole("failed logins", 0),
            "Failed logins per minute the deployment allows one client address (contract "
            "default 20). The suite spends at most one less per minute from its address, so its "
            "own logins are never refused; 0 = no limit, the failed-login rate-limit test is skipped."),
    Setting("RATE_LIMIT_REGISTRATIONS_PER_HOUR", "3", _whole("registrations", 0),
            "Registrations per hour the deployment allows one client address (contract "
            "default 3). A test that would exceed it waits or skips naming the limit; 0 = no "
            "limit, the registration rate-limit test is skipped."),
    Setting("RATE_LIMIT_TRUSTS_FORWARDED_FOR", "false", _boolean,
            "The deployment takes the client address from the suite's X-Forwarded-For header "
            "(it trusts the suite's machine as a proxy). Then each test spends failed logins and "
            "registrations from an address of its own; otherwise all tests share the machine's "
            "address and one budget per limit."),
    Setting("RATE_LIMIT_MAX_WAIT_SECONDS", "150", SECONDS,
            "Longest a test waits for a rate limit's budget to free (or for a 429 to pass); "
            "beyond it the test is skipped, naming the limit and when it frees."),
    Setting("ENUMERATION_TIMING_BOUND_MS", "100", MS,
            "Largest gap allowed between the median login times of unknown users and of wrong "
            "passwords (hardening: timing must not reveal which accounts exist)."),
    # Tokens
    Setting("TOKEN_ISSUER", "permiso", _text, "Expected `iss` claim of issued tokens."),
    Setting("TOKEN_AUDIENCE", "permiso", _text, "Expected `aud` claim of issued tokens."),
    Setting("TOKEN_ALGORITHM", "HS256", _algorithm, "Signing algorithm of issued tokens."),
    Setting("TOKEN_SIGNING_KEY", "", _secret,
            "Key the deployment signs tokens with (HS*: the shared secret). Empty = tests that "
            "need a forged but validly signed token are skipped with that reason.", True),
    Setting("ACCESS_TOKEN_LIFETIME_SECONDS", "900", POSITIVE_SECONDS, "Expected access-token lifetime."),
    Setting("SERVICE_TOKEN_LIFETIME_SECONDS", "3600", POSITIVE_SECONDS,
            "Expected service-token lifetime of the test client."),
    # Lockout
    Setting("MAX_LOGIN_ATTEMPTS", "5", _whole("attempts", 1),
            "Failed logins after which an account is locked."),
    Setting("LOCKOUT_DURATION_SECONDS", "900", POSITIVE_SECONDS,
            "How long a lock lasts; tests that wait for the lock to lift are skipped when it is "
            "longer than they may wait."),
    # Containers (infrastructure suite)
    Setting("CONTAINER_APP", "permiso-app-1", _text, "Name of the application container."),
    Setting("CONTAINER_POSTGRES", "permiso-postgres-prod", _text, "Name of the PostgreSQL container."),
    Setting("CONTAINER_REDIS", "permiso-redis-prod", _text, "Name of the Redis container."),
    Setting("CONTAINER_NGINX", "permiso-nginx-prod", _text, "Name of the nginx container."),
    Setting("DOCKER_HOST", "", _text, "Docker engine to inspect; empty = the Docker SDK's default."),
    # Dependency faults (infrastructure suite; never against production)
    Setting("ALLOW_DEPENDENCY_FAULTS", "false", _boolean,
            "Let the dependency-fault tests stop and start the deployment's PostgreSQL, Redis and "
            "application containers. Only for a throwaway stack (run-acceptance.sh --stack docker "
            "sets it); never against production."),
    Setting("RECOVERY_TIMEOUT_SECONDS", "60", _whole("seconds", 1),
            "How long a deployment may take to be healthy again once a stopped dependency is back."),
)

SETTINGS_BY_NAME = {setting.name: setting for setting in SETTINGS}
SECRET_NAMES = tuple(setting.name for setting in SETTINGS if setting.secret)

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


def load(
    environ: Mapping[str, str] | None = None, dotenv: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """All variables, typed, without Robot's ``${}`` decoration. Raises ConfigurationError."""
    raw = raw_values(environ, dotenv)
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        values[setting.name] = setting.parse(setting.name, raw[setting.name])
    values.update(endpoint_paths(values["PERMISO_API_BASE"]))
    values["SUITE_VERSION"] = suite_version()
    values["CONFIG_SUMMARY"] = summary(values)
    values["CONFIG_SOURCES"] = sources(environ, dotenv)
    return values


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
