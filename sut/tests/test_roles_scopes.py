"""§7 /api/v1/roles: roles, scopes, permission checks."""

from __future__ import annotations

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USERNAME, assert_error, bearer, unique

ROLES = "/api/v1/roles/"
SCOPES = "/api/v1/roles/scopes/"
MISSING = "00000000-0000-4000-8000-000000000000"
ROLE_FIELDS = {"id", "name", "description", "created_at", "updated_at", "scopes", "user_count"}
SCOPE_FIELDS = {"id", "name", "description", "resource", "action", "created_at", "updated_at", "role_count"}


def test_list_roles(api):
    response = api.client.get(ROLES, headers=api.admin)
    assert response.status_code == 200
    body = response.json()
    assert {"roles", "total", "page", "per_page", "pages"} <= body.keys()
    names = {r["name"] for r in body["roles"]}
    assert {"admin", "user"} <= names
    for role in body["roles"]:
        assert ROLE_FIELDS <= role.keys()
    user_role = next(r for r in body["roles"] if r["name"] == "user")
    assert {s["name"] for s in user_role["scopes"]} == {"read:profile", "write:profile"}
    assert user_role["user_count"] >= 1


def test_list_roles_filters(api):
    scope = api.create_scope()
    role = api.create_role(scope_ids=[scope["id"]])
    by_scope = api.client.get(ROLES, params={"scope_id": scope["id"]}, headers=api.admin).json()
    assert [r["id"] for r in by_scope["roles"]] == [role["id"]]
    by_search = api.client.get(ROLES, params={"search": role["name"]}, headers=api.admin).json()
    assert by_search["total"] == 1
    assert_error(api.client.get(ROLES, params={"per_page": 1000}, headers=api.admin), 422)


def test_create_get_update_delete_role(api):
    read = api.scope_ids("read:profile")
    role = api.create_role(scope_ids=read, description="first")
    assert ROLE_FIELDS <= role.keys()
    assert [s["name"] for s in role["scopes"]] == ["read:profile"]
    assert role["user_count"] == 0
    got = api.client.get(f"{ROLES}{role['id']}", headers=api.admin)
    assert got.status_code == 200 and got.json()["name"] == role["name"]
    new_name = unique("renamed")
    updated = api.client.put(
        f"{ROLES}{role['id']}", json={"name": new_name, "description": "second", "scope_ids": api.scope_ids("write:profile")},
        headers=api.admin,
    )
    assert updated.status_code == 200, updated.text
    assert updated.json()["name"] == new_name and updated.json()["description"] == "second"
    assert [s["name"] for s in updated.json()["scopes"]] == ["write:profile"]
    assert api.client.delete(f"{ROLES}{role['id']}", headers=api.admin).status_code == 204
    assert_error(api.client.get(f"{ROLES}{role['id']}", headers=api.admin), 404)


def test_role_errors(api):
    role = api.create_role()
    assert_error(api.client.post(ROLES, json={"name": role["name"]}, headers=api.admin), 409, "conflict")
    assert_error(api.client.post(ROLES, json={"name": "x"}, headers=api.admin), 422, "validation_error")
    assert_error(api.client.post(ROLES, json={"name": "y" * 51}, headers=api.admin), 422, "validation_error")
    assert_error(api.client.post(ROLES, json={}, headers=api.admin), 422, "validation_error")
    for method in ("get", "delete"):
        assert_error(getattr(api.client, method)(f"{ROLES}{MISSING}", headers=api.admin), 404)
    assert_error(api.client.put(f"{ROLES}{MISSING}", json={"description": "d"}, headers=api.admin), 404)
    assert_error(api.client.get(f"{ROLES}not-a-uuid", headers=api.admin), (404, 422))
    assert_error(api.client.put(f"{ROLES}{role['id']}", json={"name": "admin"}, headers=api.admin), 409)


def test_replace_role_scopes(api):
    role = api.create_role()
    ids = api.scope_ids("read:profile", "write:profile")
    response = api.client.put(f"{ROLES}{role['id']}/scopes", json={"scope_ids": ids}, headers=api.admin)
    assert response.status_code == 200, response.text
    assert {s["name"] for s in response.json()["scopes"]} == {"read:profile", "write:profile"}
    assert_error(api.client.put(f"{ROLES}{MISSING}/scopes", json={"scope_ids": ids}, headers=api.admin), 404)
    assert_error(api.client.put(f"{ROLES}{role['id']}/scopes", json={"scope_ids": 5}, headers=api.admin), 422)


def test_deleting_role_removes_scopes_from_next_tokens(api):
    scope = api.create_scope()
    role = api.create_role(scope_ids=[scope["id"]])
    user = api.create_user(role_ids=[role["id"]])
    assert scope["name"] in api.tokens(user["username"], user["password"])["scope"].split()
    assert api.client.delete(f"{ROLES}{role['id']}", headers=api.admin).status_code == 204
    assert scope["name"] not in api.tokens(user["username"], user["password"])["scope"].split()


def test_role_scope_change_reaches_next_token(api):
    scope = api.create_scope()
    role = api.create_role()
    user = api.create_user(role_ids=[role["id"]])
    api.client.put(f"{ROLES}{role['id']}/scopes", json={"scope_ids": [scope["id"]]}, headers=api.admin)
    assert scope["name"] in api.tokens(user["username"], user["password"])["scope"].split()


# -- scopes ---------------------------------------------------------------------------------
def test_scope_crud(api):
    listing = api.client.get(SCOPES, headers=api.admin)
    assert listing.status_code == 200
    body = listing.json()
    assert {"scopes", "total", "page", "per_page", "pages"} <= body.keys()
    assert {"read:profile", "admin:users"} <= {s["name"] for s in body["scopes"]}
    scope = api.create_scope(name=f"read:{unique('doc')}")
    assert SCOPE_FIELDS <= scope.keys()
    assert scope["role_count"] == 0
    got = api.client.get(f"{SCOPES}{scope['id']}", headers=api.admin)
    assert got.status_code == 200 and got.json()["name"] == scope["name"]
    updated = api.client.put(f"{SCOPES}{scope['id']}", json={"description": "changed"}, headers=api.admin)
    assert updated.status_code == 200 and updated.json()["description"] == "changed"
    assert api.client.delete(f"{SCOPES}{scope['id']}", headers=api.admin).status_code == 204
    assert_error(api.client.get(f"{SCOPES}{scope['id']}", headers=api.admin), 404)


def test_scope_filters(api):
    resource = unique("res")
    api.create_scope(name=f"read:{resource}")
    api.create_scope(name=f"write:{resource}")
    body = api.client.get(SCOPES, params={"resource": resource}, headers=api.admin).json()
    assert body["total"] == 2
    body = api.client.get(SCOPES, params={"resource": resource, "action": "write"}, headers=api.admin).json()
    assert [s["name"] for s in body["scopes"]] == [f"write:{resource}"]
    body = api.client.get(SCOPES, params={"search": resource}, headers=api.admin).json()
    assert body["total"] == 2


def test_scope_errors(api):
    assert_error(
        api.client.post(SCOPES, json={"name": "read:profile", "resource": "profile", "action": "read"}, headers=api.admin),
        409,
    )
    assert_error(api.client.post(SCOPES, json={"name": "r", "resource": "x", "action": "read"}, headers=api.admin), 422)
    assert_error(api.client.post(SCOPES, json={"name": "z" * 101, "resource": "x", "action": "r"}, headers=api.admin), 422)
    assert_error(api.client.post(SCOPES, json={"name": "read:x"}, headers=api.admin), 422)
    assert_error(api.client.get(f"{SCOPES}{MISSING}", headers=api.admin), 404)
    assert_error(api.client.put(f"{SCOPES}{MISSING}", json={"description": "x"}, headers=api.admin), 404)
    assert_error(api.client.delete(f"{SCOPES}{MISSING}", headers=api.admin), 404)


@pytest.mark.parametrize(
    "method,path",
    [("get", ROLES), ("post", ROLES), ("get", SCOPES), ("post", SCOPES), ("get", f"{ROLES}{MISSING}"),
     ("delete", f"{ROLES}{MISSING}"), ("put", f"{ROLES}{MISSING}/scopes")],
)
def test_roles_routes_need_admin(api, method, path):
    kwargs = {"json": {"name": "whatever", "resource": "r", "action": "a", "scope_ids": []}} if method in ("post", "put") else {}
    assert_error(getattr(api.client, method)(path, **kwargs), 401)
    assert_error(getattr(api.client, method)(path, headers=bearer(api.user_token()), **kwargs), 403)


# -- permission checks ----------------------------------------------------------------------
CHECK = "/api/v1/roles/permissions/check"
BULK = "/api/v1/roles/permissions/check-bulk"


def test_permission_check(api):
    user_id = api.user_id(api.user_token())
    allowed = api.client.post(CHECK, json={"user_id": user_id, "resource": "profile", "action": "read"}, headers=api.admin)
    assert allowed.status_code == 200, allowed.text
    body = allowed.json()
    assert body["allowed"] is True and "read:profile" in body["matching_scopes"]
    assert "user" in body["user_roles"] and "reason" in body
    denied = api.client.post(CHECK, json={"user_id": user_id, "resource": "users", "action": "read"}, headers=api.admin)
    assert denied.json()["allowed"] is False and denied.json()["matching_scopes"] == []


def test_admin_scope_implies_read_and_write(api):
    admin_id = api.user_id(api.admin_token)
    for action in ("read", "write"):
        body = api.client.post(CHECK, json={"user_id": admin_id, "resource": "users", "action": action}, headers=api.admin).json()
        assert body["allowed"] is True, body
        assert "admin:users" in body["matching_scopes"]


def test_permission_check_bulk_and_user_permissions(api):
    user_id = api.user_id(api.user_token())
    response = api.client.post(
        BULK,
        json={"user_id": user_id, "permissions": [{"resource": "profile", "action": "write"}, {"resource": "roles", "action": "read"}]},
        headers=api.admin,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["allowed"] for r in body["results"]] == [True, False]
    assert "user" in body["user_roles"] and {"read:profile", "write:profile"} <= set(body["user_scopes"])
    perms = api.client.get(f"/api/v1/roles/permissions/user/{user_id}", headers=api.admin)
    assert perms.status_code == 200
    assert perms.json()["user_id"] == user_id
    assert {"read:profile", "write:profile"} <= set(perms.json()["scopes"])
    assert "user" in perms.json()["roles"] or "user" in str(perms.json()["roles"])


def test_permission_routes_errors(api):
    assert_error(api.client.post(CHECK, json={"user_id": MISSING, "resource": "a", "action": "b"}, headers=api.admin), 404)
    one = [{"resource": "profile", "action": "read"}]
    assert_error(api.client.post(BULK, json={"user_id": MISSING, "permissions": one}, headers=api.admin), 404)
    assert_error(api.client.get(f"/api/v1/roles/permissions/user/{MISSING}", headers=api.admin), 404)
    user_id = api.user_id(api.user_token())
    assert_error(api.client.post(BULK, json={"user_id": user_id, "permissions": "x"}, headers=api.admin), 422)
    assert_error(api.client.post(CHECK, json={"user_id": user_id}, headers=api.admin), 422)


def test_permission_routes_use_token_scopes_only(api):
    """Admin logged in without admin:permissions is refused, whatever the body claims."""
    narrowed = api.token(ADMIN_USERNAME, ADMIN_PASSWORD, scope="admin:users")
    user_id = api.user_id(api.user_token())
    body = {"user_id": user_id, "resource": "profile", "action": "read", "scopes": ["admin:permissions"]}
    assert_error(api.client.post(CHECK, json=body, headers=bearer(narrowed)), 403)
    assert_error(
        api.client.post(CHECK, params={"scope": "admin:permissions"}, json=body, headers=bearer(api.user_token())), 403
    )
    assert_error(api.client.get(f"/api/v1/roles/permissions/user/{user_id}", headers=bearer(narrowed)), 403)
    one = [{"resource": "profile", "action": "read"}]
    assert_error(api.client.post(BULK, json={"user_id": user_id, "permissions": one}, headers=bearer(narrowed)), 403)
    assert_error(api.client.post(CHECK, json=body), 401)
