"""§3: root, health, OpenAPI document; /health answers 503 when storage is down."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sut.app import create_app
from sut.config import Settings
from tools.checks import components
from tools.infra.storage.servers import PostgresServer, RedisServer, StorageUnavailable

from .conftest import BASE_ENV, HOST, SECURITY_HEADERS


def assert_unhealthy(response, part: str, leak: str) -> None:
    """503 ``unhealthy`` naming the failed part, without internals (``leak``, a traceback)."""
    assert response.status_code == 503, response.text
    body = response.json()
    assert body["status"] == "unhealthy"
    assert part in body["components"]
    assert leak not in response.text and "Traceback" not in response.text


def test_root(client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.json()
    assert {"message", "version", "health"} <= body.keys()
    assert body["health"] == "/health"


def test_health_healthy(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert {"service", "version", "environment"} <= body.keys()
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value


def test_openapi_document(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert str(document["openapi"]).startswith("3.")
    assert "/api/v1/auth/token" in document["paths"]


def test_health_503_when_database_is_unreachable(make_client, storage, tmp_path):
    client = make_client()
    assert client.get("/health").status_code == 200
    # Point the running app's engine at a database that cannot be opened.
    if storage.is_postgres:
        broken = "postgresql+psycopg://postgres@127.0.0.1:1/no-such-dir"
    else:
        broken = f"sqlite:///{tmp_path / 'no-such-dir' / 'x.db'}"
    _break_database(client.app, broken)
    assert_unhealthy(client.get("/health"), "database", leak="no-such-dir")
    assert client.get("/").status_code == 200


def _break_database(app, url: str) -> None:
    """Swap the running app's engine (``app.state.db``) for one that cannot connect."""
    from sqlalchemy import create_engine

    db = app.state.db
    db.engine.dispose()
    db.engine = create_engine(url)
    db.session_factory.configure(bind=db.engine)


@pytest.mark.postgres
@pytest.mark.slow
def test_health_503_when_postgres_or_redis_stops(tmp_path):
    """A dedicated PostgreSQL and Redis: stop each and /health names the failed part."""
    try:
        pg = PostgresServer().start()
    except StorageUnavailable as exc:
        components.unavailable("PostgreSQL", str(exc))
    try:
        redis_server = RedisServer().start()
    except StorageUnavailable as exc:
        pg.stop()
        components.unavailable("Redis", str(exc))
    try:
        pg.create_database("permiso")
        env = {**BASE_ENV, "DATABASE_URL": pg.url("permiso"), "REDIS_URL": redis_server.url(0)}
        app = create_app(Settings.from_env(environ=env))
        with TestClient(app, base_url=f"http://{HOST}", raise_server_exceptions=False) as client:
            assert client.get("/health").status_code == 200
            redis_server.stop()
            response = client.get("/health")
            assert response.status_code == 503, response.text
            assert response.json()["status"] == "unhealthy"
            assert "redis" in str(response.json()["components"]).lower() or "cache" in str(
                response.json()["components"]
            ).lower()
            pg.stop(remove=False)
            assert_unhealthy(client.get("/health"), "database", leak="psycopg")
    finally:
        redis_server.stop()
        pg.stop()
