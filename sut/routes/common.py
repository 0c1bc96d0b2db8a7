"""Shared pieces of the routers: error response declarations and small helpers."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sut import defects, variants
from sut.errors import validation_error
from sut.models import Scope
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
STRICT_NO_STORE = {"Cache-Control": "no-store, no-cache, max-age=0, must-revalidate, private", "Pragma": "no-cache"}


def no_store() -> dict[str, str]:
    """Cache headers of token responses (stricter under the strict-headers variant)."""
    if defects.active("token-response-cacheable"):
        return {}
    return STRICT_NO_STORE if variants.active("strict-headers") else NO_STORE


def scopes_by_ids(db: Session, scope_ids: list[uuid.UUID]) -> list[Scope]:
    """The scopes with these ids; a 422 naming the unknown ids when any does not exist."""
    wanted = {str(s) for s in scope_ids}
    found = list(db.scalars(select(Scope).where(Scope.id.in_(wanted)))) if wanted else []
    missing = wanted - {s.id for s in found}
    if missing and not defects.active("unknown-scope-ignored"):
        raise validation_error(["body", "scope_ids"], f"unknown scope id(s): {', '.join(sorted(missing))}", "unknown_scope")
    return found
