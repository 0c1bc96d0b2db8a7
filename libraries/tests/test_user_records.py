"""UserRecords: comparisons of user records and the policy-breaking passwords."""

from __future__ import annotations

import re

import pytest
from UserRecords import PASSWORD_SHAPES, UserRecords, field_differences

POLICY = re.compile(r"^(?=.*[A-Z])(?=.*[a-z])(?=.*\d)(?=.*[^A-Za-z0-9]).{8,128}$")


def test_field_differences_names_each_wrong_field_and_compares_roles_as_sets():
    record = {"first_name": "Ada", "is_active": True, "roles": [{"id": "b"}, {"id": "a"}]}
    assert field_differences(record, {"first_name": "Ada", "role_ids": ["a", "b"]}) == []
    assert field_differences(record, {"first_name": "Grace", "bio": "x", "role_ids": []}) == [
        "first_name is 'Ada', expected 'Grace'", "bio is missing", "roles are ['a', 'b'], expected none",
    ]


def test_listing_problems_reports_repeats_missing_and_foreign_users():
    library = UserRecords()
    pages = [{"users": [{"username": "p_1"}, {"username": "p_2"}]}, {"users": [{"username": "p_2"}, {"username": "x"}]}]
    listed = library.usernames_on_pages(pages)
    assert library.listing_problems(listed, ["p_1", "p_2", "p_3"]) == [
        "listed more than once: p_2", "missing: p_3", "not expected: x",
    ]
    assert library.listing_problems(["p_1", "p_2"], ["p_2", "p_1"]) == []


@pytest.mark.parametrize("flaw", sorted(PASSWORD_SHAPES))
def test_each_password_breaks_exactly_its_rule(flaw):
    value = UserRecords().password_that_is(flaw).value
    valid = flaw in ("8 characters", "128 characters")
    assert bool(POLICY.match(value)) is valid
    if flaw == "too short":
        assert len(value) == 7
    if flaw == "too long":
        assert len(value) == 129
    if not valid and flaw.startswith("without"):
        assert 8 <= len(value) <= 128


def test_one_time_token_comes_from_the_header_as_a_secret():
    class Answer:
        headers = {"X-Test-Token": "abc"}

    class Plain:
        headers: dict[str, str] = {}

    assert UserRecords().one_time_token_in_header(Answer()).value == "abc"
    assert UserRecords().one_time_token_in_header(Plain()) is None
