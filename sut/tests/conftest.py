"""Shared fixtures and helpers for the reference service's tests.

Every API test runs twice, once per storage set-up (the ``storage`` fixture):

- ``sqlite``: a fresh SQLite file per test, revocations/counters in the process;
- ``postgres-redis``: a throwaway PostgreSQL 15 and Redis (started once per session by
  ``tools/infra/storage/servers.py``), a fresh database per test cloned from a template that the
  app initialised once, and ``FLUSHDB`` of Redis before each test.

Select one with ``-m sqlite`` / ``-m postgres``. When PostgreSQL or Redis cannot be started,
the postgres-redis tests fail under ``CI`` or ``./run-project-tests.sh`` and are skipped
otherwise (``tools/checks/components.py``).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from sut.app import create_app
from sut.config import Settings
from tools.checks import components
from tools.infra.storage.servers import PostgresServer, RedisServer, StorageUnavailable

ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_EMAIL = "admin", "AdminPass123!", "admin@permiso.test"
USER_USERNAME, USER_PASSWORD, USER_EMAIL = "testuser", "UserPass123!", "user@permiso.test"
CLIENT_ID, CLIENT_SECRET = "test-client-001", "test-secret-123456789"
STRONG_PASSWORD = "Str0ng!Passw0rd"
SECRET_KEY = "test-secret-key-for-the-reference-service-0123456789"
HOST = "testserver"

ADMIN_SCOPES = {
    "admin:users", "admin:roles", "admin:clients", "admin:sessions", "admin:security",
    "admin:audit", "admin:system", "admin:logs", "admin:permissions",
}
USER_SCOPES = {"read:profile", "write:profile"}
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}

# Environment every test app starts from: cheap hashing, generous limits (tests that check a
# limit lower it), test tokens exposed, the TestClient's host allowed.
BASE_ENV: dict[str, str] = {
    "PERMISO_SECRET_KEY": SECRET_KEY,
    "PERMISO_PASSWORD_HASH_TIME_COST": "1",
    "PERMISO_PASSWORD_HASH_MEMORY_COST": "1024",
    "PERMISO_MAX_LOGIN_ATTEMPTS": "5",
    "PERMISO_LOCKOUT_SECONDS": "900",
    "PERMISO_REGISTRATION_LIMIT_PER_HOUR": "10000",
    "PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE": "10000",
    "PERMISO_EXPOSE_TEST_TOKENS": "true",
    "PERMISO_ALLOWED_HOSTS": f"{HOST},localhost,127.0.0.1",
    "PERMISO_CORS_ORIGINS": "https://app.permiso.test",
    "PERMISO_TRUSTED_PROXIES": "",
}

_counter = itertools.count(1)


def unique(prefix: str = "u") -> str:
    """A short name no other test uses (valid as a username: lower-case, digits, _)."""
    return f"{prefix}_{next(_counter)}_{uuid.uuid4().hex[:6]}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(response: httpx.Response, status: int | tuple[int, ...], code: str | None = None) -> dict:
    """The response has the status (one of), the contract's error body, and the code if given."""
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, (response.status_code, response.text)
    body = response.json()
    assert isinstance(body, dict), body
    assert isinstance(body.get("error"), str) and body["error"], body
    assert isinstance(body.get("error_description"), str), body
    if code is not None:
        assert body["error"] == code, body
    return body


# -- storage set-ups ------------------------------------------------------------------------
class _Servers:
    """PostgreSQL + Redis for the whole session, started on first use."""

    def __init__(self) -> None:
        self.pg: PostgresServer | None = None
        self.redis: RedisServer | None = None
        self.error: str | None = None
        self.template: str | None = None

    def ensure(self) -> None:
        if self.pg or self.error:
            return
        try:
            self.pg = PostgresServer().start()
            self.redis = RedisServer().start()
        except StorageUnavailable as exc:
            self.error = str(exc)
            self.stop()

    def stop(self) -> None:
        for server in (self.redis, self.pg):
            if server is not None:
                with contextlib.suppress(Exception):
                    server.stop()
        self.pg = self.redis = None


@dataclass
class Storage:
    """One test's storage: the environment entries that point the app at it."""

    name: str
    env: dict[str, str]
    servers: _Servers | None = None
    database: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def is_postgres(self) -> bool:
        return self.name == "postgres-redis"


@pytest.fixture(scope="session", autouse=True)
def _temporary_directories_under_pytest(tmp_path_factory) -> Iterator[None]:
    """Services built without DATABASE_URL make a temporary SQLite folder each; keep those
    under pytest's own temporary folder (which the project tests remove) instead of /tmp."""
    import tempfile  # noqa: PLC0415

    previous = tempfile.tempdir
    tempfile.tempdir = str(tmp_path_factory.mktemp("service-tmp"))
    try:
        yield
    finally:
        tempfile.tempdir = previous


@pytest.fixture(scope="session")
def _servers() -> Iterator[_Servers]:
    servers = _Servers()
    yield servers
    servers.stop()


@pytest.fixture(
    scope="session",
    params=[
        pytest.param("sqlite", marks=pytest.mark.sqlite),
        pytest.param("postgres-redis", marks=pytest.mark.postgres),
    ],
)
def storage_kind(request, _servers: _Servers) -> str:
    if request.param == "postgres-redis":
        _servers.ensure()
        if _servers.error:
            components.unavailable("PostgreSQL/Redis", _servers.error)
        if _servers.template is None:
            _build_template(_servers)
    return request.param


def _build_template(servers: _Servers) -> None:
    """Initialise one database with the app (schema + seed data); tests clone it."""
    assert servers.pg and servers.redis
    name = "permiso_template"
    servers.pg.create_database(name)
    env = {**BASE_ENV, "DATABASE_URL": servers.pg.url(name), "REDIS_URL": servers.redis.url(0)}
    app = create_app(Settings.from_env(environ=env))
    with TestClient(app, base_url=f"http://{HOST}") as client:
        assert client.get("/health").status_code == 200
    servers.pg.execute(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )
    servers.template = name


@pytest.fixture
def storage(storage_kind: str, _servers: _Servers, tmp_path) -> Iterator[Storage]:
    """Fresh, isolated storage for one test on the parametrised set-up."""
    if storage_kind == "sqlite":
        yield Storage("sqlite", {"DATABASE_URL": f"sqlite:///{tmp_path / 'permiso.db'}"})
        return
    assert _servers.pg and _servers.redis
    database = f"t_{uuid.uuid4().hex[:12]}"
    _servers.pg.create_database(database, template=_servers.template)
    _servers.redis.flushdb(0)
    env = {"DATABASE_URL": _servers.pg.url(database), "REDIS_URL": _servers.redis.url(0)}
    yield Storage("postgres-redis", env, _servers, database)
    with contextlib.suppress(Exception):
        _servers.pg.drop_database(database)


# -- app and client -------------------------------------------------------------------------
def make_settings(storage: Storage, **env: str) -> Settings:
    return Settings.from_env(environ={**BASE_ENV, **storage.env, **env})


# One FastAPI app object per (storage set-up, settings), reused from test to test: building
# the routes costs more than everything else a test does. Each test still gets fresh storage:
# the app's Database and Store are replaced before its lifespan starts again (schema + seed).
# PERMISO_TEST_FRESH_APP=1 builds a new app for every test instead.
_APPS: dict[tuple, Any] = {}


def app_for(storage: Storage, fresh: bool = False, **env: str):
    settings = make_settings(storage, **env)
    key = (storage.name, tuple(sorted(env.items())))
    fresh = fresh or bool(os.environ.get("PERMISO_TEST_FRESH_APP"))
    app = None if fresh else _APPS.get(key)
    if app is None:
        app = create_app(settings)
        if not fresh:
            _APPS[key] = app
        return app
    from sut.db import Database
    from sut.store import make_store

    app.state.settings = settings
    app.state.db = Database(settings.database_url)
    app.state.store = make_store(settings.redis_url, settings.redis_prefix)
    return app


@pytest.fixture
def make_client(storage: Storage) -> Iterator[Callable[..., TestClient]]:
    """Factory: ``make_client(client_ip="10.0.0.1", PERMISO_X="...")`` -> a started TestClient.

    Environment overrides are keyword arguments; ``client_ip`` sets the TCP peer address.
    """
    stack = contextlib.ExitStack()
    used: set[tuple] = set()

    def factory(client_ip: str = "127.0.0.1", base_url: str = f"http://{HOST}", **env: str) -> TestClient:
        key = tuple(sorted(env.items()))
        app = app_for(storage, fresh=key in used, **env)
        used.add(key)
        client = TestClient(app, base_url=base_url, client=(client_ip, 50000), raise_server_exceptions=False)
        stack.enter_context(client)
        return client

    with stack:
        yield factory


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


class Api:
    """Small helpers over one TestClient; the raw client is ``api.client``."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self._admin_token: str | None = None

    # auth
    def login(self, username: str, password: str, scope: str | None = None, **kwargs) -> httpx.Response:
        data = {"username": username, "password": password}
        if scope is not None:
            data["scope"] = scope
        return self.client.post("/api/v1/auth/token", data=data, **kwargs)

    def tokens(self, username: str, password: str, scope: str | None = None) -> dict:
        response = self.login(username, password, scope)
        assert response.status_code == 200, response.text
        return response.json()

    def token(self, username: str, password: str, scope: str | None = None) -> str:
        return self.tokens(username, password, scope)["access_token"]

    @property
    def admin_token(self) -> str:
        if self._admin_token is None:
            self._admin_token = self.token(ADMIN_USERNAME, ADMIN_PASSWORD)
        return self._admin_token

    @property
    def admin(self) -> dict[str, str]:
        return bearer(self.admin_token)

    def user_token(self) -> str:
        return self.token(USER_USERNAME, USER_PASSWORD)

    def service_token_response(self, client_id: str = CLIENT_ID, secret: str = CLIENT_SECRET, scope: str | None = None):
        data = {"client_id": client_id, "client_secret": secret}
        if scope is not None:
            data["scope"] = scope
        return self.client.post("/api/v1/auth/service-token", data=data)

    def service_token(self, **kwargs) -> str:
        response = self.service_token_response(**kwargs)
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    # users
    def create_user(self, password: str = STRONG_PASSWORD, **fields) -> dict:
        """Create a user through the admin API; returns the UserResponse plus ``password``."""
        name = fields.pop("username", None) or unique("user")
        body = {"username": name, "email": f"{name}@example.test", "password": password, **fields}
        response = self.client.post("/api/v1/users/", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return {**response.json(), "password": password}

    def user_with_token(self, **fields) -> tuple[dict, str]:
        user = self.create_user(**fields)
        return user, self.token(user["username"], user["password"])

    def register(self, headers: dict[str, str] | None = None, **fields) -> httpx.Response:
        """POST /users/register with a unique username and e-mail unless given."""
        name = fields.pop("username", None) or unique("reg")
        body = {"username": name, "email": f"{name}@example.test", "password": STRONG_PASSWORD, **fields}
        return self.client.post("/api/v1/users/register", json=body, headers=headers)

    def me(self, token: str) -> httpx.Response:
        return self.client.get("/api/v1/users/me", headers=bearer(token))

    def role_id(self, name: str) -> str:
        response = self.client.get("/api/v1/roles/", params={"search": name, "per_page": 100}, headers=self.admin)
        assert response.status_code == 200, response.text
        for role in response.json()["roles"]:
            if role["name"] == name:
                return role["id"]
        raise AssertionError(f"no role {name!r}")

    def scope_ids(self, *names: str) -> list[str]:
        response = self.client.get("/api/v1/roles/scopes/", params={"per_page": 100}, headers=self.admin)
        assert response.status_code == 200, response.text
        by_name = {s["name"]: s["id"] for s in response.json()["scopes"]}
        return [by_name[n] for n in names]

    def create_scope(self, **fields) -> dict:
        name = fields.pop("name", None) or f"read:{unique('res')}"
        resource = name.split(":", 1)[1] if ":" in name else "thing"
        action = name.split(":", 1)[0] if ":" in name else "read"
        body = {"name": name, "description": "test scope", "resource": resource, "action": action, **fields}
        response = self.client.post("/api/v1/roles/scopes/", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return response.json()

    def create_role(self, scope_ids: list[str] | None = None, **fields) -> dict:
        body = {"name": unique("role"), "description": "test role", "scope_ids": scope_ids or [], **fields}
        response = self.client.post("/api/v1/roles/", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return response.json()

    def create_service_client(self, **fields) -> dict:
        """Create a service client; returns ``{"client": {...}, "client_secret": "..."}``."""
        body = {"name": unique("svc"), "client_id": unique("client").replace("_", "-"), **fields}
        response = self.client.post("/api/v1/service-clients/", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return response.json()

    def user_id(self, token: str) -> str:
        response = self.me(token)
        assert response.status_code == 200, response.text
        return response.json()["id"]


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


@pytest.fixture
def make_api(make_client) -> Callable[..., Api]:
    """Factory for an Api over a client built with environment overrides."""
    return lambda **kwargs: Api(make_client(**kwargs))


def pytest_collection_finish(session) -> None:
    """Move everything alive after collection out of the garbage collector's way: the many
    short-lived app objects then cost far less per full collection."""
    gc.collect()
    gc.freeze()


def pytest_configure(config) -> None:
    config.addinivalue_line("markers", "sqlite: runs on the SQLite storage set-up")
    config.addinivalue_line("markers", "postgres: runs on the PostgreSQL + Redis storage set-up")
    config.addinivalue_line("markers", "slow: waits for real time to pass (lockout lift, CLI)")
    config.addinivalue_line("markers", "fuzz: the schemathesis run over /openapi.json")


# -- JWT helpers ----------------------------------------------------------------------------
def claims_of(token: str) -> dict:
    """The payload of a JWT without verifying it."""
    import jwt

    return jwt.decode(token, options={"verify_signature": False})


def forge(claims: dict, key: str = SECRET_KEY, algorithm: str = "HS256", headers: dict | None = None) -> str:
    """Sign arbitrary claims (for rejected-token tests)."""
    import jwt

    return jwt.encode(claims, key, algorithm=algorithm, headers=headers)
