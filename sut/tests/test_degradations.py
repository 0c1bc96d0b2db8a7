"""PERMISO_DEGRADE: one simulated broken route answers 422 or 500; every other route is unaffected."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sut import degradations
from sut.app import create_app
from sut.config import Settings

from .conftest import BASE_ENV, SECURITY_HEADERS, STRONG_PASSWORD, assert_error, bearer, unique

ROOT = Path(__file__).resolve().parents[2]
VALIDATION_BODY = {
    "error": "validation_error",
    "error_description": "Request validation failed",
    "details": [{"loc": ["query", "current_user"], "msg": "Field required", "type": "missing"}],
}
INTERNAL_BODY = {"error": "internal_error", "error_description": "An internal error occurred"}


def _headers_ok(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, (name, dict(response.headers))


def _count_users(api, name: str) -> int:
    response = api.client.get("/api/v1/users/", params={"search": name}, headers=api.admin)
    assert response.status_code == 200, response.text
    return response.json()["total"]


def test_422_degradation(make_api):
    api = make_api(PERMISO_DEGRADE="GET:/api/v1/roles/=422")
    for headers in (api.admin, {}):
        response = api.client.get("/api/v1/roles/", headers=headers)
        assert response.status_code == 422
        assert response.json() == VALIDATION_BODY
        _headers_ok(response)
    # the other methods and routes of the area work
    assert api.client.get("/api/v1/roles/scopes/", headers=api.admin).status_code == 200
    created = api.client.post("/api/v1/roles/", json={"name": unique("role")}, headers=api.admin)
    assert created.status_code == 201
    assert api.client.get(f"/api/v1/roles/{created.json()['id']}", headers=api.admin).status_code == 200


def test_500_degradation_default_status_and_no_side_effect(make_api):
    api = make_api(PERMISO_DEGRADE="DELETE:/api/v1/users/{user_id}")
    user = api.create_user()
    response = api.client.delete(f"/api/v1/users/{user['id']}", headers=api.admin)
    assert response.status_code == 500
    assert response.json() == INTERNAL_BODY
    _headers_ok(response)
    assert api.client.get(f"/api/v1/users/{user['id']}", headers=api.admin).status_code == 200
    assert api.login(user["username"], user["password"]).status_code == 200


def test_route_resolution_is_the_routers(make_api):
    """``/users/me`` is its own route, not ``/users/{user_id}``; paths that do not match are untouched."""
    api = make_api(PERMISO_DEGRADE="GET:/api/v1/users/{user_id}=500,PUT:/api/v1/users/{user_id}/password=422")
    token = api.user_token()
    assert api.me(token).status_code == 200
    assert api.client.get("/api/v1/users/profile", headers=bearer(token)).status_code == 200
    assert api.client.get("/api/v1/users/stats/overview", headers=api.admin).status_code == 200
    user_id = api.user_id(token)
    assert_error(api.client.get(f"/api/v1/users/{user_id}", headers=bearer(token)), 500, "internal_error")
    assert api.client.put(f"/api/v1/users/{user_id}", json={"bio": "x"}, headers=bearer(token)).status_code == 200
    password = api.client.put(f"/api/v1/users/{user_id}/password", json={}, headers=bearer(token))
    assert password.json() == VALIDATION_BODY
    # 404 and 405 stay what the router says
    assert_error(api.client.get("/api/v1/users/a/b/c", headers=api.admin), 404)
    assert_error(api.client.patch(f"/api/v1/users/{user_id}", headers=api.admin), 405)


@pytest.mark.parametrize("spelling", ["/api/v1/users", "/api/v1/users/"])
def test_users_collection_either_spelling(make_api, spelling):
    api = make_api(PERMISO_DEGRADE=f"POST:{spelling}=500")
    for path in ("/api/v1/users", "/api/v1/users/"):
        name = unique("deg")
        body = {"username": name, "email": f"{name}@example.com", "password": STRONG_PASSWORD}
        assert api.client.post(path, json=body, headers=api.admin).json() == INTERNAL_BODY
        assert _count_users(api, name) == 0
        assert api.client.get(path, headers=api.admin).status_code == 200


def test_several_entries_and_other_areas_unaffected(make_api):
    api = make_api(PERMISO_DEGRADE="POST:/api/v1/auth/refresh, get:/api/v1/admin/dashboard/stats=422")
    tokens = api.tokens("testuser", "UserPass123!")
    assert_error(api.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}), 500)
    assert api.client.get("/api/v1/admin/dashboard/stats", headers=api.admin).json() == VALIDATION_BODY
    assert api.me(tokens["access_token"]).status_code == 200
    assert api.client.get("/api/v1/admin/system/health", headers=api.admin).status_code == 200
    assert api.client.get("/health").status_code == 200


def test_degraded_answers_carry_variant_extras(make_api):
    api = make_api(PERMISO_DEGRADE="GET:/api/v1/roles/", PERMISO_VARIANTS="extra-fields,strict-headers")
    response = api.client.get("/api/v1/roles/", headers=api.admin)
    body = assert_error(response, 500, "internal_error")
    assert body["status"] == 500 and body["request_id"]
    assert response.headers["referrer-policy"] == "no-referrer"


def test_hsts_on_degraded_answer_over_https(make_client):
    client = make_client(base_url="https://testserver", PERMISO_DEGRADE="GET:/api/v1/roles/=422")
    response = client.get("/api/v1/roles/")
    assert response.status_code == 422
    assert "max-age=" in response.headers["strict-transport-security"]


# -- start-up errors -------------------------------------------------------------------------
@pytest.mark.parametrize("entry,fragment", [
    ("GET:/api/v1/roles/=404", "status must be one of 422, 500"),
    ("GET:/api/v1/roles/=abc", "status must be one of 422, 500"),
    ("/api/v1/roles/", "is not METHOD:PATH_TEMPLATE"),
    ("FETCH:/api/v1/roles/", "is not METHOD:PATH_TEMPLATE"),
    ("GET:api/v1/roles/", "is not METHOD:PATH_TEMPLATE"),
])
def test_malformed_entries_refuse_to_start(entry, fragment):
    with pytest.raises(ValueError, match=fragment):
        Settings.from_env(environ={**BASE_ENV, "PERMISO_DEGRADE": entry})


@pytest.mark.parametrize("entry", ["GET:/api/v1/roles", "GET:/api/v1/nothing", "DELETE:/api/v1/users/me",
                                   "GET:/api/v1/users/{id}", "PATCH:/api/v1/users/{user_id}"])
def test_entries_naming_no_route_refuse_to_start(entry, tmp_path):
    settings = Settings.from_env(environ={**BASE_ENV, "PERMISO_DEGRADE": entry,
                                          "DATABASE_URL": f"sqlite:///{tmp_path / 'p.db'}"})
    with pytest.raises(ValueError, match="names no route of the service"):
        create_app(settings)


def test_parse():
    assert degradations.parse(("get:/a=422", " POST:/b ", "")) == [
        degradations.Entry("GET", "/a", 422), degradations.Entry("POST", "/b", 500)]


def test_cli_refuses_unknown_route(tmp_path):
    env = {**os.environ, **BASE_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
           "PERMISO_DEGRADE": "GET:/api/v1/nope"}
    done = subprocess.run([sys.executable, "-m", "sut", "--port", "0"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "configuration error: PERMISO_DEGRADE: GET:/api/v1/nope names no route" in done.stderr
    assert done.stdout == ""
