"""PERMISO_VARIANTS: each variant is the other correct side of a point the contract leaves open."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from sut import variants
from sut.config import Settings

from .conftest import (
    ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_USERNAME, BASE_ENV, SECRET_KEY, SECURITY_HEADERS, USER_EMAIL,
    USER_PASSWORD, USER_USERNAME, assert_error, bearer, claims_of, forge, unique,
)

ROOT = Path(__file__).resolve().parents[2]
INTROSPECT = "/api/v1/auth/introspect"
REVOKE = "/api/v1/auth/revoke"
DEFAULT_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$")
Z_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _email(name: str) -> str:
    """An address under a name no variant refuses."""
    return f"{name}@example.com"


def _user(api, **fields) -> dict:
    name = unique("var")
    return api.create_user(username=name, email=_email(name), **fields)


def _token_claims(api) -> dict:
    return claims_of(api.user_token())


# -- the reference's default side of each point ------------------------------------------------
def test_default_sides(api):
    """What the reference does without variants (each variant below is the other side)."""
    token = api.user_token()
    assert claims_of(token)["aud"] == "permiso"
    answer = api.client.post(INTROSPECT, json={"token": token}, headers=bearer(token)).json()
    assert answer["token_type"] == "access"
    admin_token = api.admin_token
    assert api.client.post(REVOKE, json={"token": admin_token}, headers=bearer(token)).status_code == 403
    assert api.me(api.service_token()).status_code == 403
    me = api.me(token)
    assert DEFAULT_TIMESTAMP.match(me.json()["created_at"]), me.json()["created_at"]
    assert set(me.json()) >= {"id", "username"} and "kind" not in me.json()
    assert "server" not in me.headers
    assert me.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert api.register(email=f"{unique('d')}@example.test").status_code == 201
    reset = api.client.post("/api/v1/users/password-reset/request", json={"email": USER_EMAIL})
    assert reset.headers.get("x-test-token")


# -- start-up --------------------------------------------------------------------------------
def test_unknown_variant_refuses_to_start():
    with pytest.raises(ValueError) as caught:
        Settings.from_env(environ={**BASE_ENV, "PERMISO_VARIANTS": "aud-list,no-such-variant"})
    message = str(caught.value)
    assert "PERMISO_VARIANTS" in message and "no-such-variant" in message
    for name in variants.KNOWN:
        assert name in message


def test_unknown_defect_refuses_to_start():
    with pytest.raises(ValueError, match="PERMISO_DEFECTS: unknown defect"):
        Settings.from_env(environ={**BASE_ENV, "PERMISO_DEFECTS": "nonsense"})


def test_all_and_known_names_are_accepted():
    settings = Settings.from_env(environ={**BASE_ENV, "PERMISO_VARIANTS": " all , aud-list "})
    assert settings.variants == ("all", "aud-list")
    assert variants.enabled(settings) == frozenset(variants.KNOWN)
    assert variants.enabled(Settings.from_env(environ=BASE_ENV)) == frozenset()


def test_cli_refuses_unknown_variant(tmp_path):
    env = {**os.environ, **BASE_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "PERMISO_VARIANTS": "bogus"}
    done = subprocess.run([sys.executable, "-m", "sut", "--port", "0"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "configuration error: PERMISO_VARIANTS: unknown variant(s) bogus; known: aud-list" in done.stderr
    assert done.stdout == ""


# -- aud-list --------------------------------------------------------------------------------
def test_aud_list(make_api):
    api = make_api(PERMISO_VARIANTS="aud-list")
    token = api.user_token()
    assert claims_of(token)["aud"] == ["permiso", variants.EXTRA_AUDIENCE]
    assert claims_of(api.service_token())["aud"] == ["permiso", variants.EXTRA_AUDIENCE]
    assert api.me(token).status_code == 200
    refresh = api.tokens(USER_USERNAME, USER_PASSWORD)["refresh_token"]
    assert claims_of(refresh)["aud"] == ["permiso", variants.EXTRA_AUDIENCE]
    assert api.client.post("/api/v1/auth/refresh", json={"refresh_token": refresh}).status_code == 200
    # verification: a string audience is accepted, a list without it is not
    claims = claims_of(token)
    for aud, status in (("permiso", 200), (["other", "permiso"], 200), (["other"], 401), ("other", 401)):
        assert api.me(forge({**claims, "aud": aud}, SECRET_KEY)).status_code == status, aud


# -- introspection ---------------------------------------------------------------------------
def test_introspection_no_token_type(make_api):
    api = make_api(PERMISO_VARIANTS="introspection-no-token-type")
    token = api.user_token()
    for subject in (token, api.service_token(), "garbage"):
        response = api.client.post(INTROSPECT, json={"token": subject}, headers=bearer(token))
        assert response.status_code == 200
        assert "token_type" not in response.json()
    assert api.client.post(INTROSPECT, json={"token": token}, headers=bearer(token)).json()["active"] is True


def test_introspection_other_token_type(make_api):
    api = make_api(PERMISO_VARIANTS="introspection-other-token-type")
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    caller = bearer(tokens["access_token"])
    expected = {tokens["access_token"]: "urn:ietf:params:oauth:token-type:access_token",
                tokens["refresh_token"]: "urn:ietf:params:oauth:token-type:refresh_token",
                api.service_token(): "client_credentials"}
    for subject, token_type in expected.items():
        answer = api.client.post(INTROSPECT, json={"token": subject}, headers=caller).json()
        assert answer["active"] is True and answer["token_type"] == token_type, answer
    assert api.client.post(INTROSPECT, json={"token": "garbage"}, headers=caller).json()["active"] is False


def test_both_introspection_variants_no_token_type_wins(make_api):
    api = make_api(PERMISO_VARIANTS="introspection-other-token-type,introspection-no-token-type")
    token = api.user_token()
    answer = api.client.post(INTROSPECT, json={"token": token}, headers=bearer(token)).json()
    assert answer["active"] is True and "token_type" not in answer


# -- lockout ---------------------------------------------------------------------------------
def test_locked_wrong_password_401(make_api):
    api = make_api(PERMISO_VARIANTS="locked-wrong-password-401", PERMISO_MAX_LOGIN_ATTEMPTS="2")
    user = _user(api)
    for _ in range(2):
        assert_error(api.login(user["username"], "Wrong!Pass1"), 401, "invalid_grant")
    wrong = api.login(user["username"], "Wrong!Pass1")
    unknown = api.login(unique("nobody"), "Wrong!Pass1")
    assert_error(wrong, 401, "invalid_grant")
    assert wrong.json() == unknown.json()
    right = api.login(user["username"], user["password"])
    assert_error(right, 423, "account_locked")
    assert int(right.headers["retry-after"]) > 0


# -- reserved e-mail names -------------------------------------------------------------------
@pytest.mark.parametrize("domain", ["example.test", "corp.local", "x.invalid", "host.localhost"])
def test_reserved_email_refused_on_register(make_api, domain):
    api = make_api(PERMISO_VARIANTS="reserved-email-refused")
    name = unique("res")
    body = assert_error(api.register(username=name, email=f"{name}@{domain}"), 422, "validation_error")
    assert any(detail["loc"][-1] == "email" for detail in body["details"]), body
    users = api.client.get("/api/v1/users/", params={"search": name}, headers=api.admin).json()
    assert users["total"] == 0


def test_reserved_email_refused_on_admin_create_and_change(make_api):
    api = make_api(PERMISO_VARIANTS="reserved-email-refused")
    name = unique("res")
    body = {"username": name, "email": f"{name}@permiso.test", "password": "Str0ng!Passw0rd"}
    refused = assert_error(api.client.post("/api/v1/users", json=body, headers=api.admin), 422, "validation_error")
    assert refused["details"][0]["loc"] == ["body", "email"]
    user, token = api.user_with_token(username=name, email=_email(name))
    change = api.client.put("/api/v1/users/me", json={"email": f"{name}@mail.local"}, headers=bearer(token))
    assert_error(change, 422, "validation_error")
    by_admin = api.client.put(f"/api/v1/users/{user['id']}", json={"email": f"{name}@a.invalid"}, headers=api.admin)
    assert_error(by_admin, 422, "validation_error")
    assert api.me(token).json()["email"] == _email(name)
    # the seeded accounts (created by the service itself) exist and keep their addresses
    assert api.me(api.admin_token).json()["email"] == ADMIN_EMAIL
    same = api.client.put("/api/v1/users/me", json={"email": ADMIN_EMAIL, "bio": "b"}, headers=api.admin)
    assert same.status_code == 200, same.text
    assert api.register(username=unique("ok"), email=f"{unique('ok')}@example.com").status_code == 201


# -- no-test-token ---------------------------------------------------------------------------
def test_no_test_token(make_api):
    api = make_api(PERMISO_VARIANTS="no-test-token")
    _user_info, _token = api.user_with_token(username=(name := unique("nt")), email=_email(name))
    for path in ("/api/v1/users/password-reset/request", "/api/v1/users/email-verification/request"):
        response = api.client.post(path, json={"email": _email(name)})
        assert response.status_code == 200
        assert "x-test-token" not in response.headers


# -- extra-fields ----------------------------------------------------------------------------
def _objects(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _objects(item)


def test_extra_fields_on_success_objects(make_api):
    api = make_api(PERMISO_VARIANTS="extra-fields")
    me = api.me(api.admin_token)
    assert int(me.headers["content-length"]) == len(me.content)
    body = me.json()
    assert body["kind"] == "response" and body["links"] == {"self": "/api/v1/users/me"}
    assert body["username"] == ADMIN_USERNAME and body["roles"][0]["kind"] == "role"
    listing = api.client.get("/api/v1/roles/", headers=api.admin).json()
    assert listing["roles"] and all(role["kind"] == "role" for role in listing["roles"])
    assert all(scope["kind"] == "scope" for role in listing["roles"] for scope in role["scopes"])
    health = api.client.get("/api/v1/admin/system/health", headers=api.admin).json()
    assert set(health["components"]) == {"database", "redis", "jwt_service"}
    assert all(part["kind"] for part in health["components"].values())
    token = api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert token["token_type"] == "Bearer" and token["kind"] == "response"
    # nothing secret in what was added
    added = repr([{k: v for k, v in obj.items() if k in ("kind", "links")} for obj in _objects(token)])
    assert token["access_token"] not in added and token["refresh_token"] not in added
    # the OpenAPI document stays a valid document
    assert "kind" not in api.client.get("/openapi.json").json()


def test_extra_fields_on_error_bodies(make_api):
    api = make_api(PERMISO_VARIANTS="extra-fields")
    first, second = api.client.get("/api/v1/users/me"), api.client.get("/api/v1/users/me")
    for response in (first, second):
        body = assert_error(response, 401)
        assert body["status"] == 401
        uuid.UUID(body["request_id"])
    assert first.json()["request_id"] != second.json()["request_id"]
    invalid = assert_error(api.client.post("/api/v1/auth/token", data={}), 422, "validation_error")
    assert invalid["details"] and invalid["status"] == 422
    assert_error(api.client.get("/api/v1/users/me", headers={"host": "evil.example"}), 400, "invalid_host")
    assert "request_id" in api.client.get("/nowhere").json()


def test_extra_fields_never_replace_a_field_of_the_answer(make_api, monkeypatch):
    api = make_api(PERMISO_VARIANTS="extra-fields")

    def cache_down() -> None:
        raise ConnectionError("cache down")

    monkeypatch.setattr(api.client.app.state.store, "ping", cache_down)
    answer = api.client.get("/health")
    assert answer.status_code == 503 and answer.json()["status"] == "unhealthy"
    assert "request_id" in answer.json()


# -- z-timestamps ----------------------------------------------------------------------------
def test_z_timestamps(make_api):
    api = make_api(PERMISO_VARIANTS="z-timestamps")
    me = api.me(api.admin_token).json()
    for name in ("created_at", "updated_at", "last_login"):
        assert Z_TIMESTAMP.match(me[name]), me[name]
    assert Z_TIMESTAMP.match(api.client.get("/api/v1/admin/system/health", headers=api.admin).json()["timestamp"])
    sessions = api.client.get("/api/v1/sessions/", headers=api.admin).json()["sessions"]
    assert sessions and all(Z_TIMESTAMP.match(s["expires_at"]) for s in sessions)


def test_z_timestamp_format():
    import datetime as dt

    moment = dt.datetime(2026, 11, 30, 23, 6, 16, 123456, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    with variants.use(frozenset({"z-timestamps"})):
        assert variants.timestamp(moment) == "2026-11-30T21:06:16Z"
    with variants.use(frozenset()):
        assert variants.timestamp(moment) == "2026-11-30T23:06:16.123456+02:00"


# -- revoke-foreign-200 ----------------------------------------------------------------------
def test_revoke_foreign_200_keeps_token_working(make_api):
    api = make_api(PERMISO_VARIANTS="revoke-foreign-200")
    _other, other_token = api.user_with_token(username=(name := unique("rv")), email=_email(name))
    caller = api.user_token()
    for victim in (other_token, api.admin_token, api.service_token()):
        response = api.client.post(REVOKE, json={"token": victim}, headers=bearer(caller))
        assert response.status_code == 200 and "message" in response.json()
    assert api.me(other_token).status_code == 200
    assert api.me(api.admin_token).status_code == 200
    # own tokens and admins revoking others still work
    assert api.client.post(REVOKE, json={"token": other_token}, headers=api.admin).status_code == 200
    assert api.me(other_token).status_code == 401


# -- service-token-user-route-401 ------------------------------------------------------------
def test_service_token_user_route_401(make_api):
    api = make_api(PERMISO_VARIANTS="service-token-user-route-401")
    service = api.service_token()
    for method, path in (("get", "/api/v1/users/me"), ("get", "/api/v1/sessions/"), ("post", "/api/v1/auth/logout")):
        response = getattr(api.client, method)(path, headers=bearer(service))
        assert_error(response, 401)
        assert response.headers["www-authenticate"].lower().startswith("bearer")
    # admin routes still say 403 to a token that is not an admin's; introspection accepts it
    assert_error(api.client.get("/api/v1/users/", headers=bearer(service)), 403)
    assert api.client.post(INTROSPECT, json={"token": service}, headers=bearer(service)).status_code == 200
    assert api.client.get("/api/v1/users/me", headers=api.admin).status_code == 200


# -- strict-headers --------------------------------------------------------------------------
def _strict(response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-security-policy"].startswith("default-src 'none'; frame-ancestors 'none'")
    assert response.headers["server"] == "permiso"


def test_strict_headers(make_api):
    api = make_api(PERMISO_VARIANTS="strict-headers")
    for response in (api.client.get("/health"), api.client.get("/nowhere"), api.me("garbage")):
        _strict(response)
        assert "strict-transport-security" not in response.headers
    for response in (api.login(USER_USERNAME, USER_PASSWORD), api.service_token_response()):
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store, no-cache, max-age=0, must-revalidate, private"
        assert response.headers["pragma"] == "no-cache"


def test_strict_hsts_over_https(make_client):
    client = make_client(base_url="https://testserver", PERMISO_VARIANTS="strict-headers")
    for response in (client.get("/health"), client.get("/nowhere")):
        _strict(response)
        assert response.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains; preload"


def test_strict_hsts_through_trusted_proxy(make_client):
    client = make_client(PERMISO_VARIANTS="strict-headers", PERMISO_TRUSTED_PROXIES="127.0.0.1")
    response = client.get("/health", headers={"x-forwarded-proto": "https"})
    assert response.headers["strict-transport-security"] == "max-age=63072000; includeSubDomains; preload"


# -- error-details-object ----------------------------------------------------------------------
def test_error_details_object(make_api):
    """Non-validation errors carry ``details`` as an object (contract §13.11); 422 keeps its list."""
    api = make_api(PERMISO_VARIANTS="error-details-object")
    unauthenticated = assert_error(api.client.get("/api/v1/users/me"), 401)
    assert unauthenticated["details"] == {"hint": "see error_description"}
    not_found = assert_error(api.client.get(f"/api/v1/users/{uuid.uuid4()}", headers=api.admin), 404)
    assert isinstance(not_found["details"], dict)
    forbidden = api.client.get("/api/v1/users/stats/overview", headers=bearer(api.user_token()))
    assert isinstance(assert_error(forbidden, 403)["details"], dict)
    route = assert_error(api.client.get("/nowhere"), 404)
    assert isinstance(route["details"], dict)
    host = assert_error(api.client.get("/api/v1/users/me", headers={"host": "evil.example"}), 400, "invalid_host")
    assert isinstance(host["details"], dict)
    invalid = assert_error(api.client.post("/api/v1/auth/token", data={}), 422, "validation_error")
    assert isinstance(invalid["details"], list) and invalid["details"][0]["loc"]
    me = api.me(api.admin_token)
    assert me.status_code == 200 and "details" not in me.json()


def test_error_details_object_on_a_server_error_and_a_degraded_route(make_api):
    api = make_api(PERMISO_VARIANTS="error-details-object", PERMISO_DEGRADE="GET:/api/v1/roles/=500,GET:/api/v1/users=422")
    failed = assert_error(api.client.get("/api/v1/roles/", headers=api.admin), 500, "internal_error")
    assert failed["details"] == {}
    degraded = assert_error(api.client.get("/api/v1/users", headers=api.admin), 422, "validation_error")
    assert degraded["details"] == [{"loc": ["query", "current_user"], "msg": "Field required", "type": "missing"}]


def test_error_details_object_with_extra_fields(make_api):
    api = make_api(PERMISO_VARIANTS="error-details-object,extra-fields")
    body = assert_error(api.client.get("/api/v1/users/me"), 401)
    assert body["details"] == {"hint": "see error_description"} and body["status"] == 401 and "request_id" in body


# -- all -------------------------------------------------------------------------------------
def test_all_variants_together(make_api):
    """Under ``all`` the service is still the contract: a short tour of the open points."""
    api = make_api(PERMISO_VARIANTS="all", PERMISO_MAX_LOGIN_ATTEMPTS="2")
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    access = tokens["access_token"]
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == 900
    assert claims_of(access)["aud"] == ["permiso", variants.EXTRA_AUDIENCE]
    me = api.me(access)
    assert me.status_code == 200 and me.json()["username"] == USER_USERNAME
    assert Z_TIMESTAMP.match(me.json()["created_at"]) and me.json()["kind"] == "response"
    _strict(me)
    for key, value in SECURITY_HEADERS.items():
        if key != "referrer-policy":
            assert me.headers[key] == value
    answer = api.client.post(INTROSPECT, json={"token": access}, headers=bearer(access)).json()
    assert answer["active"] is True and answer["sub"] == me.json()["id"] and "token_type" not in answer
    assert api.client.post(REVOKE, json={"token": api.admin_token}, headers=bearer(access)).status_code == 200
    assert api.me(api.admin_token).status_code == 200
    assert_error(api.me(api.service_token()), 401)
    assert isinstance(assert_error(api.register(email="new@example.test"), 422, "validation_error")["details"], list)
    assert isinstance(assert_error(api.me(api.service_token()), 401)["details"], dict)
    user = _user(api)
    reset = api.client.post("/api/v1/users/password-reset/request", json={"email": user["email"]})
    assert reset.status_code == 200 and "x-test-token" not in reset.headers
    for _ in range(2):
        assert_error(api.login(user["username"], "Wrong!Pass1"), 401, "invalid_grant")
    assert_error(api.login(user["username"], "Wrong!Pass1"), 401, "invalid_grant")
    assert_error(api.login(user["username"], user["password"]), 423, "account_locked")
    # a refresh still rotates, a logout still ends the token
    refreshed = api.client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200 and refreshed.json()["refresh_token"] != tokens["refresh_token"]
    new_access = refreshed.json()["access_token"]
    assert api.client.post("/api/v1/auth/logout", headers=bearer(new_access)).status_code == 200
    assert api.me(new_access).status_code == 401
