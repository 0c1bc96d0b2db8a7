"""ContractChecks: each helper reports every difference and nothing when all is well."""

from __future__ import annotations

import json

import pytest
import requests

from ContractChecks import ContractChecks, ContractViolation

checks = ContractChecks()


def test_mismatched_fields_lists_each_difference():
    body = {"active": 1, "sub": "u1", "scope": None}
    assert checks.mismatched_fields(body, {"active": True, "sub": "u1", "exp": None}) == [
        "active is 1, expected True"
    ]
    assert checks.mismatched_fields({"active": False}, {"active": False, "sub": None}) == []


def test_claim_problems_names_missing_and_wrong_claims():
    claims = {"iss": "permiso", "sub": 42, "type": "refresh"}
    assert checks.claim_problems(claims, "iss aud sub", {"sub": "42", "type": "access"}) == [
        "no claim 'aud'",
        "claim 'type' is 'refresh', expected 'access'",
    ]
    assert checks.claim_problems(claims, ["iss"], {"iss": "permiso"}) == []


def test_token_response_problems_for_both_grants():
    good_login = {"token_type": "Bearer", "expires_in": 900, "scope": "a b",
                  "refresh_token": "x.y.z", "session_id": "s1"}
    assert checks.token_response_problems(good_login) == []
    bad_service = {"token_type": "mac", "expires_in": True, "scope": None,
                   "refresh_token": "x.y.z", "session_id": "s1"}
    assert checks.token_response_problems(bad_service, "client_credentials") == [
        "token_type is 'mac', expected 'Bearer'",
        "expires_in is True, expected a positive number of seconds",
        "scope is None, expected a space-separated string",
        "refresh_token is present, expected null",
        "session_id is 's1', expected null",
    ]


def test_component_problems():
    components = {"database": {"status": "healthy", "response_time_ms": 1.5},
                  "redis": {"status": "", "response_time_ms": -1}}
    assert checks.component_problems(components, "database", "redis", "jwt_service") == [
        "redis has no status",
        "redis has response_time_ms -1, expected milliseconds",
        "jwt_service is not reported",
    ]
    assert checks.component_problems(None, "database") == ["components is None, expected an object"]


def test_small_helpers():
    assert checks.empty_text_fields({"a": "x", "b": " ", "c": 3}, "a", "b", "c", "d") == ["b", "c", "d"]
    assert checks.ids_of_items_named([{"id": 1, "name": "a"}, {"id": 2, "name": "b"}], "b") == [2]
    assert checks.form_without_missing_fields(username="u", password=None) == {"username": "u"}


def test_audience_may_be_a_list_that_contains_it():
    claims = {"aud": ["permiso", "other-api"]}
    assert checks.claim_problems(claims, "aud", {"aud": "permiso"}) == []
    assert checks.claim_problems({"aud": ["other-api"]}, "aud", {"aud": "permiso"}) == [
        "claim 'aud' is ['other-api'], expected 'permiso'"
    ]
    assert checks.claim_problems({"sub": ["permiso"]}, "sub", {"sub": "permiso"}) != []


def test_token_type_compares_without_case():
    login = {"token_type": "bearer", "expires_in": 900, "scope": "a", "refresh_token": "x.y.z",
             "session_id": "s1"}
    assert checks.token_response_problems(login) == []
    assert checks.token_response_problems({**login, "token_type": "mac"}) == [
        "token_type is 'mac', expected 'Bearer'"
    ]


# --- refusals, validation errors, side routes ------------------------------------------------

BROKEN = {"error": "validation_error", "error_description": "Request validation failed",
          "details": [{"loc": ["query", "current_user"], "msg": "Field required", "type": "missing"}]}


def answer(status: int, body: object = None, method: str = "GET", path: str = "/api/v1/users") -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = json.dumps(body).encode() if body is not None else b""  # noqa: SLF001
    response.headers["Content-Type"] = "application/json"
    response.request = requests.Request(method, f"http://127.0.0.1:1{path}").prepare()
    return response


def test_a_refusal_with_the_expected_status_passes():
    checks.refusal_should_be(answer(403, {"error": "forbidden", "error_description": "no"}), "403", "A user", "was let in")
    checks.refusal_should_be(answer(401, {"error": "x", "error_description": "y"}), "401|403", "A user", "was let in")


def test_only_a_success_is_called_a_breach():
    with pytest.raises(ContractViolation) as failure:
        checks.refusal_should_be(answer(200, {"users": []}), "403", "A normal user claiming admin:users", "was let in")
    assert str(failure.value) == "A normal user claiming admin:users was let in: GET /api/v1/users answered 200"


def test_a_wrong_refusal_says_it_was_not_the_expected_refusal():
    with pytest.raises(ContractViolation) as failure:
        checks.refusal_should_be(answer(422, BROKEN), "403", "The registered user", "could list all users")
    assert str(failure.value) == (
        "The registered user: GET /api/v1/users answered 422 (validation_error: query.current_user: Field required),"
        " not the expected refusal 403")
    assert "could list" not in str(failure.value)
    with pytest.raises(ContractViolation, match=r"answered 500 \(the server failed: internal_error\), not the"):
        checks.refusal_should_be(answer(500, {"error": "internal_error", "error_description": "x"}), "404",
                                 "The deleted role", "is still there")


PASSWORD_PROBLEM = {"error": "validation_error", "error_description": "Request validation failed",
                    "details": [{"loc": ["body", "password"], "msg": "too short", "type": "value_error"}]}


def test_a_validation_error_naming_the_field_passes():
    created = answer(422, PASSWORD_PROBLEM, "POST")
    checks.validation_error_should_name(created, "password", "Creating a user with a short password")
    checks.validation_error_should_name(created, "username|password", "A login without credentials")
    dotted = {**PASSWORD_PROBLEM, "details": [{"loc": "body.password", "msg": "m", "type": "t"}]}
    checks.validation_error_should_name(answer(422, dotted, "POST"), "password", "Creating a user")
    assert checks.validation_error_names(created, "password") is True
    assert checks.validation_error_names(created, "page") is False
    across = {**PASSWORD_PROBLEM, "details": [{"loc": ["body"], "msg": "username cannot be changed here",
                                               "type": "value_error"}]}
    assert checks.validation_error_names(answer(422, across, "PUT"), "username") is True
    assert checks.validation_error_names(answer(422, across, "PUT"), "name") is False
    elsewhere = {**PASSWORD_PROBLEM, "details": [{"loc": ["body", "email"], "msg": "unlike the username",
                                                  "type": "value_error"}]}
    assert checks.validation_error_names(answer(422, elsewhere, "PUT"), "username") is False


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (answer(422, BROKEN, "POST"), "Creating a user with a short password: POST /api/v1/users answered 422 "
         "(validation_error: query.current_user: Field required), a validation error that does not name password"),
        (answer(201, {"id": "u"}, "POST"), "Creating a user with a short password was accepted: POST /api/v1/users "
         "answered 201"),
        (answer(400, {"error": "bad_request", "error_description": "no"}, "POST"), "Creating a user with a short "
         "password: POST /api/v1/users answered 400 (bad_request: no), expected 422 validation_error naming password"),
        (answer(422, {"error": "validation_error", "error_description": "x", "details": {}}, "POST"),
         "a validation error that does not name password"),
    ],
)
def test_a_validation_error_about_something_else_fails(response, message):
    with pytest.raises(ContractViolation) as failure:
        checks.validation_error_should_name(response, "password", "Creating a user with a short password")
    assert message in str(failure.value)


def test_a_side_route_problem_names_the_answer_or_the_shape():
    listing = {"users": [], "total": 0, "page": 1, "per_page": 20, "pages": 0}
    assert checks.side_route_problem(answer(200, listing), "200", "user_list") == ""
    assert checks.side_route_problem(answer(422, BROKEN)) == (
        "answered 422 (validation_error: query.current_user: Field required)")
    assert checks.side_route_problem(answer(200, {"items": []}), "200", "user_list") == (
        "answered 200 but breaks the shape of 'user_list': users is missing")
    assert checks.side_route_problem(answer(404, {"error": "not_found", "error_description": "gone"}), "200|404") == ""


# --- forms the contract leaves open ----------------------------------------------------------

def test_names_in_takes_text_and_objects():
    assert checks.names_in_keyword(["user", {"id": "1", "name": "admin"}, {"id": "2"}, None]) == ["admin", "user"]
    assert checks.names_in_keyword(None) == []


def test_resource_problems_accept_a_map_or_a_list():
    scopes = ["read:profile", "write:profile", "admin:users"]
    assert checks.resource_problems({"profile": ["read", "write"]}, scopes) == []
    assert checks.resource_problems(["profile"], scopes) == []
    assert checks.resource_problems([{"resource": "profile", "actions": ["read"]}], scopes) == []
    assert checks.resource_problems({"profile": ["read"]}, scopes) == [
        "resource 'profile' lacks the action 'write' of write:profile"]
    assert checks.resource_problems({}, ["read:profile"]) == ["resource 'profile' of read:profile is not named"]
    assert checks.resource_problems("profile", ["read:profile"]) == [
        "resources is 'profile', expected the client's resources"]


def test_ids_are_found_in_lists_and_in_roles():
    page = {"scopes": [{"id": "s1", "name": "read:profile"}, {"id": "s2", "name": "write:profile"}]}
    assert checks.ids_of_listed_items_named(page, "scopes", "write:profile") == ["s2"]
    assert checks.ids_of_listed_items_named({"error": "x"}, "scopes", "write:profile") == []
    roles = [{"scopes": [{"id": "s1", "name": "read:profile"}]}, {"scopes": [{"id": "s1", "name": "read:profile"}]},
             {"name": "no scopes"}]
    assert checks.scope_ids_named_in_roles(roles, "read:profile") == ["s1"]


def test_claim_placements_put_the_claim_in_every_place_the_route_allows():
    for_get = checks.claim_placements("admin:logs")
    assert [p["where"] for p in for_get] == ["the query", "a JSON body", "a form body"]
    assert for_get[0]["params"] == {"scopes": "admin:logs", "scope": "admin:logs"} and for_get[0]["json"] is None
    assert for_get[1]["json"] == {"scopes": ["admin:logs"], "scope": "admin:logs"}
    assert for_get[2]["form"] == {"scopes": "admin:logs", "scope": "admin:logs"}
    for_json = checks.claim_placements("admin:permissions", {"user_id": "u"}, "json")
    assert [p["where"] for p in for_json] == ["the query", "a JSON body"]
    assert for_json[0]["json"] == {"user_id": "u"}
    assert for_json[1]["json"] == {"user_id": "u", "scopes": ["admin:permissions"], "scope": "admin:permissions"}
    for_form = checks.claim_placements("admin:users", {"username": "x"}, "form")
    assert [p["where"] for p in for_form] == ["the query", "a form body"] and for_form[0]["form"] == {"username": "x"}


def test_fields_left_out_names_the_missing_ones():
    assert checks.fields_left_out(username=None, password="x") == "username"
    assert checks.fields_left_out(username=None, password=None) == "username|password"
    assert checks.fields_left_out(username="u") == ""
