"""Simulated broken routes: ``PERMISO_DEGRADE``.

Each comma-separated entry ``METHOD:PATH_TEMPLATE[=STATUS]`` names one route exactly as it is
declared (``GET:/api/v1/roles/=422``, ``DELETE:/api/v1/users/{user_id}``); STATUS is 422 or
500 (default 500). A request that FastAPI would route to a degraded route is answered by
:class:`sut.middleware.SecurityMiddleware` before any handler or dependency runs (no side
effect):

- 422: the validation error of a route whose dependency was declared wrongly (a required query
  parameter ``current_user``);
- 500: the service's normal internal-error body.

A route declared under two spellings with one handler (``POST /api/v1/users`` and
``/api/v1/users/``) is degraded under both by naming either. An entry that is malformed, names
a bad status or no existing route makes the service refuse to start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

logger = logging.getLogger("sut")

STATUSES = (422, 500)
DEFAULT_STATUS = 500
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

VALIDATION_BODY = {
    "error": "validation_error",
    "error_description": "Request validation failed",
    "details": [{"loc": ["query", "current_user"], "msg": "Field required", "type": "missing"}],
}
INTERNAL_ERROR = ("internal_error", "An internal error occurred")


@dataclass(frozen=True)
class Entry:
    """One parsed ``PERMISO_DEGRADE`` entry."""

    method: str
    path: str
    status: int

    @property
    def label(self) -> str:
        return f"{self.method}:{self.path}"


def _parse_entry(raw: str) -> Entry:
    text, status = raw.strip(), DEFAULT_STATUS
    if "=" in text:
        text, _, code = text.rpartition("=")
        if code.strip() not in {str(s) for s in STATUSES}:
            raise ValueError(f"PERMISO_DEGRADE: {raw!r}: status must be one of {', '.join(map(str, STATUSES))}")
        status = int(code)
    method, sep, path = text.partition(":")
    method = method.strip().upper()
    if not sep or method not in METHODS or not path.startswith("/"):
        raise ValueError(f"PERMISO_DEGRADE: {raw!r} is not METHOD:PATH_TEMPLATE[=422|500] "
                         f"(METHOD one of {', '.join(METHODS)}, e.g. GET:/api/v1/roles/=422)")
    return Entry(method, path.strip(), status)


def parse(entries: tuple[str, ...]) -> list[Entry]:
    """Parse every entry; ValueError with a clear message for a malformed one."""
    return [_parse_entry(raw) for raw in entries if raw.strip()]


class Degradations:
    """The degraded routes of one app; :meth:`status_for` tells the middleware what to answer."""

    def __init__(self, app: FastAPI, entries: list[Entry]) -> None:
        self.app = app
        self.statuses: dict[tuple[str, Callable], int] = {}
        for entry in entries:
            endpoint = self._endpoint(entry)
            self.statuses[(entry.method, endpoint)] = entry.status

    def _endpoint(self, entry: Entry) -> Callable:
        """The handler of the route the entry names; ValueError when there is none."""
        for route in self.app.router.routes:
            if isinstance(route, APIRoute) and route.path == entry.path and entry.method in route.methods:
                return route.endpoint
        raise ValueError(f"PERMISO_DEGRADE: {entry.label} names no route of the service "
                         "(write the path exactly as declared, e.g. /api/v1/roles/ or /api/v1/users/{user_id})")

    def __bool__(self) -> bool:
        return bool(self.statuses)

    def status_for(self, scope: Scope) -> int | None:
        """The status to answer with when the request hits a degraded route, else None.

        The route is found as the router finds it: the first route that fully matches.
        """
        for route in self.app.router.routes:
            match, _child = route.matches(scope)
            if match != Match.FULL:
                continue
            if not isinstance(route, APIRoute):
                return None
            method = "GET" if scope["method"] == "HEAD" else scope["method"]
            return self.statuses.get((method, route.endpoint))
        return None


def install(app: FastAPI, entries: tuple[str, ...]) -> Degradations:
    """Resolve the entries against the app's routes (ValueError for one that names none)."""
    degradations = Degradations(app, parse(entries))
    for entry in parse(entries):
        logger.warning("PERMISO_DEGRADE: %s answers %d", entry.label, entry.status)
    return degradations
