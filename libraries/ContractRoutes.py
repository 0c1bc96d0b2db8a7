"""Compare the routes of the API contract with a deployment's OpenAPI document (API drift).

The contract's routes are data (``variables/contract_routes.py``, built from the endpoint path
variables). Paths compare by *shape*: every ``{parameter}`` counts the same whatever its name, so
``/users/{user_id}`` and ``/users/{id}`` are one route. A document whose ``servers`` URL carries a
path prefix (``https://host/api/v1`` with paths such as ``/users/me``) is read with that prefix.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from robot.api.deco import keyword, library

_ROUTES_FILE = Path(__file__).resolve().parent.parent / "variables" / "contract_routes.py"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def _routes_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("permiso_contract_routes", _ROUTES_FILE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shape(path: str) -> str:
    """The path with every ``{parameter}`` replaced by ``{}``."""
    return re.sub(r"\{[^}/]*\}", "{}", path)


def document_routes(document: Mapping[str, Any]) -> list[tuple[str, tuple[str, ...], set[str]]]:
    """``(path, spellings, methods)`` of every path of the OpenAPI document: the spellings are the
    path as written and, when the first ``servers`` URL has a path prefix, the path below it (a
    document may list the API routes below the prefix and the root routes as they are)."""
    servers = document.get("servers") or [{}]
    prefix = urlsplit(str(servers[0].get("url", "") or "")).path.rstrip("/")
    offered = []
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        spellings = (path,) if not prefix or path.startswith(prefix + "/") else (path, prefix + path)
        offered.append((path, spellings, {name.upper() for name in item if name.lower() in _METHODS}))
    return offered


def missing_routes(contract: list[tuple[str, str, str]], document: Mapping[str, Any],
                   either_slash: set[str] | None = None) -> list[str]:
    """One sentence per contract route the document does not offer, or offers with other methods."""
    by_shape: dict[str, set[str]] = {}
    for _path, spellings, methods in document_routes(document):
        for spelling in spellings:
            by_shape.setdefault(shape(spelling), set()).update(methods)
    problems = []
    for method, path, section in contract:
        candidates = {shape(path)}
        if either_slash and path in either_slash:
            candidates |= {shape(path).rstrip("/"), shape(path).rstrip("/") + "/"}
        offered = set().union(*(by_shape.get(candidate, set()) for candidate in candidates))
        if method in offered:
            continue
        if offered:
            problems.append(f"{method} {path} ({section}) is offered only as {'/'.join(sorted(offered))}")
        else:
            problems.append(f"{method} {path} ({section}) is not offered at all")
    return problems


def extra_routes(contract: list[tuple[str, str, str]], document: Mapping[str, Any]) -> list[str]:
    """``METHOD path`` of every route the document offers beyond the contract."""
    known = {(method, shape(path).rstrip("/")) for method, path, _ in contract}
    extras = []
    for path, spellings, methods in document_routes(document):
        for method in sorted(methods):
            if not any((method, shape(spelling).rstrip("/")) in known for spelling in spellings):
                extras.append(f"{method} {path}")
    return extras


@library(scope="GLOBAL", auto_keywords=False)
class ContractRoutes:
    """Keywords that list how a deployment's OpenAPI document differs from the contract's routes.

    The contract routes are built from the endpoint path variables of ``variables/config.py``
    (``${USERS_PATH}``, ``${PERMISSIONS_CHECK_BULK_PATH}``…), so they follow
    ``PERMISO_API_BASE``. Give ``paths`` (variable name -> path) to use other values.
    """

    def __init__(self) -> None:
        self._module = _routes_module()

    def _contract(self, paths: Mapping[str, str] | None) -> list[tuple[str, str, str]]:
        if paths is None:
            from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - only inside a Robot run

            names = {route.path_variable for route in self._module.ROUTES}
            paths = {name: BuiltIn().get_variable_value("${%s}" % name) for name in names}
        return self._module.contract_routes(paths)

    def _either_slash(self, paths: Mapping[str, str] | None) -> set[str]:
        contract = self._contract(paths)
        return {path for (_, path, _), route in zip(contract, self._module.ROUTES, strict=True) if route.either_slash}

    @keyword
    def contract_routes(self, paths: Mapping[str, str] | None = None) -> list[str]:
        """``METHOD path (§n)`` of every route of the contract's §3–§11 tables."""
        return [f"{method} {path} ({section})" for method, path, section in self._contract(paths)]

    @keyword
    def contract_routes_missing_from_document(
        self, document: Mapping[str, Any], paths: Mapping[str, str] | None = None
    ) -> list[str]:
        """One sentence per contract route the OpenAPI ``document`` no longer offers
        (``POST /api/v1/roles/permissions/check-bulk (§7) is not offered at all``) or offers with
        other methods only (``… is offered only as GET``). Empty when every route is there."""
        return missing_routes(self._contract(paths), document, self._either_slash(paths))

    @keyword
    def document_routes_beyond_the_contract(
        self, document: Mapping[str, Any], paths: Mapping[str, str] | None = None
    ) -> list[str]:
        """``METHOD path`` of every route the OpenAPI ``document`` offers that the contract does
        not name (for the log: more than the contract is allowed)."""
        return extra_routes(self._contract(paths), document)
