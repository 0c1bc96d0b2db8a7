"""Roles, scopes and permission checks: ``/api/v1/roles`` (admin; permission checks by token scope)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sut import defects, schemas
from sut.db import get_session, utcnow
from sut.errors import ApiError, not_found
from sut.events import audit
from sut.models import Role, Scope, User, role_scopes
from sut.routes.common import errors, scopes_by_ids
from sut.security import Principal, require_admin, require_scope
from sut.views import like, paginate, role_out, scope_out

router = APIRouter(prefix="/api/v1/roles", tags=["roles"])
permissions_scope = require_scope("admin:permissions")


def _commit(db: Session, what: str) -> None:
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise ApiError(409, "conflict", f"A {what} with this name already exists") from None


def _role(db: Session, role_id: uuid.UUID) -> Role:
    role = db.get(Role, str(role_id))
    if role is None:
        raise not_found("Role")
    return role


def _scope(db: Session, scope_id: uuid.UUID) -> Scope:
    scope = db.get(Scope, str(scope_id))
    if scope is None:
        raise not_found("Scope")
    return scope


# -- roles ----------------------------------------------------------------------------------
@router.get("/", response_model=schemas.RoleList, responses=errors(401, 403, 422), summary="List roles")
def list_roles(
    search: str | None = Query(None, max_length=100),
    scope_id: uuid.UUID | None = None,
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(20, ge=1, le=100),
    _admin: User = Depends(require_admin),
    db: Session = Depends(get_session),
) -> schemas.RoleList:
    query = select(Role)
    if search:
        pattern = like(search)
        query = query.where(or_(func.lower(Role.name).like(pattern, escape="\\"),
                                func.lower(Role.description).like(pattern, escape="\\")))
    if scope_id is not None:
        query = query.where(Role.id.in_(select(role_scopes.c.role_id).where(role_scopes.c.scope_id == str(scope_id))))
    roles, total, pages = paginate(db, query.order_by(Role.name), page, per_page)
    return schemas.RoleList(roles=[role_out(db, r) for r in roles], total=total, page=page, per_page=per_page, pages=pages)


@router.post("/", status_code=201, response_model=schemas.RoleResponse, responses=errors(401, 403, 409, 422),
             summary="Create a role")
def create_role(request: Request, body: schemas.RoleCreateRequest, admin: User = Depends(require_admin),
                db: Session = Depends(get_session)) -> schemas.RoleResponse:
    if db.scalar(select(Role.id).where(Role.name == body.name)) is not None:
        raise ApiError(409, "conflict", "A role with this name already exists")
    role = Role(name=body.name, description=body.description, scopes=scopes_by_ids(db, body.scope_ids))
    db.add(role)
    db.flush()
    audit(db, "role.create", "role", role.id, request, actor_id=admin.id, details={"name": role.name})
    _commit(db, "role")
    return role_out(db, role)


# -- scopes (declared before /{role_id}) ----------------------------------------------------
@router.get("/scopes/", response_model=schemas.ScopeList, responses=errors(401, 403, 422), summary="List scopes")
def list_scopes(
    search: str | None = Query(None, max_length=100),
    resource: str | None = Query(None, max_length=100),
    action: str | None = Query(None, max_length=100),
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(20, ge=1, le=100),
    _admin: User = Depends(require_admin),
    db: Session = Depends(get_session),
) -> schemas.ScopeList:
    query = select(Scope)
    if search:
        pattern = like(search)
        query = query.where(or_(func.lower(Scope.name).like(pattern, escape="\\"),
                                func.lower(Scope.description).like(pattern, escape="\\")))
    if resource and not defects.active("scope-resource-filter-ignored"):
        query = query.where(Scope.resource == resource)
    if action:
        query = query.where(Scope.action == action)
    scopes, total, pages = paginate(db, query.order_by(Scope.name), page, per_page)
    return schemas.ScopeList(scopes=[scope_out(db, s) for s in scopes], total=total, page=page, per_page=per_page, pages=pages)


@router.post("/scopes/", status_code=201, response_model=schemas.ScopeResponse, responses=errors(401, 403, 409, 422),
             summary="Create a scope")
def create_scope(request: Request, body: schemas.ScopeCreateRequest, admin: User = Depends(require_admin),
                 db: Session = Depends(get_session)) -> schemas.ScopeResponse:
    if db.scalar(select(Scope.id).where(Scope.name == body.name)) is not None:
        raise ApiError(409, "conflict", "A scope with this name already exists")
    scope = Scope(name=body.name, description=body.description, resource=body.resource, action=body.action)
    db.add(scope)
    db.flush()
    audit(db, "scope.create", "scope", scope.id, request, actor_id=admin.id, details={"name": scope.name})
    _commit(db, "scope")
    return scope_out(db, scope)


@router.get("/scopes/{scope_id}", response_model=schemas.ScopeResponse, responses=errors(401, 403, 404, 422),
            summary="A scope")
def get_scope(scope_id: uuid.UUID, _admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.ScopeResponse:
    return scope_out(db, _scope(db, scope_id))


@router.put("/scopes/{scope_id}", response_model=schemas.ScopeResponse, responses=errors(401, 403, 404, 409, 422),
            summary="Change a scope")
def update_scope(request: Request, scope_id: uuid.UUID, body: schemas.ScopeUpdateRequest,
                 admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.ScopeResponse:
    scope = _scope(db, scope_id)
    fields = body.model_fields_set
    if "name" in fields and body.name and body.name != scope.name:
        if db.scalar(select(Scope.id).where(Scope.name == body.name, Scope.id != scope.id)) is not None:
            raise ApiError(409, "conflict", "A scope with this name already exists")
        scope.name = body.name
    if "description" in fields:
        scope.description = body.description
    for name in ("resource", "action"):
        if name in fields and getattr(body, name):
            setattr(scope, name, getattr(body, name))
    scope.updated_at = utcnow()
    audit(db, "scope.update", "scope", scope.id, request, actor_id=admin.id, details={"fields": sorted(fields)})
    _commit(db, "scope")
    return scope_out(db, scope)


@router.delete("/scopes/{scope_id}", status_code=204, response_class=Response, responses=errors(401, 403, 404, 422),
               summary="Delete a scope")
def delete_scope(request: Request, scope_id: uuid.UUID, admin: User = Depends(require_admin),
                 db: Session = Depends(get_session)) -> Response:
    scope = _scope(db, scope_id)
    name = scope.name
    db.delete(scope)
    audit(db, "scope.delete", "scope", str(scope_id), request, actor_id=admin.id, details={"name": name})
    db.commit()
    return Response(status_code=204)


# -- permission checks (scope admin:permissions in the bearer token) ------------------------
def evaluate(user: User, resource: str, action: str) -> schemas.BulkCheckResult:
    """Whether ``user`` may do ``action`` on ``resource``; ``admin:<r>`` implies read/write."""
    held = user.scope_names()
    candidates = {f"{action}:{resource}"}
    if action in ("read", "write") and not defects.active("admin-scope-not-implied"):
        candidates.add(f"admin:{resource}")
    matching = sorted(held & candidates)
    if not user.is_active:
        allowed, reason = False, "user is inactive"
    elif matching:
        allowed, reason = True, "granted by scope " + ", ".join(matching)
    elif user.is_superuser:
        allowed, reason = True, "user is a superuser"
    else:
        allowed, reason = False, f"no scope grants {action} on {resource}"
    return schemas.BulkCheckResult(resource=resource, action=action, allowed=allowed, reason=reason, matching_scopes=matching)


def _user(db: Session, user_id: uuid.UUID) -> User:
    user = db.get(User, str(user_id))
    if user is None:
        raise not_found("User")
    return user


@router.post("/permissions/check", response_model=schemas.PermissionCheckResponse,
             responses=errors(401, 403, 404, 422), summary="Check one permission of a user")
def check_permission(body: schemas.PermissionCheckRequest, _caller: Principal = Depends(permissions_scope),
                     db: Session = Depends(get_session)) -> schemas.PermissionCheckResponse:
    user = _user(db, body.user_id)
    result = evaluate(user, body.resource, body.action)
    return schemas.PermissionCheckResponse(allowed=result.allowed, reason=result.reason,
                                           matching_scopes=result.matching_scopes, user_roles=[r.name for r in user.roles])


@router.post("/permissions/check-bulk", response_model=schemas.BulkCheckResponse,
             responses=errors(401, 403, 404, 422), summary="Check several permissions of a user")
def check_bulk(body: schemas.BulkCheckRequest, _caller: Principal = Depends(permissions_scope),
               db: Session = Depends(get_session)) -> schemas.BulkCheckResponse:
    user = _user(db, body.user_id)
    return schemas.BulkCheckResponse(
        results=[evaluate(user, p.resource, p.action) for p in body.permissions],
        user_roles=[r.name for r in user.roles], user_scopes=sorted(user.scope_names()),
    )


@router.get("/permissions/user/{user_id}", response_model=schemas.UserPermissionsResponse,
            responses=errors(401, 403, 404, 422), summary="Roles and scopes of a user")
def user_permissions(user_id: uuid.UUID, _caller: Principal = Depends(permissions_scope),
                     db: Session = Depends(get_session)) -> schemas.UserPermissionsResponse:
    user = _user(db, user_id)
    return schemas.UserPermissionsResponse(user_id=user.id, roles=[r.name for r in user.roles],
                                           scopes=sorted(user.scope_names()))


# -- one role -------------------------------------------------------------------------------
@router.get("/{role_id}", response_model=schemas.RoleResponse, responses=errors(401, 403, 404, 422), summary="A role")
def get_role(role_id: uuid.UUID, _admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.RoleResponse:
    return role_out(db, _role(db, role_id))


@router.put("/{role_id}", response_model=schemas.RoleResponse, responses=errors(401, 403, 404, 409, 422),
            summary="Change a role")
def update_role(request: Request, role_id: uuid.UUID, body: schemas.RoleUpdateRequest,
                admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.RoleResponse:
    role = _role(db, role_id)
    fields = body.model_fields_set
    if "name" in fields and body.name and body.name != role.name:
        if db.scalar(select(Role.id).where(Role.name == body.name, Role.id != role.id)) is not None:
            raise ApiError(409, "conflict", "A role with this name already exists")
        role.name = body.name
    if "description" in fields:
        role.description = body.description
    if body.scope_ids is not None:
        role.scopes = scopes_by_ids(db, body.scope_ids)
    role.updated_at = utcnow()
    audit(db, "role.update", "role", role.id, request, actor_id=admin.id, details={"fields": sorted(fields)})
    _commit(db, "role")
    return role_out(db, role)


@router.delete("/{role_id}", status_code=204, response_class=Response, responses=errors(401, 403, 404, 422),
               summary="Delete a role")
def delete_role(request: Request, role_id: uuid.UUID, admin: User = Depends(require_admin),
                db: Session = Depends(get_session)) -> Response:
    role = _role(db, role_id)
    name = role.name
    db.delete(role)
    audit(db, "role.delete", "role", str(role_id), request, actor_id=admin.id, details={"name": name})
    db.commit()
    return Response(status_code=204)


@router.put("/{role_id}/scopes", response_model=schemas.RoleResponse, responses=errors(401, 403, 404, 422),
            summary="Replace a role's scopes")
def set_role_scopes(request: Request, role_id: uuid.UUID, body: schemas.ScopeIdsRequest,
                    admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.RoleResponse:
    role = _role(db, role_id)
    scopes = scopes_by_ids(db, body.scope_ids)
    role.scopes = [*role.scopes, *(s for s in scopes if s not in role.scopes)] if defects.active("role-scopes-appended") else scopes
    role.updated_at = utcnow()
    audit(db, "role.scopes", "role", role.id, request, actor_id=admin.id, details={"scopes": [s.name for s in role.scopes]})
    db.commit()
    return role_out(db, role)
