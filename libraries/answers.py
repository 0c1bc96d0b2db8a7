"""What an answer of the target says, in words a stakeholder reads: the wording every library
and tool of the suite shares (no Robot keywords here).

- ``describe_connection_error``: why a request got no answer (``connection refused``…);
- ``error_summary``: a few words on an error answer (``invalid_grant: Invalid credentials``;
  for a validation error its first problem; for a 5xx never the description, which may hold
  a trace);
- ``leak_markers``: what an error answer gives away about the server's insides (contract §1);
- ``request_label``, ``request_log_line``: how a request is named and logged;
- ``parse_expected_status``, ``status_problem``: expected statuses (``200``, ``401|403``,
  ``any``) and the failure message when an answer has another;
- ``masked_body``, ``register_secrets_in``: bodies for the log with secret fields masked, and
  the secrets of a body registered with the redactor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from robot.api.types import Secret

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


def masked_body(body: Any) -> str:
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


def response_body(response: requests.Response) -> Any:
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


def status_problem(response: requests.Response, expected_status: Any = "200", what: str | None = None) -> str | None:
    """None when the answer's status is one of ``expected_status``, else the failure message
    ``WHAT answered STATUS (error: description), expected EXPECTED``; ``what`` says in business
    words what was checked, else the request (``METHOD PATH``) is named."""
    expected = parse_expected_status(expected_status)
    if expected is None or response.status_code in expected:
        return None
    wanted = " or ".join(str(code) for code in expected)
    return (f"{redact(what) if what else request_label(response)} answered {response.status_code} "
            f"({error_summary(response)}), expected {wanted}")
