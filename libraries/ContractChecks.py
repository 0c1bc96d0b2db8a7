"""Small comparisons behind the domain keywords of the infrastructure and auth suites.

Each keyword returns a list of problems in words (empty when all is well), so that the calling
keyword fails once with a message that lists every difference. Nothing here talks HTTP or sees a
token: the callers pass decoded claims and JSON bodies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from robot.api.deco import keyword, library


HEALTHY_WORDS = frozenset({"healthy", "ok", "up", "pass"})


def _show(value: Any) -> str:
    return repr(value)


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
