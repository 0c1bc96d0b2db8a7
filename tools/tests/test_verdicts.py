"""Reading runs back: the contract route a request exercises, and the degradation verdict rules."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import degradation_check  # noqa: E402 - tools/ is not a package
import verdicts  # noqa: E402

TABLE = verdicts.RouteTable()


def test_every_contract_route_is_in_the_table() -> None:
    assert len(TABLE.routes) == 63
    assert len({route.label for route in TABLE.routes}) == 63


@pytest.mark.parametrize(
    ("method", "path", "label"),
    [
        ("GET", "/api/v1/users/me", "GET /api/v1/users/me"),
        ("GET", "/api/v1/users/3f1c", "GET /api/v1/users/{user_id}"),
        ("POST", "/api/v1/users", "POST /api/v1/users/"),
        ("POST", "/api/v1/users/", "POST /api/v1/users/"),
        ("GET", "/api/v1/roles/scopes/", "GET /api/v1/roles/scopes/"),
        ("PUT", "/api/v1/roles/3f1c/scopes", "PUT /api/v1/roles/{role_id}/scopes"),
        ("GET", "/api/v1/service-clients/stats/overview", "GET /api/v1/service-clients/stats/overview"),
        ("GET", "/openapi.json", "GET /openapi.json"),
    ],
)
def test_a_request_maps_to_its_route(method: str, path: str, label: str) -> None:
    route = TABLE.route_of(method, path)
    assert route is not None and route.label == label


def test_unknown_requests_map_to_nothing() -> None:
    assert TABLE.route_of("PATCH", "/api/v1/users/me") is None
    assert TABLE.route_of("GET", "/api/v1/roles") is None  # only the trailing-slash form exists (§1)


def test_find_accepts_other_parameter_names() -> None:
    assert TABLE.find("DELETE /api/v1/users/{id}").label == "DELETE /api/v1/users/{user_id}"
    with pytest.raises(KeyError):
        TABLE.find("GET /nowhere")


def verdict(name: str, status: str, message: str = "", *requests: tuple[str, str]) -> verdicts.Verdict:
    return verdicts.Verdict(name, status, message, (),
                            [verdicts.Request(method, path, 200) for method, path in requests])


def test_only_a_changed_test_that_requested_and_named_the_route_is_fine() -> None:
    route = TABLE.find("GET /api/v1/roles/")
    clean = {name: verdict(name, "PASS") for name in ("s.A", "s.B", "s.C")}
    degraded = {
        "s.A": verdict("s.A", "FAIL", "GET /api/v1/roles/ answered 422 (…)", ("GET", "/api/v1/roles/")),
        "s.B": verdict("s.B", "FAIL", "Set-up: could not log in", ("POST", "/api/v1/auth/token")),
        "s.C": verdict("s.C", "FAIL", "something else broke", ("GET", "/api/v1/roles/")),
    }
    changed, problems = degradation_check.problems_of(clean, degraded, route, TABLE)
    assert len(changed) == 3
    assert [problem.split(" ", 1)[0] for problem in problems] == ["B", "C"]
