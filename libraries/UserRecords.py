"""Comparisons of user records (contract §6) for the users suites.

The users suites compare what the server reports about a user with what a test sent, and the
users of a listing with the users a test created. Those comparisons are small data walks that
read badly as Robot loops; this library does them and answers with sentences a stakeholder can
read (``first_name is 'Ada', expected 'Grace'``). Nothing here talks HTTP.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable, Mapping
from typing import Any

from robot.api.deco import keyword, library
from robot.api.types import Secret
from SecretRedactor import register_secret

# Each password has exactly the named property; every other rule of the policy (contract §6:
# 8-128 characters, upper, lower, digit, special) holds. ``{r}`` is random lower-case filler.
PASSWORD_SHAPES = {
    "too short": ("Ab1!", 3),
    "too long": ("Ab1!", 125),
    "without an upper-case letter": ("ab1!", 8),
    "without a lower-case letter": ("AB1!", 8),
    "without a digit": ("Ab!x", 8),
    "without a special character": ("Ab1x", 8),
    "8 characters": ("Ab1!", 4),
    "128 characters": ("Ab1!", 124),
}


def _show(value: Any) -> str:
    return "null" if value is None else repr(value)


def role_ids_of(record: Mapping[str, Any]) -> list[str]:
    """The sorted ids of the ``roles`` of a user record."""
    roles = record.get("roles") if isinstance(record, Mapping) else None
    return sorted(str(role.get("id")) for role in roles or [] if isinstance(role, Mapping))


def field_differences(record: Mapping[str, Any], expected: Mapping[str, Any]) -> list[str]:
    """Every expected field the record does not show, as ``field is X, expected Y``.

    ``role_ids`` is compared with the ids of the record's ``roles`` (as sets)."""
    problems = []
    for field, wanted in expected.items():
        if field == "role_ids":
            actual = role_ids_of(record)
            if actual != sorted(str(item) for item in wanted):
                problems.append(f"roles are {actual or 'none'}, expected {sorted(map(str, wanted)) or 'none'}")
            continue
        if field not in record:
            problems.append(f"{field} is missing")
        elif record[field] != wanted:
            problems.append(f"{field} is {_show(record[field])}, expected {_show(wanted)}")
    return problems


@library(scope="GLOBAL", auto_keywords=False)
class UserRecords:
    """Compares user records and user listings with what a test expects."""

    @keyword("Password That Is")
    def password_that_is(self, flaw: str) -> Secret:
        """A random password with exactly the named property (``too short``: 7 characters,
        ``too long``: 129, ``without a digit``..., or the valid limits ``8 characters`` and
        ``128 characters``), as a ``Secret`` registered with the redactor: it never reaches a log."""
        if flaw not in PASSWORD_SHAPES:
            raise AssertionError(f"Unknown password property '{flaw}', known: {', '.join(PASSWORD_SHAPES)}")
        start, length = PASSWORD_SHAPES[flaw]
        filler = "".join(secrets.choice(string.ascii_lowercase) for _ in range(length))
        if start.isupper():
            filler = filler.upper()
        value = start + filler
        register_secret(value)
        return Secret(value)

    @keyword("One-Time Token In Header")
    def one_time_token_in_header(self, response: Any, header: str = "X-Test-Token") -> Secret | None:
        """The value of ``header`` in the response as a ``Secret`` registered with the redactor,
        or ``None`` when the response has no such header. The value is never logged."""
        value = response.headers.get(header)
        if not value:
            return None
        register_secret(value)
        return Secret(value)

    @keyword("User Record Differences")
    def user_record_differences(self, record: Mapping[str, Any], expected: Mapping[str, Any]) -> list[str]:
        """Every field of ``expected`` the user record does not show (see module doc); empty
        when the record shows them all."""
        return field_differences(record, expected)

    @keyword("Role Ids Of User Record")
    def role_ids_of_user_record(self, record: Mapping[str, Any]) -> list[str]:
        """The sorted ids of the roles a user record lists."""
        return role_ids_of(record)

    @keyword("Usernames On Pages")
    def usernames_on_pages(self, pages: Iterable[Mapping[str, Any]]) -> list[str]:
        """The ``username`` of every user on the given list pages (JSON bodies), in order,
        repeats included."""
        return [str(user.get("username")) for page in pages for user in page.get("users") or []]

    @keyword("Listing Problems")
    def listing_problems(self, listed: list[str], expected: Iterable[str]) -> list[str]:
        """How the usernames a listing showed differ from the expected ones: users listed
        twice, users missing, users that should not be there."""
        wanted = sorted(set(expected))
        problems = []
        repeated = sorted({name for name in listed if listed.count(name) > 1})
        if repeated:
            problems.append(f"listed more than once: {', '.join(repeated)}")
        missing = [name for name in wanted if name not in listed]
        if missing:
            problems.append(f"missing: {', '.join(missing)}")
        foreign = sorted(set(listed) - set(wanted))
        if foreign:
            problems.append(f"not expected: {', '.join(foreign)}")
        return problems
