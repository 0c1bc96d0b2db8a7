"""One error shape everywhere: ``{"error", "error_description"}`` (+ ``details`` for 422)."""

from __future__ import annotations

import logging
import traceback
from typing import Any

from fastapi import FastAPI, Request

from sut import defects
from sqlalchemy import exc as sa_exc
from fastapi.exceptions import RequestValidationError
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("sut")

_DEFAULT_CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
    406: "not_acceptable", 409: "conflict", 413: "payload_too_large", 415: "unsupported_media_type",
    422: "validation_error", 423: "account_locked", 429: "rate_limit_exceeded", 500: "internal_error",
    503: "service_unavailable",
}


class ApiError(Exception):
    """Raise anywhere in a route to answer with the contract's error body."""

    def __init__(
        self,
        status_code: int,
        error: str,
        description: str,
        headers: dict[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(description)
        self.status_code = status_code
        self.error = error
        self.description = description
        self.headers = dict(headers or {})
        self.details = details


def unauthorized(description: str = "Invalid or missing credentials", error: str = "invalid_token") -> ApiError:
    """401 with ``WWW-Authenticate: Bearer`` (RFC 6750)."""
    header = f'Bearer error="{error}"' if error in {"invalid_token", "invalid_request"} else "Bearer"
    return ApiError(401, error, description, {"WWW-Authenticate": header})


def forbidden(description: str = "You are not allowed to do this", error: str = "forbidden") -> ApiError:
    return ApiError(403, error, description)


def not_found(what: str = "Resource") -> ApiError:
    if defects.active("sql-text-in-error"):
        table = what.lower().replace(" ", "_") + "s"
        return ApiError(404, "not_found", f"{what} not found: SELECT * FROM {table} WHERE id = ? returned no row")
    return ApiError(404, "not_found", f"{what} not found")


def validation_error(loc: list[str | int], msg: str, type_: str = "value_error") -> ApiError:
    return ApiError(422, "validation_error", "Request validation failed", details=[{"loc": loc, "msg": msg, "type": type_}])


def error_body(error: str, description: str, details: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"error": error, "error_description": description}
    if details is not None:
        body["details"] = details
    return body


def error_response(
    status_code: int, error: str, description: str, headers: dict[str, str] | None = None, details=None
) -> JSONResponse:
    return JSONResponse(error_body(error, description, details), status_code=status_code, headers=headers)


def _clean_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    details = []
    for item in errors:
        loc = [part if isinstance(part, (int, str)) else str(part) for part in item.get("loc", ())]
        msg = str(item.get("msg", "invalid value"))
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        details.append({"loc": loc, "msg": msg[:300], "type": str(item.get("type", "value_error"))})
    return details


async def _api_error_handler(_request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status_code, exc.error, exc.description, exc.headers, exc.details)


async def _validation_handler(_request: Request, exc: RequestValidationError) -> Response:
    if defects.active("validation-error-default-shape"):
        return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
    details = _clean_details(list(exc.errors()))
    if any(d["type"] == "json_invalid" for d in details) and defects.active("traceback-on-malformed-json"):
        return PlainTextResponse("".join(traceback.format_exception(exc)), status_code=500)
    if any(d["type"] == "json_invalid" for d in details):
        return error_response(422, "validation_error", "The request body is not valid JSON", details=details)
    return error_response(422, "validation_error", "Request validation failed", details=details)


async def _http_handler(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400 and exc.__cause__ is not None and defects.active("nested-json-crashes"):
        return error_response(500, "internal_error", "An internal error occurred")
    if exc.status_code == 405 and defects.active("method-not-allowed-404"):
        return error_response(404, "not_found", "The requested resource was not found")
    if exc.status_code in (404, 405) and defects.active("route-errors-default-shape"):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
    code = _DEFAULT_CODES.get(exc.status_code, "error")
    if exc.status_code == 404:
        description = "The requested resource was not found"
    elif exc.status_code == 405:
        description = "Method not allowed"
    else:
        description = exc.detail if isinstance(exc.detail, str) else "Request failed"
    return error_response(exc.status_code, code, description, headers=getattr(exc, "headers", None))


async def _database_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    """Database errors: bad input is a client error, an unreachable database 503, never a trace."""
    orig = getattr(exc, "orig", None)
    if isinstance(exc, sa_exc.IntegrityError):
        return error_response(409, "conflict", "The change conflicts with existing data")
    if isinstance(exc, sa_exc.DataError) or isinstance(orig, ValueError):
        return error_response(400, "invalid_request", "The request contains values that cannot be processed")
    if isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)):
        logger.error("database unavailable: %s", type(exc).__name__)
        if defects.active("database-outage-leaks-driver-message"):
            return error_response(503, "service_unavailable", str(exc).splitlines()[0])
        return error_response(503, "service_unavailable", "A backing service is unavailable")
    logger.error("database error: %s", type(exc).__name__)
    return error_response(500, "internal_error", "An internal error occurred")


async def _cache_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    logger.error("cache unavailable: %s", type(exc).__name__)
    return error_response(503, "service_unavailable", "A backing service is unavailable")


def install(app: FastAPI) -> None:
    """Register the handlers (the catch-all 500 lives in :mod:`sut.middleware`)."""
    app.add_exception_handler(sa_exc.StatementError, _database_error_handler)
    try:
        from redis import exceptions as redis_exc

        app.add_exception_handler(redis_exc.RedisError, _cache_error_handler)
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    app.add_exception_handler(ApiError, _api_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
