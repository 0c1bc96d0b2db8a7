"""§8.3 CORS allow-list and trusted hosts."""

from __future__ import annotations

import pytest

ALLOWED = "https://app.permiso.test"


def _preflight(client, origin: str):
    return client.options(
        "/api/v1/auth/token",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization"},
    )


def test_preflight_from_allowed_origin(client):
    response = _preflight(client, ALLOWED)
    assert response.status_code in (200, 204)
    assert response.headers.get("access-control-allow-origin") == ALLOWED
    assert "POST" in response.headers.get("access-control-allow-methods", "")


def test_preflight_from_other_origin(client):
    response = _preflight(client, "https://evil.example")
    assert "access-control-allow-origin" not in response.headers


def test_simple_request_origin_echo(client):
    assert client.get("/health", headers={"Origin": ALLOWED}).headers.get("access-control-allow-origin") == ALLOWED
    assert "access-control-allow-origin" not in client.get("/health", headers={"Origin": "https://evil.example"}).headers


def test_wildcard_origin_never_with_credentials(make_client):
    client = make_client(PERMISO_CORS_ORIGINS="*")
    response = _preflight(client, "https://anything.example")
    origin = response.headers.get("access-control-allow-origin")
    assert origin in ("*", None, "https://anything.example")
    if origin is not None:
        assert response.headers.get("access-control-allow-credentials", "false").lower() != "true" or origin != "*"
    simple = client.get("/health", headers={"Origin": "https://anything.example"})
    assert not (
        simple.headers.get("access-control-allow-credentials", "").lower() == "true"
        and simple.headers.get("access-control-allow-origin") in ("*", "https://anything.example")
    )


@pytest.mark.parametrize("host", ["evil.example", "testserver.evil.example", "localhost.evil"])
def test_untrusted_host_is_400(client, host):
    response = client.get("/health", headers={"Host": host})
    assert response.status_code == 400
    for name in ("x-content-type-options", "x-frame-options"):
        assert name in response.headers


@pytest.mark.parametrize("host", ["testserver", "localhost", "127.0.0.1", "localhost:8000"])
def test_trusted_hosts(client, host):
    assert client.get("/health", headers={"Host": host}).status_code == 200
