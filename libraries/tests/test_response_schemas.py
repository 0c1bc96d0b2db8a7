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
