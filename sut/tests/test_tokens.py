"""§5: token claims and every rejected-token case on a protected route."""

from __future__ import annotations

import base64
import json
import time

import pytest

from .conftest import (
    ADMIN_SCOPES,
    CLIENT_ID,
    SECRET_KEY,
    USER_PASSWORD,
    USER_SCOPES,
    USER_USERNAME,
    bearer,
    claims_of,
    forge,
)

ME = "/api/v1/users/me"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_access_token_claims(api):
    body = api.tokens(USER_USERNAME, USER_PASSWORD)
    token = body["access_token"]
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "HS256" and header["typ"] == "JWT"
    claims = claims_of(token)
    assert claims["iss"] == "permiso" and claims["aud"] == "permiso"
    assert claims["type"] == "access"
    assert claims["sub"] == api.user_id(token)
    assert claims["username"] == USER_USERNAME
    assert claims["email"] == "user@permiso.test"
    assert claims["is_superuser"] is False
    assert set(claims["scopes"]) == USER_SCOPES
    assert "user" in claims["roles"]
    assert claims["nbf"] <= claims["iat"] + 1
    assert claims["exp"] - claims["iat"] == 15 * 60 == body["expires_in"]
    assert claims["jti"]


def test_refresh_token_claims(api):
    body = api.tokens(USER_USERNAME, USER_PASSWORD)
    claims = claims_of(body["refresh_token"])
    assert claims["type"] == "refresh"
    assert claims["username"] == USER_USERNAME
    assert claims["iss"] == "permiso" and claims["aud"] == "permiso"
    assert claims["exp"] - claims["iat"] == 30 * 24 * 3600
    assert claims["sub"] == claims_of(body["access_token"])["sub"]


def test_admin_token_claims(api):
    claims = claims_of(api.admin_token)
    assert claims["is_superuser"] is True
    assert "admin" in claims["roles"]
    assert ADMIN_SCOPES <= set(claims["scopes"])


def test_service_token_claims(api):
    body = api.service_token_response().json()
    claims = claims_of(body["access_token"])
    assert claims["type"] == "service"
    assert claims["sub"] == CLIENT_ID and claims["client_id"] == CLIENT_ID
    assert "is_trusted" in claims
    assert set(claims["scopes"]) == {"service:api", "read:profile"}
    assert claims["exp"] - claims["iat"] == 3600 == body["expires_in"]
    assert "username" not in claims and "roles" not in claims


def test_jti_unique(api):
    first = claims_of(api.user_token())["jti"]
    second = claims_of(api.user_token())["jti"]
    assert first != second


def test_bearer_scheme_is_case_insensitive(api):
    token = api.user_token()
    assert api.client.get(ME, headers={"Authorization": f"bearer {token}"}).status_code == 200
    assert api.client.get(ME, headers={"Authorization": f"BEARER {token}"}).status_code == 200


# -- rejected tokens ------------------------------------------------------------------------
def _mutations(valid: str) -> dict[str, str | None]:
    claims = claims_of(valid)
    header, payload, signature = valid.split(".")
    now = int(time.time())
    without = lambda key: {k: v for k, v in claims.items() if k != key}  # noqa: E731
    tampered = dict(claims, username="admin", is_superuser=True, scopes=sorted(ADMIN_SCOPES))
    return {
        "no token": None,
        "garbage": "not-a-jwt",
        "empty bearer": "",
        "alg none": _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(claims) + ".",
        "alg none no dot": _b64({"alg": "none", "typ": "JWT"}) + "." + _b64(claims),
        "other alg HS512": forge(claims, algorithm="HS512"),
        "other alg HS384": forge(claims, algorithm="HS384"),
        "tampered payload": header + "." + _b64(tampered) + "." + signature,
        "tampered signature": header + "." + payload + "." + ("A" if signature[0] != "A" else "B") + signature[1:],
        "wrong key": forge(claims, key="another-secret-key-of-sufficient-length-000000"),
        "expired": forge(dict(claims, iat=now - 7200, nbf=now - 7200, exp=now - 3600)),
        "nbf in future": forge(dict(claims, nbf=now + 3600, exp=now + 7200)),
        "wrong iss": forge(dict(claims, iss="evil")),
        "missing iss": forge(without("iss")),
        "wrong aud": forge(dict(claims, aud="someone-else")),
        "missing exp": forge(without("exp")),
        "refresh type": forge(dict(claims, type="refresh")),
        "missing type": forge(without("type")),
        "unknown sub": forge(dict(claims, sub="00000000-0000-4000-8000-000000000000")),
    }




@pytest.mark.parametrize(
    "case",
    [
        "no token", "garbage", "empty bearer", "alg none", "alg none no dot", "other alg HS512",
        "other alg HS384", "tampered payload", "tampered signature", "wrong key", "expired",
        "nbf in future", "wrong iss", "missing iss", "wrong aud", "missing exp", "refresh type",
        "missing type", "unknown sub",
    ],
)
def test_rejected_token(api, case):
    valid = api.user_token()
    assert api.me(valid).status_code == 200
    token = _mutations(valid)[case]
    headers = {} if token is None else {"Authorization": f"Bearer {token}"}
    response = api.client.get(ME, headers=headers)
    assert response.status_code == 401, (case, response.text)
    assert response.json()["error"]
    assert response.headers.get("www-authenticate", "").lower().startswith("bearer")


def test_forged_valid_token_is_accepted(api):
    """Control for the cases above: re-signing unchanged claims with the right key works."""
    valid = api.user_token()
    assert api.me(forge(claims_of(valid), key=SECRET_KEY)).status_code == 200


def test_refresh_token_presented_as_access_token(api):
    refresh = api.tokens(USER_USERNAME, USER_PASSWORD)["refresh_token"]
    response = api.me(refresh)
    assert response.status_code == 401


def test_revoked_token(api):
    token = api.user_token()
    assert api.client.post("/api/v1/auth/revoke", json={"token": token}, headers=bearer(token)).status_code == 200
    assert api.me(token).status_code == 401


def test_deleted_user_token(api):
    user, token = api.user_with_token()
    assert api.me(token).status_code == 200
    assert api.client.delete(f"/api/v1/users/{user['id']}", headers=api.admin).status_code == 204
    assert api.me(token).status_code == 401


def test_disabled_user_token(api):
    user, token = api.user_with_token()
    response = api.client.put(f"/api/v1/users/{user['id']}", json={"is_active": False}, headers=api.admin)
    assert response.status_code == 200, response.text
    assert api.me(token).status_code == 401


def test_service_token_on_user_route(api):
    token = api.service_token()
    assert api.me(token).status_code in (401, 403)
    assert api.client.get("/api/v1/sessions/", headers=bearer(token)).status_code in (401, 403)


def test_expires_in_matches_claims(api):
    body = api.tokens(USER_USERNAME, USER_PASSWORD)
    claims = claims_of(body["access_token"])
    assert body["expires_in"] == claims["exp"] - claims["iat"]
