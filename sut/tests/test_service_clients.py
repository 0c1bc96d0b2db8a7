"""§9 /api/v1/service-clients (admin)."""

from __future__ import annotations

import pytest

from .conftest import CLIENT_ID, CLIENT_SECRET, assert_error, bearer, unique

CLIENTS = "/api/v1/service-clients/"
CLIENT_FIELDS = {
    "id", "client_id", "name", "description", "client_type", "is_active", "is_trusted", "contact_email",
    "website_url", "access_token_lifetime", "refresh_token_lifetime", "rate_limit_per_minute",
    "rate_limit_per_hour", "allowed_ips", "webhook_url", "last_used", "total_requests", "created_at",
    "updated_at", "scopes", "can_authenticate", "supports_refresh_tokens",
}


def _no_secret(text: str, secret: str = CLIENT_SECRET) -> None:
    assert secret not in text
    assert "secret_hash" not in text and "argon2" not in text


def test_list_clients(api):
    response = api.client.get(CLIENTS, headers=api.admin)
    assert response.status_code == 200
    body = response.json()
    assert {"clients", "total", "page", "per_page", "pages"} <= body.keys()
    seeded = next(c for c in body["clients"] if c["client_id"] == CLIENT_ID)
    assert CLIENT_FIELDS <= seeded.keys()
    assert {s["name"] for s in seeded["scopes"]} == {"service:api", "read:profile"}
    _no_secret(response.text)


def test_list_filters(api):
    created = api.create_service_client(is_trusted=True, is_active=False)
    name = created["client"]["name"]
    body = api.client.get(CLIENTS, params={"search": name}, headers=api.admin).json()
    assert [c["client_id"] for c in body["clients"]] == [created["client"]["client_id"]]
    body = api.client.get(CLIENTS, params={"is_trusted": "true", "is_active": "false"}, headers=api.admin).json()
    assert created["client"]["client_id"] in [c["client_id"] for c in body["clients"]]
    assert CLIENT_ID not in [c["client_id"] for c in body["clients"]]
    scope_id = api.scope_ids("service:api")[0]
    body = api.client.get(CLIENTS, params={"scope_id": scope_id}, headers=api.admin).json()
    assert CLIENT_ID in [c["client_id"] for c in body["clients"]]
    body = api.client.get(CLIENTS, params={"client_type": "public"}, headers=api.admin).json()
    assert CLIENT_ID not in [c["client_id"] for c in body["clients"]]


def test_create_client_and_use_secret(api):
    scope_ids = api.scope_ids("read:profile")
    created = api.create_service_client(scope_ids=scope_ids, description="d", access_token_lifetime=900)
    client, secret = created["client"], created["client_secret"]
    assert CLIENT_FIELDS <= client.keys()
    assert secret and client["client_type"] == "confidential" and client["is_active"] is True
    assert client["access_token_lifetime"] == 900
    body = api.service_token_response(client["client_id"], secret).json()
    assert body["scope"].split() == ["read:profile"]
    got = api.client.get(f"{CLIENTS}{client['client_id']}", headers=api.admin)
    assert got.status_code == 200
    _no_secret(got.text, secret)


def test_create_with_given_secret_and_generated_id(api):
    response = api.client.post(
        CLIENTS, json={"name": unique("svc"), "client_secret": "given-secret-0123456789"}, headers=api.admin
    )
    assert response.status_code == 201, response.text
    client_id = response.json()["client"]["client_id"]
    assert client_id
    assert api.service_token_response(client_id, "given-secret-0123456789").status_code in (200, 400)


def test_create_errors(api):
    assert_error(api.client.post(CLIENTS, json={"name": "dup", "client_id": CLIENT_ID}, headers=api.admin), 409, "conflict")
    assert_error(api.client.post(CLIENTS, json={}, headers=api.admin), 422, "validation_error")
    for lifetime in (299, 86401):
        assert_error(
            api.client.post(CLIENTS, json={"name": unique(), "access_token_lifetime": lifetime}, headers=api.admin), 422
        )
    assert_error(api.client.post(CLIENTS, json={"name": unique(), "client_type": "weird"}, headers=api.admin), 422)


def test_update_client(api):
    created = api.create_service_client()
    path = f"{CLIENTS}{created['client']['client_id']}"
    response = api.client.put(path, json={"description": "new", "is_trusted": True, "rate_limit_per_minute": 7}, headers=api.admin)
    assert response.status_code == 200, response.text
    assert response.json()["description"] == "new" and response.json()["is_trusted"] is True
    assert response.json()["rate_limit_per_minute"] == 7


def test_deactivated_client_cannot_get_tokens(api):
    created = api.create_service_client()
    client_id, secret = created["client"]["client_id"], created["client_secret"]
    assert api.service_token_response(client_id, secret).status_code == 200
    api.client.put(f"{CLIENTS}{client_id}", json={"is_active": False}, headers=api.admin)
    assert_error(api.service_token_response(client_id, secret), 403, "client_disabled")


def test_delete_client(api):
    created = api.create_service_client()
    client_id, secret = created["client"]["client_id"], created["client_secret"]
    assert api.client.delete(f"{CLIENTS}{client_id}", headers=api.admin).status_code == 204
    assert_error(api.service_token_response(client_id, secret), 401, "invalid_client")
    assert_error(api.client.get(f"{CLIENTS}{client_id}", headers=api.admin), 404)


@pytest.mark.parametrize(
    "method,suffix", [("get", ""), ("put", ""), ("delete", ""), ("post", "/rotate-secret"), ("put", "/scopes"),
                      ("get", "/permissions"), ("get", "/rate-limit")],
)
def test_unknown_client_404(api, method, suffix):
    kwargs = {"json": {"current_secret": "x", "scope_ids": [], "description": "d"}} if method in ("put", "post") else {}
    assert_error(getattr(api.client, method)(f"{CLIENTS}no-such-client{suffix}", headers=api.admin, **kwargs), 404)


def test_rotate_secret(api):
    created = api.create_service_client()
    client_id, old = created["client"]["client_id"], created["client_secret"]
    wrong = api.client.post(f"{CLIENTS}{client_id}/rotate-secret", json={"current_secret": "nope"}, headers=api.admin)
    assert_error(wrong, 400)
    response = api.client.post(f"{CLIENTS}{client_id}/rotate-secret", json={"current_secret": old}, headers=api.admin)
    assert response.status_code == 200, response.text
    new = response.json()["client_secret"]
    assert new and new != old and "message" in response.json()
    assert_error(api.service_token_response(client_id, old), 401, "invalid_client")
    assert api.service_token_response(client_id, new).status_code == 200


def test_replace_scopes(api):
    created = api.create_service_client(scope_ids=api.scope_ids("read:profile"))
    client_id, secret = created["client"]["client_id"], created["client_secret"]
    ids = api.scope_ids("service:api", "write:profile")
    response = api.client.put(f"{CLIENTS}{client_id}/scopes", json={"scope_ids": ids}, headers=api.admin)
    assert response.status_code == 200, response.text
    body = api.service_token_response(client_id, secret).json()
    assert set(body["scope"].split()) == {"service:api", "write:profile"}
    assert_error(api.client.put(f"{CLIENTS}{client_id}/scopes", json={"scope_ids": "x"}, headers=api.admin), 422)


def test_permissions_and_rate_limit(api):
    perms = api.client.get(f"{CLIENTS}{CLIENT_ID}/permissions", headers=api.admin)
    assert perms.status_code == 200
    body = perms.json()
    assert body["client_id"] == CLIENT_ID
    assert set(body["scopes"]) == {"service:api", "read:profile"}
    assert "resources" in body and body["can_access_admin"] is False
    rate = api.client.get(f"{CLIENTS}{CLIENT_ID}/rate-limit", headers=api.admin)
    assert rate.status_code == 200
    assert {"client_id", "per_minute_limit", "per_minute_remaining", "per_hour_limit", "per_hour_remaining",
            "is_rate_limited"} <= rate.json().keys()
    assert rate.json()["is_rate_limited"] is False


def test_stats(api):
    path = f"{CLIENTS}stats/overview"
    before = api.client.get(path, headers=api.admin).json()
    assert {"total_clients", "active_clients", "trusted_clients"} <= before.keys()
    api.create_service_client(is_trusted=True)
    api.create_service_client(is_active=False)
    after = api.client.get(path, headers=api.admin).json()
    assert after["total_clients"] == before["total_clients"] + 2
    assert after["active_clients"] == before["active_clients"] + 1
    assert after["trusted_clients"] == before["trusted_clients"] + 1


@pytest.mark.parametrize(
    "method,path",
    [("get", CLIENTS), ("post", CLIENTS), ("get", f"{CLIENTS}{CLIENT_ID}"), ("delete", f"{CLIENTS}{CLIENT_ID}"),
     ("get", f"{CLIENTS}stats/overview"), ("post", f"{CLIENTS}{CLIENT_ID}/rotate-secret")],
)
def test_need_admin(api, method, path):
    kwargs = {"json": {"name": "x", "current_secret": CLIENT_SECRET}} if method == "post" else {}
    assert_error(getattr(api.client, method)(path, **kwargs), 401)
    assert_error(getattr(api.client, method)(path, headers=bearer(api.user_token()), **kwargs), 403)
    assert_error(getattr(api.client, method)(path, headers=bearer(api.service_token()), **kwargs), (401, 403))
    assert api.service_token_response().status_code == 200
