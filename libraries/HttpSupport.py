"""Python side of the transport and identity keyword layers (``resources/transport.resource``,
``resources/identities.resource``).

It does what Robot syntax would do clumsily or unsafely:

- sends a request on a RequestsLibrary session (one per base URL, created on demand with the
  configured timeout and TLS verification), building the ``Authorization`` header from a
  ``Secret`` inside Python so that the credential never becomes a Robot variable;
- retries idempotent requests after connection errors and turns a connection failure into one
  line (``Permiso does not answer at http://…/health: connection refused``);
- logs one INFO line per request (``POST http://host/api/v1/auth/token → 200 (42 ms)``) and the request
  and response bodies with secret fields masked;
- compares statuses (``200``, ``401|403``, ``any``) and fails with a message a stakeholder
  understands (``POST /api/v1/auth/token answered 401 (invalid_grant: …), expected 200``);
- reads response fields by dotted path and checks them;
- turns token responses into dictionaries of ``Secret`` values and registers every secret it
  sees (tokens, client secrets, passwords it sends) with the redactor;
- keeps the temporary data a test created, for ``Remove Temporary Data``.

Module-level helpers (``describe_connection_error``, ``describe_answer``, ``preflight``) are
shared with ``tools/run_acceptance.py`` so that the runner's preflight and the root suite fail
with the same messages.
"""

from __future__ import annotations

import json
import re
import secrets
import string
import time
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from robot.api import logger
from robot.api.deco import keyword, library
from robot.api.types import Secret
from robot.utils import DotDict

from RateBudget import RateBudget
from SecretRedactor import redact, register_secret

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})
SECRET_RESPONSE_FIELDS = (
    "access_token", "refresh_token", "id_token", "client_secret", "token", "reset_token",
    "verification_token", "secret",
)
SECRET_REQUEST_FIELDS = (
    "password", "current_password", "new_password", "client_secret", "current_secret",
    "refresh_token", "token", "secret",
)
BODY_LOG_LIMIT = 4000
ADMIN_ONLY_USER_FIELDS = frozenset({"role_ids", "roles", "is_active", "is_verified", "is_superuser", "scopes"})


class TransportFailure(AssertionError):
    """A failed check or request, reported with its message only."""

    ROBOT_SUPPRESS_NAME = True


# ---------------------------------------------------------------------------------------------
# Helpers shared with the runner.


def unwrap(value: Any) -> Any:
    """The plain value of a Secret (anything else unchanged), recursively in dicts and lists."""
    if isinstance(value, Secret):
        return value.value
    if isinstance(value, Mapping):
        return {key: unwrap(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [unwrap(item) for item in value]
    return value


def describe_connection_error(error: BaseException, timeout: float | None = None) -> str:
    """A few words on why a connection failed: 'connection refused', 'timed out after 5 s'…"""
    text = f"{error!r} {error}"
    lowered = text.lower()
    if isinstance(error, requests.exceptions.SSLError) or "ssl" in lowered and "certificate" in lowered:
        return "TLS handshake failed (certificate not trusted? see TEST_VERIFY_SSL/TEST_SSL_CERT_PATH)"
    if isinstance(error, requests.exceptions.Timeout) or "timed out" in lowered:
        return f"no answer within {timeout:g} s" if timeout else "no answer (timed out)"
    if "refused" in lowered:
        return "connection refused"
    if any(word in lowered for word in ("name or service not known", "nodename nor servname",
                                        "failed to resolve", "getaddrinfo", "name resolution")):
        return "unknown host name"
    if "unreachable" in lowered:
        return "network unreachable"
    if "reset" in lowered or "aborted" in lowered or "remotedisconnected" in lowered:
        return "connection closed by the server"
    return redact(str(error).splitlines()[0] if str(error) else type(error).__name__)


_LEAK_MARKERS = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|\bat [\w.$]+\([\w.]+:\d+\)",
)


# What an error answer must never carry (contract §1): a trace, SQL or a driver's name, a server
# file path, a Python exception class name. Deliberately narrow: upper-case SQL keywords only
# (English prose says "select a role from"), a path only where one starts, and "Error" alone
# (or ``validation_error``) is never flagged.
_LEAK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a stack trace", re.compile(r"Traceback \(most recent call last\)|File \\?\"[^\"]+?\\?\", line \d+")),
    ("SQL text", re.compile(r"\bSELECT\b[^;]{0,200}?\bFROM\b|\bINSERT INTO\b|\bUPDATE \w+ SET\b")),
    ("a database driver name", re.compile(r"sqlalchemy|psycopg|sqlite3|asyncpg|pymysql", re.IGNORECASE)),
    ("a server file path", re.compile(r"(?:^|[\s\"'(=:\[])/(?:usr|app|srv|opt)/|\.py\\?\"|site-packages")),
    ("an exception class name", re.compile(r"\b[A-Z][A-Za-z0-9]*(?:Error:|Exception\b)")),
)


def leak_markers(text: str) -> list[str]:
    """What ``text`` gives away about the server's insides, as descriptions (``a stack trace``,
    ``SQL text``, ``a database driver name``, ``a server file path``, ``an exception class
    name``), each once with the matched excerpt; empty for a clean text."""
    found = []
    for description, pattern in _LEAK_PATTERNS:
        match = pattern.search(text or "")
        if match:
            found.append(f"{description} ({match.group(0).strip()[:60]!r})")
    return found


def _warn_about_leaks(response: requests.Response) -> None:
    """Logs a warning naming the request when an error answer with a text body leaks."""
    content_type = response.headers.get("Content-Type", "").lower()
    textual = not content_type or "json" in content_type or content_type.startswith("text/")
    if response.status_code < 400 or not textual:
        return
    markers = leak_markers(response.text)
    if markers:
        logger.warn(redact(f"{request_label(response)} answered {response.status_code} with what the "
                           f"contract forbids in an error answer: {'; '.join(markers)}"))


def _first_validation_problem(details: Any) -> str:
    """``loc: msg`` of the first entry of a validation ``details`` list, with a count of the rest."""
    if not isinstance(details, list) or not details:
        return ""
    first = details[0]
    if not isinstance(first, Mapping):
        return str(first)[:160]
    loc = first.get("loc")
    where = ".".join(str(part) for part in loc) if isinstance(loc, (list, tuple)) else str(loc or "")
    message = str(first.get("msg") or first.get("message") or first.get("type") or "invalid")
    text = f"{where}: {message}" if where else message
    more = len(details) - 1
    return text + (f" (+{more} more)" if more > 0 else "")


def error_summary(response: requests.Response) -> str:
    """A few words on an error answer for a failure message.

    - 4xx with the contract's body: ``error_code: description``; for a validation error the
      first problem instead of the generic description (``validation_error: query.page: Input
      should be greater than or equal to 1``);
    - 5xx: ``the server failed: error_code`` (never the description: it may hold a trace);
    - anything else: a short excerpt, with traces and long bodies cut.
    """
    server_failed = response.status_code >= 500
    try:
        body = response.json()
    except ValueError:
        text = (response.text or "").strip().replace("\n", " ")
        if server_failed:
            return "the server failed, no JSON error body"
        if _LEAK_MARKERS.search(text):
            return "non-JSON body with a stack trace"
        return redact(f"non-JSON body: {text[:120]}") if text else "empty body"
    if not isinstance(body, Mapping):
        return "the server failed" if server_failed else redact(json.dumps(body)[:120])
    code = body.get("error")
    if server_failed:
        return f"the server failed: {code}" if isinstance(code, str) and code else "the server failed"
    problem = _first_validation_problem(body.get("details")) or _first_validation_problem(body.get("detail"))
    if "error" in body or "error_description" in body:
        description = problem or body.get("error_description") or ""
        text = f"{code}: {description}" if description else f"{code}"
    elif problem:
        text = f"detail: {problem}"
    elif "detail" in body:
        text = f"detail: {body['detail']}"
    else:
        text = json.dumps(body)
    if _LEAK_MARKERS.search(str(text)):
        return f"{code}: (description holds a stack trace)"
    return redact(str(text)[:200])


def request_log_line(method: str, url: str, status: int, elapsed_ms: float) -> str:
    """The one log line per request that tools read back from ``output.xml`` (route coverage,
    verdict comparisons): ``METHOD URL → STATUS (N ms)``, secrets masked."""
    return f"{method} {redact(url)} → {status} ({round(elapsed_ms)} ms)"


def request_label(response: requests.Response) -> str:
    """``METHOD /path`` of the request that produced a response."""
    request = response.request
    path = urlsplit(request.url).path or "/"
    return f"{request.method} {path}"


def preflight(
    base_url: str,
    health_path: str,
    token_path: str,
    username: str,
    password: str | Secret,
    timeout: float = 5.0,
    verify: bool | str = False,
) -> str:
    """Health check then admin login, no retries. Returns the target's version.

    Raises TransportFailure with the one-line message the runner and root suite show.
    """
    health_url = base_url.rstrip("/") + health_path
    try:
        health = requests.get(health_url, timeout=timeout, verify=verify)
    except requests.RequestException as error:
        raise TransportFailure(
            f"Permiso does not answer at {health_url}: {describe_connection_error(error, timeout)}"
        ) from None
    if health.status_code != 200:
        raise TransportFailure(
            f"Permiso at {health_url} is not healthy: answered {health.status_code} "
            f"({error_summary(health)})"
        )
    try:
        version = str(health.json().get("version", "unknown"))
    except (ValueError, AttributeError):
        version = "unknown"
    token_url = base_url.rstrip("/") + token_path
    try:
        login = requests.post(
            token_url,
            data={"username": username, "password": unwrap(password)},
            timeout=timeout,
            verify=verify,
        )
    except requests.RequestException as error:
        raise TransportFailure(
            f"Permiso does not answer at {token_url}: {describe_connection_error(error, timeout)}"
        ) from None
    if login.status_code != 200:
        code = ""
        try:
            code = str(login.json().get("error") or "")
        except (ValueError, AttributeError):
            pass
        raise TransportFailure(
            f"Admin login as '{username}' was refused: {login.status_code}"
            f"{' ' + code if code else ''} — check TEST_ADMIN_USERNAME/TEST_ADMIN_PASSWORD"
        )
    register_secrets_in(login.json(), SECRET_RESPONSE_FIELDS)
    return version


def register_secrets_in(body: Any, fields: Iterable[str], depth: int = 0) -> None:
    """Register the values of secret fields found in a JSON-like structure."""
    if depth > 4:
        return
    names = set(fields)
    if isinstance(body, Mapping):
        for key, value in body.items():
            if key in names and isinstance(value, (str, Secret)):
                register_secret(value)
            elif isinstance(value, (Mapping, list, tuple)):
                register_secrets_in(value, names, depth + 1)
    elif isinstance(body, (list, tuple)):
        for item in body:
            register_secrets_in(item, names, depth + 1)


def _masked_body(body: Any) -> str:
    """A body as text for the log, secret fields masked, cut at BODY_LOG_LIMIT characters."""
    if body is None:
        return ""
    if isinstance(body, (Mapping, list, tuple)):
        text = json.dumps(_mask_fields(unwrap(body)), ensure_ascii=False, default=str)
    elif isinstance(body, bytes):
        text = body.decode("utf-8", "replace")
    else:
        text = str(body)
    text = redact(text)
    if len(text) > BODY_LOG_LIMIT:
        text = text[:BODY_LOG_LIMIT] + f"… ({len(text) - BODY_LOG_LIMIT} more characters)"
    return text


_MASKED_FIELDS = set(SECRET_RESPONSE_FIELDS) | set(SECRET_REQUEST_FIELDS)


def _mask_fields(body: Any) -> Any:
    if isinstance(body, Mapping):
        return {
            key: ("***" if key in _MASKED_FIELDS and isinstance(value, str) and value else _mask_fields(value))
            for key, value in body.items()
        }
    if isinstance(body, list):
        return [_mask_fields(item) for item in body]
    return body


def _response_body(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text


def parse_expected_status(expected: Any) -> tuple[int, ...] | None:
    """``200`` → (200,), ``'401|403'`` → (401, 403), ``'any'`` → None (anything goes)."""
    if isinstance(expected, int):
        return (expected,)
    if isinstance(expected, (list, tuple)):
        return tuple(int(item) for item in expected)
    text = str(expected).strip().lower()
    if text in ("any", "anything", "*"):
        return None
    try:
        return tuple(int(part) for part in re.split(r"\s*[|,]\s*|\s+or\s+", text) if part)
    except ValueError:
        raise TransportFailure(
            f"Expected status must be a number, numbers separated by '|', or 'any', got '{expected}'"
        ) from None


def _dotted(body: Any, field: str) -> Any:
    """The value at a dotted path (``client.scopes.0.name``); KeyError when absent."""
    current = body
    for part in field.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and re.fullmatch(r"-?\d+", part) and -len(current) <= int(part) < len(current):
            current = current[int(part)]
        else:
            raise KeyError(field)
    return current


def _same(actual: Any, expected: Any) -> bool:
    if actual == expected:
        return True
    if isinstance(expected, str):
        if isinstance(actual, bool):
            return expected.strip().lower() == str(actual).lower()
        if actual is None:
            return expected.strip().lower() in ("none", "null", "${none}")
        if isinstance(actual, (int, float)):
            try:
                return float(expected) == float(actual)
            except ValueError:
                return False
        if isinstance(actual, (list, dict)):
            try:
                return json.loads(expected) == actual
            except ValueError:
                return False
    return False


def _show(value: Any) -> str:
    return redact(json.dumps(unwrap(value), ensure_ascii=False, default=str)
                  if not isinstance(value, str) else f"'{value}'")


# ---------------------------------------------------------------------------------------------


@library(scope="GLOBAL", auto_keywords=False)
class HttpSupport:
    """Keywords behind the transport and identity layers. Use them through those resources."""

    def __init__(self) -> None:
        self._temporary: dict[str, list[tuple[str, str]]] = {}
        self._housekeeping_token: dict[tuple[str, str], tuple[Secret, float]] = {}
        self._user_role_ids: dict[str, list[str]] = {}
        self._own_budget: RateBudget | None = None

    # --- configuration ----------------------------------------------------------------------

    @staticmethod
    def _variable(name: str, default: Any = None) -> Any:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - needs a running Robot

        return BuiltIn().get_variable_value("${" + name + "}", default)

    def _verify_setting(self) -> bool | str:
        """``False``, ``True`` (system CAs) or the CA bundle of ``TEST_SSL_CERT_PATH``."""
        verify: bool | str = bool(self._variable("TEST_VERIFY_SSL", False))
        cert_path = self._variable("TEST_SSL_CERT_PATH", "")
        if verify and cert_path:
            verify = str(cert_path)
        return verify

    def _session(self, base_url: str) -> requests.Session:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        requests_library = BuiltIn().get_library_instance("RequestsLibrary")
        alias = f"permiso {base_url}"
        if requests_library.session_exists(alias):
            return requests_library._cache.switch(alias)  # noqa: SLF001 - RequestsLibrary's cache
        verify = self._verify_setting()
        if not verify:
            import urllib3  # noqa: PLC0415

            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        return requests_library.create_session(
            alias, base_url, timeout=int(self._variable("TEST_TIMEOUT_SECONDS", 30)),
            verify=verify, max_retries=0,
        )

    # --- sending ----------------------------------------------------------------------------

    @keyword("Send Permiso Request")
    def send_permiso_request(
        self,
        method: str,
        path: str,
        expected_status: str = "200",
        token: Secret | str | None = None,
        json_body: Any = None,
        form: Mapping[str, Any] | None = None,
        headers: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        data: str | bytes | None = None,
        base_url: str | None = None,
        timeout: float | None = None,
        retry: bool = True,
        allow_redirects: bool = False,
    ) -> requests.Response:
        """Sends one request to the target and checks its status. See `Send Request`."""
        method = method.upper()
        base = (base_url or self._variable("PERMISO_BASE_URL")).rstrip("/")
        if not path.startswith("/"):
            path = "/" + path
        timeout = float(timeout if timeout is not None else self._variable("TEST_TIMEOUT_SECONDS", 30))
        request_headers = {key: str(unwrap(value)) for key, value in (headers or {}).items()}
        if token is not None:
            register_secret(token)
            request_headers["Authorization"] = f"Bearer {unwrap(token)}"
        for body in (json_body, form):
            register_secrets_in(body, SECRET_REQUEST_FIELDS)
        kwargs: dict[str, Any] = {
            "headers": request_headers,
            "params": unwrap(params) if params else None,
            "timeout": timeout,
            "allow_redirects": allow_redirects,
            # Per request: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a
            # session-level verify, so TEST_SSL_CERT_PATH would be ignored where those are set.
            "verify": self._verify_setting(),
        }
        if json_body is not None:
            kwargs["json"] = unwrap(json_body)
        if form is not None:
            kwargs["data"] = unwrap(form)
        elif data is not None:
            kwargs["data"] = unwrap(data)
        retries = int(self._variable("TEST_RETRY_ATTEMPTS", 0)) if retry and method in IDEMPOTENT_METHODS else 0
        response = self._send_within_rate_limits(method, base, path, expected_status, kwargs, retries)
        sent = json_body if json_body is not None else form if form is not None else data
        if sent is not None:
            logger.info(f"Request body: {_masked_body(sent)}")
        body = _response_body(response)
        if body not in (None, ""):
            logger.info(f"Response body: {_masked_body(body)}")
        _warn_about_leaks(response)
        self.status_should_be(response, expected_status)
        return response

    def _send_within_rate_limits(self, method: str, base: str, path: str, expected_status: str,
                                 kwargs: dict[str, Any], retries: int) -> requests.Response:
        """Sends the request within the deployment's rate limits (``RateBudget``): a request
        that may spend from a limit first reserves its unit, and a 429 the test did not ask for
        is waited out and the request sent again (or the test skipped)."""
        budget = self._rate_budget()
        spending = self._spending_kind(method, path, expected_status)
        limited_route = self._limited_route(method, path)
        expected = parse_expected_status(expected_status)
        started = time.monotonic()
        waited = 0.0
        while True:
            extra, unit = budget.spend(spending) if spending else ({}, None)
            request = {**kwargs, "headers": {**kwargs["headers"], **extra}}
            sent = time.monotonic()
            response = self._send_once(method, base, path, request, retries)
            # How long the rate limits held this request back (the lockout tests need to know).
            response.rate_limit_wait = round(sent - started, 1)  # type: ignore[attr-defined]
            if spending == "failed-login" and response.status_code == 200:
                budget.refund(spending, unit)
            asked_for = expected is not None and 429 in expected
            if response.status_code != 429 or asked_for or budget.owns_rate_limit(limited_route):
                return response
            waited += budget.wait_out(limited_route, response.headers.get("Retry-After"),
                                      request_label(response), waited)

    def _send_once(self, method: str, base: str, path: str, kwargs: dict[str, Any], retries: int) -> requests.Response:
        """One request (retried ``retries`` times after a connection error); logs its line."""
        url = base + path
        session = self._session(base)
        delay = float(self._variable("TEST_RETRY_DELAY", 1))
        timeout = kwargs["timeout"]
        start = time.perf_counter()
        for attempt in range(1, retries + 2):
            try:
                response = session.request(method, url, **kwargs)
                break
            except requests.exceptions.ConnectionError as error:
                if attempt <= retries and not isinstance(error, requests.exceptions.ReadTimeout):
                    logger.info(f"{method} {path}: {describe_connection_error(error, timeout)}, "
                                f"retry {attempt} of {retries} in {delay:g} s")
                    time.sleep(delay)
                    continue
                raise TransportFailure(
                    f"Permiso does not answer at {url.split('?')[0]}: {describe_connection_error(error, timeout)}"
                ) from None
            except requests.exceptions.Timeout as error:
                raise TransportFailure(
                    f"Permiso does not answer at {url.split('?')[0]}: {describe_connection_error(error, timeout)}"
                ) from None
            except requests.RequestException as error:
                raise TransportFailure(f"{method} {path} could not be sent: {describe_connection_error(error, timeout)}") from None
        elapsed_ms = round((time.perf_counter() - start) * 1000)
        response.elapsed_ms = response.elapsed.total_seconds() * 1000  # type: ignore[attr-defined]
        register_secrets_in(_response_body(response), SECRET_RESPONSE_FIELDS)
        logger.info(request_log_line(method, url, response.status_code, elapsed_ms))
        return response

    def _limited_route(self, method: str, path: str) -> str | None:
        """The per-address limit a route counts against: ``failed-login`` for the login,
        ``registration`` for self-registration, else None."""
        route = path.split("?", 1)[0]
        if method == "POST" and route == self._variable("AUTH_TOKEN_PATH"):
            return "failed-login"
        if method == "POST" and route == self._variable("USERS_REGISTER_PATH"):
            return "registration"
        return None

    def _spending_kind(self, method: str, path: str, expected_status: str) -> str | None:
        """The limit this request may spend from: every registration; a login unless the test
        expects it to succeed (``200``)."""
        kind = self._limited_route(method, path)
        if kind == "failed-login" and parse_expected_status(expected_status) == (200,):
            return None
        return kind

    def _rate_budget(self) -> RateBudget:
        from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415

        try:
            return BuiltIn().get_library_instance("RateBudget")
        except RuntimeError:  # imported without common.resource: a budget of its own
            if self._own_budget is None:
                self._own_budget = RateBudget()
            return self._own_budget

    @keyword("Leak Markers")
    def leak_markers_keyword(self, text: str) -> list[str]:
        """What ``text`` gives away about the server's insides (see ``leak_markers``): a stack
        trace, SQL text, a database driver name, a server file path or an exception class name;
        an empty list for a clean text."""
        return leak_markers(text)

    # --- checks -----------------------------------------------------------------------------

    @keyword("Status Should Be")
    def status_should_be(
        self, response: requests.Response, expected_status: str = "200", what: str | None = None
    ) -> None:
        """Fails with ``WHAT answered STATUS (error: description), expected EXPECTED``.

        ``what`` says in business words what was checked (``Logout did not revoke the access
        token: GET /api/v1/users/me``); without it the request itself (``METHOD PATH``) is named.
        """
        expected = parse_expected_status(expected_status)
        if expected is None or response.status_code in expected:
            return
        wanted = " or ".join(str(code) for code in expected)
        raise TransportFailure(
            f"{redact(what) if what else request_label(response)} answered {response.status_code} "
            f"({error_summary(response)}), expected {wanted}"
        )

    @keyword("Get Response Field")
    def get_response_field(self, response: requests.Response, field: str) -> Any:
        """Returns the value of a field of the JSON body; ``field`` may be a dotted path
        (``client.client_id``, ``users.0.username``). Fails when the field is absent."""
        body = self._json(response)
        try:
            return _dotted(body, field)
        except KeyError:
            raise TransportFailure(
                f"The answer to {request_label(response)} has no field '{field}'"
                f"{self._fields_hint(body)}"
            ) from None

    @keyword("Response Should Contain Fields")
    def response_should_contain_fields(self, response: requests.Response, *fields: str) -> None:
        """Fails naming every listed field (dotted paths allowed) the JSON body lacks."""
        body = self._json(response)
        missing = []
        for field in fields:
            try:
                _dotted(body, field)
            except KeyError:
                missing.append(field)
        if missing:
            raise TransportFailure(
                f"The answer to {request_label(response)} lacks the field"
                f"{'s' if len(missing) > 1 else ''} {', '.join(missing)}{self._fields_hint(body)}"
            )

    @keyword("Error Code Of Answer")
    def error_code_of_answer(self, response: requests.Response) -> str:
        """The ``error`` field of a JSON error body, or an empty string when there is none."""
        try:
            body = response.json()
        except ValueError:
            return ""
        return str(body.get("error") or "") if isinstance(body, Mapping) else ""

    @keyword("Response Field Should Be")
    def response_field_should_be(self, response: requests.Response, field: str, expected: Any) -> None:
        """Fails unless the field (dotted path ok) equals ``expected``. Text compares with
        numbers, booleans (``true``/``True``) and ``None``/``null`` by meaning."""
        actual = self.get_response_field(response, field)
        if not _same(actual, expected):
            raise TransportFailure(
                f"Field '{field}' of the answer to {request_label(response)} is {_show(actual)}, "
                f"expected {_show(expected)}"
            )

    @keyword("Error Code Should Be")
    def error_code_should_be(self, response: requests.Response, code: str) -> None:
        """Fails unless the contract's error body has ``error`` = ``code``."""
        body = self._json(response)
        actual = body.get("error") if isinstance(body, Mapping) else None
        if actual != code:
            raise TransportFailure(
                f"{request_label(response)} answered {response.status_code} with error "
                f"'{actual}' ({error_summary(response)}), expected error '{code}'"
            )

    @keyword("Response Time Should Be Below")
    def response_time_should_be_below(self, response: requests.Response, milliseconds: float) -> None:
        """Fails when the server took ``milliseconds`` or longer to answer (time to headers)."""
        took = response.elapsed.total_seconds() * 1000
        if took >= float(milliseconds):
            raise TransportFailure(
                f"{request_label(response)} took {took:.0f} ms, the limit is {float(milliseconds):g} ms"
            )

    @keyword("Response Header Should Be")
    def response_header_should_be(self, response: requests.Response, name: str, expected: str | None) -> None:
        """Fails unless header ``name`` (any case) has exactly the value ``expected``;
        ``${None}`` means the header must be absent."""
        actual = response.headers.get(name)
        if expected is None:
            if actual is not None:
                raise TransportFailure(
                    f"{request_label(response)} answered with header {name}: {redact(actual)}, "
                    f"expected no such header"
                )
            return
        if actual is None:
            raise TransportFailure(
                f"{request_label(response)} answered without header {name}, expected '{expected}'"
            )
        if actual != str(expected):
            raise TransportFailure(
                f"Header {name} of the answer to {request_label(response)} is '{redact(actual)}', "
                f"expected '{expected}'"
            )

    def _json(self, response: requests.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise TransportFailure(
                f"The answer to {request_label(response)} ({response.status_code}) is not JSON: "
                f"{redact((response.text or '')[:120])}"
            ) from None

    @staticmethod
    def _fields_hint(body: Any) -> str:
        if isinstance(body, Mapping):
            return f" (it has: {', '.join(map(str, body)) or 'nothing'})"
        return ""

    # --- identities -------------------------------------------------------------------------

    @keyword("Token Response To Login")
    def token_response_to_login(self, response: requests.Response) -> DotDict:
        """Turns a token answer into a dictionary: ``access_token`` and ``refresh_token`` as
        ``Secret`` (refresh token ``None`` when there is none), ``session_id``, ``scope``,
        ``expires_in``, ``token_type`` and the ``response``. Tokens are registered with the
        redactor."""
        self.response_should_contain_fields(response, "access_token", "expires_in")
        body = response.json()
        access = body.get("access_token")
        refresh = body.get("refresh_token")
        register_secret(access)
        register_secret(refresh)
        return DotDict(
            access_token=Secret(access),
            refresh_token=Secret(refresh) if refresh else None,
            session_id=body.get("session_id"),
            scope=body.get("scope"),
            expires_in=body.get("expires_in"),
            token_type=body.get("token_type"),
            response=response,
        )

    @keyword("Generate Password")
    def generate_password(self) -> Secret:
        """Returns a random password that meets the contract's policy, as a ``Secret``
        (registered with the redactor)."""
        alphabet = string.ascii_letters + string.digits
        core = "".join(secrets.choice(alphabet) for _ in range(14))
        value = f"Qa{core}7!x"
        register_secret(value)
        return Secret(value)

    @keyword("To Secret")
    def to_secret(self, value: Secret | str) -> Secret:
        """Returns ``value`` as a ``Secret`` (registered with the redactor)."""
        register_secret(value)
        return value if isinstance(value, Secret) else Secret(str(value))

    @keyword("Generate Unique Name")
    def generate_unique_name(self, prefix: str = "qa") -> str:
        """Returns ``prefix_<10 hex characters>``: lower-case, a valid username, unique."""
        clean = re.sub(r"[^a-z0-9_-]", "", str(prefix).lower())[:30] or "qa"
        return f"{clean}_{uuid.uuid4().hex[:10]}"

    @keyword("Housekeeping Token")
    def housekeeping_token(self) -> Secret:
        """An admin access token for creating and removing temporary data, cached per process
        (never handed to a test: tests log in themselves). Renewed when close to expiry."""
        base = self._variable("PERMISO_BASE_URL")
        username = self._variable("TEST_ADMIN_USERNAME")
        cached = self._housekeeping_token.get((base, username))
        if cached and cached[1] > time.monotonic():
            return cached[0]
        return self._renew_housekeeping_token()

    def _renew_housekeeping_token(self) -> Secret:
        base = self._variable("PERMISO_BASE_URL")
        username = self._variable("TEST_ADMIN_USERNAME")
        response = self.send_permiso_request(
            "POST", self._variable("AUTH_TOKEN_PATH"), "200",
            form={"username": username, "password": self._variable("TEST_ADMIN_PASSWORD")},
        )
        login = self.token_response_to_login(response)
        lifetime = float(login.expires_in or 60)
        self._housekeeping_token[(base, username)] = (
            login.access_token, time.monotonic() + max(lifetime - 30, lifetime / 2),
        )
        return login.access_token

    def _as_admin(self, method: str, path: str, expected: str, **kwargs: Any) -> requests.Response:
        """A housekeeping request; logs in again once if the cached token was refused."""
        response = self.send_permiso_request(method, path, "any", token=self.housekeeping_token(), **kwargs)
        if response.status_code == 401:
            response = self.send_permiso_request(
                method, path, "any", token=self._renew_housekeeping_token(), **kwargs
            )
        self.status_should_be(response, expected)
        return response

    # --- temporary users ---------------------------------------------------------------------
    #
    # Temporary data must not depend on another area's route where a fallback exists: a
    # deployment whose roles list is broken must still get a verdict on its logins. So the role
    # of a temporary user comes from what the deployment reports for the configured normal user,
    # a user is created by the admin API or else by self-registration, and a failed clean-up is
    # a warning, never a test failure.

    @keyword("Create Temporary User Account")
    def create_temporary_user_account(self, prefix: str = "qa", **fields: Any) -> DotDict:
        """Creates a user for the current test and returns ``id``, ``username``, ``email``,
        ``password`` (Secret) and ``response``; `Remove Temporary Data` deletes it.

        Defaults: a unique user name from ``prefix``, the e-mail ``<username>@TEST_EMAIL_DOMAIN``,
        a random valid password and the roles the configured normal user holds. ``fields`` add
        to or override the request (``role_ids``, ``is_active``, ``first_name``…). The admin
        API creates the user; when that route fails and no admin-only field was asked for, the
        user registers itself instead (with a warning naming the failed route). A user that
        cannot be created fails with ``Set-up: could not create a temporary user: …``.
        """
        username = str(fields.pop("username", "") or self.generate_unique_name(prefix))
        password = self.to_secret(fields.pop("password", None) or self.generate_password())
        domain = str(self._variable("TEST_EMAIL_DOMAIN", "example.com") or "example.com").lstrip("@")
        email = str(fields.pop("email", "") or f"{username}@{domain}")
        body: dict[str, Any] = {"username": username, "email": email, "password": password, **fields}
        response = self._create_user(body, admin_only=sorted(set(fields) & ADMIN_ONLY_USER_FIELDS))
        user_id = self.get_response_field(response, "id")
        created_name = str(response.json().get("username") or username)
        self.remember_temporary_resource(f"{self._variable('USERS_PATH')}/{user_id}", f"user {created_name}")
        return DotDict(id=user_id, username=created_name, email=email, password=password, response=response)

    def _create_user(self, body: dict[str, Any], admin_only: list[str]) -> requests.Response:
        """Admin create, else self-registration when nothing admin-only was asked for."""
        if "role_ids" not in body:
            role_ids = self._normal_user_role_ids()
            if role_ids is not None:
                body["role_ids"] = role_ids
        try:
            return self._as_admin("POST", self._variable("USERS_PATH"), "201", json_body=body)
        except AssertionError as error:
            admin_failure = str(error)
        if admin_only:
            raise TransportFailure(
                f"Set-up: could not create a temporary user: {admin_failure} (self-registration "
                f"cannot set {', '.join(admin_only)})"
            )
        public = {key: value for key, value in body.items() if key not in ADMIN_ONLY_USER_FIELDS}
        response = self.send_permiso_request(
            "POST", self._variable("USERS_REGISTER_PATH"), "any", json_body=public
        )
        if response.status_code != 201:
            raise TransportFailure(
                f"Set-up: could not create a temporary user: {admin_failure}; self-registration "
                f"{request_label(response)} answered {response.status_code} ({error_summary(response)})"
            )
        logger.warn(f"Set-up: the admin API could not create a temporary user ({admin_failure}); "
                    f"the user registered itself instead")
        return response

    @keyword("Create User As Admin")
    def create_user_as_admin(self, user: dict[str, Any]) -> requests.Response:
        """POSTs ``user`` to the users collection with the housekeeping admin token and returns
        the answer (201 expected). A plain-text ``password`` in ``user`` is registered with the
        redactor and replaced by a ``Secret`` in the dictionary itself. Unlike `Create
        Temporary User Account` nothing is added, remembered or retried."""
        if "password" in user:
            user["password"] = self.to_secret(user["password"])
        return self._as_admin("POST", self._variable("USERS_PATH"), "201", json_body=dict(user))

    def _normal_user_role_ids(self) -> list[str] | None:
        """Ids of the roles the configured normal user holds, as the deployment reports them on
        its ``/users/me``; cached per process and target. Falls back to the role named
        ``user`` in the roles list; ``None`` (let the deployment choose) when neither works."""
        base = self._variable("PERMISO_BASE_URL")
        if base not in self._user_role_ids:
            self._user_role_ids[base] = self._roles_of_normal_user() or self._role_named_user()
            if self._user_role_ids[base] is None:
                logger.warn("Set-up: could not learn the normal user's roles (GET /users/me as "
                            f"{self._variable('TEST_USER_USERNAME')}, nor a role named 'user' in the "
                            "roles list): temporary users get the deployment's default roles")
        cached = self._user_role_ids[base]
        return None if cached is None else list(cached)

    def _roles_of_normal_user(self) -> list[str] | None:
        try:
            login = self.token_response_to_login(self.send_permiso_request(
                "POST", self._variable("AUTH_TOKEN_PATH"), "200",
                form={"username": self._variable("TEST_USER_USERNAME"),
                      "password": self._variable("TEST_USER_PASSWORD")},
            ))
            me = self.send_permiso_request("GET", self._variable("USERS_ME_PATH"), "200",
                                           token=login.access_token).json()
            roles = me.get("roles") if isinstance(me, Mapping) else None
            ids = [role["id"] for role in roles or [] if isinstance(role, Mapping) and role.get("id")]
        except (AssertionError, KeyError, TypeError, ValueError) as error:
            logger.info(f"The normal user's roles could not be read: {error}")
            return None
        return ids or None

    def _role_named_user(self) -> list[str] | None:
        try:
            response = self._as_admin(
                "GET", self._variable("ROLES_PATH"), "200", params={"search": "user", "per_page": 100}
            )
            roles = response.json().get("roles", [])
            ids = [role["id"] for role in roles if isinstance(role, Mapping) and role.get("name") == "user"]
        except (AssertionError, AttributeError, KeyError, TypeError, ValueError) as error:
            logger.info(f"The roles list could not be read: {error}")
            return None
        return ids or None

    # --- clean-up ----------------------------------------------------------------------------

    @keyword("Remember Temporary Resource")
    def remember_temporary_resource(self, path: str, description: str = "") -> None:
        """Remembers a resource (its path, e.g. ``/api/v1/roles/<id>``) that `Remove Temporary
        Data` deletes at the end of the current test, or of the current suite when called in a
        suite setup."""
        self._temporary.setdefault(self._owner(), []).append((path, description or path))

    @keyword("Delete Remembered Resources")
    def delete_remembered_resources(self) -> None:
        """Deletes, newest first, every temporary resource the current test (or, in a suite
        teardown, the current suite's setup) created. Already deleted ones are fine.

        A resource that cannot be deleted never fails the test: it is deactivated instead
        where the contract allows it (users, service clients), a warning names it and the
        answer, and it is added to the run's list of leftovers (`Leftovers File`)."""
        items = self._temporary.pop(self._owner(), [])
        leftovers = []
        for path, description in reversed(items):
            problem = self._delete_quietly(path)
            if problem is None:
                continue
            fallback = self._deactivate_quietly(path)
            note = f"{description} ({path}): {problem}; {fallback}"
            logger.warn(f"Clean-up: could not remove {note}")
            leftovers.append(note)
        if items:
            logger.info(f"Removed {len(items) - len(leftovers)} of {len(items)} temporary resources")
        if leftovers:
            self._record_leftovers(leftovers)

    def _delete_quietly(self, path: str) -> str | None:
        """None when the resource is gone, else what went wrong."""
        try:
            response = self._as_admin("DELETE", path, "any")
        except AssertionError as error:
            return str(error)
        if response.status_code in (200, 202, 204, 404, 410):
            return None
        return f"DELETE answered {response.status_code} ({error_summary(response)})"

    def _deactivate_quietly(self, path: str) -> str:
        """Deactivates a user or service client that could not be deleted; says what happened."""
        deactivatable = (self._variable("USERS_PATH"), self._variable("SERVICE_CLIENTS_PATH"))
        if not any(path.startswith(str(prefix).rstrip("/") + "/") for prefix in deactivatable if prefix):
            return "left in place"
        try:
            response = self._as_admin("PUT", path, "any", json_body={"is_active": False})
        except AssertionError as error:
            return f"deactivating it failed too ({error})"
        if response.status_code == 200:
            return "deactivated it instead"
        return f"deactivating it failed too (PUT answered {response.status_code})"

    @keyword("Leftovers File")
    def leftovers_file(self) -> str:
        """Where the run lists what it could not remove: ``PERMISO_LEFTOVERS_FILE`` from the
        environment (the runner sets it and prints the list at the end), else
        ``leftovers.txt`` in the output directory."""
        import os  # noqa: PLC0415

        configured = os.environ.get("PERMISO_LEFTOVERS_FILE")
        if configured:
            return configured
        return os.path.join(str(self._variable("OUTPUT_DIR", ".")), "leftovers.txt")

    def _record_leftovers(self, notes: list[str]) -> None:
        path = self.leftovers_file()
        try:
            with open(path, "a", encoding="utf-8") as handle:
                for note in notes:
                    handle.write(redact(f"{self._owner()}: {note}") + "\n")
        except OSError as error:
            logger.warn(f"Could not write the list of leftovers to {path}: {error}")

    def _owner(self) -> str:
        test = self._variable("TEST_NAME")
        suite = self._variable("SUITE_NAME")
        return f"test {suite}.{test}" if test else f"suite {suite}"
