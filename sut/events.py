"""Security events and audit activity, written by the service and read by the admin routes."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from sut.db import utcnow
from sut.models import AuditActivity, SecurityEvent

logger = logging.getLogger("sut.events")

SEVERITIES = ("low", "medium", "high", "critical")


def client_ip(request: Request | None) -> str | None:
    if request is None:
        return None
    return getattr(request.state, "client_ip", None) or (request.client.host if request.client else None)


def user_agent(request: Request | None) -> str | None:
    if request is None:
        return None
    value = request.headers.get("user-agent")
    return value[:500] if value else None


def security_event(
    db: Session,
    event_type: str,
    request: Request | None = None,
    *,
    user_id: str | None = None,
    client_id: str | None = None,
    severity: str = "low",
    details: dict[str, Any] | None = None,
    commit: bool = True,
) -> None:
    """Record a security event (failed login, lockout, revocation, denied access, …)."""
    db.add(
        SecurityEvent(
            event_type=event_type,
            user_id=user_id,
            client_id=client_id,
            ip_address=client_ip(request),
            user_agent=user_agent(request),
            details=details or {},
            severity=severity,
            timestamp=utcnow(),
        )
    )
    if commit:
        try:
            db.commit()
        except Exception:  # noqa: BLE001 - an event must never break the request
            db.rollback()
            logger.warning("could not record security event %s", event_type)


def audit(
    db: Session,
    action: str,
    resource_type: str,
    resource_id: str | None,
    request: Request | None = None,
    *,
    actor_id: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Add an audit record to the session (committed with the change it describes)."""
    db.add(
        AuditActivity(
            user_id=actor_id,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            details=details or {},
            ip_address=client_ip(request),
            timestamp=utcnow(),
        )
    )
