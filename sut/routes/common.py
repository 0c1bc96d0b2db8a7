"""Shared pieces of the routers: error response declarations and small helpers."""

from __future__ import annotations

from typing import Any

from sut.schemas import ErrorResponse, ValidationErrorResponse

_TEXT = {
    400: "Bad request", 401: "Missing or invalid bearer token", 403: "Not allowed", 404: "Not found",
    409: "Conflict", 413: "Request body too large", 415: "Unsupported media type", 422: "Validation error",
    423: "Account locked", 429: "Rate limit exceeded", 500: "Internal error",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` entries for the given error statuses, all in the contract's error shape."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        model = ValidationErrorResponse if code == 422 else ErrorResponse
        out[code] = {"model": model, "description": _TEXT.get(code, "Error")}
    return out


NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
