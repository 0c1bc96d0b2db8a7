"""Contract variants: the other correct side of each point the API contract leaves open.

A variant is switched on by naming it in ``PERMISO_VARIANTS`` (comma-separated; ``all`` names
every variant). Under every variant, and under all of them together, the service stays fully
contract-correct and secure: a variant only picks the other answer the contract allows
(contract section 13), so an acceptance suite that passes on the default service must pass on
every variant too. Normal code asks :func:`active` at one small hook point per variant; with
the variable unset nothing changes.

The variants in force are those of the app that serves the current request:
:class:`sut.middleware.SecurityMiddleware` calls :func:`use` at the start of every request.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterator
from typing import Any, Protocol

from starlette.datastructures import MutableHeaders
from starlette.types import Message, Send


class Settings(Protocol):
    """What this module reads of :class:`sut.config.Settings` (not imported: it validates these names)."""

    variants: tuple[str, ...]


ALL = "all"

KNOWN: dict[str, str] = {
    "aud-list": 'every issued token\'s "aud" is a list [<audience>, "permiso-extra-audience"]',
    "introspection-no-token-type": 'introspection answers have no "token_type" key',
    "introspection-other-token-type": 'introspection "token_type" is an RFC 8693 URN / another string',
    "locked-wrong-password-401": "a wrong password for a locked account gets 401 invalid_grant (not 423)",
    "reserved-email-refused": "new accounts and e-mail changes under .test/.local/.invalid/.localhost get 422",
    "no-test-token": "never send the X-Test-Token header",
    "extra-fields": "success objects and error bodies carry extra keys the contract does not name",
    "z-timestamps": "timestamps are written 2026-11-30T23:06:16Z (no offset, no fraction)",
    "revoke-foreign-200": "a non-admin revoking someone else's token gets 200 (the token keeps working)",
    "service-token-user-route-401": "a service token on a route that needs a user gets 401 (not 403)",
    "strict-headers": "stricter security headers, Server: permiso",
    "error-details-object": 'error bodies other than validation errors carry "details" as a JSON object',
}
"""name -> what the variant changes."""

EXTRA_AUDIENCE = "permiso-extra-audience"
RESERVED_EMAIL_SUFFIXES = (".test", ".local", ".invalid", ".localhost")
OTHER_TOKEN_TYPES = {
    "access": "urn:ietf:params:oauth:token-type:access_token",
    "refresh": "urn:ietf:params:oauth:token-type:refresh_token",
    "service": "client_credentials",
}

_settings: Settings | None = None
_current: contextvars.ContextVar[frozenset[str] | None] = contextvars.ContextVar("permiso_variants", default=None)


# -- configuration ----------------------------------------------------------------------------
def unknown(names: tuple[str, ...]) -> list[str]:
    """The names that are neither a known variant nor ``all``."""
    return [name for name in names if name != ALL and name not in KNOWN]


def check_names(names: tuple[str, ...], variable: str = "PERMISO_VARIANTS") -> None:
    """Raise ValueError naming the unknown variants and listing the known ones."""
    bad = unknown(names)
    if bad:
        raise ValueError(f"{variable}: unknown variant(s) {', '.join(bad)}; known: {', '.join(KNOWN)} (or {ALL})")


def enabled(settings: Settings) -> frozenset[str]:
    """The variants switched on in ``settings``, with ``all`` expanded."""
    names = set(settings.variants)
    if ALL in names:
        return frozenset(KNOWN)
    return frozenset(names & set(KNOWN))


def configure(settings: Settings) -> None:
    """Remember the settings of the last app built (used outside of a request)."""
    global _settings
    _settings = settings


@contextlib.contextmanager
def use(names: frozenset[str]) -> Iterator[None]:
    """Make ``names`` the variants of everything that runs inside (one request)."""
    token = _current.set(names)
    try:
        yield
    finally:
        _current.reset(token)


def active(name: str, settings: Settings | None = None) -> bool:
    """True when the variant ``name`` is switched on for the given settings, else the current
    request's app, else the app configured last."""
    if settings is not None:
        return name in enabled(settings)
    current = _current.get()
    if current is not None:
        return name in current
    return _settings is not None and name in enabled(_settings)


# -- small transformations used at the hook points --------------------------------------------
def audience_claim(audience: str) -> str | list[str]:
    """The ``aud`` claim of a new token (aud-list: a list that contains the audience)."""
    return [audience, EXTRA_AUDIENCE] if active("aud-list") else audience


def introspection_token_type(token_type: str | None) -> str | None:
    """introspection-other-token-type: another string for the same token type."""
    if token_type is None or not active("introspection-other-token-type"):
        return token_type
    return OTHER_TOKEN_TYPES.get(token_type, token_type)


def reserved_email(email: str) -> bool:
    """reserved-email-refused: True when ``email`` is under a reserved top-level name."""
    domain = email.rsplit("@", 1)[-1].lower().rstrip(".")
    return active("reserved-email-refused") and (domain == "localhost" or domain.endswith(RESERVED_EMAIL_SUFFIXES))


def timestamp(value: dt.datetime) -> str:
    """A timestamp as JSON text: ISO-8601 with ``+00:00`` (default) or ``Z`` (z-timestamps)."""
    if not active("z-timestamps"):
        return value.isoformat()
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- error-details-object: a body transform applied by the middleware -------------------------
def add_error_details_object(body: Any, status: int, _path: str = "") -> Any:
    """error-details-object: an error body (4xx/5xx with ``error``) other than a validation error
    gets ``details`` as a JSON object (contract §13.11: any JSON value): ``{"hint": ...}`` on a
    4xx, ``{}`` on a 5xx (which says nothing more). Validation errors keep their list."""
    if status < 400 or not isinstance(body, dict) or "error" not in body or body.get("error") == "validation_error":
        return body
    details = body.get("details")
    if isinstance(details, dict):
        return body
    if details is not None:
        replaced: dict[str, Any] = {"items": details}
    elif status >= 500:
        replaced = {}
    else:
        replaced = {"hint": "see error_description"}
    return {**body, "details": replaced}


# -- extra-fields: a body transform applied by the middleware ---------------------------------
# Objects under these keys are maps whose keys are data (component names, resources, event
# details), not fields: their own keys stay as they are; objects inside them get extras.
MAP_KEYS = frozenset({"components", "resources", "security", "details"})
SKIPPED_PATHS = frozenset({"/openapi.json"})


def _singular(name: str) -> str:
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and len(name) > 1 else name


def _with_extras(value: Any, kind: str) -> Any:
    """Every object in ``value`` (nested, list items too) gets a ``kind`` key."""
    if isinstance(value, list):
        return [_with_extras(item, _singular(kind)) for item in value]
    if not isinstance(value, dict):
        return value
    out = {key: _map_with_extras(item, key) if key in MAP_KEYS else _with_extras(item, key) for key, item in value.items()}
    out.setdefault("kind", kind)
    return out


def _map_with_extras(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return {name: _with_extras(item, _singular(key)) for name, item in value.items()}
    return _with_extras(value, key)


def add_extra_fields(body: Any, status: int, path: str) -> Any:
    """The body with the extra keys of the extra-fields variant (nothing secret is added)."""
    if not isinstance(body, dict):
        return _with_extras(body, "item") if status < 400 else body
    if status >= 400:
        # Extra keys never replace the body's own: /health's 503 keeps "status": "unhealthy".
        return {"request_id": str(uuid.uuid4()), "status": status, **body}
    out = _with_extras(body, "response")
    out.setdefault("links", {"self": path})
    return out


BodyTransform = Callable[[Any, int, str], Any]
"""A rewrite of a JSON body given its status and the request path."""


def body_transforms(names: frozenset[str]) -> list[BodyTransform]:
    """The body rewrites of the variants in ``names``, in the order they apply (the error
    details first, so that extra-fields sees the finished error body)."""
    chosen: list[BodyTransform] = []
    if "error-details-object" in names:
        chosen.append(add_error_details_object)
    if "extra-fields" in names:
        chosen.append(add_extra_fields)
    return chosen


def rewriting_send(send: Send, path: str, names: frozenset[str]) -> Send:
    """``send`` rewriting JSON bodies with the transforms of the variants in ``names`` (see
    :func:`body_transforms`); ``send`` itself when none applies."""
    transforms = body_transforms(names)
    if not transforms:
        return send

    def rewrite(body: Any, status: int, where: str) -> Any:
        for transform in transforms:
            body = transform(body, status, where)
        return body

    return json_rewriting_send(send, path, rewrite)


def json_rewriting_send(send: Send, path: str, rewrite: BodyTransform) -> Send:
    """A ``send`` that rewrites JSON bodies with ``rewrite`` before passing them on (not for
    ``/openapi.json``)."""
    if path in SKIPPED_PATHS:
        return send
    start: Message | None = None
    chunks: list[bytes] = []

    async def send_rewritten(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            content_type = MutableHeaders(scope=message).get("content-type", "")
            if not content_type.startswith("application/json"):
                await send(message)
                return
            start = message
            return
        if message["type"] != "http.response.body" or start is None:
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(chunks)
        if body:
            try:
                body = json.dumps(rewrite(json.loads(body), start["status"], path)).encode()
            except ValueError:
                pass  # not JSON after all: pass it on unchanged
        MutableHeaders(scope=start)["content-length"] = str(len(body))
        await send(start)
        await send({"type": "http.response.body", "body": body})

    return send_rewritten
