"""ContractChecks: each helper reports every difference and nothing when all is well."""

from __future__ import annotations

from ContractChecks import ContractChecks

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
