"""Checks JSON answers against the shapes of the API contract (``variables/schemas/*.json``).

Each schema file describes one object of the contract (``user.json`` is UserResponse of §6).
Schemas assert what the contract promises and allow what contract §13 leaves open: extra fields
(no ``additionalProperties: false``), both timestamp forms (``format: utc-timestamp``: ISO-8601
with ``Z`` or an offset, with or without fractions of a second), ``details`` of any form on an
error other than a validation error (``error.json``; only ``validation_error.json`` asks for
the list of ``{loc, msg, type}``). Where the contract names a field without its form (the
``resources`` of a client's permissions, the roles and scopes of a permission answer, the
``details`` of a security event) the schema asks for the field only, or lets its items be names
or objects.

JSONLibrary's ``Validate Json By Schema`` (same ``jsonschema`` engine) fails with the whole
sub-schema; this library names the first offending field and its value instead, which is what a
stakeholder needs to read:
``The answer to GET /api/v1/users/me breaks the shape of 'user': roles.0.id is 42, expected string``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from robot.api.deco import keyword, library

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "variables" / "schemas"
_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)

_FORMATS = jsonschema.FormatChecker()


@_FORMATS.checks("utc-timestamp")
def _is_timestamp(value: object) -> bool:
    """ISO-8601 with a UTC offset (§1, §13.6); non-strings are left to ``type``."""
    return not isinstance(value, str) or bool(_TIMESTAMP.match(value))


class SchemaViolation(AssertionError):
    """An answer whose JSON does not have the contract's shape."""

    ROBOT_SUPPRESS_NAME = True


def _where(path: Any) -> str:
    parts = [str(part) for part in path]
    return ".".join(parts) if parts else "the body"


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:77] + "..."


def describe(error: jsonschema.ValidationError) -> str:
    """``field is VALUE, expected WHAT`` for one validation error."""
    where = _where(error.absolute_path)
    if error.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        field = f"{where}." if error.absolute_path else ""
        return f"{field}{missing[0] if missing else '?'} is missing"
    if error.validator == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return f"{where} is {_short(error.instance)}, expected {wanted}"
    if error.validator == "format":
        return f"{where} is {_short(error.instance)}, expected a {error.validator_value}"
    if error.validator == "not":
        what = error.validator_value.get("description", "a forbidden field") if isinstance(
            error.validator_value, dict) else "a forbidden field"
        return f"{where} carries {what}"
    if error.validator == "enum":
        return f"{where} is {_short(error.instance)}, expected one of {_short(error.validator_value)}"
    return f"{where} is {_short(error.instance)}: {error.message[:120]}"


@library(scope="GLOBAL", auto_keywords=False)
class ResponseSchemas:
    """Validates answers against the contract's object shapes in ``variables/schemas/``."""

    def __init__(self) -> None:
        self._validators: dict[str, jsonschema.protocols.Validator] = {}

    def _validator(self, name: str) -> jsonschema.protocols.Validator:
        if name not in self._validators:
            path = SCHEMA_DIR / f"{name}.json"
            if not path.is_file():
                known = ", ".join(sorted(p.stem for p in SCHEMA_DIR.glob("*.json")))
                raise SchemaViolation(f"No schema named '{name}' in variables/schemas (known: {known})")
            schema = json.loads(path.read_text(encoding="utf-8"))
            validator_class = jsonschema.validators.validator_for(schema)
            validator_class.check_schema(schema)
            self._validators[name] = validator_class(schema, format_checker=_FORMATS)
        return self._validators[name]

    @keyword("Schema Problems")
    def schema_problems(self, body: Any, name: str) -> list[str]:
        """Every way ``body`` breaks the shape named ``name`` (``user``, ``role``…), as
        ``field is VALUE, expected WHAT``; empty when it fits. Most relevant first."""
        errors = sorted(self._validator(name).iter_errors(body),
                        key=lambda e: (len(list(e.absolute_path)), list(map(str, e.absolute_path))))
        return [describe(error) for error in errors]

    @keyword("Response Should Match Schema")
    def response_should_match_schema(self, response: Any, name: str) -> None:
        """Fails unless the JSON body of ``response`` has the contract's shape ``name``
        (``variables/schemas/<name>.json``), naming the first offending field and its value:
        ``The answer to GET /api/v1/users/me breaks the shape of 'user': email is null,
        expected string (and 1 more problem)``."""
        try:
            body = response.json()
        except ValueError:
            raise SchemaViolation(f"The answer to {self._label(response)} is not JSON") from None
        problems = self.schema_problems(body, name)
        if problems:
            more = len(problems) - 1
            extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
            raise SchemaViolation(
                f"The answer to {self._label(response)} breaks the shape of '{name}': {problems[0]}{extra}"
            )

    @staticmethod
    def _label(response: Any) -> str:
        request = getattr(response, "request", None)
        if request is None:
            return "the request"
        return f"{request.method} {urlsplit(request.url).path or '/'}"
