"""Authentication routes: ``/api/v1/auth`` (token, service-token, refresh, introspect, revoke, logout)."""

from __future__ import annotations

import datetime as dt
import math
import time
import unicodedata
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials
from sqlalchemy import or_, select, text, update
from sqlalchemy.orm import Session

from sut import defects, schemas, variants
from sut.db import get_session, utcnow
from sut.errors import ApiError, forbidden, unauthorized
from sut.events import security_event, user_agent
from sut.models import RefreshToken, ServiceClient, User, UserSession
from sut.routes.common import errors, no_store
from sut.security import (
    Principal, address_limit, bearer_scheme, check_counter, current_principal, current_user_principal, end_sessions, issue_user_tokens,
    rate_limited, request_ip, revoke_jti, session_active, settings_of, store_of, tokens_of, verify_token,
)
from sut.tokens import TokenError

router = APIRouter(prefix="/api/v1/auth", tags=["auth"])

INVALID_GRANT = "Invalid username or password"
INVALID_CLIENT = "Invalid client credentials"


def _invalid_grant(description: str = INVALID_GRANT) -> ApiError:
    return ApiError(401, "invalid_grant", description, {"WWW-Authenticate": "Bearer"})


def _token_response(response: Response, body: schemas.TokenResponse) -> schemas.TokenResponse:
    response.headers.update(no_store())
    return body


@router.post(
    "/token",
    response_model=schemas.TokenResponse,
    responses=errors(400, 401, 403, 422, 423, 429),
    summary="Log in with username (or e-mail) and password",
)
def login(
    request: Request,
    response: Response,
    username: Annotated[str, Form(min_length=1, max_length=320)],
    password: Annotated[str, Form(min_length=1, max_length=1024)],
    scope: Annotated[str | None, Form(max_length=2000)] = None,
    grant_type: Annotated[str | None, Form(max_length=50)] = None,
    db: Session = Depends(get_session),
) -> schemas.TokenResponse:
    settings, store = settings_of(request), store_of(request)
    ip = request_ip(request)
    ip_key = f"login-failures:ip:{ip}"
    wait = check_counter(store, ip_key, address_limit(request, "failed_login_limit_per_minute"))
    if wait is not None and not defects.active("failed-login-rate-limit-missing"):
        security_event(db, "rate_limit_exceeded", request, severity="medium", details={"limit": "failed_logins"})
        raise rate_limited(wait, "failed login attempts")
    if grant_type not in (None, "", "password"):
        raise ApiError(400, "unsupported_grant_type", "grant_type must be 'password'")

    ident = username.strip().lower()
    if defects.active("lookalike-username-login"):
        ident = _skeleton(ident)
    by_email = User.username == ident if defects.active("email-login-missing") else User.email == ident
    if defects.active("login-sql-injection"):
        user_id = db.execute(text(f"SELECT id FROM users WHERE username = '{ident}' OR email = '{ident}'")).scalar()
        user = db.get(User, user_id) if user_id else None
    else:
        user = db.scalar(select(User).where(or_(User.username == ident, by_email)))
    now = utcnow()
    if user is not None and user.locked_until is not None and user.locked_until > now:
        _lock_defects(request, db, user, password)
        if variants.active("locked-wrong-password-401") and not request.app.state.hasher.verify(user.password_hash, password):
            store.incr(ip_key, 60)
            security_event(db, "login_failed", request, user_id=user.id, severity="medium",
                           details={"username": ident[:100], "reason": "invalid_credentials"})
            raise _invalid_grant()
        seconds = max(1, math.ceil((user.locked_until - now).total_seconds()))
        security_event(db, "login_blocked", request, user_id=user.id, severity="medium", details={"reason": "account_locked"})
        raise ApiError(423, "account_locked", "Account temporarily locked after too many failed logins",
                       {} if defects.active("lock-retry-after-missing") else {"Retry-After": str(seconds)})

    hasher = request.app.state.hasher
    valid = hasher.verify(user.password_hash, password) if user is not None else hasher.dummy_verify(password)
    if not valid:
        store.incr(ip_key, 60)
        if not defects.active("failed-login-not-recorded"):
            security_event(db, "login_failed", request, user_id=user.id if user else None, severity="medium",
                           details={"username": ident[:100], "reason": "invalid_credentials"}, commit=False)
        if user is not None:
            count, _ = store.incr(f"login-failures:user:{user.id}", settings.lockout_seconds)
            if count >= settings.max_login_attempts and not defects.active("lockout-missing"):
                factor = 1000 if defects.active("lock-never-lifts") else 1
                user.locked_until = now + dt.timedelta(seconds=settings.lockout_seconds * factor)
                store.delete(f"login-failures:user:{user.id}")
                security_event(db, "account_locked", request, user_id=user.id, severity="high",
                               details={"failed_attempts": count, "lockout_seconds": settings.lockout_seconds},
                               commit=False)
        db.commit()
        if user is not None and defects.active("failed-login-delay-reveals-accounts"):
            time.sleep(0.25)
        if defects.active("login-refusal-echoes-html"):
            return HTMLResponse(f"<html><body><p>Login failed for {username}</p></body></html>", 401)
        if user is None and defects.active("unknown-user-distinguishable"):
            raise _invalid_grant("No account with this username or e-mail address")
        raise _invalid_grant()

    if not user.is_active and not defects.active("disabled-user-can-login"):
        security_event(db, "login_failed", request, user_id=user.id, severity="medium", details={"reason": "account_disabled"})
        raise ApiError(403, "account_disabled", "This account is disabled")

    if not defects.active("failure-count-not-reset"):
        store.delete(f"login-failures:user:{user.id}")
    user.locked_until = None
    user.last_login = now
    if hasher.needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    held = user.scope_names()
    requested = set(scope.split()) if scope and scope.strip() else None
    if defects.active("requested-scope-ignored"):
        requested = None
    if defects.active("scopes-from-request") and requested is not None:
        held = held | requested
    granted = sorted(held & requested if requested is not None else held)
    session = UserSession(
        user_id=user.id, ip_address=None if defects.active("session-ip-not-recorded") else ip, user_agent=user_agent(request), created_at=now, last_activity=now,
        expires_at=now + dt.timedelta(days=settings.refresh_token_days),
    )
    db.add(session)
    db.flush()
    access, refresh = issue_user_tokens(request, db, user, granted, session)
    security_event(db, "login_success", request, user_id=user.id, details={"session_id": session.id}, commit=False)
    db.commit()
    expires_in = access.expires_in // 60 if defects.active("expires-in-minutes") else access.expires_in
    return _token_response(response, schemas.TokenResponse(
        access_token=access.token, expires_in=expires_in, refresh_token=refresh.token,
        scope=" ".join(granted), session_id=session.id,
    ))


@router.post(
    "/service-token",
    response_model=schemas.TokenResponse,
    responses=errors(400, 401, 403, 422),
    summary="Service token for a service client (client credentials)",
)
def service_token(
    request: Request,
    response: Response,
    client_id: Annotated[str, Form(min_length=1, max_length=100)],
    client_secret: Annotated[str, Form(min_length=1, max_length=256)],
    scope: Annotated[str | None, Form(max_length=2000)] = None,
    grant_type: Annotated[str | None, Form(max_length=50)] = None,
    db: Session = Depends(get_session),
) -> schemas.TokenResponse:
    if grant_type not in (None, "", "client_credentials"):
        raise ApiError(400, "unsupported_grant_type", "grant_type must be 'client_credentials'")
    hasher = request.app.state.hasher
    client = db.scalar(select(ServiceClient).where(ServiceClient.client_id == client_id))
    valid = hasher.verify(client.secret_hash, client_secret) if client is not None else hasher.dummy_verify(client_secret)
    if not valid and client is not None and defects.active("old-secret-works-after-rotation"):
        old_hash = store_of(request).get(f"old-secret:{client.client_id}")
        valid = old_hash is not None and hasher.verify(old_hash, client_secret)
    if not valid:
        security_event(db, "client_auth_failed", request, client_id=client.client_id if client else None,
                       severity="medium", details={"reason": "invalid_client"})
        if client is None and defects.active("unknown-client-distinguishable"):
            raise ApiError(401, "invalid_client", f"Unknown client {client_id}", {"WWW-Authenticate": "Bearer"})
        if defects.active("client-secret-error-400"):
            raise ApiError(400, "invalid_client", INVALID_CLIENT)
        raise ApiError(401, "invalid_client", INVALID_CLIENT, {"WWW-Authenticate": "Bearer"})
    if not client.is_active and not defects.active("disabled-client-gets-tokens"):
        raise ApiError(403, "client_disabled", "This client is disabled")
    if client.client_type != "confidential":
        raise ApiError(400, "unauthorized_client", "Public clients cannot use the client-credentials grant")
    ip = request_ip(request)
    if client.allowed_ips and ip not in client.allowed_ips:
        security_event(db, "client_ip_denied", request, client_id=client.client_id, severity="medium")
        raise ApiError(403, "access_denied", "Requests from this address are not allowed for this client")
    held = {s.name for s in client.scopes}
    requested = set(scope.split()) if scope and scope.strip() and not defects.active("client-scope-not-narrowed") else None
    granted = sorted(held & requested if requested is not None else held)
    if requested is not None and not granted:
        raise ApiError(400, "invalid_scope", "None of the requested scopes is granted to this client")
    tokens = tokens_of(request)
    lifetime = 3600 if defects.active("client-token-lifetime-ignored") else client.access_token_lifetime
    issued = tokens.issue("service", client.client_id, lifetime,
                          {"scopes": granted, "client_id": client.client_id, "is_trusted": bool(client.is_trusted)})
    store = store_of(request)
    store.incr(f"client-rate:minute:{client.client_id}", 60)
    store.incr(f"client-rate:hour:{client.client_id}", 3600)
    client.last_used = utcnow()
    client.total_requests = (client.total_requests or 0) + 1
    db.commit()
    return _token_response(response, schemas.TokenResponse(
        access_token=issued.token, expires_in=issued.expires_in, scope=" ".join(granted),
        refresh_token=issued.token if defects.active("service-token-has-refresh-token") else None,
        session_id=None,
    ))


@router.post(
    "/refresh",
    response_model=schemas.TokenResponse,
    responses=errors(401, 422),
    summary="Rotate a refresh token: new access and refresh token",
)
def refresh(
    request: Request, response: Response, body: schemas.RefreshRequest, db: Session = Depends(get_session)
) -> schemas.TokenResponse:
    try:
        return _refresh(request, response, body, db)
    except ApiError as error:
        if error.status_code == 401 and defects.active("refresh-error-400"):
            error.status_code = 400
        raise


def _refresh(request: Request, response: Response, body: schemas.RefreshRequest, db: Session) -> schemas.TokenResponse:
    """The rotation behind POST /auth/refresh."""
    store = store_of(request)
    try:
        claims = tokens_of(request).decode(body.refresh_token)
    except TokenError:
        raise _invalid_grant("Invalid refresh token") from None
    if claims.get("type") != "refresh":
        raise _invalid_grant("Invalid refresh token")
    row = db.get(RefreshToken, claims["jti"])
    if row is None or row.user_id != claims["sub"]:
        raise _invalid_grant("Invalid refresh token")
    if row.status == "rotated" and defects.active("rotated-refresh-accepted"):
        row.status = "active"  # the defect: a rotated-out token counts as unused
        db.flush()
    if row.status == "rotated":
        # Reuse of a rotated-out token: treat the whole chain as compromised.
        family = db.scalars(select(RefreshToken).where(RefreshToken.family_id == row.family_id,
                                                       RefreshToken.status == "active")).all()
        for member in family:
            member.status = "revoked"
            revoke_jti(store, member.jti, member.expires_at.timestamp())
        security_event(db, "refresh_token_reuse", request, user_id=row.user_id, severity="high",
                       details={"family_id": row.family_id, "revoked": len(family)}, commit=False)
        db.commit()
        raise _invalid_grant("Refresh token already used")
    now = utcnow()
    if row.status != "active" or row.expires_at <= now or store.exists(f"revoked:{row.jti}"):
        raise _invalid_grant("Refresh token revoked or expired")
    user = db.get(User, row.user_id)
    if user is None or not user.is_active or claims.get("tv") != user.token_version:
        raise _invalid_grant("Refresh token no longer valid")
    session = db.get(UserSession, row.session_id) if row.session_id else None
    if not session_active(session, now):
        raise _invalid_grant("Session ended")
    if defects.active("refresh-not-rotated"):
        return _unrotated_refresh(request, response, db, user, row, session, body.refresh_token)
    # Claim the token atomically, so two concurrent refreshes cannot both succeed.
    claimed = db.execute(
        update(RefreshToken).where(RefreshToken.jti == row.jti, RefreshToken.status == "active").values(status="rotated")
    ).rowcount
    if claimed != 1:
        db.rollback()
        raise _invalid_grant("Refresh token already used")
    granted = sorted(set(row.scopes or []) & user.scope_names())
    if defects.active("refresh-widens-grant"):
        granted = sorted(user.scope_names())
    access, new_refresh = issue_user_tokens(request, db, user, granted, session, family_id=row.family_id)
    db.execute(update(RefreshToken).where(RefreshToken.jti == row.jti).values(replaced_by=new_refresh.jti))
    session.last_activity = now
    session.expires_at = max(session.expires_at, now + dt.timedelta(days=settings_of(request).refresh_token_days))
    db.commit()
    return _token_response(response, schemas.TokenResponse(
        access_token=access.token, expires_in=access.expires_in, refresh_token=new_refresh.token,
        scope=" ".join(granted), session_id=session.id,
    ))


def _inactive() -> schemas.IntrospectResponse | JSONResponse:
    return _introspection(schemas.IntrospectResponse(active=False))


def _introspection(answer: schemas.IntrospectResponse) -> schemas.IntrospectResponse | JSONResponse:
    """The answer as the introspection variants write it (token_type absent or another string)."""
    if variants.active("introspection-no-token-type"):
        return JSONResponse(answer.model_dump(mode="json", exclude={"token_type"}))
    answer.token_type = variants.introspection_token_type(answer.token_type)
    return answer


def introspection_caller(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
    db: Session = Depends(get_session),
) -> Principal | None:
    """The authenticated caller of an introspection (nobody, under introspection-anonymous)."""
    if defects.active("introspection-anonymous") and credentials is None:
        return None
    return current_principal(request, credentials, db)


@router.post(
    "/introspect",
    response_model=schemas.IntrospectResponse,
    responses=errors(401, 422),
    summary="Introspect a token (RFC 7662)",
)
def introspect(
    request: Request,
    body: schemas.TokenRequest,
    _caller: Principal | None = Depends(introspection_caller),
    db: Session = Depends(get_session),
) -> schemas.IntrospectResponse | JSONResponse:
    try:
        principal = verify_token(request, db, body.token, allow=("access", "refresh", "service"),
                                 check_revoked=not defects.active("introspection-revoked-active"))
    except TokenError:
        return _inactive()
    claims = principal.claims
    scopes = sorted(principal.scopes)
    if claims["type"] == "refresh":
        row = db.get(RefreshToken, claims["jti"])
        if row is None or row.status != "active" or row.expires_at <= utcnow():
            return _inactive()
        scopes = sorted(row.scopes or [])
    return _introspection(schemas.IntrospectResponse(
        active=True,
        sub=claims["sub"],
        username=principal.user.username if principal.user else None,
        client_id=principal.client.client_id if principal.client else None,
        scope=" ".join(scopes),
        exp=int(claims["exp"]),
        iat=int(claims["iat"]),
        token_type=claims["type"],
    ))


@router.post(
    "/revoke",
    response_model=schemas.MessageResponse,
    responses=errors(401, 403, 422),
    summary="Revoke a token (RFC 7009)",
)
def revoke(
    request: Request,
    body: schemas.TokenRequest,
    caller: Principal = Depends(current_principal),
    db: Session = Depends(get_session),
) -> schemas.MessageResponse:
    message = schemas.MessageResponse(message="Token revoked")
    try:
        claims = tokens_of(request).decode(body.token, verify_exp=False)
    except TokenError:
        return message  # RFC 7009: unknown or invalid tokens are not an error
    if caller.kind == "user":
        assert caller.user is not None
        owner = claims["type"] in ("access", "refresh") and claims["sub"] == caller.user.id
        allowed = owner or caller.user.is_admin or defects.active("revoke-foreign-token")
    else:
        assert caller.client is not None
        allowed = claims["type"] == "service" and claims["sub"] == caller.client.client_id
    if not allowed:
        security_event(db, "access_denied", request, user_id=caller.user.id if caller.user else None,
                       client_id=caller.client.client_id if caller.client else None, severity="medium",
                       details={"reason": "revoke token of another principal"})
        if variants.active("revoke-foreign-200"):
            return message  # RFC 7009 leaves it open; the token is not revoked
        raise forbidden("You can only revoke your own tokens")
    if defects.active("revoke-ignored"):
        return message
    store = store_of(request)
    revoke_jti(store, claims["jti"], claims.get("exp"))
    if claims["type"] == "refresh":
        row = db.get(RefreshToken, claims["jti"])
        if row is not None and row.status == "active":
            row.status = "revoked"
    security_event(db, "token_revoked", request, user_id=caller.user.id if caller.user else None,
                   client_id=caller.client.client_id if caller.client else None,
                   details={"token_type": claims["type"], "subject": claims["sub"], "jti": claims["jti"]},
                   commit=False)
    db.commit()
    return message


def logout_caller(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
    db: Session = Depends(get_session),
) -> Principal:
    """The user whose access token logs out (a refresh token too, under refresh-token-as-logout-caller)."""
    if defects.active("refresh-token-as-logout-caller") and credentials is not None:
        try:
            return verify_token(request, db, credentials.credentials, allow=("access", "refresh"))
        except TokenError as exc:
            raise unauthorized(f"Invalid token: {exc}") from None
    return current_user_principal(current_principal(request, credentials, db))


@router.post(
    "/logout",
    response_model=schemas.LogoutResponse,
    responses=errors(401, 403),
    summary="Log out: revoke this token and end its session",
)
def logout(
    request: Request, caller: Principal = Depends(logout_caller), db: Session = Depends(get_session)
) -> schemas.LogoutResponse:
    if defects.active("logout-keeps-token"):
        return schemas.LogoutResponse(message="Successfully logged out", sessions_terminated=1)
    store = store_of(request)
    revoke_jti(store, caller.jti, caller.claims.get("exp"))
    session = db.get(UserSession, caller.claims.get("sid"))
    ended = end_sessions(db, store, [session] if session is not None else [])
    if defects.active("logout-ends-all-sessions"):
        ended += end_sessions(db, store, list(db.scalars(select(UserSession).where(UserSession.ended_at.is_(None)))))
    security_event(db, "logout", request, user_id=caller.user.id if caller.user else None,
                   details={"session_id": caller.claims.get("sid")}, commit=False)
    db.commit()
    return schemas.LogoutResponse(message="Successfully logged out", sessions_terminated=ended)


# -- hooks of deliberate defects (sut/defects.py) ---------------------------------------------
def _lock_defects(request: Request, db: Session, user: User, password: str) -> None:
    """During a lock: locked-right-password-401 and wrong-password-lifts-lock (nothing without them)."""
    if not (defects.active("locked-right-password-401") or defects.active("wrong-password-lifts-lock")):
        return
    right = request.app.state.hasher.verify(user.password_hash, password)
    if right and defects.active("locked-right-password-401"):
        raise _invalid_grant()
    if not right and defects.active("wrong-password-lifts-lock"):
        user.locked_until = None
        db.commit()
        raise _invalid_grant()


def _unrotated_refresh(request: Request, response: Response, db: Session, user: User, row: RefreshToken,
                       session: UserSession, refresh_token: str) -> schemas.TokenResponse:
    """refresh-not-rotated: a new access token, the old refresh token handed back and left usable."""
    granted = sorted(set(row.scopes or []) & user.scope_names())
    access, _unused = issue_user_tokens(request, db, user, granted, session, family_id=row.family_id)
    db.commit()
    return _token_response(response, schemas.TokenResponse(
        access_token=access.token, expires_in=access.expires_in, refresh_token=refresh_token,
        scope=" ".join(granted), session_id=session.id,
    ))


_LOOKALIKES = str.maketrans("\u0430\u0441\u0435\u0456\u043e\u0440\u0445", "aceiopx")


def _skeleton(name: str) -> str:
    """lookalike-username-login: the name with compatibility forms, accents and Cyrillic look-alikes folded."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().translate(_LOOKALIKES)
