"""The routes of the API contract (``shared/permiso-api.md`` §3–§11), as data.

Each route names one path variable of ``variables/config.py`` (so it follows
``PERMISO_API_BASE`` like every other test) and, for routes below a collection, the rest of the
path template. ``contract_routes(paths)`` turns the table into ``(method, path, section)``
triples, given the endpoint paths (``config.endpoint_paths(api_base)`` or the Robot variables of
the same names).

Left out on purpose: ``GET /openapi.json`` (§3): an OpenAPI document never lists itself, and
reading it is what the drift test does first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class ContractRoute(NamedTuple):
    """One route of the contract: section, method, path variable, rest of the template."""

    section: str
    method: str
    path_variable: str
    suffix: str = ""
    either_slash: bool = False
    """True where the contract accepts the path with and without its trailing slash (§1: the
    users collection); a document that lists either spelling offers the route."""


ROUTES: tuple[ContractRoute, ...] = (
    # §3 Root and health
    ContractRoute("§3", "GET", "ROOT_PATH"),
    ContractRoute("§3", "GET", "HEALTH_PATH"),
    # §4 Authentication
    ContractRoute("§4", "POST", "AUTH_TOKEN_PATH"),
    ContractRoute("§4", "POST", "AUTH_SERVICE_TOKEN_PATH"),
    ContractRoute("§4", "POST", "AUTH_REFRESH_PATH"),
    ContractRoute("§4", "POST", "AUTH_INTROSPECT_PATH"),
    ContractRoute("§4", "POST", "AUTH_REVOKE_PATH"),
    ContractRoute("§4", "POST", "AUTH_LOGOUT_PATH"),
    # §6 Users
    ContractRoute("§6", "POST", "USERS_REGISTER_PATH"),
    ContractRoute("§6", "GET", "USERS_ME_PATH"),
    ContractRoute("§6", "PUT", "USERS_ME_PATH"),
    ContractRoute("§6", "GET", "USERS_PROFILE_PATH"),
    ContractRoute("§6", "POST", "USERS_PATH", "/", either_slash=True),
    ContractRoute("§6", "GET", "USERS_PATH", "/", either_slash=True),
    ContractRoute("§6", "GET", "USERS_PATH", "/{user_id}"),
    ContractRoute("§6", "PUT", "USERS_PATH", "/{user_id}"),
    ContractRoute("§6", "DELETE", "USERS_PATH", "/{user_id}"),
    ContractRoute("§6", "PUT", "USERS_PATH", "/{user_id}/password"),
    ContractRoute("§6", "PUT", "USERS_PATH", "/{user_id}/roles"),
    ContractRoute("§6", "GET", "USERS_STATS_PATH"),
    ContractRoute("§6", "POST", "PASSWORD_RESET_REQUEST_PATH"),
    ContractRoute("§6", "POST", "PASSWORD_RESET_CONFIRM_PATH"),
    ContractRoute("§6", "POST", "EMAIL_VERIFICATION_REQUEST_PATH"),
    ContractRoute("§6", "POST", "EMAIL_VERIFICATION_CONFIRM_PATH"),
    # §7 Roles, scopes, permissions
    ContractRoute("§7", "GET", "ROLES_PATH"),
    ContractRoute("§7", "POST", "ROLES_PATH"),
    ContractRoute("§7", "GET", "ROLES_PATH", "{role_id}"),
    ContractRoute("§7", "PUT", "ROLES_PATH", "{role_id}"),
    ContractRoute("§7", "DELETE", "ROLES_PATH", "{role_id}"),
    ContractRoute("§7", "PUT", "ROLES_PATH", "{role_id}/scopes"),
    ContractRoute("§7", "GET", "SCOPES_PATH"),
    ContractRoute("§7", "POST", "SCOPES_PATH"),
    ContractRoute("§7", "GET", "SCOPES_PATH", "{scope_id}"),
    ContractRoute("§7", "PUT", "SCOPES_PATH", "{scope_id}"),
    ContractRoute("§7", "DELETE", "SCOPES_PATH", "{scope_id}"),
    ContractRoute("§7", "POST", "PERMISSIONS_CHECK_PATH"),
    ContractRoute("§7", "POST", "PERMISSIONS_CHECK_BULK_PATH"),
    ContractRoute("§7", "GET", "PERMISSIONS_USER_PATH", "/{user_id}"),
    # §9 Service clients
    ContractRoute("§9", "GET", "SERVICE_CLIENTS_PATH"),
    ContractRoute("§9", "POST", "SERVICE_CLIENTS_PATH"),
    ContractRoute("§9", "GET", "SERVICE_CLIENTS_PATH", "{client_id}"),
    ContractRoute("§9", "PUT", "SERVICE_CLIENTS_PATH", "{client_id}"),
    ContractRoute("§9", "DELETE", "SERVICE_CLIENTS_PATH", "{client_id}"),
    ContractRoute("§9", "POST", "SERVICE_CLIENTS_PATH", "{client_id}/rotate-secret"),
    ContractRoute("§9", "PUT", "SERVICE_CLIENTS_PATH", "{client_id}/scopes"),
    ContractRoute("§9", "GET", "SERVICE_CLIENTS_PATH", "{client_id}/permissions"),
    ContractRoute("§9", "GET", "SERVICE_CLIENTS_PATH", "{client_id}/rate-limit"),
    ContractRoute("§9", "GET", "SERVICE_CLIENTS_STATS_PATH"),
    # §10 Sessions
    ContractRoute("§10", "GET", "SESSIONS_PATH"),
    ContractRoute("§10", "DELETE", "SESSIONS_PATH"),
    ContractRoute("§10", "POST", "SESSIONS_PATH", "{session_id}/renew"),
    ContractRoute("§10", "DELETE", "SESSIONS_PATH", "{session_id}"),
    ContractRoute("§10", "GET", "SESSIONS_STATS_PATH"),
    ContractRoute("§10", "POST", "SESSIONS_CLEANUP_PATH"),
    # §11 Administration
    ContractRoute("§11", "GET", "ADMIN_DASHBOARD_PATH"),
    ContractRoute("§11", "GET", "ADMIN_SYSTEM_HEALTH_PATH"),
    ContractRoute("§11", "GET", "ADMIN_SECURITY_EVENTS_PATH"),
    ContractRoute("§11", "GET", "ADMIN_AUDIT_PATH"),
    ContractRoute("§11", "POST", "ADMIN_MAINTENANCE_CLEANUP_PATH"),
    ContractRoute("§11", "GET", "ADMIN_USAGE_REPORT_PATH"),
    ContractRoute("§11", "POST", "ADMIN_CONFIG_RELOAD_PATH"),
    ContractRoute("§11", "GET", "ADMIN_ERROR_LOGS_PATH"),
)


def contract_routes(paths: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """``(method, path template, section)`` of every contract route, built from the endpoint
    paths (name -> path, as in ``config.endpoint_paths``). Raises KeyError for an unknown name."""
    routes = []
    for route in ROUTES:
        base = paths[route.path_variable]
        path = base.rstrip("/") + route.suffix if route.suffix.startswith("/") else base + route.suffix
        routes.append((route.method, path, route.section))
    return routes
