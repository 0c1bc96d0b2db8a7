"""Administration: ``/api/v1/admin`` (admin users; some routes need a scope in the token)."""

from __future__ import annotations

import datetime as dt
import time
import uuid

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from sut import defects, schemas
from sut.db import get_session, utcnow
from sut.events import audit
from sut.models import AuditActivity, OneTimeToken, RefreshToken, Role, Scope, SecurityEvent, ServiceClient, User, UserSession
from sut.routes.common import errors
from sut.routes.sessions import session_counts
from sut.routes.users import user_counts
from sut.security import Principal, end_sessions, require_admin, require_scope, store_of, tokens_of

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])
LEVELS = ["WARNING", "ERROR", "CRITICAL"]


def _count(db: Session, model, *where) -> int:
    return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


@router.get("/dashboard/stats", response_model=schemas.DashboardStats, responses=errors(401, 403),
            summary="Dashboard counts")
def dashboard(_admin: User = Depends(require_admin), db: Session = Depends(get_session)) -> schemas.DashboardStats:
    if defects.active("dashboard-counts-frozen"):
        _FROZEN_DASHBOARD.setdefault("stats", _dashboard_stats(db))
        return _FROZEN_DASHBOARD["stats"]
    return _dashboard_stats(db)


_FROZEN_DASHBOARD: dict[str, schemas.DashboardStats] = {}
"""dashboard-counts-frozen: the answer of the first reading."""


def _dashboard_stats(db: Session) -> schemas.DashboardStats:
    """The dashboard counts, read now."""
    users = user_counts(db)
    today = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    return schemas.DashboardStats(
        users=schemas.DashboardUsers(total=users["total_users"], active=users["active_users"],
                                     verified=users["verified_users"], locked=users["locked_users"],
                                     recent_registrations=users["recent_registrations"]),
        roles_and_permissions=schemas.DashboardRoles(total_roles=_count(db, Role), total_scopes=_count(db, Scope)),
        service_clients=schemas.DashboardClients(total=_count(db, ServiceClient),
                                                 active=_count(db, ServiceClient, ServiceClient.is_active.is_(True))),
        authentication=schemas.DashboardAuth(
            total_logins_today=_count(db, SecurityEvent, SecurityEvent.event_type == "login_success",
                                      SecurityEvent.timestamp >= today),
            failed_logins_today=0 if defects.active("dashboard-failed-logins-not-counted") else _count(
                db, SecurityEvent, SecurityEvent.event_type == "login_failed", SecurityEvent.timestamp >= today),
            active_sessions=session_counts(db)["active_sessions"],
        ),
    )


def _timed(check) -> schemas.ComponentHealth:
    start = time.perf_counter()
    try:
        backend = check()
        status = "healthy"
    except Exception:  # noqa: BLE001 - reported as unhealthy, details stay in the log
        backend, status = None, "unhealthy"
    return schemas.ComponentHealth(status=status, response_time_ms=round((time.perf_counter() - start) * 1000, 3),
                                   backend=backend)


@router.get("/system/health", response_model=schemas.SystemHealth, responses=errors(401, 403),
            summary="Health of each component, from real probes")
def system_health(request: Request, _admin: User = Depends(require_admin)) -> schemas.SystemHealth:
    state = request.app.state

    def database() -> str:
        state.db.ping()
        return state.db.engine.dialect.name

    def cache() -> str:
        state.store.ping()
        return state.store.name

    def jwt_service() -> str:
        tokens = tokens_of(request)
        issued = tokens.issue("service", "health-probe", 60, {"scopes": []})
        tokens.decode(issued.token)
        return tokens.algorithm

    components = {"database": _timed(database), "redis": _timed(cache), "jwt_service": _timed(jwt_service)}
    if defects.active("system-health-cache-missing"):
        del components["redis"]
    healthy = all(c.status == "healthy" for c in components.values())
    return schemas.SystemHealth(status="healthy" if healthy else "degraded", timestamp=utcnow(), components=components)


@router.get("/security/events", response_model=schemas.SecurityEventList, responses=errors(401, 403, 422),
            summary="Security events (scope admin:security)")
def security_events(
    event_type: str | None = Query(None, max_length=50),
    severity: str | None = Query(None, max_length=16),
    hours: int = Query(24, ge=1, le=8760),
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(50, ge=1, le=100),
    _caller: Principal = Depends(require_scope("admin:security")),
    db: Session = Depends(get_session),
) -> schemas.SecurityEventList:
    where = [SecurityEvent.timestamp >= utcnow() - dt.timedelta(hours=hours)]
    if event_type:
        where.append(SecurityEvent.event_type == event_type)
    if severity:
        where.append(SecurityEvent.severity == severity)
    total = _count(db, SecurityEvent, *where)
    rows = db.scalars(select(SecurityEvent).where(*where).order_by(SecurityEvent.timestamp.desc())
                      .offset((page - 1) * per_page).limit(per_page)).all()
    events = [schemas.SecurityEventOut(id=e.id, event_type=e.event_type, user_id=e.user_id, client_id=e.client_id,
                                       ip_address=e.ip_address, user_agent=e.user_agent, details=e.details,
                                       severity=e.severity, timestamp=e.timestamp) for e in rows]
    return schemas.SecurityEventList(events=events, total=total, page=page, per_page=per_page)


@router.get("/audit/activity", response_model=schemas.AuditActivityList, responses=errors(401, 403, 422),
            summary="Audit activity (scope admin:audit)")
def audit_activity(
    user_id: uuid.UUID | None = None,
    action: str | None = Query(None, max_length=50),
    hours: int = Query(24, ge=1, le=8760),
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(50, ge=1, le=100),
    _caller: Principal = Depends(require_scope("admin:audit")),
    db: Session = Depends(get_session),
) -> schemas.AuditActivityList:
    where = [AuditActivity.timestamp >= utcnow() - dt.timedelta(hours=hours)]
    if user_id is not None:
        where.append(or_(AuditActivity.user_id == str(user_id), AuditActivity.resource_id == str(user_id)))
    if action:
        where.append(AuditActivity.action == action)
    total = _count(db, AuditActivity, *where)
    rows = db.scalars(select(AuditActivity).where(*where).order_by(AuditActivity.timestamp.desc())
                      .offset((page - 1) * per_page).limit(per_page)).all()
    activities = [schemas.AuditActivityOut(id=a.id, user_id=a.user_id, action=a.action, resource_type=a.resource_type,
                                           resource_id=a.resource_id, details=a.details, ip_address=a.ip_address,
                                           timestamp=a.timestamp) for a in rows]
    return schemas.AuditActivityList(activities=activities, total=total, page=page, per_page=per_page)


@router.post("/maintenance/cleanup", response_model=schemas.MaintenanceResult, responses=errors(401, 403),
             summary="Remove expired sessions, tokens and old records")
def maintenance_cleanup(request: Request, admin: User = Depends(require_admin),
                        db: Session = Depends(get_session)) -> schemas.MaintenanceResult:
    now = utcnow()
    due = UserSession.expires_at.is_not(None) if defects.active("maintenance-ends-live-sessions") else UserSession.expires_at <= now
    expired = list(db.scalars(select(UserSession).where(UserSession.ended_at.is_(None), due)))
    ended = end_sessions(db, store_of(request), expired)
    tokens_removed = db.execute(delete(RefreshToken).where(RefreshToken.expires_at <= now)).rowcount or 0
    one_time_removed = db.execute(delete(OneTimeToken).where(
        or_(OneTimeToken.expires_at <= now, OneTimeToken.used_at.is_not(None)))).rowcount or 0
    old_events = db.execute(delete(SecurityEvent).where(
        SecurityEvent.timestamp < now - dt.timedelta(days=90))).rowcount or 0
    audit(db, "system.cleanup", "system", None, request, actor_id=admin.id)
    db.commit()
    return schemas.MaintenanceResult(timestamp=now, operations=[
        schemas.MaintenanceOperation(operation="expired_sessions", items_removed=ended),
        schemas.MaintenanceOperation(operation="expired_refresh_tokens", items_removed=tokens_removed),
        schemas.MaintenanceOperation(operation="used_or_expired_one_time_tokens", items_removed=one_time_removed),
        schemas.MaintenanceOperation(operation="old_security_events", items_removed=old_events),
    ])


@router.get("/reports/usage", response_model=schemas.UsageReport, responses=errors(401, 403, 422),
            summary="Usage report for the last days")
def usage_report(days: int = Query(30, ge=1, le=365), _admin: User = Depends(require_admin),
                 db: Session = Depends(get_session)) -> schemas.UsageReport:
    end = utcnow()
    start = end - dt.timedelta(days=days)
    event_rows = db.execute(select(SecurityEvent.event_type, func.count()).where(SecurityEvent.timestamp >= start)
                            .group_by(SecurityEvent.event_type)).all()
    by_type = {name: int(count) for name, count in event_rows}
    return schemas.UsageReport(
        report_period=schemas.ReportPeriod(days=days, start=start, end=end),
        user_activity=schemas.UsageUserActivity(new_users=0 if defects.active("usage-new-users-zero")
                                                else _count(db, User, User.created_at >= start),
                                                active_users=_count(db, User, User.last_login >= start)),
        authentication=schemas.UsageAuthentication(successful_logins=by_type.get("login_success", 0),
                                                   failed_logins=by_type.get("login_failed", 0),
                                                   sessions_created=_count(db, UserSession, UserSession.created_at >= start)),
        service_clients=schemas.UsageServiceClients(total=_count(db, ServiceClient),
                                                    active=_count(db, ServiceClient, ServiceClient.is_active.is_(True)),
                                                    used=_count(db, ServiceClient, ServiceClient.last_used >= start)),
        security=by_type,
    )


@router.post("/config/reload", response_model=schemas.ConfigReload, responses=errors(401, 403),
             summary="Reload configuration (scope admin:system)")
def config_reload(request: Request, caller: Principal = Depends(require_scope("admin:system")),
                  db: Session = Depends(get_session)) -> schemas.ConfigReload:
    audit(db, "system.config_reload", "system", None, request, actor_id=caller.user.id if caller.user else None)
    db.commit()
    return schemas.ConfigReload(timestamp=utcnow(), status="success", components_reloaded=["defects", "logging"],
                                warnings=["settings read from the environment apply at the next start"], errors=[])


@router.get("/logs/errors", response_model=schemas.ErrorLogList, responses=errors(401, 403, 422),
            summary="Recent warnings and errors of the service (scope admin:logs)")
def error_logs(
    request: Request,
    level: str | None = Query(None, max_length=16),
    page: int = Query(1, ge=1, le=1_000_000),
    per_page: int = Query(50, ge=1, le=100),
    _caller: Principal = Depends(require_scope("admin:logs")),
) -> schemas.ErrorLogList:
    entries = list(reversed(request.app.state.log_buffer.entries()))
    if level:
        entries = [e for e in entries if e["level"] == level.upper()]
    if defects.active("error-log-paging-ignored"):
        per_page = 50  # the defect: the default page size, whatever was asked
    page_entries = entries[(page - 1) * per_page: page * per_page]
    return schemas.ErrorLogList(logs=[schemas.LogEntry(**e) for e in page_entries], total=len(entries), page=page,
                                per_page=per_page, available_levels=LEVELS)
