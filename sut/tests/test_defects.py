"""PERMISO_DEFECTS: each deliberate defect shows its effect at the service level.

One test per defect of ``sut/defects.py``: the service started with that defect alone does the
wrong thing the catalogue describes (the clean behaviour is covered by the other test files).
SQLite only: the defects do not depend on the storage.

``defects.active`` reads the settings of the app configured last, and the shared fixtures reuse
app objects between tests, so every test here configures its own app and the module resets the
registry afterwards: no defect leaks into another test.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator

import pytest

from sut import defects
from sut.routes import admin as admin_routes
from sut.routes import users as user_routes

from .conftest import (
    ADMIN_PASSWORD, ADMIN_USERNAME, CLIENT_ID, CLIENT_SECRET, STRONG_PASSWORD, USER_PASSWORD, USER_USERNAME, Api,
    assert_error, bearer, claims_of, forge, unique,
)

pytestmark = pytest.mark.sqlite

ME = "/api/v1/users/me"
USERS = "/api/v1/users/"
ROLES = "/api/v1/roles/"
SCOPES = "/api/v1/roles/scopes/"
CLIENTS = "/api/v1/service-clients/"
SESSIONS = "/api/v1/sessions/"
TOKEN = "/api/v1/auth/token"
REFRESH = "/api/v1/auth/refresh"
INTROSPECT = "/api/v1/auth/introspect"
REVOKE = "/api/v1/auth/revoke"
LOGOUT = "/api/v1/auth/logout"


@pytest.fixture(scope="session")
def storage_kind() -> str:
    """SQLite only for this module."""
    return "sqlite"


@pytest.fixture(autouse=True)
def _no_defect_leaks() -> Iterator[None]:
    yield
    defects.configure(None)  # type: ignore[arg-type] - no app: every defect off
    user_routes._FROZEN_STATS.clear()
    admin_routes._FROZEN_DASHBOARD.clear()


@pytest.fixture
def with_defect(make_api) -> Callable[..., Api]:
    """``with_defect("name", **env)``: an Api over a service with exactly that defect."""

    def factory(name: str, **env: str) -> Api:
        assert name in defects.KNOWN
        api = make_api(PERMISO_DEFECTS=name, **env)
        defects.configure(api.client.app.state.settings)
        assert defects.active(name)
        return api

    return factory


def test_every_defect_has_a_test_and_an_area():
    names = {name.removeprefix("test_").replace("_", "-") for name in globals() if name.startswith("test_")}
    assert set(defects.KNOWN) <= names
    assert sorted(n for names_ in defects.AREAS.values() for n in names_) == sorted(defects.KNOWN)
    assert all(len(defects.AREAS[area]) >= 3 for area in defects.AREAS)


def _unsigned(claims: dict) -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def _fail_logins(api: Api, username: str, times: int) -> None:
    for _ in range(times):
        api.login(username, "Wrong!Pass1")


# -- infrastructure ---------------------------------------------------------------------------
def test_health_status_ok(with_defect):
    assert with_defect("health-status-ok").client.get("/health").json()["status"] == "ok"


def test_health_version_missing(with_defect):
    assert "version" not in with_defect("health-version-missing").client.get("/health").json()


def test_slow_health(with_defect):
    client = with_defect("slow-health").client
    start = time.perf_counter()
    assert client.get("/health").status_code == 200
    assert time.perf_counter() - start >= 0.15


def test_root_health_link_missing(with_defect):
    assert "health" not in with_defect("root-health-link-missing").client.get("/").json()


def test_system_health_cache_missing(with_defect):
    api = with_defect("system-health-cache-missing")
    components = api.client.get("/api/v1/admin/system/health", headers=api.admin).json()["components"]
    assert set(components) == {"database", "jwt_service"}


def test_revocations_not_cached(with_defect):
    api = with_defect("revocations-not-cached")
    token = api.user_token()
    assert api.client.post(REVOKE, json={"token": token}, headers=bearer(token)).status_code == 200
    assert api.me(token).status_code == 200


# -- dependency faults -------------------------------------------------------------------------
class _DeadStore:
    """A cache that does not answer (Redis stopped)."""

    name = "dead"

    def __getattr__(self, _name: str):
        def fail(*_args, **_kwargs):
            raise ConnectionError("cache down")
        return fail


def test_health_ignores_cache(with_defect, monkeypatch):
    client = with_defect("health-ignores-cache").client
    monkeypatch.setattr(client.app.state, "store", _DeadStore())
    answer = client.get("/health")
    assert answer.status_code == 200 and answer.json()["components"]["cache"] == "healthy"


def test_revocation_fails_open(with_defect, monkeypatch):
    api = with_defect("revocation-fails-open")
    token = api.user_token()
    assert api.client.post(REVOKE, json={"token": token}, headers=bearer(token)).status_code == 200
    monkeypatch.setattr(api.client.app.state, "store", _DeadStore())
    assert api.me(token).status_code == 200


def test_database_outage_leaks_driver_message(with_defect, monkeypatch):
    from sqlalchemy import create_engine  # noqa: PLC0415
    from sqlalchemy.orm import sessionmaker  # noqa: PLC0415

    api = with_defect("database-outage-leaks-driver-message")
    token = api.user_token()
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    monkeypatch.setattr(api.client.app.state.db, "session_factory", sessionmaker(bind=unreachable))
    answer = api.me(token)
    assert answer.status_code == 503 and "psycopg" in answer.json()["error_description"]


# -- auth --------------------------------------------------------------------------------------
def test_logout_keeps_token(with_defect):
    api = with_defect("logout-keeps-token")
    token = api.user_token()
    assert api.client.post(LOGOUT, headers=bearer(token)).status_code == 200
    assert api.me(token).status_code == 200


def test_refresh_not_rotated(with_defect):
    api = with_defect("refresh-not-rotated")
    refresh = api.tokens(USER_USERNAME, USER_PASSWORD)["refresh_token"]
    first = api.client.post(REFRESH, json={"refresh_token": refresh}).json()
    assert first["refresh_token"] == refresh
    assert api.client.post(REFRESH, json={"refresh_token": refresh}).status_code == 200


def test_rotated_refresh_accepted(with_defect):
    api = with_defect("rotated-refresh-accepted")
    refresh = api.tokens(USER_USERNAME, USER_PASSWORD)["refresh_token"]
    assert api.client.post(REFRESH, json={"refresh_token": refresh}).status_code == 200
    assert api.client.post(REFRESH, json={"refresh_token": refresh}).status_code == 200


def test_refresh_token_as_access_token(with_defect):
    api = with_defect("refresh-token-as-access-token")
    assert api.me(api.tokens(USER_USERNAME, USER_PASSWORD)["refresh_token"]).status_code == 200


def _valid_claims(api: Api) -> dict:
    return claims_of(api.user_token())


def test_expired_token_accepted(with_defect):
    api = with_defect("expired-token-accepted")
    now = int(time.time())
    assert api.me(forge(dict(_valid_claims(api), iat=now - 7200, nbf=now - 7200, exp=now - 3600))).status_code == 200


def test_alg_none_accepted(with_defect):
    api = with_defect("alg-none-accepted")
    assert api.me(_unsigned(_valid_claims(api))).status_code == 200


def test_signature_not_checked(with_defect):
    api = with_defect("signature-not-checked")
    assert api.me(forge(_valid_claims(api), key="another-secret-key-of-sufficient-length-000000")).status_code == 200


def test_audience_not_checked(with_defect):
    api = with_defect("audience-not-checked")
    assert api.me(forge(dict(_valid_claims(api), aud="someone-else"))).status_code == 200


def test_issuer_not_checked(with_defect):
    api = with_defect("issuer-not-checked")
    claims = _valid_claims(api)
    assert api.me(forge(dict(claims, iss="evil"))).status_code == 200
    assert api.me(forge({k: v for k, v in claims.items() if k != "iss"})).status_code == 200


def test_nbf_ignored(with_defect):
    api = with_defect("nbf-ignored")
    now = int(time.time())
    assert api.me(forge(dict(_valid_claims(api), nbf=now + 3600, exp=now + 7200))).status_code == 200


def test_exp_not_required(with_defect):
    api = with_defect("exp-not-required")
    assert api.me(forge({k: v for k, v in _valid_claims(api).items() if k != "exp"})).status_code == 200


def test_introspection_revoked_active(with_defect):
    api = with_defect("introspection-revoked-active")
    token = api.user_token()
    api.client.post(REVOKE, json={"token": token}, headers=bearer(token))
    assert api.client.post(INTROSPECT, json={"token": token}, headers=api.admin).json()["active"] is True


def test_introspection_anonymous(with_defect):
    api = with_defect("introspection-anonymous")
    assert api.client.post(INTROSPECT, json={"token": api.user_token()}).status_code == 200


def test_revoke_ignored(with_defect):
    api = with_defect("revoke-ignored")
    token = api.user_token()
    assert api.client.post(REVOKE, json={"token": token}, headers=bearer(token)).status_code == 200
    assert api.me(token).status_code == 200


def test_token_response_cacheable(with_defect):
    api = with_defect("token-response-cacheable")
    assert "no-store" not in api.login(USER_USERNAME, USER_PASSWORD).headers.get("cache-control", "")


def test_requested_scope_ignored(with_defect):
    api = with_defect("requested-scope-ignored")
    assert set(api.tokens(USER_USERNAME, USER_PASSWORD, scope="read:profile")["scope"].split()) == {
        "read:profile", "write:profile"}


def test_refresh_widens_grant(with_defect):
    api = with_defect("refresh-widens-grant")
    refresh = api.tokens(USER_USERNAME, USER_PASSWORD, scope="read:profile")["refresh_token"]
    answer = api.client.post(REFRESH, json={"refresh_token": refresh}).json()
    assert "write:profile" in answer["scope"].split()


def test_disabled_user_can_login(with_defect):
    api = with_defect("disabled-user-can-login")
    user = api.create_user(is_active=False)
    assert api.login(user["username"], user["password"]).status_code == 200


def test_email_login_missing(with_defect):
    api = with_defect("email-login-missing")
    user = api.create_user()
    assert_error(api.login(user["email"], user["password"]), 401, "invalid_grant")


def test_expires_in_minutes(with_defect):
    api = with_defect("expires-in-minutes")
    answer = api.tokens(USER_USERNAME, USER_PASSWORD)
    claims = claims_of(answer["access_token"])
    assert answer["expires_in"] * 60 == claims["exp"] - claims["iat"]


def test_service_token_has_refresh_token(with_defect):
    api = with_defect("service-token-has-refresh-token")
    assert api.service_token_response().json()["refresh_token"]


# -- security ----------------------------------------------------------------------------------
def test_lockout_missing(with_defect):
    api = with_defect("lockout-missing", PERMISO_MAX_LOGIN_ATTEMPTS="2")
    user = api.create_user()
    _fail_logins(api, user["username"], 4)
    assert api.login(user["username"], user["password"]).status_code == 200


def test_lock_never_lifts(with_defect):
    api = with_defect("lock-never-lifts", PERMISO_MAX_LOGIN_ATTEMPTS="2", PERMISO_LOCKOUT_SECONDS="2")
    user = api.create_user()
    _fail_logins(api, user["username"], 2)
    response = api.login(user["username"], user["password"])
    assert_error(response, 423, "account_locked")
    assert int(response.headers["retry-after"]) > 100


def test_locked_right_password_401(with_defect):
    api = with_defect("locked-right-password-401", PERMISO_MAX_LOGIN_ATTEMPTS="2")
    user = api.create_user()
    _fail_logins(api, user["username"], 2)
    assert_error(api.login(user["username"], user["password"]), 401, "invalid_grant")


def test_lock_retry_after_missing(with_defect):
    api = with_defect("lock-retry-after-missing", PERMISO_MAX_LOGIN_ATTEMPTS="2")
    user = api.create_user()
    _fail_logins(api, user["username"], 2)
    response = api.login(user["username"], user["password"])
    assert_error(response, 423, "account_locked")
    assert "retry-after" not in response.headers


def test_wrong_password_lifts_lock(with_defect):
    api = with_defect("wrong-password-lifts-lock", PERMISO_MAX_LOGIN_ATTEMPTS="2")
    user = api.create_user()
    _fail_logins(api, user["username"], 3)
    assert api.login(user["username"], user["password"]).status_code == 200


def test_failure_count_not_reset(with_defect):
    api = with_defect("failure-count-not-reset", PERMISO_MAX_LOGIN_ATTEMPTS="3")
    user = api.create_user()
    _fail_logins(api, user["username"], 2)
    assert api.login(user["username"], user["password"]).status_code == 200
    _fail_logins(api, user["username"], 1)
    assert_error(api.login(user["username"], user["password"]), 423, "account_locked")


def test_unknown_user_distinguishable(with_defect):
    api = with_defect("unknown-user-distinguishable")
    unknown = assert_error(api.login(unique("nobody"), "Wrong!Pass1"), 401, "invalid_grant")
    wrong = assert_error(api.login(USER_USERNAME, "Wrong!Pass1"), 401, "invalid_grant")
    assert unknown != wrong


def test_unknown_client_distinguishable(with_defect):
    api = with_defect("unknown-client-distinguishable")
    unknown = api.service_token_response(client_id="no-such-client")
    assert "no-such-client" in unknown.json()["error_description"]


def test_scopes_from_request(with_defect):
    api = with_defect("scopes-from-request")
    assert "admin:users" in api.tokens(USER_USERNAME, USER_PASSWORD, scope="read:profile admin:users")["scope"].split()


def test_revoke_foreign_token(with_defect):
    api = with_defect("revoke-foreign-token")
    victim = api.token(ADMIN_USERNAME, ADMIN_PASSWORD)
    assert api.client.post(REVOKE, json={"token": victim}, headers=bearer(api.user_token())).status_code == 200
    assert api.me(victim).status_code == 401


# -- users -------------------------------------------------------------------------------------
def test_user_reads_another_user(with_defect):
    api = with_defect("user-reads-another-user")
    other = api.create_user()
    assert api.client.get(f"{USERS}{other['id']}", headers=bearer(api.user_token())).status_code == 200


def test_user_sets_own_privileges(with_defect):
    api = with_defect("user-sets-own-privileges")
    user, token = api.user_with_token()
    answer = api.client.put(f"{USERS}{user['id']}", json={"is_superuser": True}, headers=bearer(token))
    assert answer.status_code == 200
    assert answer.json()["is_superuser"] is True


def test_password_special_char_optional(with_defect):
    api = with_defect("password-special-char-optional")
    assert api.register(password="NoSpecial123").status_code == 201


def test_password_digit_optional(with_defect):
    api = with_defect("password-digit-optional")
    assert api.register(password="No-Digits-Here!").status_code == 201


def test_pagination_total_wrong(with_defect):
    api = with_defect("pagination-total-wrong")
    api.create_user()
    answer = api.client.get(USERS, params={"per_page": 1}, headers=api.admin).json()
    assert answer["total"] == 1


def test_user_search_ignored(with_defect):
    api = with_defect("user-search-ignored")
    answer = api.client.get(USERS, params={"search": "no-such-user-anywhere"}, headers=api.admin).json()
    assert answer["total"] > 0


def test_user_delete_soft(with_defect):
    api = with_defect("user-delete-soft")
    user = api.create_user()
    assert api.client.delete(f"{USERS}{user['id']}", headers=api.admin).status_code == 204
    assert api.client.get(f"{USERS}{user['id']}", headers=api.admin).status_code == 200


def test_password_change_keeps_tokens(with_defect):
    api = with_defect("password-change-keeps-tokens")
    user, token = api.user_with_token()
    body = {"current_password": user["password"], "new_password": "N3w!Password"}
    assert api.client.put(f"{USERS}{user['id']}/password", json=body, headers=bearer(token)).status_code == 200
    assert api.me(token).status_code == 200


def test_wrong_current_password_accepted(with_defect):
    api = with_defect("wrong-current-password-accepted")
    user, token = api.user_with_token()
    body = {"current_password": "Not-The-Right1!", "new_password": "N3w!Password"}
    assert api.client.put(f"{USERS}{user['id']}/password", json=body, headers=bearer(token)).status_code == 200


def test_reset_token_reusable(with_defect):
    api = with_defect("reset-token-reusable")
    user = api.create_user()
    token = api.client.post(f"{USERS}password-reset/request", json={"email": user["email"]}).headers["x-test-token"]
    for password in ("N3w!Password", "N3w!Password2"):
        body = {"token": token, "new_password": password}
        assert api.client.post(f"{USERS}password-reset/confirm", json=body).status_code == 200


def test_reset_request_reveals_accounts(with_defect):
    api = with_defect("reset-request-reveals-accounts")
    answer = api.client.post(f"{USERS}password-reset/request", json={"email": "nobody@example.com"})
    assert answer.status_code == 404


def test_user_stats_frozen(with_defect):
    api = with_defect("user-stats-frozen")
    before = api.client.get(f"{USERS}stats/overview", headers=api.admin).json()["total_users"]
    api.create_user()
    assert api.client.get(f"{USERS}stats/overview", headers=api.admin).json()["total_users"] == before


def test_unknown_role_ignored(with_defect):
    api = with_defect("unknown-role-ignored")
    body = {"username": unique("u"), "email": f"{unique('u')}@example.com", "password": STRONG_PASSWORD,
            "role_ids": ["00000000-0000-4000-8000-000000000000"]}
    assert api.client.post(USERS, json=body, headers=api.admin).status_code == 201


# -- roles and scopes --------------------------------------------------------------------------
def test_permissions_check_bulk_removed(with_defect):
    api = with_defect("permissions-check-bulk-removed")
    body = {"user_id": api.user_id(api.user_token()), "permissions": [{"resource": "profile", "action": "read"}]}
    assert api.client.post(f"{ROLES}permissions/check-bulk", json=body, headers=api.admin).status_code in (404, 405)
    assert "/api/v1/roles/permissions/check-bulk" not in api.client.get("/openapi.json").json()["paths"]


def test_role_scopes_appended(with_defect):
    api = with_defect("role-scopes-appended")
    first, second = api.create_scope(), api.create_scope()
    role = api.create_role([first["id"]])
    answer = api.client.put(f"{ROLES}{role['id']}/scopes", json={"scope_ids": [second["id"]]}, headers=api.admin)
    assert {s["id"] for s in answer.json()["scopes"]} == {first["id"], second["id"]}


def test_unknown_scope_ignored(with_defect):
    api = with_defect("unknown-scope-ignored")
    role = api.create_role()
    body = {"scope_ids": ["00000000-0000-4000-8000-000000000000"]}
    assert api.client.put(f"{ROLES}{role['id']}/scopes", json=body, headers=api.admin).status_code == 200


def test_role_user_count_zero(with_defect):
    api = with_defect("role-user-count-zero")
    role_id = api.role_id("user")
    assert api.client.get(f"{ROLES}{role_id}", headers=api.admin).json()["user_count"] == 0


def test_scope_role_count_zero(with_defect):
    api = with_defect("scope-role-count-zero")
    scope_id = api.scope_ids("read:profile")[0]
    assert api.client.get(f"{SCOPES}{scope_id}", headers=api.admin).json()["role_count"] == 0


def test_scope_resource_filter_ignored(with_defect):
    api = with_defect("scope-resource-filter-ignored")
    answer = api.client.get(SCOPES, params={"resource": "no-such-resource"}, headers=api.admin).json()
    assert answer["total"] > 0


def test_user_roles_appended(with_defect):
    api = with_defect("user-roles-appended")
    first, second = api.create_role(), api.create_role()
    user = api.create_user(role_ids=[first["id"]])
    answer = api.client.put(f"{USERS}{user['id']}/roles", json={"role_ids": [second["id"]]}, headers=api.admin)
    assert {r["id"] for r in answer.json()["roles"]} == {first["id"], second["id"]}


def _check(api: Api, user_id: str, resource: str, action: str):
    body = {"user_id": user_id, "resource": resource, "action": action}
    return api.client.post(f"{ROLES}permissions/check", json=body, headers=api.admin)


def test_admin_scope_not_implied(with_defect):
    api = with_defect("admin-scope-not-implied")
    scope = api.scope_ids("admin:users")
    user = api.create_user(role_ids=[api.create_role(scope)["id"]])
    assert _check(api, user["id"], "users", "read").json()["allowed"] is False


def test_permission_check_without_scope(with_defect):
    api = with_defect("permission-check-without-scope")
    token = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope="admin:users")
    body = {"user_id": api.user_id(token), "resource": "users", "action": "read"}
    assert api.client.post(f"{ROLES}permissions/check", json=body, headers=bearer(token)).status_code == 200


# -- service clients ---------------------------------------------------------------------------
def test_client_secret_in_get(with_defect):
    api = with_defect("client-secret-in-get")
    assert "client_secret" in api.client.get(f"{CLIENTS}{CLIENT_ID}", headers=api.admin).json()


def _rotate(api: Api, current: str):
    return api.client.post(f"{CLIENTS}{CLIENT_ID}/rotate-secret", json={"current_secret": current}, headers=api.admin)


def test_old_secret_works_after_rotation(with_defect):
    api = with_defect("old-secret-works-after-rotation")
    assert _rotate(api, CLIENT_SECRET).status_code == 200
    assert api.service_token_response().status_code == 200


def test_rotation_without_current_secret(with_defect):
    api = with_defect("rotation-without-current-secret")
    assert _rotate(api, "not-the-secret").status_code == 200


def test_disabled_client_gets_tokens(with_defect):
    api = with_defect("disabled-client-gets-tokens")
    api.client.put(f"{CLIENTS}{CLIENT_ID}", json={"is_active": False}, headers=api.admin)
    assert api.service_token_response().status_code == 200


def test_client_token_lifetime_ignored(with_defect):
    api = with_defect("client-token-lifetime-ignored")
    created = api.create_service_client(access_token_lifetime=300, client_secret="a-secret-of-enough-length-1")
    answer = api.service_token_response(created["client"]["client_id"], "a-secret-of-enough-length-1")
    assert answer.json()["expires_in"] == 3600


def test_client_scope_not_narrowed(with_defect):
    api = with_defect("client-scope-not-narrowed")
    held = api.service_token_response().json()["scope"].split()
    assert len(held) > 1
    assert api.service_token_response(scope=held[0]).json()["scope"].split() == held


def test_client_search_ignored(with_defect):
    api = with_defect("client-search-ignored")
    assert api.client.get(CLIENTS, params={"search": "no-such-client"}, headers=api.admin).json()["total"] > 0


def test_client_can_authenticate_always(with_defect):
    api = with_defect("client-can-authenticate-always")
    answer = api.client.put(f"{CLIENTS}{CLIENT_ID}", json={"is_active": False}, headers=api.admin)
    assert answer.json()["can_authenticate"] is True


# -- sessions ----------------------------------------------------------------------------------
def test_session_foreign_deletable(with_defect):
    api = with_defect("session-foreign-deletable")
    session_id = api.tokens(ADMIN_USERNAME, ADMIN_PASSWORD)["session_id"]
    assert api.client.delete(f"{SESSIONS}{session_id}", headers=bearer(api.user_token())).status_code == 200


def test_sessions_list_all_users(with_defect):
    api = with_defect("sessions-list-all-users")
    api.token(ADMIN_USERNAME, ADMIN_PASSWORD)
    sessions = api.client.get(SESSIONS, headers=bearer(api.user_token())).json()["sessions"]
    assert {s["username"] for s in sessions} >= {ADMIN_USERNAME, USER_USERNAME}


def test_end_session_ends_all(with_defect):
    api = with_defect("end-session-ends-all")
    keep = api.user_token()
    ended = api.tokens(USER_USERNAME, USER_PASSWORD)
    assert api.client.delete(f"{SESSIONS}{ended['session_id']}", headers=bearer(ended["access_token"])).status_code == 200
    assert api.me(keep).status_code == 401


def test_renew_ended_session(with_defect):
    api = with_defect("renew-ended-session")
    keep, ended = api.user_token(), api.tokens(USER_USERNAME, USER_PASSWORD)
    api.client.delete(f"{SESSIONS}{ended['session_id']}", headers=bearer(ended["access_token"]))
    assert api.client.post(f"{SESSIONS}{ended['session_id']}/renew", headers=bearer(keep)).status_code == 200


def test_session_renew_no_extension(with_defect):
    api = with_defect("session-renew-no-extension")
    answer = api.tokens(USER_USERNAME, USER_PASSWORD)
    before = api.client.get(SESSIONS, headers=bearer(answer["access_token"])).json()["sessions"][0]["expires_at"]
    renewed = api.client.post(f"{SESSIONS}{answer['session_id']}/renew", headers=bearer(answer["access_token"]))
    assert renewed.json()["expires_at"] == before


def test_session_stats_without_scope(with_defect):
    api = with_defect("session-stats-without-scope")
    assert api.client.get(f"{SESSIONS}stats", headers=bearer(api.user_token())).status_code == 200


def test_cleanup_ends_live_sessions(with_defect):
    api = with_defect("cleanup-ends-live-sessions")
    token = api.user_token()
    assert api.client.post(f"{SESSIONS}cleanup", headers=api.admin).status_code == 200
    assert api.me(token).status_code == 401


def test_session_ip_not_recorded(with_defect):
    api = with_defect("session-ip-not-recorded")
    token = api.user_token()
    assert api.client.get(SESSIONS, headers=bearer(token)).json()["sessions"][0]["ip_address"] is None


# -- admin -------------------------------------------------------------------------------------
DASHBOARD = "/api/v1/admin/dashboard/stats"


def test_dashboard_counts_frozen(with_defect):
    api = with_defect("dashboard-counts-frozen")
    before = api.client.get(DASHBOARD, headers=api.admin).json()["users"]["total"]
    api.create_user()
    assert api.client.get(DASHBOARD, headers=api.admin).json()["users"]["total"] == before


def test_dashboard_failed_logins_not_counted(with_defect):
    api = with_defect("dashboard-failed-logins-not-counted")
    api.login(USER_USERNAME, "Wrong!Pass1")
    assert api.client.get(DASHBOARD, headers=api.admin).json()["authentication"]["failed_logins_today"] == 0


def test_admin_events_without_scope(with_defect):
    api = with_defect("admin-events-without-scope")
    token = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope="admin:users")
    assert api.client.get("/api/v1/admin/security/events", headers=bearer(token)).status_code == 200


def test_failed_login_not_recorded(with_defect):
    api = with_defect("failed-login-not-recorded")
    api.login(USER_USERNAME, "Wrong!Pass1")
    events = api.client.get("/api/v1/admin/security/events", params={"event_type": "login_failed"}, headers=api.admin)
    assert events.json()["total"] == 0


def test_role_change_not_audited(with_defect):
    api = with_defect("role-change-not-audited")
    user = api.create_user()
    api.client.put(f"{USERS}{user['id']}/roles", json={"role_ids": [api.role_id("user")]}, headers=api.admin)
    audit = api.client.get("/api/v1/admin/audit/activity", params={"action": "user.roles"}, headers=api.admin)
    assert audit.json()["total"] == 0


def test_maintenance_ends_live_sessions(with_defect):
    api = with_defect("maintenance-ends-live-sessions")
    token = api.user_token()
    assert api.client.post("/api/v1/admin/maintenance/cleanup", headers=api.admin).status_code == 200
    assert api.me(token).status_code == 401


def test_error_log_paging_ignored(with_defect):
    api = with_defect("error-log-paging-ignored")
    logs = api.client.get("/api/v1/admin/logs/errors", params={"per_page": 1}, headers=api.admin).json()
    assert logs["per_page"] == 50


def test_usage_new_users_zero(with_defect):
    api = with_defect("usage-new-users-zero")
    api.create_user()
    report = api.client.get("/api/v1/admin/reports/usage", headers=api.admin).json()
    assert report["user_activity"]["new_users"] == 0


def test_admin_route_open_to_users(with_defect):
    api = with_defect("admin-route-open-to-users")
    assert api.client.get(DASHBOARD, headers=bearer(api.user_token())).status_code == 200


# -- security: tokens and access control (suites/08_security) ---------------------------------
def _without(api: Api, *names: str) -> str:
    """The normal user's access token without the named claims, validly signed again."""
    return forge({k: v for k, v in _valid_claims(api).items() if k not in names})


def test_untyped_token_accepted(with_defect):
    api = with_defect("untyped-token-accepted")
    assert api.client.get(SESSIONS, headers=bearer(_without(api, "type"))).status_code == 200


def test_claim_sub_not_required(with_defect):
    api = with_defect("claim-sub-not-required")
    answer = api.me(_without(api, "sub"))
    assert answer.status_code == 200 and answer.json()["username"] == USER_USERNAME


def test_claim_iat_not_required(with_defect):
    api = with_defect("claim-iat-not-required")
    assert api.me(_without(api, "iat")).status_code == 200


def test_claim_jti_not_required(with_defect):
    api = with_defect("claim-jti-not-required")
    assert api.me(_without(api, "jti")).status_code == 200


def test_refresh_token_as_logout_caller(with_defect):
    api = with_defect("refresh-token-as-logout-caller")
    login = api.tokens(USER_USERNAME, USER_PASSWORD)
    assert api.client.post(LOGOUT, headers=bearer(login["refresh_token"])).status_code == 200
    assert api.me(login["access_token"]).status_code == 401


def test_service_token_as_user(with_defect):
    api = with_defect("service-token-as-user")
    assert api.client.get(SESSIONS, headers=bearer(api.service_token())).status_code == 500


def test_refresh_error_400(with_defect):
    api = with_defect("refresh-error-400")
    assert_error(api.client.post(REFRESH, json={"refresh_token": api.user_token()}), 400, "invalid_grant")


def test_deactivated_user_tokens_work(with_defect):
    api = with_defect("deactivated-user-tokens-work")
    user, token = api.user_with_token()
    assert api.client.put(f"{USERS}{user['id']}", json={"is_active": False}, headers=api.admin).status_code == 200
    assert api.me(token).status_code == 200


def test_privilege_fields_in_put_me(with_defect):
    api = with_defect("privilege-fields-in-put-me")
    _user, token = api.user_with_token()
    answer = api.client.put(ME, json={"display_name": "x", "is_superuser": True}, headers=bearer(token))
    assert answer.status_code == 200 and answer.json()["is_superuser"] is True


def test_scopes_from_query(with_defect):
    api = with_defect("scopes-from-query")
    events = api.client.get("/api/v1/admin/security/events", params={"scopes": "admin:security"},
                            headers=bearer(api.user_token()))
    assert events.status_code == 200


def test_end_all_sessions_ends_everyone(with_defect):
    api = with_defect("end-all-sessions-ends-everyone")
    other = api.user_token()
    _user, token = api.user_with_token()
    assert api.client.delete(SESSIONS, headers=bearer(token)).status_code == 200
    assert api.me(other).status_code == 401


def test_logout_ends_all_sessions(with_defect):
    api = with_defect("logout-ends-all-sessions")
    other = api.user_token()
    _user, token = api.user_with_token()
    assert api.client.post(LOGOUT, headers=bearer(token)).status_code == 200
    assert api.me(other).status_code == 401


def test_missing_token_403(with_defect):
    assert with_defect("missing-token-403").client.get(ME).status_code == 403


# -- security: brute force and rate limits ------------------------------------------------------
def test_failed_login_rate_limit_missing(with_defect):
    api = with_defect("failed-login-rate-limit-missing", PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE="2")
    statuses = {api.login(unique("nobody"), "Wrong!Pass1").status_code for _ in range(4)}
    assert statuses == {401}


def test_registration_rate_limit_missing(with_defect):
    api = with_defect("registration-rate-limit-missing", PERMISO_REGISTRATION_LIMIT_PER_HOUR="1")
    assert [api.register().status_code for _ in range(3)] == [201, 201, 201]


def test_retry_after_missing(with_defect):
    api = with_defect("retry-after-missing", PERMISO_REGISTRATION_LIMIT_PER_HOUR="1")
    api.register()
    refused = api.register()
    assert refused.status_code == 429 and "retry-after" not in refused.headers


def test_failed_login_delay_reveals_accounts(with_defect):
    api = with_defect("failed-login-delay-reveals-accounts")

    def fastest(username: str) -> float:
        """The quickest of three refusals: a busy machine only ever adds time."""
        times = []
        for _ in range(3):
            start = time.perf_counter()
            api.login(username, "Wrong!Pass1")
            times.append(time.perf_counter() - start)
        return min(times)

    api.login(unique("warm-up"), "Wrong!Pass1")
    assert fastest(USER_USERNAME) - fastest(unique("nobody")) >= 0.2


def test_client_secret_error_400(with_defect):
    api = with_defect("client-secret-error-400")
    assert_error(api.service_token_response(secret="wrong-secret-0123456789"), 400, "invalid_client")


# -- security: hostile input ----------------------------------------------------------------------
def test_lookalike_username_login(with_defect):
    api = with_defect("lookalike-username-login")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in ADMIN_USERNAME)
    assert api.login(full_width, ADMIN_PASSWORD).status_code == 200
    assert api.login(ADMIN_USERNAME.upper().replace("I", "\u0130"), ADMIN_PASSWORD).status_code == 200


def test_login_sql_injection(with_defect):
    api = with_defect("login-sql-injection")
    assert api.login(f"{ADMIN_USERNAME}'--", ADMIN_PASSWORD).status_code == 200


def test_login_refusal_echoes_html(with_defect):
    answer = with_defect("login-refusal-echoes-html").login("<b>x</b>", "Wrong!Pass1")
    assert answer.status_code == 401 and "text/html" in answer.headers["content-type"] and "<b>x</b>" in answer.text


def test_user_search_echoes_html(with_defect):
    api = with_defect("user-search-echoes-html")
    answer = api.client.get(USERS, params={"search": "<i>nobody</i>"}, headers=api.admin)
    assert answer.status_code == 404 and "<i>nobody</i>" in answer.text


def test_profile_bio_sql_injection(with_defect):
    api = with_defect("profile-bio-sql-injection")
    _user, token = api.user_with_token()
    assert api.client.put(ME, json={"bio": "it's"}, headers=bearer(token)).status_code >= 500


def test_password_hash_in_user_response(with_defect):
    api = with_defect("password-hash-in-user-response")
    assert api.me(api.user_token()).json()["password_hash"].startswith("$argon2")


def test_traceback_on_malformed_json(with_defect):
    answer = with_defect("traceback-on-malformed-json").client.post(
        REFRESH, content=b'{"refresh_token": ', headers={"Content-Type": "application/json"})
    assert answer.status_code == 500 and "Traceback (most recent call last)" in answer.text


def test_nested_json_crashes(with_defect):
    answer = with_defect("nested-json-crashes").client.post(
        REFRESH, content=b"[" * 10000 + b"]" * 10000, headers={"Content-Type": "application/json"})
    assert_error(answer, 500, "internal_error")


def test_validation_error_default_shape(with_defect):
    answer = with_defect("validation-error-default-shape").client.post(REFRESH, json={})
    assert answer.status_code == 422 and set(answer.json()) == {"detail"}


def test_sql_text_in_error(with_defect):
    api = with_defect("sql-text-in-error")
    answer = api.client.get(f"{USERS}00000000-0000-4000-8000-000000000000", headers=api.admin)
    assert answer.status_code == 404 and "SELECT * FROM users" in answer.text


def test_reset_token_garbage_crashes(with_defect):
    answer = with_defect("reset-token-garbage-crashes").client.post(
        "/api/v1/users/password-reset/confirm", json={"token": "not-a-reset-token", "new_password": STRONG_PASSWORD})
    assert_error(answer, 500, "internal_error")


# -- security: headers, methods, CORS and hosts -------------------------------------------------------
def test_security_headers_missing_on_errors(with_defect):
    client = with_defect("security-headers-missing-on-errors").client
    assert "x-frame-options" in client.get("/health").headers
    assert "x-frame-options" not in client.get(ME).headers


def test_referrer_policy_missing(with_defect):
    assert "referrer-policy" not in with_defect("referrer-policy-missing").client.get("/health").headers


def test_server_version_header(with_defect):
    assert with_defect("server-version-header").client.get("/health").headers["server"].startswith("permiso/")


def test_trace_method_allowed(with_defect):
    answer = with_defect("trace-method-allowed").client.request("TRACE", "/health", headers={"X-Probe": "p-123"})
    assert answer.status_code == 200 and "p-123" in answer.text


def test_method_not_allowed_404(with_defect):
    assert_error(with_defect("method-not-allowed-404").client.delete(TOKEN), 404, "not_found")


def test_route_errors_default_shape(with_defect):
    answer = with_defect("route-errors-default-shape").client.get("/api/v1/auth/no-such-route")
    assert answer.status_code == 404 and set(answer.json()) == {"detail"}


def test_cors_reflects_any_origin(with_defect):
    answer = with_defect("cors-reflects-any-origin").client.get("/health", headers={"Origin": "https://evil.example"})
    assert answer.headers["access-control-allow-origin"] == "https://evil.example"


def test_cors_wildcard_with_credentials(with_defect):
    answer = with_defect("cors-wildcard-with-credentials").client.get(
        "/health", headers={"Origin": "https://evil.example"})
    assert answer.headers["access-control-allow-origin"] == "*"
    assert answer.headers["access-control-allow-credentials"] == "true"


def test_foreign_host_accepted(with_defect):
    assert with_defect("foreign-host-accepted").client.get("/health", headers={"Host": "evil.example"}).status_code == 200
