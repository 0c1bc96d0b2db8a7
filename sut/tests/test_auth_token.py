"""§4 POST /api/v1/auth/token (password grant)."""

from __future__ import annotations

import pytest

from .conftest import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ADMIN_SCOPES,
    ADMIN_USERNAME,
    USER_EMAIL,
    USER_PASSWORD,
    USER_SCOPES,
    USER_USERNAME,
    assert_error,
    claims_of,
)

TOKEN = "/api/v1/auth/token"


def test_login_success_shape(api):
    response = api.login(USER_USERNAME, USER_PASSWORD)
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"access_token", "token_type", "expires_in", "refresh_token", "scope", "session_id"} <= body.keys()
    assert body["token_type"] == "Bearer"
    assert body["refresh_token"] and body["session_id"]
    assert set(body["scope"].split()) == USER_SCOPES
    assert "no-store" in response.headers.get("cache-control", "")


def test_login_with_email(api):
    assert api.login(USER_EMAIL, USER_PASSWORD).status_code == 200
    assert api.login(ADMIN_EMAIL, ADMIN_PASSWORD).status_code == 200


def test_login_username_case_insensitive(api):
    assert api.login(USER_USERNAME.upper(), USER_PASSWORD).status_code == 200


def test_requested_scopes_are_intersected_with_held(api):
    body = api.tokens(USER_USERNAME, USER_PASSWORD, scope="read:profile admin:users")
    assert body["scope"].split() == ["read:profile"]
    assert claims_of(body["access_token"])["scopes"] == ["read:profile"]


def test_admin_gets_all_held_scopes_when_none_requested(api):
    body = api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert ADMIN_SCOPES <= set(body["scope"].split())


def test_grant_type_password_accepted(api):
    response = api.client.post(
        TOKEN, data={"username": USER_USERNAME, "password": USER_PASSWORD, "grant_type": "password"}
    )
    assert response.status_code == 200


def test_other_grant_type_rejected(api):
    response = api.client.post(
        TOKEN, data={"username": USER_USERNAME, "password": USER_PASSWORD, "grant_type": "client_credentials"}
    )
    assert_error(response, (400, 422))


def test_wrong_password_and_unknown_user_are_identical(api):
    wrong = api.login(USER_USERNAME, "WrongPass123!")
    unknown = api.login("nobody_at_all", "WrongPass123!")
    body_wrong = assert_error(wrong, 401, "invalid_grant")
    body_unknown = assert_error(unknown, 401, "invalid_grant")
    assert body_wrong == body_unknown


def test_disabled_account(api):
    user = api.create_user(is_active=False)
    assert_error(api.login(user["username"], user["password"]), 403, "account_disabled")


@pytest.mark.parametrize("missing", ["username", "password"])
def test_missing_field_is_validation_error(api, missing):
    data = {"username": USER_USERNAME, "password": USER_PASSWORD}
    del data[missing]
    body = assert_error(api.client.post(TOKEN, data=data), 422, "validation_error")
    assert isinstance(body["details"], list) and body["details"]
    assert {"loc", "msg", "type"} <= body["details"][0].keys()


def test_json_body_instead_of_form(api):
    response = api.client.post(TOKEN, json={"username": USER_USERNAME, "password": USER_PASSWORD})
    assert_error(response, (400, 415, 422))


def test_login_creates_session_and_updates_last_login(api):
    body = api.tokens(USER_USERNAME, USER_PASSWORD)
    me = api.me(body["access_token"]).json()
    assert me["last_login"]
    sessions = api.client.get("/api/v1/sessions/", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert body["session_id"] in [s["session_id"] for s in sessions.json()["sessions"]]
