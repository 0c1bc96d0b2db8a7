"""Turn ORM objects into response models; pagination helper."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from sut import defects, schemas
from sut.models import Role, Scope, ServiceClient, User, UserSession, role_scopes, user_roles


def user_out(user: User) -> schemas.UserResponse:
    return schemas.UserResponse(
        id=user.id, username=user.username, email=user.email, first_name=user.first_name,
        last_name=user.last_name, display_name=user.display_name, bio=user.bio, is_active=user.is_active,
        is_verified=user.is_verified, is_superuser=user.is_superuser, full_name=user.full_name,
        last_login=user.last_login, created_at=user.created_at, updated_at=user.updated_at,
        roles=[schemas.RoleInfo(id=r.id, name=r.name, description=r.description) for r in user.roles],
        scopes=sorted(user.scope_names()),
    )


def scope_info(scope: Scope) -> schemas.ScopeInfo:
    return schemas.ScopeInfo(id=scope.id, name=scope.name, description=scope.description, resource=scope.resource, action=scope.action)


def role_out(db: Session, role: Role) -> schemas.RoleResponse:
    count = db.scalar(select(func.count()).select_from(user_roles).where(user_roles.c.role_id == role.id)) or 0
    if defects.active("role-user-count-zero"):
        count = 0
    return schemas.RoleResponse(
        id=role.id, name=role.name, description=role.description, created_at=role.created_at,
        updated_at=role.updated_at, scopes=[scope_info(s) for s in role.scopes], user_count=count,
    )


def scope_out(db: Session, scope: Scope) -> schemas.ScopeResponse:
    count = db.scalar(select(func.count()).select_from(role_scopes).where(role_scopes.c.scope_id == scope.id)) or 0
    if defects.active("scope-role-count-zero"):
        count = 0
    return schemas.ScopeResponse(
        id=scope.id, name=scope.name, description=scope.description, resource=scope.resource,
        action=scope.action, created_at=scope.created_at, updated_at=scope.updated_at, role_count=count,
    )


def client_out(client: ServiceClient) -> schemas.ServiceClientResponse:
    return schemas.ServiceClientResponse(
        id=client.id, client_id=client.client_id, name=client.name, description=client.description,
        client_type=client.client_type, is_active=client.is_active, is_trusted=client.is_trusted,
        contact_email=client.contact_email, website_url=client.website_url,
        access_token_lifetime=client.access_token_lifetime, refresh_token_lifetime=client.refresh_token_lifetime,
        rate_limit_per_minute=client.rate_limit_per_minute, rate_limit_per_hour=client.rate_limit_per_hour,
        allowed_ips=client.allowed_ips, webhook_url=client.webhook_url, last_used=client.last_used,
        total_requests=client.total_requests, created_at=client.created_at, updated_at=client.updated_at,
        scopes=[scope_info(s) for s in client.scopes],
        can_authenticate=defects.active("client-can-authenticate-always")
        or bool(client.is_active and client.client_type == "confidential"),
        supports_refresh_tokens=False,
    )


def session_out(session: UserSession) -> schemas.SessionInfo:
    return schemas.SessionInfo(
        session_id=session.id, user_id=session.user_id, username=session.user.username if session.user else "",
        ip_address=session.ip_address, user_agent=session.user_agent, created_at=session.created_at,
        last_activity=session.last_activity, expires_at=session.expires_at,
    )


def paginate(db: Session, query: Select, page: int, per_page: int) -> tuple[list[Any], int, int]:
    """(items of the page, total, pages)."""
    total = db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    items = list(db.scalars(query.offset((page - 1) * per_page).limit(per_page)).unique().all())
    if defects.active("pagination-total-wrong"):
        total = len(items)
    pages = math.ceil(total / per_page) if total else 0
    return items, total, pages


def like(term: str) -> str:
    """A LIKE pattern that matches ``term`` literally anywhere (escape char ``\\``)."""
    escaped = term.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
