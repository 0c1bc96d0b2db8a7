"""§11 /api/v1/admin: dashboard, system health, security events, audit, maintenance, reports."""

from __future__ import annotations

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, USER_PASSWORD, USER_USERNAME, assert_error, bearer

ADMIN = "/api/v1/admin"
ROUTES = [
    ("get", "/dashboard/stats"), ("get", "/system/health"), ("get", "/security/events"),
    ("get", "/audit/activity"), ("post", "/maintenance/cleanup"), ("get", "/reports/usage"),
    ("post", "/config/reload"), ("get", "/logs/errors"),
]


@pytest.mark.parametrize("method,path", ROUTES)
def test_admin_routes_401_and_403(api, method, path):
    assert_error(getattr(api.client, method)(ADMIN + path), 401)
    assert_error(getattr(api.client, method)(ADMIN + path, headers=bearer(api.user_token())), 403)
    assert_error(getattr(api.client, method)(ADMIN + path, headers=bearer(api.service_token())), (401, 403))
    assert getattr(api.client, method)(ADMIN + path, headers=api.admin).status_code == 200


@pytest.mark.parametrize(
    "method,path,scope",
    [("get", "/security/events", "admin:security"), ("get", "/audit/activity", "admin:audit"),
     ("post", "/config/reload", "admin:system"), ("get", "/logs/errors", "admin:logs")],
)
def test_scope_routes_use_token_scopes(api, method, path, scope):
    narrowed = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope="admin:users")
    assert_error(getattr(api.client, method)(ADMIN + path, headers=bearer(narrowed), params={"scope": scope}), 403)
    scoped = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope=scope)
    assert getattr(api.client, method)(ADMIN + path, headers=bearer(scoped)).status_code == 200


def test_dashboard_real_counts(api):
    path = f"{ADMIN}/dashboard/stats"
    before = api.client.get(path, headers=api.admin)
    assert before.status_code == 200, before.text
    before = before.json()
    assert {"total", "active", "verified", "locked", "recent_registrations"} <= before["users"].keys()
    assert {"total_roles", "total_scopes"} <= before["roles_and_permissions"].keys()
    assert {"total", "active"} <= before["service_clients"].keys()
    assert {"total_logins_today", "failed_logins_today", "active_sessions"} <= before["authentication"].keys()
    api.create_user()
    api.create_user(is_active=False)
    api.create_role()
    api.create_scope()
    api.create_service_client()
    api.login(USER_USERNAME, "Wrong!Pass1")
    api.tokens(USER_USERNAME, USER_PASSWORD)
    after = api.client.get(path, headers=api.admin).json()
    assert after["users"]["total"] == before["users"]["total"] + 2
    assert after["users"]["active"] == before["users"]["active"] + 1
    assert after["roles_and_permissions"]["total_roles"] == before["roles_and_permissions"]["total_roles"] + 1
    assert after["roles_and_permissions"]["total_scopes"] == before["roles_and_permissions"]["total_scopes"] + 1
    assert after["service_clients"]["total"] == before["service_clients"]["total"] + 1
    auth_before, auth_after = before["authentication"], after["authentication"]
    assert auth_after["failed_logins_today"] == auth_before["failed_logins_today"] + 1
    assert auth_after["total_logins_today"] >= auth_before["total_logins_today"] + 1
    assert auth_after["active_sessions"] == auth_before["active_sessions"] + 1


def test_system_health(api):
    response = api.client.get(f"{ADMIN}/system/health", headers=api.admin)
    body = response.json()
    assert body["status"] == "healthy" and body["timestamp"]
    assert {"database", "redis", "jwt_service"} <= body["components"].keys()
    for component in body["components"].values():
        assert {"status", "response_time_ms"} <= component.keys()
    assert body["components"]["database"]["status"] == "healthy"


def _events(api, **params) -> list[dict]:
    response = api.client.get(f"{ADMIN}/security/events", params={"per_page": 100, **params}, headers=api.admin)
    assert response.status_code == 200, response.text
    body = response.json()
    assert {"events", "total", "page", "per_page"} <= body.keys()
    return body["events"]


def test_security_events_record_failed_login_lockout_and_revocation(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="2")
    user = api.create_user()
    for _ in range(2):
        api.login(user["username"], "Wrong!Pass1")
    assert api.login(user["username"], user["password"]).status_code == 423
    token = api.user_token()
    api.client.post("/api/v1/auth/revoke", json={"token": token}, headers=bearer(token))
    events = _events(api)
    for event in events:
        assert {"event_type", "user_id", "client_id", "ip_address", "user_agent", "details", "severity", "timestamp"} <= event.keys()
    text = " ".join(e["event_type"] for e in events).lower()
    assert "fail" in text and "lock" in text and "revok" in text, text
    failed = [e for e in events if "fail" in e["event_type"].lower()]
    assert failed and failed[0]["ip_address"]
    only_type = _events(api, event_type=failed[0]["event_type"])
    assert only_type and all(e["event_type"] == failed[0]["event_type"] for e in only_type)
    severities = {e["severity"] for e in events}
    some = sorted(severities)[0]
    assert all(e["severity"] == some for e in _events(api, severity=some))


def test_security_events_paging_and_validation(api):
    api.login(USER_USERNAME, "Wrong!Pass1")
    body = api.client.get(f"{ADMIN}/security/events", params={"hours": 1, "page": 1, "per_page": 1}, headers=api.admin).json()
    assert body["page"] == 1 and body["per_page"] == 1 and len(body["events"]) <= 1
    assert_error(api.client.get(f"{ADMIN}/security/events", params={"per_page": 0}, headers=api.admin), 422)
    assert_error(api.client.get(f"{ADMIN}/security/events", params={"hours": "x"}, headers=api.admin), 422)


def test_audit_activity(api):
    user = api.create_user()
    response = api.client.get(f"{ADMIN}/audit/activity", headers=api.admin)
    assert response.status_code == 200
    body = response.json()
    assert {"activities", "total", "page", "per_page"} <= body.keys()
    assert body["total"] >= 1 and body["activities"]
    admin_id = api.user_id(api.admin_token)
    mine = api.client.get(f"{ADMIN}/audit/activity", params={"user_id": admin_id, "hours": 1}, headers=api.admin).json()
    assert mine["total"] >= 1
    assert user["id"] in str(mine["activities"]) or user["username"] in str(mine["activities"])
    action = mine["activities"][0].get("action")
    if action:
        same = api.client.get(f"{ADMIN}/audit/activity", params={"action": action}, headers=api.admin).json()
        assert all(a.get("action") == action for a in same["activities"])


def test_maintenance_cleanup(api):
    response = api.client.post(f"{ADMIN}/maintenance/cleanup", headers=api.admin)
    assert response.status_code == 200
    body = response.json()
    assert body["timestamp"] and isinstance(body["operations"], list)
    for op in body["operations"]:
        assert {"operation", "items_removed"} <= op.keys()


def test_usage_report(api):
    api.create_user()
    response = api.client.get(f"{ADMIN}/reports/usage", params={"days": 7}, headers=api.admin)
    assert response.status_code == 200
    body = response.json()
    assert "report_period" in body
    assert body["user_activity"]["new_users"] >= 1
    assert "active_users" in body["user_activity"]
    for days in (0, 366, "x"):
        assert_error(api.client.get(f"{ADMIN}/reports/usage", params={"days": days}, headers=api.admin), 422)


def test_config_reload(api):
    response = api.client.post(f"{ADMIN}/config/reload", headers=api.admin)
    assert response.status_code == 200
    assert {"timestamp", "status", "components_reloaded", "warnings", "errors"} <= response.json().keys()


def test_error_logs(api):
    response = api.client.get(f"{ADMIN}/logs/errors", headers=api.admin)
    assert response.status_code == 200
    assert {"logs", "total", "page", "per_page", "available_levels"} <= response.json().keys()
