"""§10 /api/v1/sessions."""

from __future__ import annotations

from datetime import datetime

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, USER_PASSWORD, USER_USERNAME, assert_error, bearer

SESSIONS = "/api/v1/sessions/"
SESSION_FIELDS = {"session_id", "user_id", "username", "ip_address", "user_agent", "created_at", "last_activity", "expires_at"}


def test_list_own_sessions(api):
    first = api.tokens(USER_USERNAME, USER_PASSWORD)
    second = api.tokens(USER_USERNAME, USER_PASSWORD)
    api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)
    response = api.client.get(SESSIONS, headers=bearer(second["access_token"]))
    assert response.status_code == 200
    body = response.json()
    ids = [s["session_id"] for s in body["sessions"]]
    assert {first["session_id"], second["session_id"]} <= set(ids)
    assert body["total"] == len(ids)
    for session in body["sessions"]:
        assert SESSION_FIELDS <= session.keys()
        assert session["username"] == USER_USERNAME
    assert_error(api.client.get(SESSIONS), 401)


def test_delete_all_own_sessions(api):
    first = api.tokens(USER_USERNAME, USER_PASSWORD)
    second = api.tokens(USER_USERNAME, USER_PASSWORD)
    admin = api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)
    response = api.client.delete(SESSIONS, headers=bearer(first["access_token"]))
    assert response.status_code == 200, response.text
    assert response.json()["sessions_terminated"] >= 2 and "message" in response.json()
    assert api.client.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]}).status_code == 401
    listing = api.client.get(SESSIONS, headers=bearer(admin["access_token"])).json()
    assert admin["session_id"] in [s["session_id"] for s in listing["sessions"]]
    assert_error(api.client.delete(SESSIONS), 401)


def test_renew_session(api):
    tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    headers = bearer(tokens["access_token"])
    before = next(s for s in api.client.get(SESSIONS, headers=headers).json()["sessions"] if s["session_id"] == tokens["session_id"])
    response = api.client.post(f"{SESSIONS}{tokens['session_id']}/renew", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["session_id"] == tokens["session_id"] and "message" in body
    assert datetime.fromisoformat(body["expires_at"]) > datetime.fromisoformat(before["expires_at"])
    assert datetime.fromisoformat(body["expires_at"]).utcoffset() is not None


def test_renew_errors(api):
    user_tokens = api.tokens(USER_USERNAME, USER_PASSWORD)
    admin_tokens = api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert_error(api.client.post(f"{SESSIONS}{admin_tokens['session_id']}/renew", headers=bearer(user_tokens["access_token"])), 403)
    assert_error(api.client.post(f"{SESSIONS}00000000-0000-4000-8000-000000000000/renew", headers=bearer(user_tokens["access_token"])), 404)
    assert_error(api.client.post(f"{SESSIONS}not-a-session/renew", headers=bearer(user_tokens["access_token"])), (404, 422))
    other = api.tokens(USER_USERNAME, USER_PASSWORD)
    assert api.client.delete(f"{SESSIONS}{other['session_id']}", headers=bearer(user_tokens["access_token"])).status_code == 200
    assert_error(api.client.post(f"{SESSIONS}{other['session_id']}/renew", headers=bearer(user_tokens["access_token"])), 400)


def test_delete_one_session(api):
    keep = api.tokens(USER_USERNAME, USER_PASSWORD)
    drop = api.tokens(USER_USERNAME, USER_PASSWORD)
    response = api.client.delete(f"{SESSIONS}{drop['session_id']}", headers=bearer(keep["access_token"]))
    assert response.status_code == 200, response.text
    assert response.json()["session_id"] == drop["session_id"]
    ids = [s["session_id"] for s in api.client.get(SESSIONS, headers=bearer(keep["access_token"])).json()["sessions"]]
    assert drop["session_id"] not in ids and keep["session_id"] in ids
    assert api.client.post("/api/v1/auth/refresh", json={"refresh_token": drop["refresh_token"]}).status_code == 401


def test_delete_other_users_session_forbidden(api):
    user = api.tokens(USER_USERNAME, USER_PASSWORD)
    admin = api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert_error(api.client.delete(f"{SESSIONS}{admin['session_id']}", headers=bearer(user["access_token"])), 403)
    assert_error(api.client.delete(f"{SESSIONS}00000000-0000-4000-8000-000000000000", headers=bearer(user["access_token"])), 404)
    assert api.me(admin["access_token"]).status_code == 200


def test_stats_and_cleanup(api):
    api.tokens(USER_USERNAME, USER_PASSWORD)
    stats = api.client.get(f"{SESSIONS}stats", headers=api.admin)
    assert stats.status_code == 200, stats.text
    body = stats.json()
    assert {"active_sessions", "sessions_created_today", "expired_sessions", "total_sessions"} <= body.keys()
    assert body["active_sessions"] >= 2 and body["sessions_created_today"] >= 2
    cleanup = api.client.post(f"{SESSIONS}cleanup", headers=api.admin)
    assert cleanup.status_code == 200
    assert {"message", "sessions_cleaned"} <= cleanup.json().keys()


@pytest.mark.parametrize("method,path", [("get", f"{SESSIONS}stats"), ("post", f"{SESSIONS}cleanup")])
def test_stats_and_cleanup_need_scope(api, method, path):
    assert_error(getattr(api.client, method)(path), 401)
    assert_error(getattr(api.client, method)(path, headers=bearer(api.user_token())), 403)
    narrowed = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope="admin:users")
    assert_error(getattr(api.client, method)(path, headers=bearer(narrowed)), 403)
    scoped = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope="admin:sessions")
    assert getattr(api.client, method)(path, headers=bearer(scoped)).status_code == 200
