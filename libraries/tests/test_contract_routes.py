"""ContractRoutes: the contract's route table and its comparison with an OpenAPI document."""

from __future__ import annotations



import config
from ContractRoutes import ContractRoutes  # noqa: E402

PATHS = config.endpoint_paths("/api/v1")
LIBRARY = ContractRoutes()


def full_document() -> dict:
    """A document that offers exactly the contract's routes."""
    paths: dict[str, dict] = {}
    for entry in LIBRARY.contract_routes(PATHS):
        method, path, _section = entry.split(" ")
        paths.setdefault(path, {})[method.lower()] = {"responses": {}}
    return {"openapi": "3.1.0", "paths": paths}


def test_routes_follow_the_api_base_and_cover_every_table() -> None:
    routes = LIBRARY.contract_routes(config.endpoint_paths("/v2"))
    assert "POST /v2/roles/permissions/check-bulk (§7)" in routes
    assert "GET /v2/users/{user_id} (§6)" in routes
    assert "POST /v2/sessions/{session_id}/renew (§10)" in routes
    assert "GET /health (§3)" in routes
    assert {route.rsplit(" ", 1)[1] for route in routes} == {"(§3)", "(§4)", "(§6)", "(§7)", "(§9)", "(§10)", "(§11)"}
    assert len(routes) == len(set(routes))


def test_a_complete_document_has_no_drift() -> None:
    document = full_document()
    assert LIBRARY.contract_routes_missing_from_document(document, PATHS) == []
    assert LIBRARY.document_routes_beyond_the_contract(document, PATHS) == []


def test_parameter_names_do_not_matter_but_positions_do() -> None:
    document = full_document()
    document["paths"]["/api/v1/users/{id}"] = document["paths"].pop("/api/v1/users/{user_id}")
    assert LIBRARY.contract_routes_missing_from_document(document, PATHS) == []
    document["paths"]["/api/v1/users/{id}/x"] = document["paths"].pop("/api/v1/users/{id}")
    missing = LIBRARY.contract_routes_missing_from_document(document, PATHS)
    assert missing == [
        "GET /api/v1/users/{user_id} (§6) is not offered at all",
        "PUT /api/v1/users/{user_id} (§6) is not offered at all",
        "DELETE /api/v1/users/{user_id} (§6) is not offered at all",
    ]


def test_a_route_offered_with_another_method_is_named() -> None:
    document = full_document()
    document["paths"]["/api/v1/roles/permissions/check-bulk"] = {"get": {}, "parameters": []}
    assert LIBRARY.contract_routes_missing_from_document(document, PATHS) == [
        "POST /api/v1/roles/permissions/check-bulk (§7) is offered only as GET"
    ]


def test_extra_routes_are_listed_not_missing() -> None:
    document = full_document()
    document["paths"]["/api/v1/debug/{thing}"] = {"get": {}, "delete": {}}
    assert LIBRARY.contract_routes_missing_from_document(document, PATHS) == []
    assert LIBRARY.document_routes_beyond_the_contract(document, PATHS) == [
        "DELETE /api/v1/debug/{thing}", "GET /api/v1/debug/{thing}"
    ]


def test_server_path_prefix_and_either_slash_of_the_users_collection() -> None:
    document = full_document()
    paths = document["paths"]
    paths["/api/v1/users"] = paths.pop("/api/v1/users/")
    document["paths"] = {path.removeprefix("/api/v1") if path.startswith("/api/v1/") else path: item
                         for path, item in paths.items()}
    document["servers"] = [{"url": "https://permiso.example.com/api/v1"}]
    assert LIBRARY.contract_routes_missing_from_document(document, PATHS) == []
    # the trailing slash of other collections is significant (contract §1)
    document["paths"]["/roles"] = document["paths"].pop("/roles/")
    assert len(LIBRARY.contract_routes_missing_from_document(document, PATHS)) == 2
