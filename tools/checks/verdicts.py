"""What one acceptance run decided, read back from its ``output.xml``.

Shared by the project's checks that compare runs (degradations, defects, serial versus
parallel) and by the route coverage listing:

- :func:`read_run` gives one :class:`Verdict` per test: its full name, status, message, tags,
  the requests it made, taken from the transport layer's log line
  ``METHOD URL → STATUS (N ms)``, and the warnings it logged (a side check that could not
  confirm something through a broken route says so in one);
- :class:`RouteTable` maps a request path to the contract route (method and path template)
  it exercises, built from ``variables/contract_routes.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


import config
import contract_routes

REQUEST_LINE = re.compile(r"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|TRACE) (\S+) → (\d{3}) \(\d+ ms\)$")


@dataclass(frozen=True)
class Request:
    """One request a test made: method, path (no query) and the status it got."""

    method: str
    path: str
    status: int


@dataclass
class Verdict:
    """One test of a run."""

    name: str
    status: str
    message: str
    tags: tuple[str, ...] = ()
    requests: list[Request] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _requests_in(item: object, found: list[Request], warnings: list[str] | None = None) -> None:
    """Collect the request log lines (and, when asked, the warnings) below a test, keyword or
    control structure."""
    for message in getattr(item, "messages", ()) or ():
        text = getattr(message, "message", "") or ""
        match = REQUEST_LINE.match(text)
        if match:
            path = urlsplit(match.group(2)).path or "/"
            found.append(Request(match.group(1), path, int(match.group(3))))
        elif warnings is not None and getattr(message, "level", "") == "WARN":
            warnings.append(text)
    for child in getattr(item, "body", ()) or ():
        _requests_in(child, found, warnings)
    for name in ("setup", "teardown"):
        child = getattr(item, name, None)
        if child is not None and getattr(child, "name", None):
            _requests_in(child, found, warnings)


def read_run(output: Path) -> dict[str, Verdict]:
    """Every test of an ``output.xml`` by full name (``Permiso Acceptance.02 Auth.Login.X``)."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    result = ExecutionResult(str(output))
    verdicts: dict[str, Verdict] = {}

    def visit(suite: object) -> None:
        for test in getattr(suite, "tests", ()):
            verdict = Verdict(test.full_name, test.status, test.message, tuple(test.tags))
            _requests_in(test, verdict.requests, verdict.warnings)
            verdicts[test.full_name] = verdict
        for child in getattr(suite, "suites", ()):
            visit(child)

    visit(result.suite)
    return verdicts


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(f"^{regex}$")


@dataclass(frozen=True)
class Route:
    """One contract route: method, path template (with the configured API base), section."""

    method: str
    template: str
    section: str

    @property
    def label(self) -> str:
        return f"{self.method} {self.template}"


class RouteTable:
    """Finds the contract route a request exercises. Literal paths win over templates
    (``/users/me`` is not ``/users/{user_id}``); the users collection matches with and without
    its trailing slash (§1)."""

    def __init__(self, api_base: str = "/api/v1") -> None:
        paths = config.endpoint_paths(api_base)
        routes = [Route(method, path, section) for method, path, section in contract_routes.contract_routes(paths)]
        routes.append(Route("GET", paths["OPENAPI_PATH"], "§3"))
        self.routes = routes
        self._patterns = sorted(
            ((route, _template_pattern(route.template)) for route in routes),
            key=lambda pair: pair[0].template.count("{"),
        )
        self._either_slash = {route.template.rstrip("/") for route in contract_routes_either_slash(paths)}

    def route_of(self, method: str, path: str) -> Route | None:
        """The contract route a ``method path`` request exercises, or None."""
        candidates = [path]
        if path.rstrip("/") in self._either_slash:
            candidates += [path.rstrip("/"), path.rstrip("/") + "/"]
        for route, pattern in self._patterns:
            if route.method == method and any(pattern.match(candidate) for candidate in candidates):
                return route
        return None

    def find(self, label: str) -> Route:
        """The route named ``METHOD TEMPLATE`` (parameter names may differ)."""
        method, _, template = label.partition(" ")
        shape = re.sub(r"\{[^}]+\}", "{}", template)
        for route in self.routes:
            if route.method == method and re.sub(r"\{[^}]+\}", "{}", route.template) in (shape, shape.rstrip("/"), shape + "/"):
                return route
        raise KeyError(f"{label} is not a route of the contract")


def contract_routes_either_slash(paths: dict[str, str]) -> Iterable[Route]:
    """The routes the contract accepts with and without a trailing slash."""
    for route in contract_routes.ROUTES:
        if route.either_slash:
            base = paths[route.path_variable]
            yield Route(route.method, base.rstrip("/") + route.suffix, route.section)


def tests_requesting(verdicts: dict[str, Verdict], route: Route, table: RouteTable) -> set[str]:
    """Names of the tests that made at least one request to ``route``."""
    return {
        name for name, verdict in verdicts.items()
        if any(table.route_of(request.method, request.path) == route for request in verdict.requests)
    }
