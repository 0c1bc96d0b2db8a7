"""Reading runs back: the contract route a request exercises, and the degradation verdict rules."""

import re

import pytest


from tools.checks import degradations as degradation_check
from tools import ROOT
from tools.checks import verdicts

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


def tagged(name: str, status: str, message: str = "", tags: tuple[str, ...] = (), warnings: tuple[str, ...] = (),
           *requests: tuple[str, str]) -> verdicts.Verdict:
    return verdicts.Verdict(name, status, message, tags,
                            [verdicts.Request(method, path, 422) for method, path in requests], list(warnings))


USERS_LIST = ("GET", "/api/v1/users")


def test_own_tests_of_a_route_are_tagged_or_matrix_cells_on_it():
    route = TABLE.find("GET /api/v1/users/")
    assert degradation_check.own_tag(route) == "route:get:/api/v1/users/"
    assert degradation_check.is_own_test(tagged("s.Search", "PASS", tags=("route:get:/api/v1/users/",)), route)
    assert degradation_check.is_own_test(tagged("s.X", "PASS", tags=("route:GET:/api/v1/users",)), route)
    assert degradation_check.is_own_test(tagged("m.Normal User Gets 403 On GET /api/v1/users", "PASS"), route)
    assert degradation_check.is_own_test(tagged("m.Admin Gets 200 On GET /api/v1/users/", "PASS"), route)
    assert not degradation_check.is_own_test(tagged("m.Admin Gets 200 On GET /api/v1/users/me", "PASS"), route)
    assert not degradation_check.is_own_test(tagged("s.Y", "PASS", tags=("route:get:/api/v1/roles/",)), route)
    assert not degradation_check.is_own_test(tagged("s.Password Policy.Too Short", "PASS", tags=("users",)), route)


def test_a_list_route_lets_only_its_own_tests_change_verdict():
    route = TABLE.find("GET /api/v1/users/")
    clean = {name: tagged(name, "PASS") for name in ("s.Own", "s.Side", "s.Silent", "s.Probe", "s.Other")}
    broken = "GET /api/v1/users answered 422 (validation_error: query.current_user: Field required), expected 200"
    degraded = {
        "s.Own": tagged("s.Own", "FAIL", broken, ("route:get:/api/v1/users/",), (), USERS_LIST),
        "s.Side": tagged("s.Side", "PASS", "", (), (f"Could not confirm that nothing was created through {broken}",),
                         USERS_LIST),
        "s.Silent": tagged("s.Silent", "PASS", "", (), (), USERS_LIST),
        "s.Probe": tagged("s.Probe", "FAIL", broken, (), (), USERS_LIST),
        "s.Other": tagged("s.Other", "PASS"),
    }
    changed, problems = degradation_check.problems_of(clean, degraded, route, TABLE, list_route=True)
    assert changed == ["Own: PASS → FAIL", "Probe: PASS → FAIL"]
    assert [problem.split(" ", 1)[0] for problem in problems] == ["Silent", "Probe"]
    assert "without a warning naming it" in problems[0]
    assert "is not one of its own tests" in problems[1]
    assert degradation_check.side_checks(degraded, route, TABLE) == 1


def test_a_change_to_passed_counts_too():
    route = TABLE.find("GET /api/v1/roles/scopes/")
    clean = {"s.A": tagged("s.A", "FAIL", "something")}
    degraded = {"s.A": tagged("s.A", "PASS", "", (), (), ("GET", "/api/v1/roles/scopes/"))}
    changed, problems = degradation_check.problems_of(clean, degraded, route, TABLE, list_route=True)
    assert changed == ["A: FAIL → PASS"] and "is not one of its own tests" in problems[0]


def test_a_route_is_named_by_its_whole_path_when_it_has_no_parameter():
    users = TABLE.find("GET /api/v1/users/")
    assert degradation_check.route_named_in("Could not confirm x through GET /api/v1/users: answered 422", users)
    assert degradation_check.route_named_in("GET /api/v1/users?per_page=0 answered 422", users)
    assert not degradation_check.route_named_in("GET /api/v1/users/me answered 500", users)
    delete = TABLE.find("DELETE /api/v1/users/{user_id}")
    assert degradation_check.route_named_in("DELETE /api/v1/users/<id> answered 500", delete)


def test_every_list_degradation_names_a_route_of_the_contract():
    for degradation in degradation_check.DEGRADATIONS:
        route = TABLE.find(degradation.route)
        assert degradation.entry.split("=")[0].split(":", 1)[0] == route.method
    assert {d.name for d in degradation_check.DEGRADATIONS if d.list_route} >= {"users-list", "scopes-list"}


def test_the_own_tags_in_the_suites_name_contract_routes():
    """Every ``route:`` tag in suites/ names a route of the contract (a typo would make no test own)."""
    tags = set()
    for path in (ROOT / "suites").rglob("*.robot"):
        tags.update(re.findall(r"route:[a-z]+:/\S+", path.read_text(encoding="utf-8")))
    assert tags
    for tag in tags:
        method, path = tag[len("route:"):].split(":", 1)
        TABLE.find(f"{method.upper()} {path}")


def test_routes_broken_together_allow_what_each_of_them_allows() -> None:
    users = TABLE.find("GET /api/v1/users/")
    refresh = TABLE.find("POST /api/v1/auth/refresh")
    clean = {name: tagged(name, "PASS") for name in ("s.Search", "s.Refresh", "s.Login")}
    degraded = {
        "s.Search": tagged("s.Search", "FAIL", "GET /api/v1/users answered 422", ("route:get:/api/v1/users/",), (),
                           USERS_LIST),
        "s.Refresh": tagged("s.Refresh", "FAIL", "POST /api/v1/auth/refresh answered 500", (), (),
                            ("POST", "/api/v1/auth/refresh")),
        "s.Login": tagged("s.Login", "FAIL", "POST /api/v1/auth/token answered 500", (), (),
                          ("POST", "/api/v1/auth/token")),
    }
    changed, problems = degradation_check.problems_of_routes(clean, degraded, [(users, True), (refresh, False)], TABLE)
    assert len(changed) == 3
    assert len(problems) == 1 and problems[0].startswith("Login changed verdict although it is not a test of")
