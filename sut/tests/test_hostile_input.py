"""§1 hostile input: always a 4xx with the error body, never a 500."""

from __future__ import annotations

import pytest

from .conftest import assert_error, bearer

JSON_ROUTES = [
    ("post", "/api/v1/users/register", False),
    ("post", "/api/v1/auth/refresh", False),
    ("post", "/api/v1/auth/introspect", True),
    ("post", "/api/v1/auth/revoke", True),
    ("put", "/api/v1/users/me", True),
    ("post", "/api/v1/users/", True),
    ("post", "/api/v1/roles/", True),
    ("post", "/api/v1/roles/scopes/", True),
    ("post", "/api/v1/service-clients/", True),
    ("post", "/api/v1/roles/permissions/check", True),
    ("post", "/api/v1/users/password-reset/request", False),
    ("post", "/api/v1/users/password-reset/confirm", False),
]
BAD_BODIES = {
    "malformed json": (b'{"username": ', "application/json"),
    "not json at all": (b"<xml>hi</xml>", "application/json"),
    "wrong content type": (b'{"a": 1}', "text/plain"),
    "form instead of json": (b"a=1&b=2", "application/x-www-form-urlencoded"),
    "json array": (b"[1, 2, 3]", "application/json"),
    "json string": (b'"hello"', "application/json"),
    "json null": (b"null", "application/json"),
    "deep nesting": (b"[" * 5000 + b"]" * 5000, "application/json"),
    "invalid utf8": (b'{"email": "\xff\xfe"}', "application/json"),
    "empty": (b"", "application/json"),
}


@pytest.mark.parametrize("method,path,auth", JSON_ROUTES, ids=[p for _, p, _ in JSON_ROUTES])
def test_bad_bodies_are_4xx(api, method, path, auth):
    headers = dict(api.admin) if auth else {}
    for name, (content, ctype) in BAD_BODIES.items():
        response = api.client.request(method.upper(), path, content=content, headers={**headers, "Content-Type": ctype})
        assert 400 <= response.status_code < 500, (name, response.status_code, response.text)
        assert_error(response, response.status_code)


@pytest.mark.parametrize(
    "body",
    [
        {"username": 123, "email": [], "password": {}},
        {"username": None, "email": None, "password": None},
        {"username": "a" * 10000, "email": "x@example.test", "password": "Str0ng!Passw0rd"},
        {"username": "bob\x00", "email": "x@example.test", "password": "Str0ng!Passw0rd"},
        {"username": "bob'; DROP TABLE users; --", "email": "x@example.test", "password": "Str0ng!Passw0rd"},
    ],
)
def test_wrong_types_in_register(api, body):
    assert_error(api.client.post("/api/v1/users/register", json=body), 422)


def test_wrong_types_in_token_form(api):
    response = api.client.post("/api/v1/auth/token", data={"username": "x" * 100000, "password": "y"})
    assert 400 <= response.status_code < 500
    response = api.client.post("/api/v1/auth/token", content=b"\xff\xfe=\xff", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= response.status_code < 500


def test_oversized_body(api):
    big = b'{"email": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    response = api.client.post("/api/v1/users/password-reset/request", content=big, headers={"Content-Type": "application/json"})
    assert_error(response, (400, 413, 422))


def test_oversized_body_chunked(api):
    def chunks():
        for _ in range(40):
            yield b"a" * 65536

    response = api.client.post("/api/v1/users/register", content=chunks(), headers={"Content-Type": "application/json"})
    assert_error(response, (400, 411, 413, 422))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/users/not-a-uuid", "/api/v1/users/%00", "/api/v1/users/..%2f..%2fetc%2fpasswd",
        "/api/v1/roles/not-a-uuid", "/api/v1/roles/scopes/1' OR '1'='1", "/api/v1/roles/permissions/user/xyz",
        "/api/v1/service-clients/%27%3B--", "/api/v1/sessions/%00/renew",
    ],
)
def test_non_uuid_ids_are_4xx(api, path):
    for method in ("GET", "PUT", "DELETE", "POST"):
        response = api.client.request(method, path, headers=api.admin, json={})
        assert 400 <= response.status_code < 500, (method, path, response.status_code, response.text)


@pytest.mark.parametrize("params", [{"page": "-1"}, {"per_page": "1e9"}, {"search": "%' OR 1=1 --"}, {"is_active": "\x00"}, {"page": "99999999999999999999"}])
def test_hostile_query_params(api, params):
    response = api.client.get("/api/v1/users/", params=params, headers=api.admin)
    assert response.status_code in (200, 422), response.text
    if response.status_code == 200:
        assert response.json()["users"] == [] or params.get("search") is None


@pytest.mark.parametrize(
    "authorization",
    [b"Bearer", b"Bearer ", b"Basic YWRtaW46YWRtaW4=", b"Bearer a.b", b"Bearer " + b"A" * 20000,
     "Bearer \u00e9\u00e9".encode(), b"Bearer \xff\xfe", b"Token abc"],
)
def test_hostile_authorization_header(api, authorization):
    response = api.client.get("/api/v1/users/me", headers={"Authorization": authorization})
    assert_error(response, 401)


def test_huge_header_count_and_unicode(api):
    response = api.client.post("/api/v1/users/register", json={"username": "名前", "email": "ü@例え.jp", "password": "Str0ng!Passw0rd"})
    assert_error(response, 422)
    response = api.client.put("/api/v1/users/me", json={"bio": "\u202e" * 100, "first_name": "x" * 10000}, headers=bearer(api.user_token()))
    assert response.status_code in (200, 422)
