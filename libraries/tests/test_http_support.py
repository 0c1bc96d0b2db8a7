"""HttpSupport's failure wording: what a stakeholder reads when an answer is not the expected one."""

from __future__ import annotations

import json

import pytest
import requests

from HttpSupport import error_summary


def answer(status: int, body: object | str) -> requests.Response:
    """A real ``requests.Response`` holding ``body`` (JSON unless it is text)."""
    response = requests.Response()
    response.status_code = status
    response._content = (body if isinstance(body, str) else json.dumps(body)).encode()  # noqa: SLF001
    return response


def test_validation_error_names_its_first_problem():
    body = {"error": "validation_error", "error_description": "Request validation failed",
            "details": [{"loc": ["query", "current_user"], "msg": "Field required", "type": "missing"},
                        {"loc": ["body", "email"], "msg": "bad", "type": "value_error"}]}
    assert error_summary(answer(422, body)) == "validation_error: query.current_user: Field required (+1 more)"


def test_fastapi_detail_list_is_read_too():
    body = {"detail": [{"loc": ["body", "email"], "msg": "value is not a valid email address"}]}
    assert error_summary(answer(422, body)) == "detail: body.email: value is not a valid email address"


def test_plain_error_keeps_code_and_description():
    body = {"error": "invalid_grant", "error_description": "Invalid username or password", "request_id": "x"}
    assert error_summary(answer(401, body)) == "invalid_grant: Invalid username or password"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"error": "internal_error", "error_description": "Traceback (most recent call last): ..."},
         "the server failed: internal_error"),
        ("Traceback (most recent call last):\n  File \"/app/x.py\", line 3", "the server failed, no JSON error body"),
        ({"detail": "boom"}, "the server failed"),
    ],
)
def test_server_failure_says_so_without_its_description(body, expected):
    assert error_summary(answer(500, body)) == expected


def test_trace_in_a_client_error_is_not_repeated():
    body = {"error": "bad_request", "error_description": 'File "/srv/app/main.py", line 12, in handler'}
    assert error_summary(answer(400, body)) == "bad_request: (description holds a stack trace)"
    assert error_summary(answer(400, 'Traceback (most recent call last):')) == "non-JSON body with a stack trace"
