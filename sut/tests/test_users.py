"""§6 /api/v1/users: registration, profile, admin management, passwords, reset, verification."""

from __future__ import annotations

from datetime import datetime

import pytest

from .conftest import (
    ADMIN_SCOPES,
    STRONG_PASSWORD,
    USER_USERNAME,
    assert_error,
    bearer,
    unique,
)

USERS = "/api/v1/users"
USER_FIELDS = {
    "id", "username", "email", "first_name", "last_name", "display_name", "bio", "is_active",
    "is_verified", "is_superuser", "full_name", "last_login", "created_at", "updated_at", "roles", "scopes",
}


def assert_user_response(body: dict) -> None:
    body = {k: v for k, v in body.items() if k != "password"}  # the helper's own copy of it
    assert USER_FIELDS <= body.keys(), USER_FIELDS - body.keys()
    text = str(body).lower()
    assert "password" not in text and "argon2" not in text and "hash" not in str(body.keys()).lower()
    for role in body["roles"]:
        assert {"id", "name", "description"} <= role.keys()
    for stamp in ("created_at", "updated_at"):
        assert datetime.fromisoformat(body[stamp]).utcoffset() is not None, body[stamp]


# -- register -------------------------------------------------------------------------------
def test_register(api):
    name = unique("Reg")
    response = api.register(username=name, first_name="Ada", last_name="Lovelace", bio="hi")
    assert response.status_code == 201, response.text
    body = response.json()
    assert_user_response(body)
    assert body["username"] == name.lower()
    assert body["is_superuser"] is False
    assert not ADMIN_SCOPES & set(body["scopes"])
    assert body["full_name"] == "Ada Lovelace"
    assert api.login(name.lower(), STRONG_PASSWORD).status_code == 200


def test_register_ignores_privilege_fields(api):
    admin_role = api.role_id("admin")
    response = api.register(
        is_superuser=True, is_active=False, is_verified=True, role_ids=[admin_role],
        roles=["admin"], scopes=sorted(ADMIN_SCOPES),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["is_superuser"] is False
    assert body["is_active"] is True
    assert body["is_verified"] is False
    assert "admin" not in [r["name"] for r in body["roles"]]
    assert not ADMIN_SCOPES & set(body["scopes"])
    token = api.token(body["username"], STRONG_PASSWORD)
    assert api.client.get(USERS, headers=bearer(token)).status_code == 403


def test_register_conflicts(api):
    name = unique("dup")
    assert api.register(username=name).status_code == 201
    assert_error(api.register(username=name, email=f"other_{name}@example.test"), 409, "conflict")
    assert_error(api.register(username=unique("x"), email=f"{name}@example.test"), 409, "conflict")
    assert_error(api.register(username=name.upper(), email=f"third_{name}@example.test"), 409, "conflict")


@pytest.mark.parametrize(
    "password",
    ["Sh0rt!a", "alllowercase1!", "ALLUPPERCASE1!", "NoDigitsHere!", "NoSpecial123", "A1!" + "a" * 126],
    ids=["short", "no-upper", "no-lower", "no-digit", "no-special", "too-long"],
)
def test_register_password_policy(api, password):
    assert_error(api.register(password=password), 422, "validation_error")


def test_register_password_boundaries(api):
    assert api.register(password="Aa1!aaaa").status_code == 201
    assert api.register(password="Aa1!" + "a" * 124).status_code == 201


@pytest.mark.parametrize("username", ["ab", "x" * 51, "bad name", "bad!name", "ümlaut", ""])
def test_register_username_rules(api, username):
    response = api.client.post(
        f"{USERS}/register", json={"username": username, "email": f"{unique()}@example.test", "password": STRONG_PASSWORD}
    )
    assert_error(response, 422, "validation_error")


def test_register_invalid_email(api):
    assert_error(api.register(email="not-an-email"), 422, "validation_error")


# -- me / profile ---------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["/me", "/profile"])
def test_me(api, path):
    response = api.client.get(USERS + path, headers=bearer(api.user_token()))
    assert response.status_code == 200
    assert_user_response(response.json())
    assert response.json()["username"] == USER_USERNAME


@pytest.mark.parametrize("path", ["/me", "/profile"])
def test_me_needs_token(api, path):
    assert_error(api.client.get(USERS + path), 401)


def test_update_me(api):
    user, token = api.user_with_token()
    response = api.client.put(
        f"{USERS}/me",
        json={"first_name": "Grace", "last_name": "Hopper", "display_name": "GH", "bio": "COBOL",
              "email": f"new_{user['username']}@example.test", "is_superuser": True, "username": "hacker"},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["first_name"] == "Grace" and body["display_name"] == "GH" and body["bio"] == "COBOL"
    assert body["email"] == f"new_{user['username']}@example.test"
    assert body["is_superuser"] is False and body["username"] == user["username"]


def test_update_me_email_conflict(api):
    _, token = api.user_with_token()
    assert_error(api.client.put(f"{USERS}/me", json={"email": "user@permiso.test"}, headers=bearer(token)), 409)


def test_update_me_invalid_email(api):
    _, token = api.user_with_token()
    assert_error(api.client.put(f"{USERS}/me", json={"email": "nope"}, headers=bearer(token)), 422)


# -- admin create / list --------------------------------------------------------------------
def test_admin_creates_user_with_roles(api):
    role = api.role_id("user")
    user = api.create_user(role_ids=[role], is_verified=True, first_name="A")
    assert_user_response(user)
    assert [r["name"] for r in user["roles"]] == ["user"]
    assert user["is_verified"] is True
    assert {"read:profile", "write:profile"} <= set(user["scopes"])


@pytest.mark.parametrize("path", ["", "/"])
def test_admin_create_both_paths(api, path):
    name = unique()
    response = api.client.post(
        USERS + path, json={"username": name, "email": f"{name}@example.test", "password": STRONG_PASSWORD},
        headers=api.admin,
    )
    assert response.status_code == 201, response.text


def test_admin_create_invalid_role_creates_nothing(api):
    name = unique()
    response = api.client.post(
        f"{USERS}/",
        json={"username": name, "email": f"{name}@example.test", "password": STRONG_PASSWORD,
              "role_ids": ["00000000-0000-4000-8000-000000000000"]},
        headers=api.admin,
    )
    assert_error(response, (404, 422))
    listing = api.client.get(f"{USERS}/", params={"search": name}, headers=api.admin).json()
    assert listing["total"] == 0
    assert api.login(name, STRONG_PASSWORD).status_code == 401


def test_admin_create_conflict_and_policy(api):
    body = {"username": USER_USERNAME, "email": f"{unique()}@example.test", "password": STRONG_PASSWORD}
    assert_error(api.client.post(f"{USERS}/", json=body, headers=api.admin), 409, "conflict")
    body = {"username": unique(), "email": f"{unique()}@example.test", "password": "weak"}
    assert_error(api.client.post(f"{USERS}/", json=body, headers=api.admin), 422, "validation_error")


def test_create_and_list_need_admin(api):
    token = api.user_token()
    body = {"username": unique(), "email": f"{unique()}@example.test", "password": STRONG_PASSWORD}
    assert_error(api.client.post(f"{USERS}/", json=body), 401)
    assert_error(api.client.post(f"{USERS}/", json=body, headers=bearer(token)), 403)
    assert_error(api.client.get(f"{USERS}/"), 401)
    assert_error(api.client.get(USERS, headers=bearer(token)), 403)


@pytest.mark.parametrize("path", ["", "/"])
def test_list_users(api, path):
    response = api.client.get(USERS + path, headers=api.admin)
    assert response.status_code == 200
    body = response.json()
    assert {"users", "total", "page", "per_page", "pages"} <= body.keys()
    assert body["page"] == 1 and body["per_page"] == 20
    assert body["total"] >= 2
    for user in body["users"]:
        assert_user_response(user)


def test_list_pagination_and_filters(api):
    prefix = unique("pg")
    for index in range(3):
        api.create_user(username=f"{prefix}_{index}")
    api.create_user(username=f"{prefix}_off", is_active=False)
    body = api.client.get(USERS, params={"search": prefix, "per_page": 2, "page": 2}, headers=api.admin).json()
    assert body["total"] == 4 and body["pages"] == 2 and len(body["users"]) == 2 and body["page"] == 2
    active = api.client.get(USERS, params={"search": prefix, "is_active": "false"}, headers=api.admin).json()
    assert [u["username"] for u in active["users"]] == [f"{prefix}_off"]
    role = api.role_id("admin")
    admins = api.client.get(USERS, params={"role_id": role}, headers=api.admin).json()
    assert "admin" in [u["username"] for u in admins["users"]]
    assert all(u["username"] != USER_USERNAME for u in admins["users"])


@pytest.mark.parametrize("params", [{"page": 0}, {"per_page": 0}, {"per_page": 101}, {"page": "x"}, {"is_active": "maybe"}])
def test_list_invalid_query(api, params):
    assert_error(api.client.get(USERS, params=params, headers=api.admin), 422, "validation_error")


# -- by id ----------------------------------------------------------------------------------
def test_get_self_and_admin_get(api):
    user, token = api.user_with_token()
    assert api.client.get(f"{USERS}/{user['id']}", headers=bearer(token)).status_code == 200
    response = api.client.get(f"{USERS}/{user['id']}", headers=api.admin)
    assert response.status_code == 200
    assert_user_response(response.json())


def test_get_other_user_forbidden(api):
    user, token = api.user_with_token()
    admin_id = api.user_id(api.admin_token)
    assert_error(api.client.get(f"{USERS}/{admin_id}", headers=bearer(token)), 403)


def test_get_unknown_and_malformed_ids(api):
    assert_error(api.client.get(f"{USERS}/00000000-0000-4000-8000-000000000000", headers=api.admin), 404)
    assert_error(api.client.get(f"{USERS}/not-a-uuid", headers=api.admin), (404, 422))


def test_update_self_profile(api):
    user, token = api.user_with_token()
    response = api.client.put(f"{USERS}/{user['id']}", json={"bio": "new bio", "first_name": "F"}, headers=bearer(token))
    assert response.status_code == 200, response.text
    assert response.json()["bio"] == "new bio"


@pytest.mark.parametrize(
    "field,value",
    [("is_superuser", True), ("is_active", False), ("is_verified", True), ("role_ids", "ADMIN_ROLE")],
)
def test_non_admin_privilege_escalation_is_refused(api, field, value):
    user, token = api.user_with_token()
    if value == "ADMIN_ROLE":
        value = [api.role_id("admin")]
    before = api.client.get(f"{USERS}/{user['id']}", headers=api.admin).json()
    response = api.client.put(f"{USERS}/{user['id']}", json={field: value, "bio": "sneaky"}, headers=bearer(token))
    assert_error(response, 403)
    after = api.client.get(f"{USERS}/{user['id']}", headers=api.admin).json()
    for key in ("is_superuser", "is_active", "is_verified", "roles", "bio", "scopes"):
        assert after[key] == before[key], key
    assert api.client.get(USERS, headers=bearer(api.token(user["username"], user["password"]))).status_code == 403


@pytest.mark.parametrize("field", ["username", "password"])
def test_update_username_or_password_is_validation_error(api, field):
    user, token = api.user_with_token()
    response = api.client.put(f"{USERS}/{user['id']}", json={field: "Something1!x"}, headers=bearer(token))
    assert_error(response, 422)


def test_update_other_user_forbidden(api):
    _, token = api.user_with_token()
    admin_id = api.user_id(api.admin_token)
    assert_error(api.client.put(f"{USERS}/{admin_id}", json={"bio": "x"}, headers=bearer(token)), 403)


def test_update_unknown_and_conflict(api):
    assert_error(api.client.put(f"{USERS}/00000000-0000-4000-8000-000000000000", json={"bio": "x"}, headers=api.admin), 404)
    user = api.create_user()
    assert_error(api.client.put(f"{USERS}/{user['id']}", json={"email": "user@permiso.test"}, headers=api.admin), 409)


def test_admin_updates_privileges(api):
    user = api.create_user()
    role = api.role_id("admin")
    response = api.client.put(
        f"{USERS}/{user['id']}", json={"is_verified": True, "role_ids": [role]}, headers=api.admin
    )
    assert response.status_code == 200, response.text
    assert response.json()["is_verified"] is True
    assert "admin" in [r["name"] for r in response.json()["roles"]]
    token = api.token(user["username"], user["password"])
    assert api.client.get(USERS, headers=bearer(token)).status_code == 200


def test_admin_status_follows_database_not_token(api):
    """A token minted while admin stops granting admin routes once the role is removed."""
    user = api.create_user(role_ids=[api.role_id("admin")])
    token = api.token(user["username"], user["password"])
    assert api.client.get(USERS, headers=bearer(token)).status_code == 200
    api.client.put(f"{USERS}/{user['id']}/roles", json={"role_ids": []}, headers=api.admin)
    assert api.client.get(USERS, headers=bearer(token)).status_code in (401, 403)


# -- delete ---------------------------------------------------------------------------------
def test_delete_user(api):
    user, token = api.user_with_token()
    assert api.client.delete(f"{USERS}/{user['id']}", headers=api.admin).status_code == 204
    assert api.me(token).status_code == 401
    assert_error(api.client.get(f"{USERS}/{user['id']}", headers=api.admin), 404)
    assert_error(api.client.delete(f"{USERS}/{user['id']}", headers=api.admin), 404)
    assert api.login(user["username"], user["password"]).status_code == 401


def test_delete_self_forbidden(api):
    admin_id = api.user_id(api.admin_token)
    assert_error(api.client.delete(f"{USERS}/{admin_id}", headers=api.admin), 403)


def test_delete_needs_admin(api):
    user, token = api.user_with_token()
    other = api.create_user()
    assert_error(api.client.delete(f"{USERS}/{other['id']}", headers=bearer(token)), 403)
    assert_error(api.client.delete(f"{USERS}/{other['id']}"), 401)


# -- password change ------------------------------------------------------------------------
def test_change_own_password(api):
    user, token = api.user_with_token()
    new = "N3w!Password"
    response = api.client.put(
        f"{USERS}/{user['id']}/password", json={"current_password": user["password"], "new_password": new},
        headers=bearer(token),
    )
    assert response.status_code == 200, response.text
    assert "message" in response.json()
    assert api.login(user["username"], user["password"]).status_code == 401
    assert api.login(user["username"], new).status_code == 200
    # (hardening) tokens issued before the change stop working
    assert api.me(token).status_code == 401


def test_change_password_wrong_current(api):
    user, token = api.user_with_token()
    response = api.client.put(
        f"{USERS}/{user['id']}/password", json={"current_password": "Wrong!Pass1", "new_password": "N3w!Password"},
        headers=bearer(token),
    )
    assert_error(response, 400)
    assert api.login(user["username"], user["password"]).status_code == 200


def test_change_password_policy(api):
    user, token = api.user_with_token()
    response = api.client.put(
        f"{USERS}/{user['id']}/password", json={"current_password": user["password"], "new_password": "weak"},
        headers=bearer(token),
    )
    assert_error(response, 422, "validation_error")


def test_change_other_users_password_forbidden(api):
    _, token = api.user_with_token()
    other = api.create_user()
    response = api.client.put(
        f"{USERS}/{other['id']}/password", json={"current_password": other["password"], "new_password": "N3w!Password"},
        headers=bearer(token),
    )
    assert_error(response, 403)
    assert api.login(other["username"], other["password"]).status_code == 200


def test_admin_changes_password_without_current(api):
    user = api.create_user()
    response = api.client.put(f"{USERS}/{user['id']}/password", json={"new_password": "Adm1n!Set"}, headers=api.admin)
    assert response.status_code == 200, response.text
    assert api.login(user["username"], "Adm1n!Set").status_code == 200


# -- roles ----------------------------------------------------------------------------------
def test_replace_roles_changes_next_login_scopes(api):
    user = api.create_user(role_ids=[])
    assert "write:profile" not in api.tokens(user["username"], user["password"])["scope"].split()
    response = api.client.put(f"{USERS}/{user['id']}/roles", json={"role_ids": [api.role_id("user")]}, headers=api.admin)
    assert response.status_code == 200, response.text
    assert_user_response(response.json())
    assert {"read:profile", "write:profile"} <= set(api.tokens(user["username"], user["password"])["scope"].split())


def test_replace_roles_errors(api):
    user = api.create_user()
    missing = "00000000-0000-4000-8000-000000000000"
    assert_error(api.client.put(f"{USERS}/{missing}/roles", json={"role_ids": []}, headers=api.admin), 404)
    assert_error(api.client.put(f"{USERS}/{user['id']}/roles", json={"role_ids": "x"}, headers=api.admin), 422)
    assert_error(api.client.put(f"{USERS}/{user['id']}/roles", json={}, headers=api.admin), 422)
    assert_error(api.client.put(f"{USERS}/{user['id']}/roles", json={"role_ids": [missing]}, headers=api.admin), (404, 422))
    token = api.user_token()
    assert_error(api.client.put(f"{USERS}/{user['id']}/roles", json={"role_ids": []}, headers=bearer(token)), 403)


# -- stats ----------------------------------------------------------------------------------
def test_stats_overview_counts(api):
    path = f"{USERS}/stats/overview"
    before = api.client.get(path, headers=api.admin)
    assert before.status_code == 200
    before = before.json()
    assert {"total_users", "active_users", "verified_users", "locked_users", "recent_registrations"} <= before.keys()
    api.create_user()
    api.create_user(is_active=False)
    api.create_user(is_verified=True)
    after = api.client.get(path, headers=api.admin).json()
    assert after["total_users"] == before["total_users"] + 3
    assert after["active_users"] == before["active_users"] + 2
    assert after["verified_users"] == before["verified_users"] + 1
    assert after["recent_registrations"] == before["recent_registrations"] + 3
    assert_error(api.client.get(path), 401)
    assert_error(api.client.get(path, headers=bearer(api.user_token())), 403)


# -- password reset -------------------------------------------------------------------------
def test_password_reset_flow(api):
    user = api.create_user()
    known = api.client.post(f"{USERS}/password-reset/request", json={"email": user["email"]})
    unknown = api.client.post(f"{USERS}/password-reset/request", json={"email": "nobody@example.test"})
    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()
    assert "x-test-token" not in unknown.headers
    token = known.headers["x-test-token"]
    new = "R3set!Password"
    response = api.client.post(f"{USERS}/password-reset/confirm", json={"token": token, "new_password": new})
    assert response.status_code == 200, response.text
    assert api.login(user["username"], new).status_code == 200
    assert api.login(user["username"], user["password"]).status_code == 401
    again = api.client.post(f"{USERS}/password-reset/confirm", json={"token": token, "new_password": "An0ther!Pass"})
    assert_error(again, 400)


def test_password_reset_invalid_token_and_policy(api):
    assert_error(
        api.client.post(f"{USERS}/password-reset/confirm", json={"token": "bogus", "new_password": "R3set!Password"}),
        400,
    )
    user = api.create_user()
    token = api.client.post(f"{USERS}/password-reset/request", json={"email": user["email"]}).headers["x-test-token"]
    assert_error(api.client.post(f"{USERS}/password-reset/confirm", json={"token": token, "new_password": "weak"}), 422)


def test_password_reset_request_validation(api):
    assert_error(api.client.post(f"{USERS}/password-reset/request", json={}), 422, "validation_error")
    assert_error(api.client.post(f"{USERS}/password-reset/request", json={"email": "not an email"}), 422)


def test_test_tokens_hidden_unless_enabled(make_api):
    api = make_api(PERMISO_EXPOSE_TEST_TOKENS="false")
    response = api.client.post(f"{USERS}/password-reset/request", json={"email": "user@permiso.test"})
    assert response.status_code == 200
    assert "x-test-token" not in response.headers
    response = api.client.post(f"{USERS}/email-verification/request", json={"email": "user@permiso.test"})
    assert response.status_code == 200
    assert "x-test-token" not in response.headers


# -- e-mail verification --------------------------------------------------------------------
def test_email_verification_flow(api):
    user = api.create_user()
    assert user["is_verified"] is False
    response = api.client.post(f"{USERS}/email-verification/request", json={"email": user["email"]})
    assert response.status_code == 200
    token = response.headers["x-test-token"]
    assert api.client.post(f"{USERS}/email-verification/confirm", json={"token": token}).status_code == 200
    assert api.client.get(f"{USERS}/{user['id']}", headers=api.admin).json()["is_verified"] is True


def test_email_verification_invalid_token(api):
    assert_error(api.client.post(f"{USERS}/email-verification/confirm", json={"token": "bogus"}), 400)
    assert_error(api.client.post(f"{USERS}/email-verification/confirm", json={}), 422)
    unknown = api.client.post(f"{USERS}/email-verification/request", json={"email": "nobody@example.test"})
    assert unknown.status_code == 200
