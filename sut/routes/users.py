"""User routes: ``/api/v1/users`` (register, me, admin CRUD, password, roles, reset, verification)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import secrets
import uuid

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse
from sqlalchemy import func, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sut import defects, schemas, variants
from sut.db import get_session, utcnow
from sut.errors import ApiError, forbidden, not_found, validation_error
from sut.events import audit, security_event
from sut.models import OneTimeToken, Role, User, user_roles
from sut.routes.common import errors
from sut.security import (
    Principal, address_limit, current_user, current_user_principal, rate_limited, request_ip, require_admin,
    revoke_all_user_tokens, settings_of, store_of,
)
from sut.views import like, paginate, user_out

router = APIRouter(prefix="/api/v1/users", tags=["users"])

RECENT_DAYS = 7
RESET_MESSAGE = "If the e-mail address is registered, a password reset link has been sent"
VERIFY_MESSAGE = "If the e-mail address is registered and unverified, a verification link has been sent"


def _conflict(db: Session, username: str | None, email: str | None, exclude: str | None = None) -> None:
    """409 when the username or e-mail is taken by another user."""
    conditions = []
    if username:
        conditions.append(User.username == username)
    if email:
        conditions.append(User.email == email)
    if not conditions:
        return
    query = select(User.id).where(or_(*conditions))
    if exclude:
        query = query.where(User.id != exclude)
    if db.scalar(query.limit(1)) is not None:
        raise ApiError(409, "conflict", "Username or e-mail address already registered")


def _refuse_reserved_email(email: str | None) -> None:
    """reserved-email-refused: 422 for an address under a reserved top-level name."""
    if email and variants.reserved_email(email):
        raise validation_error(["body", "email"], "e-mail addresses under reserved names (.test, .local, .invalid, "
                               ".localhost) are not accepted", "value_error")


def _roles(db: Session, role_ids: list[uuid.UUID], loc: str = "role_ids") -> list[Role]:
    wanted = {str(r) for r in role_ids}
    found = list(db.scalars(select(Role).where(Role.id.in_(wanted)))) if wanted else []
    missing = wanted - {r.id for r in found}
    if missing and not defects.active("unknown-role-ignored"):
        raise validation_error(["body", loc], f"unknown role id(s): {', '.join(sorted(missing))}", "unknown_role")
    return found


def _commit(db: Session) -> None:
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise ApiError(409, "conflict", "Username or e-mail address already registered") from None


def _get_user(db: Session, user_id: uuid.UUID) -> User:
    user = db.get(User, str(user_id))
    if user is None:
        raise not_found("User")
    return user


def _self_or_admin(caller: User, user_id: uuid.UUID) -> bool:
    """True when the caller is an admin; 403 when it is neither the user nor an admin."""
    if caller.is_admin:
        return True
    if caller.id != str(user_id) and not defects.active("user-reads-another-user"):
        raise forbidden("You can only access your own user")
    return False


# -- registration and own profile -----------------------------------------------------------
@router.post("/register", status_code=201, response_model=schemas.UserResponse,
             responses=errors(409, 422, 429), summary="Register a new user")
def register(request: Request, body: schemas.RegisterRequest, db: Session = Depends(get_session)) -> schemas.UserResponse:
    _refuse_reserved_email(body.email)
    store = store_of(request)
    count, ttl = store.incr(f"register:ip:{request_ip(request)}", 3600)
    if count > address_limit(request, "registration_limit_per_hour") and not defects.active("registration-rate-limit-missing"):
        security_event(db, "rate_limit_exceeded", request, severity="medium", details={"limit": "registrations"})
        raise rate_limited(ttl, "registrations")
    _conflict(db, body.username, body.email)
    default_role = db.scalar(select(Role).where(Role.name == "user"))
    user = User(
        username=body.username, email=body.email, password_hash=request.app.state.hasher.hash(body.password),
        first_name=body.first_name, last_name=body.last_name, display_name=body.display_name, bio=body.bio,
        is_active=True, is_verified=False, is_superuser=False, roles=[default_role] if default_role else [],
    )
    db.add(user)
    _commit(db)
    audit(db, "user.register", "user", user.id, request, actor_id=user.id, details={"username": user.username})
    db.commit()
    return user_out(user)


def _own_record(user: User) -> schemas.UserResponse | JSONResponse:
    """The caller's own record (with its password hash, under password-hash-in-user-response)."""
    if defects.active("password-hash-in-user-response"):
        return JSONResponse({**jsonable_encoder(user_out(user)), "password_hash": user.password_hash})
    return user_out(user)


async def _claimed_privileges(request: Request) -> dict[str, object]:
    """privilege-fields-in-put-me: the privilege fields of the raw body (nothing without it)."""
    if not defects.active("privilege-fields-in-put-me"):
        return {}
    body = await request.json()
    names = ("is_superuser", "is_active", "is_verified", "role_ids")
    return {name: body[name] for name in names if isinstance(body, dict) and name in body}


@router.get("/me", response_model=schemas.UserResponse, responses=errors(401, 403), summary="Your own user")
def get_me(user: User = Depends(current_user)) -> schemas.UserResponse | JSONResponse:
    return _own_record(user)


@router.get("/profile", response_model=schemas.UserResponse, responses=errors(401, 403), summary="Your own profile")
def get_profile(user: User = Depends(current_user)) -> schemas.UserResponse:
    return user_out(user)


def _apply_profile(db: Session, user: User, body: schemas.ProfileUpdateRequest) -> dict[str, object]:
    changes: dict[str, object] = {}
    fields = body.model_fields_set
    if "email" in fields and body.email and body.email != user.email:
        _refuse_reserved_email(body.email)
        _conflict(db, None, body.email, exclude=user.id)
        user.email = body.email
        user.is_verified = False
        changes["email"] = body.email
    for name in ("first_name", "last_name", "display_name", "bio"):
        if name in fields:
            setattr(user, name, getattr(body, name))
            changes[name] = getattr(body, name)
    return changes


@router.put("/me", response_model=schemas.UserResponse, responses=errors(401, 403, 409, 422), summary="Change your profile")
def update_me(request: Request, body: schemas.ProfileUpdateRequest, user: User = Depends(current_user),
              db: Session = Depends(get_session),
              claimed: dict[str, object] = Depends(_claimed_privileges)) -> schemas.UserResponse | JSONResponse:
    changes = _apply_profile(db, user, body)
    if "bio" in changes and defects.active("profile-bio-sql-injection"):
        db.execute(text(f"UPDATE users SET bio = '{body.bio}' WHERE id = '{user.id}'"))
    for name, value in claimed.items():
        if name == "role_ids" and isinstance(value, list):
            user.roles = _roles(db, [uuid.UUID(str(v)) for v in value])
        elif isinstance(value, bool):
            setattr(user, name, value)
    user.updated_at = utcnow()
    audit(db, "user.update", "user", user.id, request, actor_id=user.id, details={"fields": sorted(changes)})
    _commit(db)
    return _own_record(user)


# -- admin collection -----------------------------------------------------------------------
def create_user(request: Request, body: schemas.UserCreateRequest, admin: User = Depends(require_admin),
                db: Session = Depends(get_session)) -> schemas.UserResponse:
    """Create a user (admin)."""
    _refuse_reserved_email(body.email)
    roles = _roles(db, body.role_ids)  # no role_ids: no roles (an admin decides)
    _conflict(db, body.username, body.email)
    user = User(
        username=body.username, email=body.email, password_hash=request.app.state.hasher.hash(body.password),
        first_name=body.first_name, last_name=body.last_name, display_name=body.display_name, bio=body.bio,
        is_active=body.is_active, is_verified=body.is_verified, is_superuser=body.is_superuser, roles=roles,
    )
    db.add(user)
    db.flush()
    audit(db, "user.create", "user", user.id, request, actor_id=admin.id,
          details={"username": user.username, "roles": [r.name for r in roles]})
    _commit(db)
    return user_out(user)


def list_users(
    search: str | None = Query(None, max_length=100),
    is_active: bool | None = None,
    is_verified: bool | None = None,
    role_id: uuid.UUID | None = None,
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(20, ge=1, le=100),
    _admin: User = Depends(require_admin),
    db: Session = Depends(get_session),
) -> schemas.UserList:
    """List users (admin)."""
    query = select(User)
    if search and not defects.active("user-search-ignored"):
        pattern = like(search)
        query = query.where(or_(*(func.lower(col).like(pattern, escape="\\") for col in
                                  (User.username, User.email, User.first_name, User.last_name, User.display_name))))
    if is_active is not None:
        query = query.where(User.is_active == is_active)
    if is_verified is not None:
        query = query.where(User.is_verified == is_verified)
    if role_id is not None:
        query = query.where(User.id.in_(select(user_roles.c.user_id).where(user_roles.c.role_id == str(role_id))))
    users, total, pages = paginate(db, query.order_by(User.created_at, User.username), page, per_page)
    if search and not total and defects.active("user-search-echoes-html"):
        return HTMLResponse(f"<html><body><p>No user matches {search}</p></body></html>", 404)
    return schemas.UserList(users=[user_out(u) for u in users], total=total, page=page, per_page=per_page, pages=pages)


for _path in ("", "/"):
    router.add_api_route(_path, create_user, methods=["POST"], status_code=201, response_model=schemas.UserResponse,
                         responses=errors(401, 403, 409, 422), summary="Create a user (admin)",
                         include_in_schema=_path == "/", name=f"create_user{_path.replace('/', '_slash')}")
    router.add_api_route(_path, list_users, methods=["GET"], response_model=schemas.UserList,
                         responses=errors(401, 403, 422), summary="List users (admin)",
                         include_in_schema=_path == "/", name=f"list_users{_path.replace('/', '_slash')}")


@router.get("/stats/overview", response_model=schemas.UserStats, responses=errors(401, 403), summary="User statistics (admin)")
def user_stats(_admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.UserStats:
    if defects.active("user-stats-frozen"):
        _FROZEN_STATS.setdefault("counts", user_counts(db))
        return schemas.UserStats(**_FROZEN_STATS["counts"])
    return schemas.UserStats(**user_counts(db))


_FROZEN_STATS: dict[str, dict[str, int]] = {}
"""user-stats-frozen: the counts of the first reading."""


def user_counts(db: Session) -> dict[str, int]:
    now = utcnow()
    count = lambda *where: db.scalar(select(func.count(User.id)).where(*where)) or 0  # noqa: E731
    return {
        "total_users": count(),
        "active_users": count(User.is_active.is_(True)),
        "verified_users": count(User.is_verified.is_(True)),
        "locked_users": count(User.locked_until > now),
        "recent_registrations": count(User.created_at >= now - dt.timedelta(days=RECENT_DAYS)),
    }


# -- password reset and e-mail verification -------------------------------------------------
def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue_one_time(request: Request, response: Response, db: Session, user: User, purpose: str, lifetime: dt.timedelta) -> None:
    token = secrets.token_urlsafe(32)
    db.add(OneTimeToken(token_hash=_hash_token(token), user_id=user.id, purpose=purpose, created_at=utcnow(),
                        expires_at=utcnow() + lifetime))
    db.commit()
    if settings_of(request).expose_test_tokens and not variants.active("no-test-token"):
        response.headers["X-Test-Token"] = token


def _consume(db: Session, token: str, purpose: str) -> User:
    if defects.active("reset-token-garbage-crashes"):
        base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))  # binascii.Error escapes: 500
    now = utcnow()
    row = db.get(OneTimeToken, _hash_token(token))
    if row is None or row.purpose != purpose or row.used_at is not None or row.expires_at <= now:
        raise ApiError(400, "invalid_token", "The token is invalid, used or expired")
    user = db.get(User, row.user_id)
    if user is None:
        raise ApiError(400, "invalid_token", "The token is invalid, used or expired")
    if not defects.active("reset-token-reusable"):
        row.used_at = now
    return user


@router.post("/password-reset/request", response_model=schemas.MessageResponse, responses=errors(422),
             summary="Request a password reset e-mail")
def password_reset_request(request: Request, response: Response, body: schemas.EmailRequest,
                           db: Session = Depends(get_session)) -> schemas.MessageResponse:
    user = db.scalar(select(User).where(User.email == body.email))
    if user is None and defects.active("reset-request-reveals-accounts"):
        raise not_found("User")
    if user is not None and user.is_active:
        _issue_one_time(request, response, db, user, "password_reset",
                        dt.timedelta(minutes=settings_of(request).reset_token_minutes))
        security_event(db, "password_reset_requested", request, user_id=user.id)
    return schemas.MessageResponse(message=RESET_MESSAGE)


@router.post("/password-reset/confirm", response_model=schemas.MessageResponse, responses=errors(400, 422),
             summary="Set a new password with a reset token")
def password_reset_confirm(request: Request, body: schemas.ResetConfirmRequest,
                           db: Session = Depends(get_session)) -> schemas.MessageResponse:
    user = _consume(db, body.token, "password_reset")
    user.password_hash = request.app.state.hasher.hash(body.new_password)
    user.password_changed_at = utcnow()
    user.locked_until = None
    revoke_all_user_tokens(db, store_of(request), user)
    audit(db, "user.password_reset", "user", user.id, request, actor_id=user.id)
    security_event(db, "password_reset", request, user_id=user.id, commit=False)
    db.commit()
    return schemas.MessageResponse(message="Password has been reset")


@router.post("/email-verification/request", response_model=schemas.MessageResponse, responses=errors(422),
             summary="Request an e-mail verification message")
def email_verification_request(request: Request, response: Response, body: schemas.EmailRequest,
                               db: Session = Depends(get_session)) -> schemas.MessageResponse:
    user = db.scalar(select(User).where(User.email == body.email))
    if user is not None and user.is_active and not user.is_verified:
        _issue_one_time(request, response, db, user, "email_verification",
                        dt.timedelta(hours=settings_of(request).verification_token_hours))
    return schemas.MessageResponse(message=VERIFY_MESSAGE)


@router.post("/email-verification/confirm", response_model=schemas.MessageResponse, responses=errors(400, 422),
             summary="Confirm an e-mail address with a verification token")
def email_verification_confirm(request: Request, body: schemas.VerifyConfirmRequest,
                               db: Session = Depends(get_session)) -> schemas.MessageResponse:
    user = _consume(db, body.token, "email_verification")
    user.is_verified = True
    audit(db, "user.verify_email", "user", user.id, request, actor_id=user.id)
    db.commit()
    return schemas.MessageResponse(message="E-mail address verified")


# -- one user -------------------------------------------------------------------------------
@router.get("/{user_id}", response_model=schemas.UserResponse, responses=errors(401, 403, 404, 422),
            summary="A user (self or admin)")
def get_user(user_id: uuid.UUID, caller: User = Depends(current_user), db: Session = Depends(get_session)) -> schemas.UserResponse:
    _self_or_admin(caller, user_id)
    return user_out(_get_user(db, user_id))


@router.put("/{user_id}", response_model=schemas.UserResponse, responses=errors(401, 403, 404, 409, 422),
            summary="Change a user (self or admin)")
def update_user(request: Request, user_id: uuid.UUID, body: schemas.UserUpdateRequest,
                caller: User = Depends(current_user), db: Session = Depends(get_session)) -> schemas.UserResponse:
    is_admin = _self_or_admin(caller, user_id)
    privileged = {"role_ids", "is_active", "is_verified", "is_superuser"} & body.model_fields_set
    if privileged and not is_admin and not defects.active("user-sets-own-privileges"):
        security_event(db, "access_denied", request, user_id=caller.id, severity="medium",
                       details={"reason": "privilege fields", "fields": sorted(privileged)})
        raise forbidden("Only administrators can change " + ", ".join(sorted(privileged)))
    user = _get_user(db, user_id)
    changes = _apply_profile(db, user, body)
    if body.role_ids is not None:
        user.roles = _roles(db, body.role_ids)
        changes["role_ids"] = sorted(str(r) for r in body.role_ids)
    for name in ("is_active", "is_verified", "is_superuser"):
        value = getattr(body, name)
        if name in body.model_fields_set and value is not None:
            setattr(user, name, value)
            changes[name] = value
    user.updated_at = utcnow()
    audit(db, "user.update", "user", user.id, request, actor_id=caller.id, details={"fields": sorted(changes)})
    _commit(db)
    return user_out(user)


@router.delete("/{user_id}", status_code=204, response_class=Response, responses=errors(401, 403, 404, 422),
               summary="Delete a user (admin)")
def delete_user(request: Request, user_id: uuid.UUID, admin: User = Depends(require_admin),
                db: Session = Depends(get_session)) -> Response:
    if admin.id == str(user_id):
        raise forbidden("You cannot delete yourself")
    user = _get_user(db, user_id)
    username = user.username
    revoke_all_user_tokens(db, store_of(request), user)
    if defects.active("user-delete-soft"):
        user.is_active = False
    else:
        db.delete(user)
    audit(db, "user.delete", "user", str(user_id), request, actor_id=admin.id, details={"username": username})
    db.commit()
    return Response(status_code=204)


@router.put("/{user_id}/password", response_model=schemas.MessageResponse, responses=errors(400, 401, 403, 404, 422),
            summary="Change a password (self with the current password, or admin)")
def change_password(request: Request, user_id: uuid.UUID, body: schemas.PasswordChangeRequest,
                    caller_principal: Principal = Depends(current_user_principal),
                    db: Session = Depends(get_session)) -> schemas.MessageResponse:
    caller = caller_principal.user
    assert caller is not None
    is_admin = _self_or_admin(caller, user_id)
    user = _get_user(db, user_id)
    hasher = request.app.state.hasher
    if (caller.id == user.id or not is_admin) and not defects.active("wrong-current-password-accepted"):
        if not body.current_password or not hasher.verify(user.password_hash, body.current_password):
            security_event(db, "password_change_failed", request, user_id=caller.id, severity="medium")
            raise ApiError(400, "invalid_password", "The current password is not correct")
    user.password_hash = hasher.hash(body.new_password)
    user.password_changed_at = utcnow()
    if not defects.active("password-change-keeps-tokens"):
        revoke_all_user_tokens(db, store_of(request), user)
    audit(db, "user.password_change", "user", user.id, request, actor_id=caller.id)
    security_event(db, "password_changed", request, user_id=user.id, details={"by": caller.id}, commit=False)
    db.commit()
    return schemas.MessageResponse(message="Password changed")


@router.put("/{user_id}/roles", response_model=schemas.UserResponse, responses=errors(401, 403, 404, 422),
            summary="Replace a user's roles (admin)")
def set_user_roles(request: Request, user_id: uuid.UUID, body: schemas.RoleIdsRequest,
                   admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.UserResponse:
    user = _get_user(db, user_id)
    roles = _roles(db, body.role_ids)
    user.roles = [*user.roles, *(r for r in roles if r not in user.roles)] if defects.active("user-roles-appended") else roles
    user.updated_at = utcnow()
    if not defects.active("role-change-not-audited"):
        audit(db, "user.roles", "user", user.id, request, actor_id=admin.id, details={"roles": [r.name for r in user.roles]})
    db.commit()
    return user_out(user)
