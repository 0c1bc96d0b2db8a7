"""ResponseSchemas: contract shapes name the first offending field, and allow what §13 leaves open."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import requests

from ResponseSchemas import SCHEMA_DIR, ResponseSchemas, SchemaViolation

schemas = ResponseSchemas()

USER = {
    "id": "5b8f0c1e-0000-4000-8000-000000000001", "username": "qa_1234", "email": "qa@example.com",
    "first_name": None, "last_name": None, "display_name": None, "bio": None,
    "is_active": True, "is_verified": False, "is_superuser": False, "full_name": None,
    "last_login": None, "created_at": "2026-11-30T23:06:16.123456+00:00", "updated_at": "2026-11-30T23:06:16Z",
    "roles": [{"id": "r1", "name": "user", "description": None}], "scopes": ["read:profile"],
}


def answer(body: object) -> requests.Response:
    response = requests.Response()
    response.status_code = 200
    response._content = json.dumps(body).encode()  # noqa: SLF001
    response.request = requests.Request("GET", "http://127.0.0.1:1/api/v1/users/me").prepare()
    return response


def test_every_schema_file_is_a_valid_schema():
    files = sorted(SCHEMA_DIR.glob("*.json"))
    assert files
    for path in files:
        schema = json.loads(Path(path).read_text(encoding="utf-8"))
        jsonschema.validators.validator_for(schema).check_schema(schema)


def test_a_correct_user_with_extra_fields_and_either_timestamp_form_fits():
    schemas.response_should_match_schema(answer({**USER, "links": {"self": "/x"}}), "user")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"email": None}, "email is null, expected string"),
        ({"created_at": "yesterday"}, 'created_at is "yesterday", expected a utc-timestamp'),
        ({"roles": [{"id": 42, "name": "user", "description": None}]}, "roles.0.id is 42, expected string"),
        ({"password_hash": "$argon2id$v=19$..."}, "the body carries a password or password hash"),
    ],
)
def test_a_violation_names_the_field_and_value(change, message):
    with pytest.raises(SchemaViolation) as failure:
        schemas.response_should_match_schema(answer({**USER, **change}), "user")
    assert str(failure.value).startswith(f"The answer to GET /api/v1/users/me breaks the shape of 'user': {message}")


def test_a_missing_field_is_named():
    body = {key: value for key, value in USER.items() if key != "scopes"}
    assert schemas.schema_problems(body, "user") == ["scopes is missing"]


def test_an_unknown_schema_name_says_which_exist():
    with pytest.raises(SchemaViolation, match="No schema named 'nope'.*user"):
        schemas.schema_problems({}, "nope")


ERROR = {"error": "not_found", "error_description": "User not found"}


@pytest.mark.parametrize("details", [None, {}, {"hint": "check the id"}, [], ["x"], "see the logs", 3])
def test_an_error_may_add_details_of_any_form(details):
    """§1 and §13.11: an error other than a validation error may add ``details`` of any form."""
    body = dict(ERROR) if details is None else {**ERROR, "details": details}
    assert schemas.schema_problems(body, "error") == []


def test_an_error_still_needs_its_code_and_description():
    assert schemas.schema_problems({"error": "not_found", "details": {}}, "error") == ["error_description is missing"]


VALIDATION = {"error": "validation_error", "error_description": "Request validation failed",
              "details": [{"loc": ["query", "page"], "msg": "Input should be greater than or equal to 1",
                           "type": "greater_than_equal"}]}


def test_a_validation_error_keeps_its_list_of_problems():
    assert schemas.schema_problems(VALIDATION, "validation_error") == []
    assert schemas.schema_problems({**VALIDATION, "details": {"page": "too small"}}, "validation_error") == [
        'details is {"page": "too small"}, expected array']
    assert schemas.schema_problems({**VALIDATION, "details": [{"loc": "query.page", "msg": "m", "type": "t"}]},
                                   "validation_error") == []
    assert schemas.schema_problems({**VALIDATION, "details": [{"loc": ["query", "page"], "msg": "m"}]},
                                   "validation_error") == ["details.0.type is missing"]


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("permission_check", {"allowed": True, "reason": None, "matching_scopes": [{"name": "read:x"}],
                              "user_roles": [{"id": "r", "name": "user"}]}),
        ("user_permissions", {"user_id": "u", "roles": ["user"], "scopes": [{"name": "read:profile"}]}),
        ("client_permissions", {"client_id": "c", "scopes": ["read:profile"], "resources": ["profile"],
                                "can_access_admin": False}),
        ("client_secret_rotated", {"message": "rotated", "client_secret": "short"}),
    ],
)
def test_forms_the_contract_leaves_open_fit(name, body):
    """Lists the contract names without the form of their items, and secrets of any length."""
    assert schemas.schema_problems(body, name) == []
