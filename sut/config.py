"""Service configuration read from environment variables (every variable is listed in the README)."""

from __future__ import annotations

import dataclasses
import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _list(value: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in value.split(",") if item.strip())


def _default_database() -> tuple[str, str]:
    """An SQLite file in a fresh temporary directory, so each process is isolated: the URL and
    the directory (which the service removes when it stops)."""
    directory = tempfile.mkdtemp(prefix="permiso-")
    return f"sqlite:///{Path(directory) / 'permiso.db'}", directory


_TUPLE_FIELDS = ("cors_origins", "allowed_hosts", "trusted_proxies", "defects", "variants", "degrade")

# field name -> (environment names, parser). The first name present wins.
_ENV: dict[str, tuple[tuple[str, ...], Any]] = {
    "database_url": (("DATABASE_URL", "PERMISO_DATABASE_URL"), str),
    "redis_url": (("REDIS_URL", "PERMISO_REDIS_URL"), str),
    "redis_prefix": (("PERMISO_REDIS_PREFIX",), str),
    "secret_key": (("PERMISO_SECRET_KEY", "SECRET_KEY", "JWT_SECRET_KEY"), str),
    "jwt_algorithm": (("PERMISO_JWT_ALGORITHM", "JWT_ALGORITHM"), str),
    "jwt_private_key": (("PERMISO_JWT_PRIVATE_KEY",), str),
    "jwt_public_key": (("PERMISO_JWT_PUBLIC_KEY",), str),
    "jwt_issuer": (("PERMISO_JWT_ISSUER", "JWT_ISSUER"), str),
    "jwt_audience": (("PERMISO_JWT_AUDIENCE", "JWT_AUDIENCE"), str),
    "access_token_minutes": (("PERMISO_ACCESS_TOKEN_MINUTES", "ACCESS_TOKEN_EXPIRE_MINUTES"), int),
    "refresh_token_days": (("PERMISO_REFRESH_TOKEN_DAYS", "REFRESH_TOKEN_EXPIRE_DAYS"), int),
    "service_token_seconds": (("PERMISO_SERVICE_TOKEN_SECONDS",), int),
    "reset_token_minutes": (("PERMISO_RESET_TOKEN_MINUTES",), int),
    "verification_token_hours": (("PERMISO_VERIFICATION_TOKEN_HOURS",), int),
    "max_login_attempts": (("PERMISO_MAX_LOGIN_ATTEMPTS", "MAX_LOGIN_ATTEMPTS"), int),
    "lockout_seconds": (("PERMISO_LOCKOUT_SECONDS", "LOCKOUT_DURATION"), int),
    "registration_limit_per_hour": (("PERMISO_REGISTRATION_LIMIT_PER_HOUR",), int),
    "failed_login_limit_per_minute": (("PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE",), int),
    "password_hash_time_cost": (("PERMISO_PASSWORD_HASH_TIME_COST",), int),
    "password_hash_memory_cost": (("PERMISO_PASSWORD_HASH_MEMORY_COST",), int),
    "password_hash_parallelism": (("PERMISO_PASSWORD_HASH_PARALLELISM",), int),
    "cors_origins": (("PERMISO_CORS_ORIGINS", "CORS_ORIGINS"), _list),
    "allowed_hosts": (("PERMISO_ALLOWED_HOSTS", "ALLOWED_HOSTS"), _list),
    "trusted_proxies": (("PERMISO_TRUSTED_PROXIES", "TRUSTED_PROXIES"), _list),
    "max_body_bytes": (("PERMISO_MAX_BODY_BYTES",), int),
    "environment": (("PERMISO_ENVIRONMENT", "ENVIRONMENT"), str),
    "expose_test_tokens": (("PERMISO_EXPOSE_TEST_TOKENS",), _bool),
    "enable_docs": (("PERMISO_ENABLE_DOCS",), _bool),
    "admin_username": (("PERMISO_ADMIN_USERNAME", "TEST_ADMIN_USERNAME"), str),
    "admin_password": (("PERMISO_ADMIN_PASSWORD", "TEST_ADMIN_PASSWORD"), str),
    "admin_email": (("PERMISO_ADMIN_EMAIL", "TEST_ADMIN_EMAIL"), str),
    "user_username": (("PERMISO_USER_USERNAME", "TEST_USER_USERNAME"), str),
    "user_password": (("PERMISO_USER_PASSWORD", "TEST_USER_PASSWORD"), str),
    "user_email": (("PERMISO_USER_EMAIL", "TEST_USER_EMAIL"), str),
    "client_id": (("PERMISO_CLIENT_ID", "TEST_CLIENT_ID"), str),
    "client_secret": (("PERMISO_CLIENT_SECRET", "TEST_CLIENT_SECRET"), str),
    "defects": (("PERMISO_DEFECTS",), _list),
    "variants": (("PERMISO_VARIANTS",), _list),
    "degrade": (("PERMISO_DEGRADE",), _list),
    "log_level": (("PERMISO_LOG_LEVEL",), str),
}


@dataclass(frozen=True)
class Settings:
    """Everything the service can be configured with. Build with :meth:`from_env`."""

    database_url: str = ""
    redis_url: str = ""
    redis_prefix: str = "permiso:"
    secret_key: str = ""
    jwt_algorithm: str = "HS256"
    jwt_private_key: str = ""
    jwt_public_key: str = ""
    jwt_issuer: str = "permiso"
    jwt_audience: str = "permiso"
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    service_token_seconds: int = 3600
    reset_token_minutes: int = 30
    verification_token_hours: int = 24
    max_login_attempts: int = 5
    lockout_seconds: int = 900
    registration_limit_per_hour: int = 3
    failed_login_limit_per_minute: int = 20
    password_hash_time_cost: int = 2
    password_hash_memory_cost: int = 19456
    password_hash_parallelism: int = 1
    cors_origins: tuple[str, ...] = ("http://localhost:3000",)
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "testserver", "[::1]")
    trusted_proxies: tuple[str, ...] = ()
    max_body_bytes: int = 1_048_576
    environment: str = "test"
    expose_test_tokens: bool = False
    enable_docs: bool = True
    admin_username: str = "admin"
    admin_password: str = "AdminPass123!"
    admin_email: str = "admin@permiso.test"
    user_username: str = "testuser"
    user_password: str = "UserPass123!"
    user_email: str = "user@permiso.test"
    client_id: str = "test-client-001"
    client_secret: str = "test-secret-123456789"
    defects: tuple[str, ...] = field(default_factory=tuple)
    variants: tuple[str, ...] = field(default_factory=tuple)
    degrade: tuple[str, ...] = field(default_factory=tuple)
    log_level: str = "WARNING"
    temporary_directory: str = ""
    """The directory of the default SQLite database, created for this process; not a setting."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read settings from ``environ`` (default: ``os.environ``); keyword overrides win.

        Unset values get their defaults; the database URL defaults to a fresh SQLite file in
        a new temporary directory and the signing key to a random per-process key.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, (keys, parser) in _ENV.items():
            for key in keys:
                raw = env.get(key)
                if raw is None:
                    continue
                if parser is not str and parser is not _list and raw.strip() == "":
                    break  # empty numeric/boolean value: keep the default
                try:
                    values[name] = parser(raw)
                except ValueError as exc:
                    raise ValueError(f"invalid value for {key}: {raw!r}") from exc
                break
        values.update(overrides)
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(values) - known
        if unknown:
            raise TypeError(f"unknown settings: {sorted(unknown)}")
        for tuple_field in _TUPLE_FIELDS:
            if tuple_field in values and not isinstance(values[tuple_field], tuple):
                value = values[tuple_field]
                values[tuple_field] = _list(value) if isinstance(value, str) else tuple(value)
        settings = cls(**values)
        if not settings.database_url:
            url, directory = _default_database()
            settings = dataclasses.replace(settings, database_url=url, temporary_directory=directory)
        if not settings.secret_key:
            settings = dataclasses.replace(settings, secret_key=secrets.token_urlsafe(48))
        settings.validate()
        return settings

    def validate(self) -> None:
        """Refuse settings that cannot work."""
        positive = (
            "access_token_minutes", "refresh_token_days", "service_token_seconds", "max_login_attempts",
            "lockout_seconds", "registration_limit_per_hour", "failed_login_limit_per_minute",
            "password_hash_time_cost", "password_hash_parallelism", "max_body_bytes",
            "reset_token_minutes", "verification_token_hours",
        )
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.password_hash_memory_cost < 8 * self.password_hash_parallelism:
            raise ValueError("password_hash_memory_cost too small")
        if self.jwt_algorithm.upper().startswith("HS"):
            if len(self.secret_key) < 16:
                raise ValueError("PERMISO_SECRET_KEY must have at least 16 characters")
        elif not (self.jwt_private_key and self.jwt_public_key):
            raise ValueError(f"{self.jwt_algorithm} needs PERMISO_JWT_PRIVATE_KEY and PERMISO_JWT_PUBLIC_KEY")
        if "*" in self.cors_origins and len(self.cors_origins) > 1:
            raise ValueError("PERMISO_CORS_ORIGINS: '*' cannot be combined with other origins")
        self._validate_switches()

    def _validate_switches(self) -> None:
        """Unknown defect or variant names and malformed degradations refuse to start."""
        from sut import defects, degradations, variants  # these modules import this one

        defects.check_names(self.defects)
        variants.check_names(self.variants)
        degradations.parse(self.degrade)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")
