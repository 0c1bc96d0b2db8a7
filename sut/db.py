"""Database engine, session factory and schema creation (SQLite or PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import time
import zlib
from collections.abc import Iterator

from fastapi import Request
from sqlalchemy import DateTime, create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, ProgrammingError, IntegrityError
from sqlalchemy.pool import StaticPool
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator


def utcnow() -> dt.datetime:
    """The current time, timezone-aware UTC."""
    return dt.datetime.now(dt.timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always returned timezone-aware (also on SQLite)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: D102
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        value = value.astimezone(dt.timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):  # noqa: D102
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc)


class Base(DeclarativeBase):
    """Declarative base of every ORM model."""


def _normalise_url(url: str) -> str:
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


class Database:
    """Owns the engine and the session factory (``app.state.db``)."""

    def __init__(self, url: str) -> None:
        self.url = _normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        if self.is_sqlite and (self.url in ("sqlite://", "sqlite:///:memory:") or "mode=memory" in self.url):
            engine = create_engine(self.url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
            event.listen(engine, "connect", _sqlite_pragmas)
        elif self.is_sqlite:
            engine = create_engine(
                self.url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True,
                pool_size=20, max_overflow=20, pool_timeout=30,
            )
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(self.url, pool_pre_ping=True, pool_size=10, max_overflow=20, pool_timeout=10)
        self.engine: Engine = engine
        self.session_factory = sessionmaker(bind=engine, expire_on_commit=False)

    def create_schema(self) -> None:
        """Create the missing tables of every model registered on :class:`Base` (``sut.models``,
        which the app imports); safe when several processes start on one database."""
        if self.is_sqlite:
            for attempt in range(10):
                try:
                    Base.metadata.create_all(self.engine)
                    return
                except (OperationalError, ProgrammingError, IntegrityError):
                    if attempt == 9:
                        raise
                    time.sleep(0.1 * (attempt + 1))
        with self.engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_key("schema")})
            Base.metadata.create_all(connection)

    def ping(self) -> None:
        """Run ``SELECT 1``; raises when the database does not answer."""
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()


def advisory_key(name: str) -> int:
    """A stable 32-bit key for a PostgreSQL advisory lock."""
    return zlib.crc32(f"permiso:{name}".encode())


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
        except Exception:  # noqa: BLE001 - WAL is an optimisation only
            pass
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def get_session(request: Request) -> Iterator[Session]:
    """FastAPI dependency: one ORM session per request, rolled back if not committed."""
    session: Session = request.app.state.db.session_factory()
    try:
        yield session
    finally:
        session.close()
