"""§8.1 failed-login lockout."""

from __future__ import annotations

import time

import pytest

from .conftest import assert_error


def _fail(api, username: str, times: int) -> None:
    for _ in range(times):
        assert_error(api.login(username, "Wrong!Pass1"), 401, "invalid_grant")


def test_lockout_after_max_attempts(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="3")
    user = api.create_user()
    _fail(api, user["username"], 3)
    for password in (user["password"], "Wrong!Pass1"):
        response = api.login(user["username"], password)
        assert_error(response, 423, "account_locked")
        assert int(response.headers["retry-after"]) > 0
    # by e-mail too
    assert_error(api.login(user["email"], user["password"]), 423, "account_locked")


def test_locked_users_show_in_stats(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="2")
    before = api.client.get("/api/v1/users/stats/overview", headers=api.admin).json()["locked_users"]
    user = api.create_user()
    _fail(api, user["username"], 2)
    after = api.client.get("/api/v1/users/stats/overview", headers=api.admin).json()["locked_users"]
    assert after == before + 1


@pytest.mark.slow
def test_lockout_lifts_by_itself(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="2", PERMISO_LOCKOUT_SECONDS="2")
    user = api.create_user()
    _fail(api, user["username"], 2)
    response = api.login(user["username"], user["password"])
    assert_error(response, 423, "account_locked")
    assert 0 < int(response.headers["retry-after"]) <= 2
    time.sleep(2.2)
    assert api.login(user["username"], user["password"]).status_code == 200


def test_success_resets_counter(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="3")
    user = api.create_user()
    _fail(api, user["username"], 2)
    assert api.login(user["username"], user["password"]).status_code == 200
    _fail(api, user["username"], 2)
    assert api.login(user["username"], user["password"]).status_code == 200


def test_unknown_users_never_locked(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="2")
    for _ in range(5):
        assert_error(api.login("ghost_user_x", "Wrong!Pass1"), 401, "invalid_grant")


def test_lockout_is_per_account(make_api):
    api = make_api(PERMISO_MAX_LOGIN_ATTEMPTS="2")
    victim = api.create_user()
    other = api.create_user()
    _fail(api, victim["username"], 2)
    assert api.login(other["username"], other["password"]).status_code == 200
