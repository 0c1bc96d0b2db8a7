"""Response assertions: what the answers of the target must look like, with failure messages a
stakeholder reads (``POST /api/v1/auth/token answered 401 (invalid_grant: Invalid
credentials), expected 200``; ``Field 'is_active' of the answer to GET /api/v1/users/me is
false, expected true``). Fields are named by dotted paths (``client.scopes.0.name``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import requests
from robot.api.deco import keyword, library

from answers import TransportFailure, error_summary, leak_markers, request_label, status_problem, unwrap
from SecretRedactor import redact


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


@library(scope="GLOBAL", auto_keywords=False)
class AnswerChecks:
    """Keywords that check an answer; use them through the resources."""

    @keyword("Leak Markers")
    def leak_markers_keyword(self, text: str) -> list[str]:
        """What ``text`` gives away about the server's insides (see ``leak_markers``): a stack
        trace, SQL text, a database driver name, a server file path or an exception class name;
        an empty list for a clean text."""
        return leak_markers(text)

    @keyword("Status Should Be")
    def status_should_be(
        self, response: requests.Response, expected_status: str = "200", what: str | None = None
    ) -> None:
        """Fails with ``WHAT answered STATUS (error: description), expected EXPECTED``.

        ``what`` says in business words what was checked (``Logout did not revoke the access
        token: GET /api/v1/users/me``); without it the request itself (``METHOD PATH``) is named.
        """
        problem = status_problem(response, expected_status, what)
        if problem:
            raise TransportFailure(problem)

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
