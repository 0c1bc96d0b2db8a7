"""§4 POST /api/v1/auth/introspect (RFC 7662)."""

from __future__ import annotations

import time

import pytest

from .conftest import USER_USERNAME, assert_error, bearer, claims_of, forge

INTROSPECT = "/api/v1/auth/introspect"
FIELDS = ("sub", "username", "client_id", "scope", "exp", "iat", "token_type")


def test_active_access_token(api):
    token = api.user_token()
    response = api.client.post(INTROSPECT, json={"token": token}, headers=api.admin)
    assert response.status_code == 200, response.text
    body = response.json()
    claims = claims_of(token)
    assert body["active"] is True
    assert body["sub"] == claims["sub"]
    assert body["username"] == USER_USERNAME
    assert set(body["scope"].split()) == set(claims["scopes"])
    assert body["exp"] == claims["exp"] and body["iat"] == claims["iat"]
    assert body["token_type"] == "access"


def test_user_can_introspect_own_token(api):
    token = api.user_token()
    response = api.client.post(INTROSPECT, json={"token": token, "token_type_hint": "access_token"}, headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["active"] is True


def _inactive(response):
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["active"] is False
    for name in FIELDS:
        assert body.get(name) is None, (name, body)


@pytest.mark.parametrize("kind", ["garbage", "expired", "wrong key"])
def test_invalid_tokens_are_inactive(api, kind):
    token = api.user_token()
    now = int(time.time())
    claims = claims_of(token)
    subject = {
        "garbage": "garbage",
        "expired": forge(dict(claims, iat=now - 7200, nbf=now - 7200, exp=now - 60)),
        "wrong key": forge(claims, key="y" * 48),
    }[kind]
    _inactive(api.client.post(INTROSPECT, json={"token": subject}, headers=api.admin))


def test_revoked_token_is_inactive(api):
    token = api.user_token()
    api.client.post("/api/v1/auth/revoke", json={"token": token}, headers=bearer(token))
    _inactive(api.client.post(INTROSPECT, json={"token": token}, headers=api.admin))


def test_disabled_users_token_is_inactive(api):
    user, token = api.user_with_token()
    api.client.put(f"/api/v1/users/{user['id']}", json={"is_active": False}, headers=api.admin)
    _inactive(api.client.post(INTROSPECT, json={"token": token}, headers=api.admin))


def test_bad_caller(api):
    token = api.user_token()
    assert_error(api.client.post(INTROSPECT, json={"token": token}), 401)
    assert_error(api.client.post(INTROSPECT, json={"token": token}, headers=bearer("garbage")), 401)


def test_missing_token_field(api):
    assert_error(api.client.post(INTROSPECT, json={}, headers=api.admin), 422, "validation_error")
