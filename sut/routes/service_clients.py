"""Service clients: ``/api/v1/service-clients`` (admin). Secrets are shown only on create/rotate."""

from __future__ import annotations

import secrets
import uuid

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sut import defects, schemas
from sut.db import get_session, utcnow
from sut.errors import ApiError, not_found
from sut.events import audit, security_event
from sut.models import ServiceClient, User, client_scopes
from sut.routes.common import errors, scopes_by_ids
from sut.security import require_admin, store_of
from sut.views import client_out, like, paginate

router = APIRouter(prefix="/api/v1/service-clients", tags=["service-clients"])

ClientIdPath = Path(min_length=1, max_length=100)


def _client(db: Session, client_id: str) -> ServiceClient:
    client = db.scalar(select(ServiceClient).where(ServiceClient.client_id == client_id))
    if client is None:
        raise not_found("Service client")
    return client


@router.get("/", response_model=schemas.ServiceClientList, responses=errors(401, 403, 422), summary="List service clients")
def list_clients(
    search: str | None = Query(None, max_length=100),
    is_active: bool | None = None,
    is_trusted: bool | None = None,
    client_type: schemas.ClientType | None = None,
    scope_id: uuid.UUID | None = None,
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(20, ge=1, le=100),
    _admin: User = Depends(require_admin),
    db: Session = Depends(get_session),
) -> schemas.ServiceClientList:
    query = select(ServiceClient)
    if search and not defects.active("client-search-ignored"):
        pattern = like(search)
        query = query.where(or_(func.lower(ServiceClient.name).like(pattern, escape="\\"),
                                func.lower(ServiceClient.client_id).like(pattern, escape="\\"),
                                func.lower(ServiceClient.description).like(pattern, escape="\\")))
    if is_active is not None:
        query = query.where(ServiceClient.is_active == is_active)
    if is_trusted is not None:
        query = query.where(ServiceClient.is_trusted == is_trusted)
    if client_type is not None:
        query = query.where(ServiceClient.client_type == client_type)
    if scope_id is not None:
        query = query.where(ServiceClient.id.in_(
            select(client_scopes.c.client_pk).where(client_scopes.c.scope_id == str(scope_id))))
    clients, total, pages = paginate(db, query.order_by(ServiceClient.created_at, ServiceClient.client_id), page, per_page)
    return schemas.ServiceClientList(clients=[client_out(c) for c in clients], total=total, page=page,
                                     per_page=per_page, pages=pages)


@router.post("/", status_code=201, response_model=schemas.ServiceClientCreated, responses=errors(401, 403, 409, 422),
             summary="Create a service client (the secret is shown only here)")
def create_client(request: Request, body: schemas.ServiceClientCreateRequest, admin: User = Depends(require_admin),
                  db: Session = Depends(get_session)) -> schemas.ServiceClientCreated:
    client_id = body.client_id or f"client-{secrets.token_hex(8)}"
    if db.scalar(select(ServiceClient.id).where(ServiceClient.client_id == client_id)) is not None:
        raise ApiError(409, "conflict", "A service client with this client_id already exists")
    secret = body.client_secret or secrets.token_urlsafe(32)
    client = ServiceClient(
        client_id=client_id, secret_hash=request.app.state.hasher.hash(secret), name=body.name,
        description=body.description, client_type=body.client_type, is_active=body.is_active,
        is_trusted=body.is_trusted, contact_email=body.contact_email, website_url=body.website_url,
        webhook_url=body.webhook_url, access_token_lifetime=body.access_token_lifetime,
        refresh_token_lifetime=body.refresh_token_lifetime, rate_limit_per_minute=body.rate_limit_per_minute,
        rate_limit_per_hour=body.rate_limit_per_hour, allowed_ips=body.allowed_ips, scopes=scopes_by_ids(db, body.scope_ids),
    )
    db.add(client)
    db.flush()
    audit(db, "client.create", "service_client", client_id, request, actor_id=admin.id, details={"name": body.name})
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise ApiError(409, "conflict", "A service client with this client_id already exists") from None
    return schemas.ServiceClientCreated(client=client_out(client), client_secret=secret)


@router.get("/stats/overview", response_model=schemas.ClientStats, responses=errors(401, 403),
            summary="Service client statistics")
def client_stats(_admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.ClientStats:
    count = lambda *where: db.scalar(select(func.count(ServiceClient.id)).where(*where)) or 0  # noqa: E731
    return schemas.ClientStats(total_clients=count(), active_clients=count(ServiceClient.is_active.is_(True)),
                               trusted_clients=count(ServiceClient.is_trusted.is_(True)))


@router.get("/{client_id}", response_model=schemas.ServiceClientResponse, responses=errors(401, 403, 404, 422),
            summary="A service client")
def get_client(client_id: str = ClientIdPath, _admin: User = Depends(require_admin),
               db: Session = Depends(get_session)) -> schemas.ServiceClientResponse | JSONResponse:
    client = _client(db, client_id)
    if defects.active("client-secret-in-get"):
        return JSONResponse({**client_out(client).model_dump(mode="json"), "client_secret": client.secret_hash})
    return client_out(client)


@router.put("/{client_id}", response_model=schemas.ServiceClientResponse, responses=errors(401, 403, 404, 422),
            summary="Change a service client")
def update_client(request: Request, body: schemas.ServiceClientUpdateRequest, client_id: str = ClientIdPath,
                  admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.ServiceClientResponse:
    client = _client(db, client_id)
    fields = body.model_fields_set
    for name in ("name", "client_type", "is_active", "is_trusted", "access_token_lifetime", "refresh_token_lifetime",
                 "rate_limit_per_minute", "rate_limit_per_hour"):
        if name in fields and getattr(body, name) is not None:
            setattr(client, name, getattr(body, name))
    for name in ("description", "contact_email", "website_url", "webhook_url", "allowed_ips"):
        if name in fields:
            setattr(client, name, getattr(body, name))
    if body.scope_ids is not None:
        client.scopes = scopes_by_ids(db, body.scope_ids)
    client.updated_at = utcnow()
    audit(db, "client.update", "service_client", client.client_id, request, actor_id=admin.id,
          details={"fields": sorted(fields)})
    db.commit()
    return client_out(client)


@router.delete("/{client_id}", status_code=204, response_class=Response, responses=errors(401, 403, 404, 422),
               summary="Delete a service client")
def delete_client(request: Request, client_id: str = ClientIdPath, admin: User = Depends(require_admin),
                  db: Session = Depends(get_session)) -> Response:
    client = _client(db, client_id)
    db.delete(client)
    audit(db, "client.delete", "service_client", client_id, request, actor_id=admin.id)
    db.commit()
    return Response(status_code=204)


@router.post("/{client_id}/rotate-secret", response_model=schemas.RotateSecretResponse,
             responses=errors(400, 401, 403, 404, 422), summary="Rotate a client secret (the new one is shown once)")
def rotate_secret(request: Request, body: schemas.RotateSecretRequest, client_id: str = ClientIdPath,
                  admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.RotateSecretResponse:
    client = _client(db, client_id)
    hasher = request.app.state.hasher
    current_ok = defects.active("rotation-without-current-secret") or hasher.verify(client.secret_hash, body.current_secret)
    if not current_ok:
        security_event(db, "client_secret_rotation_failed", request, user_id=admin.id, client_id=client_id, severity="medium")
        raise ApiError(400, "invalid_client_secret", "The current secret is not correct")
    secret = secrets.token_urlsafe(32)
    if defects.active("old-secret-works-after-rotation"):
        store_of(request).set(f"old-secret:{client.client_id}", client.secret_hash, ttl=86400)
    client.secret_hash = hasher.hash(secret)
    client.secret_version = (client.secret_version or 0) + 1
    client.updated_at = utcnow()
    audit(db, "client.rotate_secret", "service_client", client_id, request, actor_id=admin.id)
    db.commit()
    return schemas.RotateSecretResponse(message="Client secret rotated", client_secret=secret)


@router.put("/{client_id}/scopes", response_model=schemas.ServiceClientResponse, responses=errors(401, 403, 404, 422),
            summary="Replace a client's scopes")
def set_client_scopes(request: Request, body: schemas.ScopeIdsRequest, client_id: str = ClientIdPath,
                      admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.ServiceClientResponse:
    client = _client(db, client_id)
    client.scopes = scopes_by_ids(db, body.scope_ids)
    client.updated_at = utcnow()
    audit(db, "client.scopes", "service_client", client_id, request, actor_id=admin.id,
          details={"scopes": [s.name for s in client.scopes]})
    db.commit()
    return client_out(client)


@router.get("/{client_id}/permissions", response_model=schemas.ClientPermissionsResponse,
            responses=errors(401, 403, 404, 422), summary="What a client may access")
def client_permissions(client_id: str = ClientIdPath, _admin: User = Depends(require_admin),
                       db: Session = Depends(get_session)) -> schemas.ClientPermissionsResponse:
    client = _client(db, client_id)
    resources: dict[str, list[str]] = {}
    for scope in client.scopes:
        resources.setdefault(scope.resource, [])
        if scope.action not in resources[scope.resource]:
            resources[scope.resource].append(scope.action)
    return schemas.ClientPermissionsResponse(
        client_id=client.client_id, scopes=sorted(s.name for s in client.scopes),
        resources={k: sorted(v) for k, v in sorted(resources.items())},
        can_access_admin=any(s.name.startswith("admin:") for s in client.scopes),
    )


@router.get("/{client_id}/rate-limit", response_model=schemas.ClientRateLimitResponse,
            responses=errors(401, 403, 404, 422), summary="A client's rate-limit state")
def client_rate_limit(request: Request, client_id: str = ClientIdPath, _admin: User = Depends(require_admin),
                      db: Session = Depends(get_session)) -> schemas.ClientRateLimitResponse:
    client = _client(db, client_id)
    store = store_of(request)
    minute = int(store.get(f"client-rate:minute:{client.client_id}") or 0)
    hour = int(store.get(f"client-rate:hour:{client.client_id}") or 0)
    per_minute_remaining = max(client.rate_limit_per_minute - minute, 0)
    per_hour_remaining = max(client.rate_limit_per_hour - hour, 0)
    return schemas.ClientRateLimitResponse(
        client_id=client.client_id, per_minute_limit=client.rate_limit_per_minute,
        per_minute_remaining=per_minute_remaining, per_hour_limit=client.rate_limit_per_hour,
        per_hour_remaining=per_hour_remaining, is_rate_limited=per_minute_remaining == 0 or per_hour_remaining == 0,
    )
