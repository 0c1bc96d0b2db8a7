"""Bearer authentication, admin/scope checks, token issuing and rate-limit helpers."""

from __future__ import annotations


import datetime as dt
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sut import defects, variants
from sut.config import Settings
from sut.db import get_session, utcnow
from sut.errors import ApiError, forbidden, unauthorized
from sut.events import client_ip, security_event
from sut.models import RefreshToken, ServiceClient, User, UserSession
from sut.store import Store
from sut.tokens import IssuedToken, TokenError, TokenService

bearer_scheme = HTTPBearer(auto_error=False, description="Access or service token (JWT)")


@dataclass
class Principal:
    """The verified caller: a user (access token) or a service client (service token)."""

    kind: str  # "user" | "service"
    claims: dict[str, Any]
    token: str
    user: User | None = None
    client: ServiceClient | None = None
    scopes: set[str] = field(default_factory=set)

    @property
    def jti(self) -> str:
        return self.claims["jti"]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def store_of(request: Request) -> Store:
    return request.app.state.store


def tokens_of(request: Request) -> TokenService:
    return request.app.state.tokens


def revoked_key(jti: str) -> str:
    return f"revoked:{jti}"


def revoke_jti(store: Store, jti: str, exp: int | float | None) -> None:
    """Put a token id on the revocation list until the token would expire anyway."""
    if defects.active("revocations-not-cached"):
        return
    remaining = (exp - dt.datetime.now(dt.timezone.utc).timestamp()) if exp else 86400 * 31
    store.set(revoked_key(jti), "1", ttl=max(remaining, 1) + 60)


def is_revoked(store: Store, jti: str) -> bool:
    """Whether the token id is on the revocation list. A store that does not answer raises
    (the request fails with 503): a revoked token must never pass because the cache is down."""
    try:
        return store.exists(revoked_key(jti))
    except Exception:
        if defects.active("revocation-fails-open"):
            return False
        raise


def session_active(session: UserSession | None, now: dt.datetime | None = None) -> bool:
    now = now or utcnow()
    return session is not None and session.ended_at is None and session.expires_at > now


def _bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if not header:
        return None
    parts = header.strip().split(None, 1)
    if len(parts) != 2 or parts[0].lower() != "bearer" or not parts[1].strip():
        return None
    return parts[1].strip()


def verify_token(
    request: Request, db: Session, token: str, *, allow: tuple[str, ...] = ("access", "service"), check_revoked: bool = True,
) -> Principal:
    """Fully verify a bearer token against signature, claims, revocation and current state.

    Raises :class:`TokenError` with a safe message when the token is not acceptable.
    """
    claims = tokens_of(request).decode(token)
    token_type = claims["type"]
    if token_type == "refresh" and defects.active("refresh-token-as-access-token"):
        token_type = "access"
    if token_type not in allow:
        raise TokenError(f"a {token_type} token cannot be used here")
    if check_revoked and is_revoked(store_of(request), claims["jti"]):
        raise TokenError("token revoked")
    if token_type == "service":
        client = db.scalar(select(ServiceClient).where(ServiceClient.client_id == claims["sub"]))
        if client is None or not client.is_active:
            raise TokenError("client unknown or disabled")
        return Principal("service", claims, token, client=client, scopes=set(_list(claims.get("scopes"))))
    user = db.get(User, claims["sub"]) if _is_uuid(claims["sub"]) else None
    if not claims["sub"] and defects.active("claim-sub-not-required"):
        user = db.scalar(select(User).where(User.username == claims.get("username")))
    if user is None or (not user.is_active and not defects.active("deactivated-user-tokens-work")):
        raise TokenError("user unknown or disabled")
    if claims.get("tv") != user.token_version:
        raise TokenError("token no longer valid")
    sid = claims.get("sid")
    if not isinstance(sid, str) or not _is_uuid(sid):
        raise TokenError("token has no session")
    session = db.get(UserSession, sid)
    if not session_active(session) or session.user_id != user.id:
        raise TokenError("session ended")
    if token_type == "access":
        now = utcnow()
        if (now - session.last_activity).total_seconds() > 60:
            session.last_activity = now
            try:
                db.commit()
            except Exception:  # noqa: BLE001 - activity tracking is best effort
                db.rollback()
    return Principal("user", claims, token, user=user, scopes=set(_list(claims.get("scopes"))))


def _list(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True


# -- dependencies ---------------------------------------------------------------------------
def current_principal(
    request: Request,
    _credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme),
    db: Session = Depends(get_session),
) -> Principal:
    """Any valid access or service token; 401 otherwise."""
    token = _bearer_token(request)
    if token is None:
        if defects.active("missing-token-403"):
            raise forbidden("Not authenticated")
        raise unauthorized("Authentication required")
    try:
        return verify_token(request, db, token)
    except TokenError as exc:
        raise unauthorized(f"Invalid token: {exc}") from None


def current_user_principal(principal: Principal = Depends(current_principal)) -> Principal:
    """A user's access token; service tokens get 403 (401 under service-token-user-route-401)."""
    if principal.kind != "user" and not defects.active("service-token-as-user"):
        if variants.active("service-token-user-route-401"):
            raise unauthorized("This route needs a user access token")
        raise forbidden("This route needs a user access token", "insufficient_scope")
    return principal


def current_user(principal: Principal = Depends(current_user_principal)) -> User:
    assert principal.user is not None
    return principal.user


def require_admin(
    request: Request,
    principal: Principal = Depends(current_principal),
    db: Session = Depends(get_session),
) -> User:
    """An admin user (``is_superuser`` or role ``admin`` in the database); 403 otherwise."""
    admin = principal.user is not None and (principal.user.is_admin or defects.active("admin-route-open-to-users"))
    if principal.kind != "user" or not admin:
        security_event(
            db, "access_denied", request,
            user_id=principal.user.id if principal.user else None,
            client_id=principal.client.client_id if principal.client else None,
            severity="medium", details={"path": request.url.path, "method": request.method, "reason": "not admin"},
        )
        raise forbidden("Administrator privileges required")
    return principal.user


def require_scope(scope: str) -> Callable[..., Principal]:
    """Dependency factory: the verified bearer token must carry ``scope``."""

    def dependency(
        request: Request,
        principal: Principal = Depends(current_principal),
        db: Session = Depends(get_session),
    ) -> Principal:
        claimed = request.query_params.get("scopes", "").split() if defects.active("scopes-from-query") else []
        if scope not in principal.scopes and scope not in claimed and not _scope_check_skipped(scope, principal):
            security_event(
                db, "access_denied", request,
                user_id=principal.user.id if principal.user else None,
                client_id=principal.client.client_id if principal.client else None,
                severity="medium", details={"path": request.url.path, "method": request.method, "missing_scope": scope},
            )
            raise forbidden(f"The token lacks the scope {scope}", "insufficient_scope")
        return principal

    dependency.__name__ = f"require_scope_{scope.replace(':', '_')}"
    return dependency


SCOPE_DEFECTS = {
    "admin:permissions": "permission-check-without-scope",
    "admin:sessions": "session-stats-without-scope",
    "admin:security": "admin-events-without-scope",
}


def _scope_check_skipped(scope: str, principal: Principal) -> bool:
    """Defects that let a route answer without its scope in the token (any admin, or any user)."""
    defect = SCOPE_DEFECTS.get(scope)
    if defect is None or not defects.active(defect) or principal.user is None:
        return False
    return defect == "session-stats-without-scope" or principal.user.is_admin


# -- issuing --------------------------------------------------------------------------------
def access_claims(user: User, scopes: list[str], session_id: str) -> dict[str, Any]:
    return {
        "scopes": sorted(scopes),
        "roles": [role.name for role in user.roles],
        "username": user.username,
        "email": user.email,
        "is_superuser": bool(user.is_superuser),
        "sid": session_id,
        "tv": user.token_version,
    }


def issue_user_tokens(
    request: Request, db: Session, user: User, scopes: list[str], session: UserSession, family_id: str | None = None
) -> tuple[IssuedToken, IssuedToken]:
    """Access + refresh token for a session; the refresh token is recorded (not committed)."""
    tokens = tokens_of(request)
    access = tokens.issue("access", user.id, tokens.access_seconds, access_claims(user, scopes, session.id))
    refresh = tokens.issue(
        "refresh", user.id, tokens.refresh_seconds,
        {"username": user.username, "sid": session.id, "tv": user.token_version},
    )
    db.add(
        RefreshToken(
            jti=refresh.jti, user_id=user.id, session_id=session.id, family_id=family_id or str(uuid.uuid4()),
            scopes=sorted(scopes), status="active", created_at=utcnow(),
            expires_at=dt.datetime.fromtimestamp(refresh.exp, dt.timezone.utc),
        )
    )
    return access, refresh


def end_sessions(db: Session, store: Store, sessions: list[UserSession]) -> int:
    """End sessions and revoke their refresh tokens (not committed). Returns how many ended."""
    now = utcnow()
    ended = 0
    for session in sessions:
        if session.ended_at is None:
            session.ended_at = now
            ended += 1
    ids = [s.id for s in sessions]
    if ids:
        rows = db.scalars(select(RefreshToken).where(RefreshToken.session_id.in_(ids), RefreshToken.status == "active")).all()
        for row in rows:
            row.status = "revoked"
            revoke_jti(store, row.jti, row.expires_at.timestamp())
    return ended


def revoke_all_user_tokens(db: Session, store: Store, user: User) -> int:
    """Invalidate every token of a user: bump the token version, end sessions (not committed)."""
    user.token_version = (user.token_version or 0) + 1
    sessions = db.scalars(select(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))).all()
    ended = end_sessions(db, store, list(sessions))
    db.execute(
        update(RefreshToken).where(RefreshToken.user_id == user.id, RefreshToken.status == "active").values(status="revoked")
    )
    return ended


# -- rate limits ----------------------------------------------------------------------------
def rate_limited(retry_after: float, what: str) -> ApiError:
    seconds = max(1, math.ceil(retry_after))
    headers = {} if defects.active("retry-after-missing") else {"Retry-After": str(seconds)}
    return ApiError(429, "rate_limit_exceeded", f"Too many {what}; try again later", headers)


def check_counter(store: Store, key: str, limit: int) -> float | None:
    """Seconds to wait when the counter ``key`` has reached ``limit``, else None."""
    value = store.get(key)
    if value is not None and int(value) >= limit:
        return store.ttl(key) or 1.0
    return None


def request_ip(request: Request) -> str:
    return client_ip(request) or "unknown"


def address_limit(request: Request, name: str) -> int:
    """The per-address limit ``name`` (``registration_limit_per_hour``,
    ``failed_login_limit_per_minute``) of the running service."""
    return int(getattr(settings_of(request), name))
