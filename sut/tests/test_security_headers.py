"""§1 security headers on every response, error body shape, no internals in error bodies."""

from __future__ import annotations

import pytest

from .conftest import SECURITY_HEADERS, assert_error

LEAKS = ("Traceback", 'File "', ".py", "sqlalchemy", "psycopg", "sqlite3", "SELECT ", "INSERT ", "Exception", "Error:")


def _has_security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (name, response.status_code, dict(response.headers))


def _no_leaks(response) -> None:
    for leak in LEAKS:
        assert leak not in response.text, (leak, response.text)


@pytest.mark.parametrize(
    "method,path,kwargs,status",
    [
        ("get", "/", {}, 200),
        ("get", "/health", {}, 200),
        ("get", "/openapi.json", {}, 200),
        ("get", "/api/v1/users/me", {}, 401),
        ("get", "/no/such/route", {}, 404),
        ("get", "/api/v1/nothing-here", {}, 404),
        ("delete", "/health", {}, 405),
        ("put", "/api/v1/auth/token", {}, 405),
        ("post", "/api/v1/auth/token", {"data": {}}, 422),
        ("post", "/api/v1/auth/token", {"data": {"username": "x", "password": "y"}}, 401),
    ],
)
def test_security_headers_and_error_shape(client, method, path, kwargs, status):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status, response.text
    _has_security_headers(response)
    if status >= 400:
        assert_error(response, status)
        _no_leaks(response)


def test_404_and_405_codes(client):
    assert_error(client.get("/no/such/route"), 404)
    assert_error(client.delete("/health"), 405)


def test_no_slash_redirect(client, api):
    response = client.get("/api/v1/roles", headers=api.admin, follow_redirects=False)
    assert response.status_code in (404, 405), response.status_code
    assert "location" not in response.headers


def test_hsts_over_https(make_client):
    client = make_client(base_url="https://testserver")
    response = client.get("/health")
    hsts = response.headers.get("strict-transport-security", "")
    assert "max-age=" in hsts
    assert int(hsts.split("max-age=")[1].split(";")[0]) >= 31536000
    error = client.get("/nope")
    assert "max-age=" in error.headers.get("strict-transport-security", "")


def test_no_hsts_over_plain_http(client):
    assert "strict-transport-security" not in client.get("/health").headers


def test_token_responses_not_cached(api):
    assert "no-store" in api.login("testuser", "UserPass123!").headers.get("cache-control", "")
    assert "no-store" in api.service_token_response().headers.get("cache-control", "")


def test_www_authenticate_on_401(client):
    response = client.get("/api/v1/users/me")
    assert response.headers.get("www-authenticate", "").lower().startswith("bearer")
