"""Transport and request log: the one way the suite talks HTTP to Permiso
(``resources/transport.resource``).

- Sends a request on a RequestsLibrary session per base URL (created through its public
  ``create_session`` with the configured timeout and TLS verification), building the
  ``Authorization`` header from a ``Secret`` inside Python so that the credential never
  becomes a Robot variable.
- Keeps within the deployment's rate limits (``RateBudget``): a request that may spend from a
  limit reserves its share first; a 429 the test did not ask for is waited out or skips.
- Retries idempotent requests after connection errors and turns a connection failure into
  one line (``Permiso does not answer at http://…/health: connection refused``).
- Logs one INFO line per request (``POST http://host/api/v1/auth/token → 200 (42 ms)``) and
  the bodies with secret fields masked; warns when an error answer leaks the server's insides.
- Checks the status (``200``, ``401|403``, ``any``) with a message a stakeholder understands.

``preflight`` (health check and admin login, no retries) is shared with the runner, so that
both fail with the same messages.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import requests
from robot.api import logger
from robot.api.deco import keyword, library
from robot.api.types import Secret

from answers import (
    IDEMPOTENT_METHODS,
    SECRET_REQUEST_FIELDS,
    SECRET_RESPONSE_FIELDS,
    TransportFailure,
    describe_connection_error,
    error_summary,
    leak_markers,
    masked_body,
    parse_expected_status,
    register_secrets_in,
    request_label,
    request_log_line,
    response_body,
    status_problem,
    unwrap,
)
from RateBudget import RateBudget
from SecretRedactor import redact, register_secret
from suite_settings import SETTINGS


def preflight(base_url: str, health_path: str, token_path: str, username: str, password: str | Secret,
              timeout: float = 5.0, verify: bool | str = False) -> str:
    """Health check then admin login, no retries. Returns the target's version.

    Raises TransportFailure with the one-line message the runner and root suite show.
    """
    health_url = base_url.rstrip("/") + health_path
    health = _preflight_request("GET", health_url, timeout, verify)
    if health.status_code != 200:
        raise TransportFailure(
            f"Permiso at {health_url} is not healthy: answered {health.status_code} ({error_summary(health)})")
    try:
        version = str(health.json().get("version", "unknown"))
    except (ValueError, AttributeError):
        version = "unknown"
    token_url = base_url.rstrip("/") + token_path
    login = _preflight_request("POST", token_url, timeout, verify,
                               data={"username": username, "password": unwrap(password)})
    if login.status_code == 429:
        raise TransportFailure(
            f"Permiso at {token_url} refuses this address for now: the admin login answered 429 (its rate "
            f"limit; Retry-After {login.headers.get('Retry-After', 'missing')} s): run again later")
    if login.status_code != 200:
        code = ""
        try:
            code = str(login.json().get("error") or "")
        except (ValueError, AttributeError):
            pass
        raise TransportFailure(
            f"Admin login as '{username}' was refused: {login.status_code}"
            f"{' ' + code if code else ''} — check TEST_ADMIN_USERNAME/TEST_ADMIN_PASSWORD")
    register_secrets_in(login.json(), SECRET_RESPONSE_FIELDS)
    return version


def _preflight_request(method: str, url: str, timeout: float, verify: bool | str, **kwargs: Any) -> requests.Response:
    try:
        return requests.request(method, url, timeout=timeout, verify=verify, **kwargs)
    except requests.RequestException as error:
        raise TransportFailure(f"Permiso does not answer at {url}: {describe_connection_error(error, timeout)}") from None


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


@library(scope="GLOBAL", auto_keywords=False)
class PermisoTransport:
    """Sends requests to the target. Use it through ``resources/transport.resource``."""

    def __init__(self) -> None:
        self._sessions: dict[str, requests.Session] = {}
        self._own_budget: RateBudget | None = None

    def _session(self, base_url: str) -> requests.Session:
        """The RequestsLibrary session of ``base_url``, created on first use."""
        if base_url not in self._sessions:
            from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - needs a running Robot

            verify = SETTINGS.verify
            if not verify:
                import urllib3  # noqa: PLC0415

                urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
            requests_library = BuiltIn().get_library_instance("RequestsLibrary")
            self._sessions[base_url] = requests_library.create_session(
                f"permiso {base_url}", base_url, timeout=int(SETTINGS.timeout), verify=verify, max_retries=0)
        return self._sessions[base_url]

    @keyword("Send Permiso Request")
    def send_permiso_request(  # noqa: PLR0913 - the interface of `Send Request`
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
        base = (base_url or SETTINGS.base_url).rstrip("/")
        path = path if path.startswith("/") else "/" + path
        request_headers = {key: str(unwrap(value)) for key, value in (headers or {}).items()}
        if token is not None:
            register_secret(token)
            request_headers["Authorization"] = f"Bearer {unwrap(token)}"
        for body in (json_body, form):
            register_secrets_in(body, SECRET_REQUEST_FIELDS)
        kwargs: dict[str, Any] = {
            "headers": request_headers,
            "params": unwrap(params) if params else None,
            "timeout": float(timeout if timeout is not None else SETTINGS.timeout),
            "allow_redirects": allow_redirects,
            # Per request: requests lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override a
            # session-level verify, so TEST_SSL_CERT_PATH would be ignored where those are set.
            "verify": SETTINGS.verify,
        }
        if json_body is not None:
            kwargs["json"] = unwrap(json_body)
        if form is not None:
            kwargs["data"] = unwrap(form)
        elif data is not None:
            kwargs["data"] = unwrap(data)
        retries = SETTINGS.retry_attempts if retry and method in IDEMPOTENT_METHODS else 0
        response = self._send_within_rate_limits(method, base, path, expected_status, kwargs, retries)
        self._log_bodies(json_body if json_body is not None else form if form is not None else data, response)
        _warn_about_leaks(response)
        problem = status_problem(response, expected_status)
        if problem:
            raise TransportFailure(problem)
        return response

    @staticmethod
    def _log_bodies(sent: Any, response: requests.Response) -> None:
        if sent is not None:
            logger.info(f"Request body: {masked_body(sent)}")
        body = response_body(response)
        if body not in (None, ""):
            logger.info(f"Response body: {masked_body(body)}")

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
        timeout = kwargs["timeout"]
        start = time.perf_counter()
        for attempt in range(1, retries + 2):
            try:
                response = session.request(method, url, **kwargs)
                break
            except requests.exceptions.ConnectionError as error:
                if attempt <= retries and not isinstance(error, requests.exceptions.ReadTimeout):
                    logger.info(f"{method} {path}: {describe_connection_error(error, timeout)}, "
                                f"retry {attempt} of {retries} in {SETTINGS.retry_delay:g} s")
                    time.sleep(SETTINGS.retry_delay)
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
        register_secrets_in(response_body(response), SECRET_RESPONSE_FIELDS)
        logger.info(request_log_line(method, url, response.status_code, elapsed_ms))
        return response

    @staticmethod
    def _limited_route(method: str, path: str) -> str | None:
        """The per-address limit a route counts against: ``failed-login`` for the login,
        ``registration`` for self-registration, else None."""
        route = path.split("?", 1)[0]
        if method == "POST" and route == SETTINGS.path("AUTH_TOKEN_PATH"):
            return "failed-login"
        if method == "POST" and route == SETTINGS.path("USERS_REGISTER_PATH"):
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
