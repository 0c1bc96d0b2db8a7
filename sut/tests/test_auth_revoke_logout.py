"""§4 POST /api/v1/auth/revoke (RFC 7009) and POST /api/v1/auth/logout."""

from __future__ import annotations

from .conftest import USER_PASSWORD, USER_USERNAME, assert_error, bearer

REVOKE = "/api/v1/auth/revoke"
LOGOUT = "/api/v1/auth/logout"
REFRESH = "/api/v1/auth/refresh"


def test_revoke_own_access_token(api):
    token = api.user_token()
    response = api.client.post(REVOKE, json={"token": token, "token_type_hint": "access_token"}, headers=bearer(token))
    assert response.status_code == 200
    assert "message" in response.json()
    assert api.me(token).status_code == 401


def test_revoke_own_token_with_another_of_own_tokens(api):
    victim, caller = api.user_token(), api.user_token()
    assert api.client.post(REVOKE, json={"token": victim}, headers=bearer(caller)).status_code == 200
    assert api.me(victim).status_code == 401
    assert api.me(caller).status_code == 200


def test_revoke_unknown_or_garbage_token_is_200(api):
    token = api.user_token()
    for subject in ("garbage", "a.b.c", "x" * 500):
        assert api.client.post(REVOKE, json={"token": subject}, headers=bearer(token)).status_code == 200


def test_non_admin_cannot_revoke_someone_elses_token(api):
    other_user, other_token = api.user_with_token()
    token = api.user_token()
    response = api.client.post(REVOKE, json={"token": other_token}, headers=bearer(token))
    assert response.status_code in (200, 403)
    assert api.me(other_token).status_code == 200


def test_non_admin_cannot_revoke_someone_elses_refresh_token(api):
    other = api.create_user()
    other_tokens = api.tokens(other["username"], other["password"])
    token = api.user_token()
    response = api.client.post(REVOKE, json={"token": other_tokens["refresh_token"]}, headers=bearer(token))
    assert response.status_code in (200, 403)
    assert api.client.post(REFRESH, json={"refresh_token": other_tokens["refresh_token"]}).status_code == 200


def test_admin_can_revoke_any_token(api):
    token = api.user_token()
    assert api.client.post(REVOKE, json={"token": token}, headers=api.admin).status_code == 200
    assert api.me(token).status_code == 401


def test_revoke_needs_caller(api):
    token = api.user_token()
    assert_error(api.client.post(REVOKE, json={"token": token}), 401)
    assert api.me(token).status_code == 200


def test_revoke_with_service_token_caller_is_refused_or_limited(api):
    token = api.user_token()
    service = api.service_token()
    response = api.client.post(REVOKE, json={"token": token}, headers=bearer(service))
    assert response.status_code in (200, 401, 403)
    assert api.me(token).status_code == 200


def test_logout(api):
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    response = api.client.post(LOGOUT, headers=bearer(tokens["access_token"]))
    assert response.status_code == 200, response.text
    body = response.json()
    assert "message" in body and body["sessions_terminated"] >= 1
    assert api.me(tokens["access_token"]).status_code == 401
    assert api.client.get("/api/v1/sessions/", headers=bearer(tokens["access_token"])).status_code == 401
    assert_error(api.client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]}), 401, "invalid_grant")


def test_logout_keeps_other_users_sessions(api):
    user_tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    other = api.create_user()
    other_token = api.token(other["username"], other["password"])
    api.client.post(LOGOUT, headers=bearer(user_tokens["access_token"]))
    assert api.me(other_token).status_code == 200


def test_logout_needs_token(api):
    assert_error(api.client.post(LOGOUT), 401)
