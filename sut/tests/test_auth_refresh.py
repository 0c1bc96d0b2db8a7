"""§4 POST /api/v1/auth/refresh: rotation, narrowing, reuse detection."""

from __future__ import annotations

import time

import pytest

from .conftest import USER_PASSWORD, USER_USERNAME, assert_error, bearer, claims_of, forge

REFRESH = "/api/v1/auth/refresh"


def test_rotation(api):
    first = api.tokens(USER_USERNAME, USER_PASSWORD)
    response = api.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    assert response.status_code == 200, response.text
    second = response.json()
    assert "no-store" in response.headers.get("cache-control", "")
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] and second["refresh_token"] != first["refresh_token"]
    assert second["token_type"] == "Bearer"
    assert api.me(second["access_token"]).status_code == 200
    assert claims_of(second["access_token"])["type"] == "access"


def test_rotated_out_token_is_refused_and_revokes_successor(api):
    first = api.tokens(USER_USERNAME, USER_PASSWORD)
    second = api.client.post(REFRESH, json={"refresh_token": first["refresh_token"]}).json()
    assert_error(api.client.post(REFRESH, json={"refresh_token": first["refresh_token"]}), 401, "invalid_grant")
    # (hardening) reuse of a rotated-out token also kills its successor
    assert_error(api.client.post(REFRESH, json={"refresh_token": second["refresh_token"]}), 401, "invalid_grant")


def test_scopes_never_wider_than_original_grant(api):
    first = api.tokens(USER_USERNAME, USER_PASSWORD, scope="read:profile")
    second = api.client.post(REFRESH, json={"refresh_token": first["refresh_token"]}).json()
    assert set(second["scope"].split()) == {"read:profile"}
    assert set(claims_of(second["access_token"])["scopes"]) == {"read:profile"}


def test_scopes_narrow_when_role_is_removed(api):
    user = api.create_user(role_ids=[api.role_id("user")])
    first = api.tokens(user["username"], user["password"])
    assert "write:profile" in first["scope"].split()
    api.client.put(f"/api/v1/users/{user['id']}/roles", json={"role_ids": []}, headers=api.admin)
    response = api.client.post(REFRESH, json={"refresh_token": first["refresh_token"]})
    if response.status_code == 200:
        assert "write:profile" not in response.json()["scope"].split()
    else:
        assert_error(response, 401)


@pytest.mark.parametrize("kind", ["garbage", "access token", "expired", "unknown jti", "wrong key"])
def test_invalid_refresh_tokens(api, kind):
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    claims = claims_of(tokens["refresh_token"])
    now = int(time.time())
    token = {
        "garbage": "garbage.garbage.garbage",
        "access token": tokens["access_token"],
        "expired": forge(dict(claims, iat=now - 7200, nbf=now - 7200, exp=now - 60)),
        "unknown jti": forge(dict(claims, jti="00000000000000000000000000000000")),
        "wrong key": forge(claims, key="x" * 48),
    }[kind]
    assert_error(api.client.post(REFRESH, json={"refresh_token": token}), 401, "invalid_grant")


def test_revoked_refresh_token(api):
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    response = api.client.post(
        "/api/v1/auth/revoke", json={"token": tokens["refresh_token"]}, headers=bearer(tokens["access_token"])
    )
    assert response.status_code == 200
    assert_error(api.client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}), 401, "invalid_grant")


def test_disabled_user_cannot_refresh(api):
    user = api.create_user()
    tokens = api.tokens(user["username"], user["password"])
    api.client.put(f"/api/v1/users/{user['id']}", json={"is_active": False}, headers=api.admin)
    response = api.client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
    assert_error(response, (401, 403))


def test_missing_refresh_token_field(api):
    assert_error(api.client.post(REFRESH, json={}), 422, "validation_error")


def test_form_body_is_refused(api):
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    response = api.client.post(REFRESH, data={"refresh_token": tokens["refresh_token"]})
    assert_error(response, (400, 415, 422))


def test_deleted_user_cannot_refresh(api):
    user = api.create_user()
    tokens = api.tokens(user["username"], user["password"])
    assert api.client.delete(f"/api/v1/users/{user['id']}", headers=api.admin).status_code == 204
    assert_error(api.client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}), 401, "invalid_grant")
