"""The authorization matrix: every route of the API contract (§3–§11) × every kind of caller.

One row per route: the method, the path (a path variable of ``variables/config.py`` plus the
rest of the template, so the matrix follows ``PERMISO_API_BASE``), the request that reaches the
authorization decision (a valid body, a throwaway resource to act on), and the status each
caller must get. Where the contract allows two answers both are written (``401|403``).

Callers:

- ``anonymous``: no token.
- ``normal user``: the configured normal user (a temporary user with the normal user's roles
  where the request ends the caller's own sessions).
- ``admin``: the configured admin (a temporary holder of the role ``admin`` where the request
  ends the caller's own sessions).
- ``service token``: a token of the configured service client.
- ``holder of <scope>``: a temporary user holding exactly one ``admin:*`` scope through a
  temporary role of its own, not the role ``admin``: an admin scope is not admin rights (§2).

The Robot suites in ``suites/04_roles_and_scopes/authorization_matrix/`` have one test per cell;
``tools/build/authorization_matrix.py`` writes it from this table and
``tools/tests/test_authorization_matrix.py`` checks the two agree. A cell carries the tag
``authorization-matrix`` and the area tag of its route (``route_area``: ``users`` for a user
route, ``admin`` for an administration route, …), so ``--include users`` selects the cells of
the user routes too; cells are not ``critical`` (the dedicated access-control tests are).

Imported as a Robot library by ``resources/authorization.resource``: the functions in
``__all__`` are keywords.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["matrix_route", "fill_recipe", "route_path", "success_fields", "without_volatile_fields",
           "items_named"]

ANONYMOUS = "anonymous"
NORMAL_USER = "normal user"
ADMIN = "admin"
SERVICE = "service token"
HOLDER = "holder"
CALLERS = (ANONYMOUS, NORMAL_USER, ADMIN, SERVICE, HOLDER)


CONTRACT_API_BASE = "/api/v1"
"""The API base of the contract's own tables; only used to name the tests."""

ADMIN_SCOPES = ("admin:users", "admin:roles", "admin:clients", "admin:sessions", "admin:security",
                "admin:audit", "admin:system", "admin:logs", "admin:permissions")

# What the throwaway data a row needs is (``target``):
#   user      a temporary user (``{user_id}``, ``{target_password}``)
#   role      a temporary role without scopes (``{role_id}``)
#   scope     a temporary scope (``{scope_id}``)
#   client    a temporary service client (``{client_id}``, ``{client_secret}``)
#   session   the caller's own fresh login, or a fresh login of the normal user for callers
#             without one (``{session_id}``)
#   login     a fresh login of the normal user (``{refresh_token}``)
#   known     the id of the configured normal user (``{user_id}``), only read
#
# What the test checks beyond the status (``effect``):
#   answer    success: the contract's fields (and schema); refusal: an error body without them
#   created   success: the new resource exists; refusal: nothing with the request's name exists
#   gone      success: the target is gone; refusal: the target is unchanged
#   marked    success: the target's ``mark_field`` now holds ``mark_value`` (filled like a body)
#   password  success: the target's new password works; refusal: the old one still does
#   rotated   success: the client's old secret no longer gets a token; refusal: it still does
#   ended     success: the login in the path (or the caller's own) no longer works;
#             refusal: it still works
# A refusal on a row with a user, role, scope or client target also checks that the target is
# unchanged.


def _public(status: str) -> dict[str, str]:
    return dict.fromkeys(CALLERS, status)


def _user_route(status: str, service: str = "401|403") -> dict[str, str]:
    return {ANONYMOUS: "401", NORMAL_USER: status, ADMIN: status, SERVICE: service, HOLDER: status}


def _admin_only(status: str) -> dict[str, str]:
    return {ANONYMOUS: "401", NORMAL_USER: "403", ADMIN: status, SERVICE: "401|403", HOLDER: "403"}


def _scoped(status: str) -> dict[str, str]:
    return {ANONYMOUS: "401", NORMAL_USER: "403", ADMIN: status, SERVICE: "401|403", HOLDER: status}


def route(section: str, method: str, path_variable: str, suffix: str, expected: dict[str, str], *,
          holder: str, other_scope: str | None = None, target: str | None = None, json: Any = None,
          form: Any = None, params: Any = None, effect: str = "answer", fields: tuple[str, ...] = (),
          schema: str | None = None, creates: str | None = None, mark: tuple[str, Any] | None = None,
          own_account: bool = False, destructive: bool = False) -> dict[str, Any]:
    """One row of the matrix (see the module documentation for the keys)."""
    return {
        "section": section, "method": method, "path_variable": path_variable, "suffix": suffix,
        "expected": expected, "holder": holder, "other_scope": other_scope, "target": target,
        "json": json, "form": form, "params": params, "effect": effect, "fields": list(fields),
        "schema": schema or SUCCESS_SCHEMAS.get((method, path_variable, suffix)), "creates": creates, "mark_field": mark[0] if mark else None,
        "mark_value": mark[1] if mark else None, "own_account": own_account,
        "destructive": destructive,
    }


SUCCESS_SCHEMAS: dict[tuple[str, str, str], str] = {
    # (method, path variable, suffix) -> the shape of the success answer (variables/schemas/)
    ("POST", "AUTH_REVOKE_PATH", ""): "message",
    ("POST", "AUTH_LOGOUT_PATH", ""): "sessions_terminated",
    ("GET", "USERS_PATH", ""): "user_list",
    ("GET", "USERS_PATH", "/"): "user_list",
    ("PUT", "USERS_PATH", "/{user_id}/password"): "message",
    ("GET", "USERS_STATS_PATH", ""): "user_stats",
    ("POST", "PASSWORD_RESET_REQUEST_PATH", ""): "message",
    ("POST", "EMAIL_VERIFICATION_REQUEST_PATH", ""): "message",
    ("POST", "PERMISSIONS_CHECK_PATH", ""): "permission_check",
    ("POST", "PERMISSIONS_CHECK_BULK_PATH", ""): "permission_check_bulk",
    ("GET", "PERMISSIONS_USER_PATH", "/{user_id}"): "user_permissions",
    ("GET", "SERVICE_CLIENTS_PATH", ""): "service_client_list",
    ("POST", "SERVICE_CLIENTS_PATH", ""): "service_client_created",
    ("GET", "SERVICE_CLIENTS_PATH", "{client_id}"): "service_client",
    ("PUT", "SERVICE_CLIENTS_PATH", "{client_id}"): "service_client",
    ("POST", "SERVICE_CLIENTS_PATH", "{client_id}/rotate-secret"): "client_secret_rotated",
    ("PUT", "SERVICE_CLIENTS_PATH", "{client_id}/scopes"): "service_client",
    ("GET", "SERVICE_CLIENTS_PATH", "{client_id}/permissions"): "client_permissions",
    ("GET", "SERVICE_CLIENTS_PATH", "{client_id}/rate-limit"): "client_rate_limit",
    ("GET", "SERVICE_CLIENTS_STATS_PATH", ""): "client_stats",
    ("GET", "SESSIONS_PATH", ""): "session_list",
    ("DELETE", "SESSIONS_PATH", ""): "sessions_terminated",
    ("POST", "SESSIONS_PATH", "{session_id}/renew"): "session_renewed",
    ("DELETE", "SESSIONS_PATH", "{session_id}"): "session_ended",
    ("GET", "SESSIONS_STATS_PATH", ""): "session_stats",
    ("POST", "SESSIONS_CLEANUP_PATH", ""): "session_cleanup",
    ("GET", "ADMIN_DASHBOARD_PATH", ""): "dashboard_stats",
    ("GET", "ADMIN_SYSTEM_HEALTH_PATH", ""): "system_health",
    ("GET", "ADMIN_SECURITY_EVENTS_PATH", ""): "security_events",
    ("GET", "ADMIN_AUDIT_PATH", ""): "audit_activity",
    ("POST", "ADMIN_MAINTENANCE_CLEANUP_PATH", ""): "maintenance_cleanup",
    ("GET", "ADMIN_USAGE_REPORT_PATH", ""): "usage_report",
    ("POST", "ADMIN_CONFIG_RELOAD_PATH", ""): "config_reload",
    ("GET", "ADMIN_ERROR_LOGS_PATH", ""): "error_logs",
}
"""Rows without an entry here or a ``schema`` of their own check their ``fields`` instead."""


NEW_USER = {"username": "{name}", "email": "{email}", "password": "{password}"}
LOGIN_FIELDS = ("access_token", "token_type", "expires_in", "scope")
LIST_FIELDS = ("total", "page", "per_page")
# The contract's caller of POST /auth/revoke is a user's access token, but it also lets a caller
# revoke the tokens issued to itself (RFC 7009: a client revokes its own tokens): a service token
# may be served (200) or refused (401/403); anything else (a 5xx, a 404) breaks the contract.
REVOKE_BY_SERVICE = "200|401|403"

ROUTES: tuple[dict[str, Any], ...] = (
    # §3 Root and health
    route("§3", "GET", "ROOT_PATH", "", _public("200"), holder="admin:users",
          fields=("message", "version", "health")),
    route("§3", "GET", "HEALTH_PATH", "", _public("200"), holder="admin:users",
          fields=("status", "service", "version", "environment")),
    route("§3", "GET", "OPENAPI_PATH", "", _public("200|404"), holder="admin:users",
          fields=("openapi", "paths")),
    # §4 Authentication
    route("§4", "POST", "AUTH_TOKEN_PATH", "", _public("200"), holder="admin:users",
          form={"username": "{user_name}", "password": "{user_password}"}, fields=LOGIN_FIELDS),
    route("§4", "POST", "AUTH_SERVICE_TOKEN_PATH", "", _public("200"), holder="admin:users",
          form={"client_id": "{service_client_id}", "client_secret": "{service_client_secret}"},
          fields=LOGIN_FIELDS),
    route("§4", "POST", "AUTH_REFRESH_PATH", "", _public("200"), holder="admin:users", target="login",
          json={"refresh_token": "{refresh_token}"}, fields=(*LOGIN_FIELDS, "refresh_token")),
    route("§4", "POST", "AUTH_INTROSPECT_PATH", "", _user_route("200", service="200"), holder="admin:users",
          json={"token": "not-a-token"}, fields=("active",)),
    route("§4", "POST", "AUTH_REVOKE_PATH", "", _user_route("200", service=REVOKE_BY_SERVICE),
          holder="admin:users", json={"token": "not-a-token"}, fields=("message",)),
    route("§4", "POST", "AUTH_LOGOUT_PATH", "", _user_route("200"), holder="admin:users", effect="ended",
          fields=("message", "sessions_terminated"), own_account=True),
    # §6 Users
    route("§6", "POST", "USERS_REGISTER_PATH", "", _public("201"), holder="admin:users", json=NEW_USER,
          effect="created", creates="USERS_PATH", schema="user"),
    route("§6", "GET", "USERS_ME_PATH", "", _user_route("200"), holder="admin:users", schema="user"),
    route("§6", "PUT", "USERS_ME_PATH", "", _user_route("200"), holder="admin:users", json={}, schema="user"),
    route("§6", "GET", "USERS_PROFILE_PATH", "", _user_route("200"), holder="admin:users", schema="user"),
    route("§6", "POST", "USERS_PATH", "", _admin_only("201"), holder="admin:users", json=NEW_USER,
          effect="created", creates="USERS_PATH", schema="user"),
    route("§6", "POST", "USERS_PATH", "/", _admin_only("201"), holder="admin:users", json=NEW_USER,
          effect="created", creates="USERS_PATH", schema="user"),
    route("§6", "GET", "USERS_PATH", "", _admin_only("200"), holder="admin:users",
          params={"search": "{name}"}, fields=("users", *LIST_FIELDS, "pages")),
    route("§6", "GET", "USERS_PATH", "/", _admin_only("200"), holder="admin:users",
          params={"search": "{name}"}, fields=("users", *LIST_FIELDS, "pages")),
    route("§6", "GET", "USERS_PATH", "/{user_id}", _admin_only("200"), holder="admin:users", target="user",
          schema="user"),
    route("§6", "PUT", "USERS_PATH", "/{user_id}", _admin_only("200"), holder="admin:users", target="user",
          json={"bio": "{marker}"}, effect="marked", mark=("bio", "{marker}"), schema="user"),
    route("§6", "DELETE", "USERS_PATH", "/{user_id}", _admin_only("204"), holder="admin:users", target="user",
          effect="gone"),
    route("§6", "PUT", "USERS_PATH", "/{user_id}/password", _admin_only("200"), holder="admin:users",
          target="user", json={"current_password": "{target_password}", "new_password": "{password}"},
          effect="password", fields=("message",)),
    route("§6", "PUT", "USERS_PATH", "/{user_id}/roles", _admin_only("200"), holder="admin:users",
          target="user", json={"role_ids": []}, effect="marked", mark=("roles", []), schema="user"),
    route("§6", "GET", "USERS_STATS_PATH", "", _admin_only("200"), holder="admin:users",
          fields=("total_users", "active_users", "verified_users", "locked_users", "recent_registrations")),
    route("§6", "POST", "PASSWORD_RESET_REQUEST_PATH", "", _public("200"), holder="admin:users",
          json={"email": "{email}"}, fields=("message",)),
    route("§6", "POST", "PASSWORD_RESET_CONFIRM_PATH", "", _public("400"), holder="admin:users",
          json={"token": "not-a-reset-token", "new_password": "{password}"}),
    route("§6", "POST", "EMAIL_VERIFICATION_REQUEST_PATH", "", _public("200"), holder="admin:users",
          json={"email": "{email}"}, fields=("message",)),
    route("§6", "POST", "EMAIL_VERIFICATION_CONFIRM_PATH", "", _public("400"), holder="admin:users",
          json={"token": "not-a-verification-token"}),
    # §7 Roles, scopes, permissions
    route("§7", "GET", "ROLES_PATH", "", _admin_only("200"), holder="admin:roles",
          params={"search": "{name}"}, schema="role_list"),
    route("§7", "POST", "ROLES_PATH", "", _admin_only("201"), holder="admin:roles",
          json={"name": "{name}", "description": "{marker}"}, effect="created", creates="ROLES_PATH",
          schema="role"),
    route("§7", "GET", "ROLES_PATH", "{role_id}", _admin_only("200"), holder="admin:roles", target="role",
          schema="role"),
    route("§7", "PUT", "ROLES_PATH", "{role_id}", _admin_only("200"), holder="admin:roles", target="role",
          json={"description": "{marker}"}, effect="marked", mark=("description", "{marker}"), schema="role"),
    route("§7", "DELETE", "ROLES_PATH", "{role_id}", _admin_only("204"), holder="admin:roles", target="role",
          effect="gone"),
    route("§7", "PUT", "ROLES_PATH", "{role_id}/scopes", _admin_only("200"), holder="admin:roles",
          target="role", json={"scope_ids": []}, schema="role"),
    route("§7", "GET", "SCOPES_PATH", "", _admin_only("200"), holder="admin:roles",
          params={"search": "{name}"}, schema="scope_list"),
    route("§7", "POST", "SCOPES_PATH", "", _admin_only("201"), holder="admin:roles",
          json={"name": "{name}", "description": "{marker}", "resource": "{name}", "action": "read"},
          effect="created", creates="SCOPES_PATH", schema="scope"),
    route("§7", "GET", "SCOPES_PATH", "{scope_id}", _admin_only("200"), holder="admin:roles", target="scope",
          schema="scope"),
    route("§7", "PUT", "SCOPES_PATH", "{scope_id}", _admin_only("200"), holder="admin:roles", target="scope",
          json={"description": "{marker}"}, effect="marked", mark=("description", "{marker}"), schema="scope"),
    route("§7", "DELETE", "SCOPES_PATH", "{scope_id}", _admin_only("204"), holder="admin:roles",
          target="scope", effect="gone"),
    route("§7", "POST", "PERMISSIONS_CHECK_PATH", "", _scoped("200"), holder="admin:permissions",
          other_scope="admin:users", target="known",
          json={"user_id": "{user_id}", "resource": "profile", "action": "read"},
          fields=("allowed", "reason", "matching_scopes", "user_roles")),
    route("§7", "POST", "PERMISSIONS_CHECK_BULK_PATH", "", _scoped("200"), holder="admin:permissions",
          other_scope="admin:users", target="known",
          json={"user_id": "{user_id}", "permissions": [{"resource": "profile", "action": "read"}]},
          fields=("results", "user_roles", "user_scopes")),
    route("§7", "GET", "PERMISSIONS_USER_PATH", "/{user_id}", _scoped("200"), holder="admin:permissions",
          other_scope="admin:users", target="known", fields=("user_id", "roles", "scopes")),
    # §9 Service clients
    route("§9", "GET", "SERVICE_CLIENTS_PATH", "", _admin_only("200"), holder="admin:clients",
          params={"search": "{name}"}, fields=("clients", *LIST_FIELDS, "pages")),
    route("§9", "POST", "SERVICE_CLIENTS_PATH", "", _admin_only("201"), holder="admin:clients",
          json={"name": "{name}", "client_id": "{name}"}, effect="created", creates="SERVICE_CLIENTS_PATH",
          fields=("client", "client_secret")),
    route("§9", "GET", "SERVICE_CLIENTS_PATH", "{client_id}", _admin_only("200"), holder="admin:clients",
          target="client", fields=("id", "client_id", "name", "is_active", "scopes")),
    route("§9", "PUT", "SERVICE_CLIENTS_PATH", "{client_id}", _admin_only("200"), holder="admin:clients",
          target="client", json={"description": "{marker}"}, effect="marked", mark=("description", "{marker}"),
          fields=("id", "client_id", "description")),
    route("§9", "DELETE", "SERVICE_CLIENTS_PATH", "{client_id}", _admin_only("204"), holder="admin:clients",
          target="client", effect="gone"),
    route("§9", "POST", "SERVICE_CLIENTS_PATH", "{client_id}/rotate-secret", _admin_only("200"),
          holder="admin:clients", target="client", json={"current_secret": "{client_secret}"},
          effect="rotated", fields=("message", "client_secret")),
    route("§9", "PUT", "SERVICE_CLIENTS_PATH", "{client_id}/scopes", _admin_only("200"), holder="admin:clients",
          target="client", json={"scope_ids": []},
          fields=("client_id", "scopes")),
    route("§9", "GET", "SERVICE_CLIENTS_PATH", "{client_id}/permissions", _admin_only("200"),
          holder="admin:clients", target="client", fields=("client_id", "scopes", "resources", "can_access_admin")),
    route("§9", "GET", "SERVICE_CLIENTS_PATH", "{client_id}/rate-limit", _admin_only("200"),
          holder="admin:clients", target="client",
          fields=("client_id", "per_minute_limit", "per_minute_remaining", "per_hour_limit", "per_hour_remaining",
                  "is_rate_limited")),
    route("§9", "GET", "SERVICE_CLIENTS_STATS_PATH", "", _admin_only("200"), holder="admin:clients",
          fields=("total_clients", "active_clients", "trusted_clients")),
    # §10 Sessions
    route("§10", "GET", "SESSIONS_PATH", "", _user_route("200"), holder="admin:users",
          fields=("sessions", "total")),
    route("§10", "DELETE", "SESSIONS_PATH", "", _user_route("200"), holder="admin:users", effect="ended",
          fields=("message", "sessions_terminated"), own_account=True),
    route("§10", "POST", "SESSIONS_PATH", "{session_id}/renew", _user_route("200"), holder="admin:users",
          target="session", fields=("message", "session_id", "expires_at")),
    route("§10", "DELETE", "SESSIONS_PATH", "{session_id}", _user_route("200"), holder="admin:users",
          target="session", effect="ended", fields=("message", "session_id")),
    route("§10", "GET", "SESSIONS_STATS_PATH", "", _scoped("200"), holder="admin:sessions",
          other_scope="admin:users",
          fields=("active_sessions", "sessions_created_today", "expired_sessions", "total_sessions")),
    route("§10", "POST", "SESSIONS_CLEANUP_PATH", "", _scoped("200"), holder="admin:sessions",
          other_scope="admin:users", fields=("message", "sessions_cleaned"), destructive=True),
    # §11 Administration
    route("§11", "GET", "ADMIN_DASHBOARD_PATH", "", _admin_only("200"), holder="admin:security",
          fields=("users", "roles_and_permissions", "service_clients", "authentication")),
    route("§11", "GET", "ADMIN_SYSTEM_HEALTH_PATH", "", _admin_only("200"), holder="admin:system",
          fields=("status", "timestamp", "components")),
    route("§11", "GET", "ADMIN_SECURITY_EVENTS_PATH", "", _scoped("200"), holder="admin:security",
          other_scope="admin:audit", fields=("events", *LIST_FIELDS)),
    route("§11", "GET", "ADMIN_AUDIT_PATH", "", _scoped("200"), holder="admin:audit",
          other_scope="admin:security", fields=("activities", *LIST_FIELDS)),
    route("§11", "POST", "ADMIN_MAINTENANCE_CLEANUP_PATH", "", _admin_only("200"), holder="admin:system",
          fields=("timestamp", "operations"), destructive=True),
    route("§11", "GET", "ADMIN_USAGE_REPORT_PATH", "", _admin_only("200"), holder="admin:audit",
          params={"days": "7"}, fields=("report_period", "user_activity")),
    route("§11", "POST", "ADMIN_CONFIG_RELOAD_PATH", "", _scoped("200"), holder="admin:system",
          other_scope="admin:logs", fields=("timestamp", "status", "components_reloaded", "warnings", "errors"),
          destructive=True),
    route("§11", "GET", "ADMIN_ERROR_LOGS_PATH", "", _scoped("200"), holder="admin:logs",
          other_scope="admin:system", fields=("logs", *LIST_FIELDS, "available_levels")),
)


def _contract_paths() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("permiso_matrix_config", Path(__file__).with_name("config.py"))
    assert spec and spec.loader
    config = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    if spec.name not in sys.modules:
        sys.modules[spec.name] = config
        spec.loader.exec_module(config)
    return config.endpoint_paths(CONTRACT_API_BASE)


def join(base: str, suffix: str) -> str:
    """The path template: a suffix starting with ``/`` replaces the base's trailing slash."""
    return base.rstrip("/") + suffix if suffix.startswith("/") else base + suffix


def route_name(row: Mapping[str, Any], paths: Mapping[str, str] | None = None) -> str:
    """``METHOD path`` of the row as the contract writes it: ``DELETE /api/v1/roles/{role_id}``."""
    paths = paths or _contract_paths()
    return f"{row['method']} {join(paths[row['path_variable']], row['suffix'])}"


AREAS = {"auth": "auth", "users": "users", "roles": "roles", "service-clients": "clients",
         "sessions": "sessions", "admin": "admin"}
"""The area tag of a route (the suites' tag ``auth``, ``users``, …) by the first segment of its
path after the API base; a route outside the API base (root, health, OpenAPI: §3) is
``infrastructure``. Role, scope and permission routes (``/roles/…``) are ``roles``."""


def route_area(row: Mapping[str, Any], paths: Mapping[str, str] | None = None) -> str:
    """The area tag of the row's route (see :data:`AREAS`)."""
    paths = paths or _contract_paths()
    path = join(paths[row["path_variable"]], row["suffix"])
    if not path.startswith(CONTRACT_API_BASE + "/"):
        return "infrastructure"
    segment = path[len(CONTRACT_API_BASE) + 1:].split("/")[0]
    try:
        return AREAS[segment]
    except KeyError:
        raise AssertionError(f"No area for the route {route_name(row, paths)}: add '{segment}' to AREAS") from None


def cells(paths: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Every cell: ``route`` (its name), ``caller`` (``holder of admin:x`` for the scope holder),
    ``expected``, ``area`` (the area tag of the route), ``row``; a scope-protected row adds a
    holder of another admin scope (403)."""
    paths = paths or _contract_paths()
    result = []
    for row in ROUTES:
        name = route_name(row, paths)
        area = route_area(row, paths)
        for caller in CALLERS:
            who = f"holder of {row['holder']}" if caller == HOLDER else caller
            result.append({"route": name, "caller": who, "expected": row["expected"][caller], "area": area,
                           "row": row})
        if row["other_scope"]:
            result.append({"route": name, "caller": f"holder of {row['other_scope']}", "expected": "403",
                           "area": area, "row": row})
    return result


# ---------------------------------------------------------------------------------- keywords

_BY_NAME: dict[str, dict[str, Any]] = {}


def matrix_route(name: str) -> dict[str, Any]:
    """The row of the route named ``METHOD path`` as the contract writes it."""
    if not _BY_NAME:
        paths = _contract_paths()
        _BY_NAME.update({route_name(row, paths): row for row in ROUTES})
    try:
        return _BY_NAME[name]
    except KeyError:
        raise AssertionError(f"The authorization matrix has no route '{name}'") from None


def route_path(row: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """The path of the row on the target (from the endpoint path variable of the running Robot
    suite), with the ``{placeholders}`` filled from ``values``."""
    from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - only inside a Robot run

    base = BuiltIn().get_variable_value("${%s}" % row["path_variable"])
    template = join(str(base), row["suffix"])
    return re.sub(r"\{(\w+)\}", lambda match: str(values[match.group(1)]), template)


GENERIC_FIELDS = frozenset({"status", "message", "timestamp", "details", "error", "error_description",
                            "request_id", "path", "method"})
"""Names an error body may carry as well (contract §13.1: error bodies may add fields), so a
refusal that carries one of them reveals nothing."""


def success_fields(row: Mapping[str, Any]) -> list[str]:
    """The fields that hold the data of a success answer of the row: its ``fields``, or the
    required fields of its schema (``variables/schemas/<schema>.json``), without the generic
    names an error body may carry too. A refusal must carry none of them."""
    if row["schema"]:
        schema = json.loads(Path(__file__).with_name("schemas").joinpath(f"{row['schema']}.json").read_text("utf-8"))
        fields = list(schema.get("required", []))
    else:
        fields = list(row["fields"])
    return [field for field in fields if field not in GENERIC_FIELDS]


VOLATILE_FIELDS = ("updated_at", "last_login", "last_used", "total_requests", "last_activity")


def without_volatile_fields(body: Any) -> Any:
    """A resource's JSON without the fields that change by themselves (timestamps of use,
    counters), for comparing a resource before and after a refused request."""
    if isinstance(body, Mapping):
        return {key: value for key, value in body.items() if key not in VOLATILE_FIELDS}
    return body


def fill_recipe(template: Any, values: Mapping[str, Any]) -> Any:
    """A copy of a body, form or query template with every ``"{name}"`` string replaced by the
    value itself (so a ``Secret`` stays a ``Secret``) and ``{name}`` inside longer strings by its
    text. ``None`` stays ``None``."""
    if isinstance(template, Mapping):
        return {key: fill_recipe(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [fill_recipe(value, values) for value in template]
    if isinstance(template, str):
        whole = re.fullmatch(r"\{(\w+)\}", template)
        if whole:
            return values[whole.group(1)]
        return re.sub(r"\{(\w+)\}", lambda match: str(values[match.group(1)]), template)
    return template


def items_named(page: Mapping[str, Any], name: str) -> list[Any]:
    """The items of a list answer (users, roles, scopes or clients) whose user name, name or
    client id is ``name``."""
    return [item for key in ("users", "roles", "scopes", "clients") for item in page.get(key) or []
            if isinstance(item, Mapping) and name in (item.get("username"), item.get("name"), item.get("client_id"))]
