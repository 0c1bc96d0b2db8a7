"""libraries/answers.py: what a stakeholder reads when an answer is not the expected one."""

from __future__ import annotations

import json

import pytest
import requests

from answers import error_summary, leak_markers, status_problem
from PermisoTransport import _warn_about_leaks


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


# --- leak detection -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('Traceback (most recent call last):\n  File "/srv/x.py", line 3, in f', "a stack trace"),
        ('{"error_description": "File \\"main.py\\", line 12"}', "a stack trace"),
        ("(sqlite3.IntegrityError) UNIQUE constraint failed", "a database driver name"),
        ("[SQL: SELECT users.id FROM users WHERE users.name = ?]", "SQL text"),
        ("INSERT INTO users (name) VALUES ('x')", "SQL text"),
        ("psycopg.errors.UniqueViolation: duplicate key", "a database driver name"),
        ("cannot open /usr/lib/python3.11/json/decoder.py", "a server file path"),
        ("see /app/routes/users.py", "a server file path"),
        ("/venv/lib/python3.11/site-packages/fastapi/routing.py", "a server file path"),
        ("ValueError: invalid literal for int()", "an exception class name"),
        ("raised HTTPException in handler", "an exception class name"),
    ],
)
def test_leaks_are_named(text, kind):
    assert any(marker.startswith(kind) for marker in leak_markers(text)), leak_markers(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"error": "validation_error", "error_description": "Request validation failed", '
        '"details": [{"loc": ["body", "email"], "msg": "value is not a valid email", "type": "value_error"}]}',
        '{"error": "not_found", "error_description": "Error: the requested resource was not found"}',
        '{"error": "invalid_grant", "error_description": "Please select a role from the list"}',
        '{"error": "not_found", "error_description": "No user at /api/v1/users/abc"}',
        '{"error": "internal_error", "error_description": "An internal error occurred"}',
        "",
    ],
)
def test_normal_error_bodies_are_clean(text):
    assert leak_markers(text) == []


def test_only_leaking_error_answers_are_warned_about(monkeypatch):
    warnings = []
    monkeypatch.setattr("PermisoTransport.logger.warn", warnings.append)

    def leaking(status, content_type="application/json"):
        response = answer(status, {"error": "internal_error", "error_description": "KeyError: 'x'"})
        response.headers["Content-Type"] = content_type
        response.request = requests.Request("GET", "http://h/api/v1/users/me").prepare()
        return response

    _warn_about_leaks(leaking(200))
    _warn_about_leaks(leaking(500, "image/png"))
    assert warnings == []
    _warn_about_leaks(leaking(500))
    assert len(warnings) == 1
    assert warnings[0].startswith("GET /api/v1/users/me answered 500 with what the contract forbids")
    assert "an exception class name ('KeyError:')" in warnings[0]


def test_status_problem_names_what_was_checked_and_the_answer():
    refused = answer(401, {"error": "invalid_grant", "error_description": "Invalid credentials"})
    refused.request = requests.Request("POST", "http://h/api/v1/auth/token").prepare()
    assert status_problem(refused, "200") == (
        "POST /api/v1/auth/token answered 401 (invalid_grant: Invalid credentials), expected 200")
    assert status_problem(refused, "401|403") is None and status_problem(refused, "any") is None
    assert status_problem(refused, 200, "The login of qa_1").startswith("The login of qa_1 answered 401")
