"""Idempotent seeding of the identities of contract section 2 (each overridable by env).

Safe when two processes start on one database: on PostgreSQL an advisory lock serialises the
seeding; on SQLite a unique-constraint race is caught and the seed re-read.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from sut.config import Settings
from sut.db import Database, advisory_key
from sut.models import Role, Scope, ServiceClient, User
from sut.passwords import PasswordHasher

logger = logging.getLogger("sut")

SCOPES: list[tuple[str, str]] = [
    ("read:profile", "Read your own profile"),
    ("write:profile", "Change your own profile"),
    ("service:api", "Call the API as a service"),
    ("admin:users", "Administer users"),
    ("admin:roles", "Administer roles and scopes"),
    ("admin:clients", "Administer service clients"),
    ("admin:sessions", "Administer sessions"),
    ("admin:security", "Read security events"),
    ("admin:audit", "Read audit activity"),
    ("admin:system", "Administer the system"),
    ("admin:logs", "Read logs"),
    ("admin:permissions", "Check permissions of users"),
]
ROLES: dict[str, tuple[str, list[str]]] = {
    "user": ("Regular user", ["read:profile", "write:profile"]),
    "admin": ("Administrator", [name for name, _ in SCOPES if name.startswith("admin:")]),
}


def split_scope(name: str) -> tuple[str, str]:
    """(resource, action) of a scope name ``action:resource``."""
    if ":" in name:
        action, resource = name.split(":", 1)
        return resource, action
    return name, "access"


def seed(db: Database, settings: Settings, hasher: PasswordHasher) -> None:
    """Create the default scopes, roles, users and service client where missing."""
    for attempt in range(5):
        try:
            with db.session_factory() as session:
                if not db.is_sqlite:
                    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key("seed")})
                _seed(session, settings, hasher)
                session.commit()
            return
        except (IntegrityError, OperationalError):
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))


def _seed(session: Session, settings: Settings, hasher: PasswordHasher) -> None:
    scopes: dict[str, Scope] = {}
    for name, description in SCOPES:
        scope = session.scalar(select(Scope).where(Scope.name == name))
        if scope is None:
            resource, action = split_scope(name)
            scope = Scope(name=name, description=description, resource=resource, action=action)
            session.add(scope)
        scopes[name] = scope
    session.flush()
    roles: dict[str, Role] = {}
    for name, (description, scope_names) in ROLES.items():
        role = session.scalar(select(Role).where(Role.name == name))
        if role is None:
            role = Role(name=name, description=description, scopes=[scopes[s] for s in scope_names])
            session.add(role)
        roles[name] = role
    session.flush()
    _ensure_user(session, hasher, settings.admin_username, settings.admin_password, settings.admin_email, True, roles["admin"])
    _ensure_user(session, hasher, settings.user_username, settings.user_password, settings.user_email, False, roles["user"])
    client = session.scalar(select(ServiceClient).where(ServiceClient.client_id == settings.client_id))
    if client is None:
        session.add(
            ServiceClient(
                client_id=settings.client_id, secret_hash=hasher.hash(settings.client_secret), name="Test client",
                description="Seeded service client", client_type="confidential", is_active=True, is_trusted=False,
                access_token_lifetime=settings.service_token_seconds, rate_limit_per_minute=1000,
                rate_limit_per_hour=100000, scopes=[scopes["service:api"], scopes["read:profile"]],
            )
        )
    session.flush()


def _ensure_user(session: Session, hasher: PasswordHasher, username: str, password: str, email: str,
                 superuser: bool, role: Role) -> None:
    username = username.lower()
    user = session.scalar(select(User).where(User.username == username))
    if user is not None:
        return
    if session.scalar(select(User).where(User.email == email.lower())) is not None:
        logger.warning("seed user %s not created: e-mail %s is taken", username, email)
        return
    session.add(
        User(
            username=username, email=email.lower(), password_hash=hasher.hash(password), is_active=True,
            is_verified=True, is_superuser=superuser, roles=[role],
        )
    )
