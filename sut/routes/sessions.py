"""Sessions: ``/api/v1/sessions`` (own sessions; stats and cleanup need scope ``admin:sessions``)."""

from __future__ import annotations

import datetime as dt
import uuid

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy import func, or_, select, true
from sqlalchemy.orm import Session

from sut import defects, schemas
from sut.db import get_session, utcnow
from sut.errors import ApiError, forbidden, not_found
from sut.events import security_event
from sut.models import User, UserSession
from sut.routes.common import errors
from sut.security import Principal, current_user, end_sessions, require_scope, settings_of, store_of
from sut.views import session_out

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])
sessions_scope = require_scope("admin:sessions")


def _active_query(user_id: str):
    now = utcnow()
    own = UserSession.user_id.is_not(None) if defects.active("sessions-list-all-users") else UserSession.user_id == user_id
    return select(UserSession).where(own, UserSession.ended_at.is_(None), UserSession.expires_at > now)


@router.get("/", response_model=schemas.SessionList, responses=errors(401, 403), summary="Your active sessions")
def list_sessions(user: User = Depends(current_user), db: Session = Depends(get_session)) -> schemas.SessionList:
    sessions = db.scalars(_active_query(user.id).order_by(UserSession.created_at.desc())).all()
    return schemas.SessionList(sessions=[session_out(s) for s in sessions], total=len(sessions))


@router.delete("/", response_model=schemas.SessionsTerminated, responses=errors(401, 403), summary="End all your sessions")
def end_all_sessions(request: Request, user: User = Depends(current_user),
                     db: Session = Depends(get_session)) -> schemas.SessionsTerminated:
    own = true() if defects.active("end-all-sessions-ends-everyone") else UserSession.user_id == user.id
    sessions = list(db.scalars(select(UserSession).where(own, UserSession.ended_at.is_(None))))
    ended = end_sessions(db, store_of(request), sessions)
    security_event(db, "sessions_terminated", request, user_id=user.id, details={"count": ended}, commit=False)
    db.commit()
    return schemas.SessionsTerminated(message="All sessions terminated", sessions_terminated=ended)


@router.get("/stats", response_model=schemas.SessionStats, responses=errors(401, 403), summary="Session statistics")
def session_stats(_caller: Principal = Depends(sessions_scope), db: Session = Depends(get_session)) -> schemas.SessionStats:
    return schemas.SessionStats(**session_counts(db))


def session_counts(db: Session) -> dict[str, int]:
    now = utcnow()
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    count = lambda *where: db.scalar(select(func.count(UserSession.id)).where(*where)) or 0  # noqa: E731
    return {
        "active_sessions": count(UserSession.ended_at.is_(None), UserSession.expires_at > now),
        "sessions_created_today": count(UserSession.created_at >= today),
        "expired_sessions": count(or_(UserSession.ended_at.is_not(None), UserSession.expires_at <= now)),
        "total_sessions": count(),
    }


@router.post("/cleanup", response_model=schemas.SessionCleanup, responses=errors(401, 403), summary="End expired sessions")
def cleanup_sessions(request: Request, _caller: Principal = Depends(sessions_scope),
                     db: Session = Depends(get_session)) -> schemas.SessionCleanup:
    now = utcnow()
    due = UserSession.expires_at.is_not(None) if defects.active("cleanup-ends-live-sessions") else UserSession.expires_at <= now
    expired = list(db.scalars(select(UserSession).where(UserSession.ended_at.is_(None), due)))
    cleaned = end_sessions(db, store_of(request), expired)
    db.commit()
    return schemas.SessionCleanup(message="Expired sessions cleaned up", sessions_cleaned=cleaned)


def _own_session(db: Session, user: User, session_id: str) -> UserSession:
    try:
        session_id = str(uuid.UUID(session_id))
    except ValueError:
        raise not_found("Session") from None
    session = db.get(UserSession, session_id)
    if session is None:
        raise not_found("Session")
    if session.user_id != user.id and not defects.active("session-foreign-deletable"):
        raise forbidden("This session belongs to another user")
    return session


@router.post("/{session_id}/renew", response_model=schemas.SessionRenewed, responses=errors(400, 401, 403, 404),
             summary="Extend one of your sessions")
def renew_session(request: Request, session_id: Annotated[str, Path(max_length=100)], user: User = Depends(current_user),
                  db: Session = Depends(get_session)) -> schemas.SessionRenewed:
    session = _own_session(db, user, session_id)
    now = utcnow()
    if (session.ended_at is not None or session.expires_at <= now) and not defects.active("renew-ended-session"):
        raise ApiError(400, "session_ended", "The session has ended")
    lifetime = dt.timedelta(days=settings_of(request).refresh_token_days)
    if not defects.active("session-renew-no-extension"):
        session.expires_at = max(now + lifetime, session.expires_at + dt.timedelta(seconds=1))
    session.last_activity = now
    db.commit()
    return schemas.SessionRenewed(message="Session renewed", session_id=session.id, expires_at=session.expires_at)


@router.delete("/{session_id}", response_model=schemas.SessionEnded, responses=errors(401, 403, 404),
               summary="End one of your sessions")
def end_session(request: Request, session_id: Annotated[str, Path(max_length=100)], user: User = Depends(current_user),
                db: Session = Depends(get_session)) -> schemas.SessionEnded:
    session = _own_session(db, user, session_id)
    if defects.active("end-session-ends-all"):
        end_sessions(db, store_of(request), list(db.scalars(_active_query(user.id))))
    end_sessions(db, store_of(request), [session])
    db.commit()
    return schemas.SessionEnded(message="Session terminated", session_id=session.id)
