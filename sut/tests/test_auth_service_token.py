"""§4 POST /api/v1/auth/service-token (client credentials)."""

from __future__ import annotations

from .conftest import CLIENT_ID, CLIENT_SECRET, assert_error, bearer, claims_of


def test_service_token_success(api):
    response = api.service_token_response()
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["refresh_token"] is None and body["session_id"] is None
    assert set(body["scope"].split()) == {"service:api", "read:profile"}
    assert body["expires_in"] == 3600
    assert "no-store" in response.headers.get("cache-control", "")


def test_wrong_secret_and_unknown_client_are_identical(api):
    wrong = api.service_token_response(secret="wrong-secret-000000000")
    unknown = api.service_token_response(client_id="no-such-client-xyz", secret="wrong-secret-000000000")
    assert_error(wrong, 401, "invalid_client")
    assert_error(unknown, 401, "invalid_client")
    assert wrong.json() == unknown.json()
    assert CLIENT_ID not in wrong.text and "no-such-client-xyz" not in unknown.text


def test_disabled_client(api):
    created = api.create_service_client(is_active=False)
    response = api.service_token_response(created["client"]["client_id"], created["client_secret"])
    assert_error(response, 403, "client_disabled")


def test_invalid_scope(api):
    assert_error(api.service_token_response(scope="admin:users"), 400, "invalid_scope")


def test_partial_scope_overlap_grants_overlap(api):
    body = api.service_token_response(scope="read:profile admin:users").json()
    assert body["scope"].split() == ["read:profile"]
    assert claims_of(body["access_token"])["scopes"] == ["read:profile"]


def test_missing_fields(api):
    response = api.client.post("/api/v1/auth/service-token", data={"client_id": CLIENT_ID})
    assert_error(response, 422, "validation_error")


def test_custom_lifetime(api):
    created = api.create_service_client(access_token_lifetime=600)
    body = api.service_token_response(created["client"]["client_id"], created["client_secret"]).json()
    assert body["expires_in"] == 600
    claims = claims_of(body["access_token"])
    assert claims["exp"] - claims["iat"] == 600


def test_service_token_can_call_introspect(api):
    token = api.service_token()
    response = api.client.post("/api/v1/auth/introspect", json={"token": token}, headers=bearer(token))
    assert response.status_code == 200
    assert response.json()["active"] is True
    assert response.json()["client_id"] == CLIENT_ID


def test_secret_is_never_echoed(api):
    assert CLIENT_SECRET not in api.service_token_response().text
