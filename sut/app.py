"""Application factory: ``create_app(settings) -> FastAPI``."""

from __future__ import annotations

import contextlib
import logging
import shutil
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from sut import __version__, defects, degradations, errors, variants
from sut import models  # noqa: F401 - registers the tables that Database.create_schema creates
from sut.bootstrap import seed
from sut.config import Settings
from sut.db import Database
from sut.logbuffer import LogBuffer
from sut.middleware import SecurityMiddleware
from sut.passwords import PasswordHasher
from sut.routes import admin, auth, root, roles, service_clients, sessions, users
from sut.store import make_store
from sut.tokens import TokenService

logger = logging.getLogger("sut")

# Error statuses every operation may answer with (added to the OpenAPI document).
_COMMON_ERRORS = (400, 413, 500, 503)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the service. Storage is opened, the schema created and seeded at start-up.

    Raises ValueError when ``PERMISO_DEGRADE`` names a route the service does not have.
    """
    settings = settings or Settings.from_env()
    defects.configure(settings)
    variants.configure(settings)
    log_buffer = LogBuffer()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        sut_logger = logging.getLogger("sut")
        sut_logger.addHandler(log_buffer)
        try:
            app.state.db.create_schema()
            seed(app.state.db, settings, app.state.hasher)
            yield
        finally:
            sut_logger.removeHandler(log_buffer)
            app.state.store.close()
            app.state.db.dispose()
            if settings.temporary_directory:  # the default database goes with the process
                shutil.rmtree(settings.temporary_directory, ignore_errors=True)

    app = FastAPI(
        title="Permiso",
        version=__version__,
        description="Reference Permiso authentication and authorization service.",
        lifespan=lifespan,
        redirect_slashes=False,
        docs_url="/docs" if settings.enable_docs else None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.enable_docs else None,
    )
    app.router.redirect_slashes = False
    app.state.settings = settings
    app.state.db = Database(settings.database_url)
    app.state.store = make_store(settings.redis_url, settings.redis_prefix)
    app.state.hasher = PasswordHasher(
        settings.password_hash_time_cost, settings.password_hash_memory_cost, settings.password_hash_parallelism
    )
    app.state.tokens = TokenService(settings)
    app.state.log_buffer = log_buffer

    errors.install(app)
    for module in (root, auth, users, roles, service_clients, sessions, admin):
        app.include_router(module.router)
    if defects.active("permissions-check-bulk-removed", settings):  # gone from service and OpenAPI document
        app.router.routes[:] = [r for r in app.router.routes if getattr(r, "path", "") != "/api/v1/roles/permissions/check-bulk"]
    degraded = degradations.install(app, settings.degrade)
    app.add_middleware(SecurityMiddleware, settings=settings, degradations=degraded or None)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated document, with the contract's error shape declared for error statuses."""
    if app.openapi_schema:
        return app.openapi_schema
    document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = document.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    error_ref = {"$ref": "#/components/schemas/ErrorResponse"}
    validation_ref = {"$ref": "#/components/schemas/ValidationErrorResponse"}
    if "ErrorResponse" not in components:
        from sut.schemas import ErrorResponse, ValidationErrorResponse

        components["ErrorResponse"] = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
        vschema = ValidationErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in vschema.pop("$defs", {}).items():
            components.setdefault(name, sub)
        components["ValidationErrorResponse"] = vschema
    for path_item in document.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            if "422" in responses:
                responses["422"] = {"description": "Validation error",
                                    "content": {"application/json": {"schema": validation_ref}}}
            for code in _COMMON_ERRORS:
                responses.setdefault(str(code), {"description": "Error",
                                                 "content": {"application/json": {"schema": error_ref}}})
    app.openapi_schema = document
    return document
