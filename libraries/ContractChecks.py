"""Small comparisons behind the domain keywords: claims, token answers, refusals, side checks.

Most keywords return a list of problems in words (empty when all is well), so that the calling
keyword fails once with a message that lists every difference. Nothing here sends a request or
sees a token: the callers pass decoded claims, JSON bodies and the responses they received.

Three kinds of answer are judged here so that every suite words them the same way:

- a **refusal** (`Refusal Should Be`): only a success (2xx) is a breach ("… was let in: GET
  /api/v1/users answered 200"); any other wrong answer says it was not the expected refusal
  ("…: GET /api/v1/users answered 422 (validation_error: …), not the expected refusal 403");
- a **validation error about a field** (`Validation Error Should Name`): 422 ``validation_error``
  whose ``details`` name the field under test in a ``loc``; a 422 about another field is not
  about the test's subject;
- an answer of a **side route** (`Side Route Problem`), a listing or a read-back through a route
  the test is not about: what is wrong with it, so that the caller can warn instead of failing
  (contract §13.10: a broken route is a defect of that route only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from robot.api.deco import keyword, library

from answers import error_summary, parse_expected_status, request_label
from ResponseSchemas import ResponseSchemas


HEALTHY_WORDS = frozenset({"healthy", "ok", "up", "pass"})
_SCHEMAS = ResponseSchemas()


class ContractViolation(AssertionError):
    """A check of this library that failed, reported with its message only."""

    ROBOT_SUPPRESS_NAME = True


def _show(value: Any) -> str:
    return repr(value)


def _answer(response: Any) -> str:
    """``422 (validation_error: query.page: …)`` for an error, ``200`` for anything else."""
    status = response.status_code
    return f"{status} ({error_summary(response)})" if status >= 400 else str(status)


def _json_or_none(response: Any) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _fields(fields: str | Iterable[str]) -> list[str]:
    """``'username|password'`` or a list: the field names."""
    if isinstance(fields, str):
        return [name for name in re.split(r"\s*\|\s*", fields.strip()) if name]
    return [str(name) for name in fields]


def loc_parts(loc: Any) -> list[str]:
    """The parts of a validation problem's ``loc``: a list as it is, a text split at dots,
    slashes, brackets and blanks (the contract does not fix its form)."""
    if isinstance(loc, (list, tuple)):
        return [str(part) for part in loc]
    if isinstance(loc, str):
        return [part for part in re.split(r"[.\s/\[\]]+", loc) if part]
    return []


WHOLE_REQUEST_PARTS = frozenset({"body", "query", "path", "header", "form", "__root__"})
"""``loc`` parts that point at a whole part of the request, not at one field."""


def names_field(body: Any, field: str) -> bool:
    """Does a validation error body name ``field``? A problem names it in its ``loc``; a problem
    about a whole part of the request (``loc`` ``["body"]``: a rule across fields) names it in
    its ``msg`` as a word (``username cannot be changed here``)."""
    details = body.get("details") if isinstance(body, Mapping) else None
    if not isinstance(details, list):
        return False
    for item in details:
        if not isinstance(item, Mapping):
            continue
        parts = loc_parts(item.get("loc"))
        if field in parts:
            return True
        mentioned = re.search(rf"(?<!\w){re.escape(field)}(?!\w)", str(item.get("msg", "")))
        if set(parts) <= WHOLE_REQUEST_PARTS and mentioned:
            return True
    return False


def names_in(items: Any) -> list[str]:
    """The names in a list the contract gives without the form of its items: text items as they
    are, objects by their ``name`` (roles, scopes)."""
    if not isinstance(items, list):
        return []
    names = []
    for item in items:
        if isinstance(item, Mapping):
            if item.get("name") is not None:
                names.append(str(item["name"]))
        elif item is not None:
            names.append(str(item))
    return names


def _claim_matches(name: str, actual: Any, wanted: Any) -> bool:
    """Claims compare as text; an audience list matches when it contains the audience."""
    if name == "aud" and isinstance(actual, list):
        return str(wanted) in [str(item) for item in actual]
    return str(actual) == str(wanted)


@library(scope="GLOBAL", auto_keywords=False)
class ContractChecks:
    """Lists what differs between an answer and what the contract expects."""

    @keyword
    def mismatched_fields(self, actual: Mapping[str, Any], expected: Mapping[str, Any]) -> list[str]:
        """``field is X, expected Y`` for every expected field whose value differs (a missing
        field counts as ``None``). Values compare by equality and type family (``1`` is not
        ``True``)."""
        problems = []
        for name, wanted in expected.items():
            value = actual.get(name)
            same = value == wanted and isinstance(value, bool) == isinstance(wanted, bool)
            if not same:
                problems.append(f"{name} is {_show(value)}, expected {_show(wanted)}")
        return problems

    @keyword
    def claim_problems(
        self, claims: Mapping[str, Any], required: str | Iterable[str], expected: Mapping[str, Any]
    ) -> list[str]:
        """``no claim 'x'`` for every required claim (space-separated names or a list) that is
        absent, and ``claim 'x' is A, expected B`` for every expected value that differs. Values
        compare as text, so ``sub`` matches whether the id is given as text or number. ``aud``
        may also be a list that contains the expected audience (RFC 7519 §4.1.3)."""
        names = required.split() if isinstance(required, str) else list(required)
        problems = [f"no claim '{name}'" for name in names if name not in claims]
        for name, wanted in expected.items():
            if name in claims and not _claim_matches(name, claims[name], wanted):
                problems.append(f"claim '{name}' is {_show(claims[name])}, expected {_show(wanted)}")
        return problems

    @keyword
    def token_response_problems(self, body: Mapping[str, Any], grant: str = "password") -> list[str]:
        """What a token answer (contract §4) gets wrong. ``grant`` is ``password`` (a refresh token
        and a session id must be there) or ``client_credentials`` (both must be null)."""
        problems = []
        token_type = body.get("token_type")
        if not isinstance(token_type, str) or token_type.lower() != "bearer":  # RFC 6749 §5.1: any case
            problems.append(f"token_type is {_show(token_type)}, expected 'Bearer'")
        expires_in = body.get("expires_in")
        if isinstance(expires_in, bool) or not isinstance(expires_in, int) or expires_in <= 0:
            problems.append(f"expires_in is {_show(expires_in)}, expected a positive number of seconds")
        if not isinstance(body.get("scope"), str):
            problems.append(f"scope is {_show(body.get('scope'))}, expected a space-separated string")
        refresh, session = body.get("refresh_token"), body.get("session_id")
        if grant == "password":
            if not isinstance(refresh, str) or refresh.count(".") != 2:
                problems.append("refresh_token is not a JWT")
            if not isinstance(session, str) or not session:
                problems.append(f"session_id is {_show(session)}, expected a session id")
        else:
            if refresh is not None:
                problems.append("refresh_token is present, expected null")
            if session is not None:
                problems.append(f"session_id is {_show(session)}, expected null")
        return problems

    @keyword
    def empty_text_fields(self, body: Mapping[str, Any], *fields: str) -> list[str]:
        """The fields that are missing from ``body`` or not a non-empty string."""
        return [name for name in fields if not isinstance(body.get(name), str) or not body[name].strip()]

    @keyword
    def component_problems(self, components: Any, *names: str) -> list[str]:
        """What is wrong with each named component of the admin system health (contract §11):
        not reported, no status, or a response time that is not a non-negative number."""
        if not isinstance(components, Mapping):
            return [f"components is {_show(components)}, expected an object"]
        problems = []
        for name in names:
            component = components.get(name)
            if not isinstance(component, Mapping):
                problems.append(f"{name} is not reported")
                continue
            if not component.get("status"):
                problems.append(f"{name} has no status")
            took = component.get("response_time_ms")
            if isinstance(took, bool) or not isinstance(took, (int, float)) or took < 0:
                problems.append(f"{name} has response_time_ms {_show(took)}, expected milliseconds")
        return problems

    @keyword
    def failed_health_components(self, components: Any, *names: str) -> list[str]:
        """The names of the ``components`` of a ``GET /health`` answer (contract §3) that are not
        healthy; with ``names``, only those among them (compared without case). A component is
        a status text (``"unhealthy"``) or an object with ``status``; ``healthy``, ``ok``,
        ``up`` and ``pass`` (any case) count as healthy, anything else as failed. Not an
        object: an empty list.

        | ${failed}=    Failed Health Components    ${body}[components]
        | ${failed}=    Failed Health Components    ${body}[components]    cache    redis
        """
        if not isinstance(components, Mapping):
            return []
        wanted = {name.lower() for name in names}
        failed = []
        for name, component in components.items():
            status = component.get("status") if isinstance(component, Mapping) else component
            if str(status).strip().lower() not in HEALTHY_WORDS and (not wanted or str(name).lower() in wanted):
                failed.append(str(name))
        return failed

    @keyword
    def ids_of_items_named(self, items: Iterable[Mapping[str, Any]], name: str) -> list[Any]:
        """The ``id`` of every item whose ``name`` is ``name``."""
        return [item.get("id") for item in items if item.get("name") == name]

    @keyword
    def form_without_missing_fields(self, **fields: Any) -> dict[str, Any]:
        """The fields whose value is not None: a form that leaves the others out."""
        return {name: value for name, value in fields.items() if value is not None}

    @keyword
    def fields_left_out(self, **fields: Any) -> str:
        """The names of the fields whose value is None, as alternatives ``username|password``
        (what `Validation Error Should Name` takes); the values are never shown."""
        return "|".join(name for name, value in fields.items() if value is None)

    # --- refusals, validation errors and side routes -----------------------------------------

    @keyword("Refusal Should Be")
    def refusal_should_be(self, response: Any, expected_status: str, attempt: str, breach: str) -> None:
        """Fails unless ``response`` has one of the refusal statuses ``expected_status`` (``403``,
        ``401|403``, ``404``). Only a success is called a breach:

        - 2xx: ``ATTEMPT BREACH: METHOD /path answered 200`` (``A normal user claiming
          admin:security in the query was let in: GET /api/v1/admin/security/events answered 200``);
        - anything else: ``ATTEMPT: METHOD /path answered 422 (validation_error: …), not the
          expected refusal 403``, which claims nothing was let through.
        """
        expected = parse_expected_status(expected_status)
        if expected is None or response.status_code in expected:
            return
        label = request_label(response)
        if 200 <= response.status_code < 300:
            raise ContractViolation(f"{attempt} {breach}: {label} answered {response.status_code}")
        wanted = " or ".join(str(code) for code in expected)
        raise ContractViolation(f"{attempt}: {label} answered {_answer(response)}, not the expected refusal {wanted}")

    @keyword("Validation Error Should Name")
    def validation_error_should_name(self, response: Any, fields: str | list[str], attempt: str) -> None:
        """Fails unless ``response`` is a 422 ``validation_error`` whose ``details`` name one of
        ``fields`` (``password``, or alternatives ``username|password``) in a ``loc`` (or, for a
        problem about the whole body, in its ``msg``): a validation error about another field
        (or a broken route's) is not about the test's subject. A success reads ``ATTEMPT was
        accepted: METHOD /path answered 201``."""
        names = _fields(fields)
        wanted = " or ".join(names)
        label = request_label(response)
        status = response.status_code
        if 200 <= status < 300:
            raise ContractViolation(f"{attempt} was accepted: {label} answered {status}")
        body = _json_or_none(response)
        code = body.get("error") if isinstance(body, Mapping) else None
        if status != 422 or code != "validation_error":
            raise ContractViolation(
                f"{attempt}: {label} answered {_answer(response)}, expected 422 validation_error naming {wanted}")
        if not any(names_field(body, name) for name in names):
            raise ContractViolation(
                f"{attempt}: {label} answered {_answer(response)}, a validation error that does not name {wanted}")

    @keyword("Validation Error Names")
    def validation_error_names(self, response: Any, fields: str | list[str]) -> bool:
        """True when ``response`` is a 422 ``validation_error`` naming one of ``fields`` (see
        `Validation Error Should Name`)."""
        body = _json_or_none(response)
        return (response.status_code == 422 and isinstance(body, Mapping) and body.get("error") == "validation_error"
                and any(names_field(body, name) for name in _fields(fields)))

    @keyword("Side Route Problem")
    def side_route_problem(self, response: Any, expected_status: str = "200", schema: str | None = None) -> str:
        """What keeps the answer of a side route (a listing or read-back through a route the test
        is not about) from confirming anything: ``answered 422 (validation_error: …)``,
        ``answered 200 but breaks the shape of 'user_list': users is missing``; empty when it
        has ``expected_status`` (and the shape ``schema`` when given)."""
        expected = parse_expected_status(expected_status)
        if expected is not None and response.status_code not in expected:
            return f"answered {_answer(response)}"
        if schema:
            body = _json_or_none(response)
            problems = _SCHEMAS.schema_problems(body, schema) if body is not None else ["the body is not JSON"]
            if problems:
                return f"answered {response.status_code} but breaks the shape of '{schema}': {problems[0]}"
        return ""

    # --- forms the contract leaves open --------------------------------------------------------

    @keyword("Names In")
    def names_in_keyword(self, items: Any) -> list[str]:
        """The sorted names of a list the contract gives without the form of its items (the roles
        and scopes of permission answers): text items as they are, objects by their ``name``."""
        return sorted(names_in(items))

    @keyword("Resource Problems")
    def resource_problems(self, resources: Any, scope_names: Iterable[str]) -> list[str]:
        """What the ``resources`` of a client's permissions (§9, form not fixed) fail to show of
        the client's ``action:resource`` scopes: each resource must be named (a key of an object,
        or a list item as text or an object's ``resource``/``name``); where an object maps a
        resource to its actions, the action must be among them. ``admin:<area>`` scopes are left
        to ``can_access_admin``."""
        problems = []
        for name in scope_names:
            action, _, resource = str(name).partition(":")
            if not resource or action == "admin":
                continue
            if isinstance(resources, Mapping):
                if resource not in resources:
                    problems.append(f"resource '{resource}' of {name} is not named")
                    continue
                actions = resources[resource]
                if isinstance(actions, (list, tuple)) and action not in [str(item) for item in actions]:
                    problems.append(f"resource '{resource}' lacks the action '{action}' of {name}")
            elif isinstance(resources, list):
                named = {str(item.get("resource") or item.get("name")) if isinstance(item, Mapping) else str(item)
                         for item in resources}
                if resource not in named:
                    problems.append(f"resource '{resource}' of {name} is not named")
            else:
                problems.append(f"resources is {_show(resources)}, expected the client's resources")
        return problems

    @keyword("Ids Of Listed Items Named")
    def ids_of_listed_items_named(self, body: Any, key: str, name: str) -> list[Any]:
        """The ``id`` of every item named ``name`` in the list ``key`` of a list answer; empty
        when the answer has no such list."""
        items = body.get(key) if isinstance(body, Mapping) else None
        if not isinstance(items, list):
            return []
        return [item.get("id") for item in items if isinstance(item, Mapping) and item.get("name") == name]

    @keyword("Scope Ids Named In Roles")
    def scope_ids_named_in_roles(self, roles: Iterable[Any], name: str) -> list[Any]:
        """The ids of the scopes named ``name`` among the ``scopes`` of role answers (§7
        RoleResponse), without repeats, in order."""
        found: list[Any] = []
        for role in roles:
            scopes = role.get("scopes") if isinstance(role, Mapping) else None
            for scope in scopes if isinstance(scopes, list) else []:
                if isinstance(scope, Mapping) and scope.get("name") == name and scope.get("id") not in found:
                    found.append(scope.get("id"))
        return found

    # --- claimed scopes --------------------------------------------------------------------------

    @keyword("Claim Placements")
    def claim_placements(self, scope: str, body: Mapping[str, Any] | None = None,
                         takes: str = "none") -> list[dict[str, Any]]:
        """The requests of a claimed-scope probe: ``scope`` claimed (as ``scopes`` and ``scope``)
        in the query string, in a JSON body and in a form body, each alone, so that a deployment
        taking scopes from any of them is caught on every route. ``takes`` is the body the route
        takes: ``json`` (the claim is added to ``body``, the route's own fields; no form body,
        which such a route may refuse before it decides on the caller), ``form`` (likewise, no
        JSON body) or ``none`` (a route without a body gets both). Each item: ``where``
        (``the query``, ``a JSON body``, ``a form body``), ``params``, ``json``, ``form``."""
        own = dict(body or {})
        placements = [{"where": "the query", "params": {"scopes": scope, "scope": scope},
                       "json": own if takes == "json" else None, "form": own if takes == "form" else None}]
        if takes in ("json", "none"):
            placements.append({"where": "a JSON body", "params": None,
                               "json": {**own, "scopes": [scope], "scope": scope}, "form": None})
        if takes in ("form", "none"):
            placements.append({"where": "a form body", "params": None, "json": None,
                               "form": {**own, "scopes": scope, "scope": scope}})
        return placements
