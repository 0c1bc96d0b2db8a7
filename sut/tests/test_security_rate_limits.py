"""§8.2 per-IP rate limits; client IP from a trusted proxy's X-Forwarded-For only."""

from __future__ import annotations

from .conftest import USER_USERNAME, assert_error


def _register(api, forwarded_for: str | None = None):
    return api.register(headers={"X-Forwarded-For": forwarded_for} if forwarded_for else None)


def test_registration_limit(make_api):
    api = make_api(PERMISO_REGISTRATION_LIMIT_PER_HOUR="2")
    assert _register(api).status_code == 201
    assert _register(api).status_code == 201
    response = _register(api)
    assert_error(response, 429, "rate_limit_exceeded")
    assert int(response.headers["retry-after"]) > 0


def test_failed_login_limit(make_api):
    api = make_api(PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE="3", PERMISO_MAX_LOGIN_ATTEMPTS="100")
    for _ in range(3):
        assert_error(api.login(USER_USERNAME, "Wrong!Pass1"), 401)
    response = api.login("someone_else", "Wrong!Pass1")
    assert_error(response, 429, "rate_limit_exceeded")
    assert int(response.headers["retry-after"]) > 0


def test_untrusted_peer_x_forwarded_for_is_ignored(make_api):
    api = make_api(client_ip="203.0.113.9", PERMISO_REGISTRATION_LIMIT_PER_HOUR="1")
    assert _register(api, "198.51.100.1").status_code == 201
    # a different forged X-Forwarded-For does not buy a fresh budget
    assert_error(_register(api, "198.51.100.2"), 429, "rate_limit_exceeded")


def test_trusted_proxy_x_forwarded_for_is_used(make_api):
    api = make_api(client_ip="10.0.0.5", PERMISO_TRUSTED_PROXIES="10.0.0.5", PERMISO_REGISTRATION_LIMIT_PER_HOUR="1")
    assert _register(api, "198.51.100.1").status_code == 201
    assert _register(api, "198.51.100.2").status_code == 201
    assert_error(_register(api, "198.51.100.1"), 429, "rate_limit_exceeded")
    # the entry added by the proxy is the last one; earlier ones are client-supplied
    assert_error(_register(api, "198.51.100.3, 198.51.100.1"), 429, "rate_limit_exceeded")


def test_trusted_proxy_cidr(make_api):
    api = make_api(client_ip="10.1.2.3", PERMISO_TRUSTED_PROXIES="10.0.0.0/8", PERMISO_REGISTRATION_LIMIT_PER_HOUR="1")
    assert _register(api, "198.51.100.7").status_code == 201
    assert _register(api, "198.51.100.8").status_code == 201


def test_session_records_client_ip(make_api):
    api = make_api(client_ip="10.0.0.5", PERMISO_TRUSTED_PROXIES="10.0.0.5")
    response = api.login(USER_USERNAME, "UserPass123!", headers={"X-Forwarded-For": "198.51.100.44"})
    token = response.json()["access_token"]
    sessions = api.client.get("/api/v1/sessions/", headers={"Authorization": f"Bearer {token}"}).json()["sessions"]
    assert "198.51.100.44" in [s["ip_address"] for s in sessions]


def test_rate_limit_is_per_ip(make_api):
    api = make_api(client_ip="10.0.0.5", PERMISO_TRUSTED_PROXIES="10.0.0.5", PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE="2",
                   PERMISO_MAX_LOGIN_ATTEMPTS="100")
    for _ in range(2):
        api.login(USER_USERNAME, "Wrong!Pass1", headers={"X-Forwarded-For": "198.51.100.1"})
    assert_error(api.login(USER_USERNAME, "Wrong!Pass1", headers={"X-Forwarded-For": "198.51.100.1"}), 429)
    ok = api.login(USER_USERNAME, "UserPass123!", headers={"X-Forwarded-For": "198.51.100.2"})
    assert ok.status_code == 200


def test_session_ignores_untrusted_x_forwarded_for(make_api):
    api = make_api(client_ip="203.0.113.9")
    response = api.login(USER_USERNAME, "UserPass123!", headers={"X-Forwarded-For": "198.51.100.44"})
    token = response.json()["access_token"]
    sessions = api.client.get("/api/v1/sessions/", headers={"Authorization": f"Bearer {token}"}).json()["sessions"]
    ips = {s["ip_address"] for s in sessions}
    assert "203.0.113.9" in ips and "198.51.100.44" not in ips


def test_each_address_behind_a_trusted_proxy_has_limits_of_its_own(make_api):
    """What the suite's test profile relies on: through a trusted proxy every X-Forwarded-For
    address spends from its own registration and failed-login budgets."""
    api = make_api(client_ip="10.0.0.5", PERMISO_TRUSTED_PROXIES="10.0.0.5", PERMISO_MAX_LOGIN_ATTEMPTS="1000",
                   PERMISO_REGISTRATION_LIMIT_PER_HOUR="3", PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE="20")
    for _ in range(3):
        assert _register(api, "198.18.7.1").status_code == 201
    assert_error(_register(api, "198.18.7.1"), 429, "rate_limit_exceeded")
    assert _register(api, "198.18.7.2").status_code == 201  # another address: a budget of its own
    headers = {"X-Forwarded-For": "198.19.0.9"}
    for _ in range(20):
        assert_error(api.login(USER_USERNAME, "Wrong!Pass1", headers=headers), 401)
    response = api.login(USER_USERNAME, "Wrong!Pass1", headers=headers)
    assert_error(response, 429, "rate_limit_exceeded")
    assert int(response.headers["retry-after"]) > 0
    assert api.login(USER_USERNAME, "UserPass123!", headers={"X-Forwarded-For": "198.19.0.10"}).status_code == 200
