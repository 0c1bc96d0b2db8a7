"""Keeps secrets out of every output of a Robot Framework run.

``SecretRedactor`` is a listener (API v3) **and** a keyword library that registers itself as a
library listener, so it is active in both ways a run is started:

- ``robot --listener libraries/SecretRedactor.py …`` / ``pabot --listener …`` (the runner does
  this): active from the first message of every process;
- plain ``robot suites/``: ``resources/common.resource`` imports it as a library, and a library
  listener gets every event of each suite that imports it (all suites import common.resource).

Used both ways at once, it masks twice, which is harmless (masking is idempotent).

What is masked, with ``***``:

- known secret values: every ``Secret`` value among Robot's variables (admin and user
  passwords, client secret, signing key from ``variables/config.py``), the same names when a
  ``--variable`` gave them as plain text, and every value registered at run time with
  ``Register Secret`` (new users' passwords, new client secrets, tokens) — each also in its
  URL-encoded, JSON-escaped, HTML-escaped, Python-repr and base64 forms;
- anything shaped like a JWT (``eyJ….….…``), ``Bearer <credential>`` and ``Basic <base64>``;
- the values of secret fields (``password``, ``client_secret``, ``access_token``, ``token``…)
  in JSON, Python-dict and form/query renderings (``password=…``, ``"password": "…"``).

Where: log messages of every level (TRACE included: keyword arguments and return values),
system messages and warnings, failure messages of keywords, control structures, tests and
suites, keyword arguments, ``VAR``/``RETURN``/``FOR`` values, test and suite documentation,
metadata and tags (``Set Test Message``, ``Set Suite Metadata``, ``Set Tags``…), and the
console (``Log To Console``, ``console=True``). output.xml is written from the masked model, so
log.html, report.html, xunit and pabot's merged and per-process outputs are masked too.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import sys
import threading
import types
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

from robot.api.deco import keyword
from robot.api.types import Secret

MASK = "***"
MIN_SECRET_LENGTH = 4

# Variables whose values are secrets even when a --variable gave them as plain text.
SECRET_VARIABLE_NAMES = (
    "TEST_ADMIN_PASSWORD",
    "TEST_USER_PASSWORD",
    "TEST_CLIENT_SECRET",
    "TOKEN_SIGNING_KEY",
    "PERMISO_SECRET_KEY",
)

# Field names whose values are secrets wherever they appear (JSON, dict repr, form, query).
SECRET_FIELDS = (
    "password",
    "current_password",
    "new_password",
    "old_password",
    "client_secret",
    "current_secret",
    "new_secret",
    "secret",
    "secret_key",
    "signing_key",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "reset_token",
    "verification_token",
    "api_key",
    "authorization",
)
_FIELD_ALTERNATION = "|".join(sorted(SECRET_FIELDS, key=len, reverse=True))

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "password": "x", 'password': 'x', password='x', "password"="x" (JSON, repr, kwargs).
    (
        re.compile(
            rf"""(?i)(?<![A-Za-z0-9_])(?P<key>\\?["']?(?:{_FIELD_ALTERNATION})\\?["']?\s*[:=]\s*)"""
            r"""(?P<q>\\?["'])(?P<value>(?:\\.|(?!(?P=q)).)+?)(?P=q)"""
        ),
        rf"\g<key>\g<q>{MASK}\g<q>",
    ),
    # password=x&… (form bodies, query strings, URL-encoded logs); not password=${variable}.
    (
        re.compile(
            rf"""(?i)(?<![A-Za-z0-9_])((?:{_FIELD_ALTERNATION})=)(?!\*\*\*|[$%@&]\{{)[^&\s'",;)\]}}]+"""
        ),
        rf"\1{MASK}",
    ),
    # JSON Web Tokens (header always starts with '{"' = 'eyJ').
    (re.compile(r"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*"), MASK),
    # Authorization header values.
    (re.compile(r"(?i)\b(bearer)(\s+|%20|\+)(?!\*\*\*)[^\s'\",}&\]\\]{6,}"), rf"\1\2{MASK}"),
    (re.compile(r"(?i)\b(basic)(\s+|%20|\+)(?!\*\*\*)[A-Za-z0-9+/]{8,}={0,2}"), rf"\1\2{MASK}"),
)


# ---------------------------------------------------------------------------------------------
# The registry of known secret values. It lives in sys.modules under a fixed name so that it
# is one and the same even if this file is imported twice (as --listener and as a library, or
# by pytest), and other libraries (PermisoTransport, TemporaryData) share it.

def _registry() -> types.ModuleType:
    name = "_permiso_secret_registry"
    module = sys.modules.get(name)
    if module is None:
        module = types.ModuleType(name)
        module.values = set()
        module.lock = threading.Lock()
        module.index = {}
        sys.modules[name] = module
    return module


_ENCODINGS = (
    lambda text: quote(text, safe=""),
    quote_plus,
    quote,
    lambda text: json.dumps(text)[1:-1],
    lambda text: json.dumps(text, ensure_ascii=False)[1:-1],
    html.escape,
    lambda text: html.escape(text, quote=False),
    lambda text: repr(text)[1:-1],
)


def _variants(value: str) -> set[str]:
    """The forms a secret takes in logs: raw, URL-encoded, JSON, HTML, repr, base64, and each
    encoding applied twice (a JSON body shown as a Python string, a URL-encoded form in JSON…)."""
    forms = {value}
    for first in _ENCODINGS:
        once = first(value)
        forms.add(once)
        for second in _ENCODINGS:
            forms.add(second(once))
    raw = value.encode("utf-8")
    for encoder in (base64.b64encode, base64.urlsafe_b64encode):
        encoded = encoder(raw).decode("ascii")
        forms.add(encoded)
        forms.add(encoded.rstrip("="))
    return {form for form in forms if len(form) >= MIN_SECRET_LENGTH}


def register_secret(value: Any) -> None:
    """Remember a secret value (str or Secret) so that it is masked from now on."""
    if isinstance(value, Secret):
        value = value.value
    if not isinstance(value, str):
        return
    value = value.strip() if value.strip() else value
    if len(value) < MIN_SECRET_LENGTH or value == MASK:
        return
    registry = _registry()
    new = _variants(value) - registry.values
    if new:
        with registry.lock:
            registry.values |= new
            index: dict[str, list[str]] = registry.index
            for form in new:
                bucket = index.setdefault(form[:MIN_SECRET_LENGTH], [])
                bucket.append(form)
                bucket.sort(key=len, reverse=True)


def register_secrets(values: Iterable[Any]) -> None:
    """Remember several secret values."""
    for value in values:
        register_secret(value)


def _mask_known(text: str) -> str:
    """Replace every registered secret form in ``text`` by the mask, longest match first.

    The registry is indexed by each form's first ``MIN_SECRET_LENGTH`` characters, so a scan
    costs one dictionary look-up per position whatever the number of secrets: a long run
    registers thousands of forms (every token and password of every test), and one regular
    expression of them all took most of a second to compile each time a new secret arrived.
    """
    index: dict[str, list[str]] = _registry().index
    if not index or len(text) < MIN_SECRET_LENGTH:
        return text
    pieces: list[str] = []
    start = position = 0
    last = len(text) - MIN_SECRET_LENGTH
    lookup = index.get
    while position <= last:
        bucket = lookup(text[position:position + MIN_SECRET_LENGTH])
        if bucket:
            for form in tuple(bucket):
                if text.startswith(form, position):
                    pieces += (text[start:position], MASK)
                    position = start = position + len(form)
                    break
            else:
                position += 1
        else:
            position += 1
    if not pieces:
        return text
    pieces.append(text[start:])
    return "".join(pieces)


def redact(text: Any) -> Any:
    """Mask every known secret and every secret-shaped value in a string (others unchanged)."""
    if not isinstance(text, str) or not text:
        return text
    text = _mask_known(text)
    for regex, replacement in _PATTERNS:
        text = regex.sub(replacement, text)
    return text


def _seed_from_environment() -> None:
    register_secrets(os.environ.get(name, "") for name in SECRET_VARIABLE_NAMES)


# ---------------------------------------------------------------------------------------------
# Console: Log To Console and logger.console() write to sys.__stdout__/__stderr__ directly.


class _RedactingStream:
    """Wraps a console stream and masks what is written to it."""

    def __init__(self, stream: Any) -> None:
        self._permiso_wrapped = stream

    def write(self, text: Any) -> Any:
        return self._permiso_wrapped.write(redact(text))

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._permiso_wrapped, name)


def _wrap_console() -> None:
    for name in ("__stdout__", "__stderr__"):
        stream = getattr(sys, name, None)
        if stream is not None and not isinstance(stream, _RedactingStream):
            setattr(sys, name, _RedactingStream(stream))


# ---------------------------------------------------------------------------------------------
# Masking of result-model objects.

_TEXT_ATTRIBUTES = ("message", "doc", "condition", "timeout")
_SEQUENCE_ATTRIBUTES = ("args", "values", "value", "patterns")


_ATTRIBUTE_CACHE: dict[tuple[type, str], bool] = {}


def _has(item: Any, name: str) -> bool:
    """Whether the result object really has the attribute (not one of Robot's deprecated
    stand-ins, which warn when read)."""
    key = (type(item), name)
    if key not in _ATTRIBUTE_CACHE:
        owner = next((cls for cls in type(item).__mro__ if name in vars(cls)), None)
        _ATTRIBUTE_CACHE[key] = owner is not None and "modeldeprecation" not in owner.__module__
    return _ATTRIBUTE_CACHE[key]


def _get(item: Any, name: str) -> Any:
    return getattr(item, name, None) if _has(item, name) else None


def _redact_sequence(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(redact(value) if isinstance(value, str) else value for value in values)


def _scrub(item: Any) -> None:
    """Mask the text attributes of a result object in place (whatever it has of them)."""
    for name in _TEXT_ATTRIBUTES:
        value = _get(item, name)
        if isinstance(value, str) and value:
            masked = redact(value)
            if masked != value:
                _set(item, name, masked)
    for name in _SEQUENCE_ATTRIBUTES:
        value = _get(item, name)
        if isinstance(value, (tuple, list)) and value:
            masked = _redact_sequence(value)
            if masked != tuple(value):
                _set(item, name, masked if isinstance(value, tuple) else list(masked))
    assign = _get(item, "assign")
    if isinstance(assign, dict) and assign:
        masked_assign = {key: redact(value) for key, value in assign.items()}
        if masked_assign != assign:
            _set(item, "assign", masked_assign)
    elif isinstance(assign, (tuple, list)) and assign:
        masked = _redact_sequence(assign)
        if masked != tuple(assign):
            _set(item, "assign", masked)
    tags = _get(item, "tags")
    if tags:
        masked_tags = [redact(tag) for tag in tags]
        if masked_tags != list(tags):
            _set(item, "tags", masked_tags)
    metadata = _get(item, "metadata")
    if metadata:
        for key, value in list(metadata.items()):
            masked = redact(value)
            if masked != value:
                metadata[key] = masked


def _set(item: Any, name: str, value: Any) -> None:
    try:
        setattr(item, name, value)
    except (AttributeError, TypeError, ValueError):  # read-only on this kind of item
        pass


# ---------------------------------------------------------------------------------------------


class SecretRedactor:
    """Masks secrets in all Robot Framework outputs; also a small keyword library.

    Keywords: `Register Secret` (mask a value created at run time) and `Redact` (the masked
    form of a text, for libraries that build messages themselves).
    """

    ROBOT_AUTO_KEYWORDS = False  # listener methods are not keywords; only the @keyword ones are
    ROBOT_LISTENER_API_VERSION = 3
    ROBOT_LIBRARY_SCOPE = "GLOBAL"
    # Run before other listeners, so they too see masked messages.
    ROBOT_LISTENER_PRIORITY = 1000

    def __init__(self) -> None:
        self.ROBOT_LIBRARY_LISTENER = self
        _seed_from_environment()
        _wrap_console()

    # --- keywords ---------------------------------------------------------------------------

    @keyword("Register Secret")
    def register_secret_keyword(self, *values: Secret | str | None) -> None:
        """Masks the given values (``Secret`` or plain text) in every output from now on.

        Use it for secrets created during the run: a new user's password, a client secret
        returned by the API, a token obtained another way. Empty and very short values (less
        than 4 characters) are ignored.
        """
        register_secrets(value for value in values if value is not None)

    @keyword("Redact")
    def redact_keyword(self, text: str) -> str:
        """Returns ``text`` with every known or secret-shaped value replaced by ``***``."""
        return redact(text)

    # --- listener ---------------------------------------------------------------------------

    def start_suite(self, data: Any, result: Any) -> None:
        self._collect_from_variables()

    def start_test(self, data: Any, result: Any) -> None:
        self._collect_from_variables()

    def end_test(self, data: Any, result: Any) -> None:
        _scrub(result)

    def end_suite(self, data: Any, result: Any) -> None:
        _scrub(result)

    def end_body_item(self, data: Any, result: Any) -> None:
        _scrub(result)

    def log_message(self, message: Any) -> None:
        message.message = redact(message.message)

    def message(self, message: Any) -> None:
        message.message = redact(message.message)

    @staticmethod
    def _collect_from_variables() -> None:
        try:
            from robot.libraries.BuiltIn import BuiltIn  # noqa: PLC0415 - only while running

            variables = BuiltIn().get_variables(no_decoration=True)
        except Exception:  # noqa: BLE001 - no execution context (e.g. while a library imports)
            return
        for value in variables.values():
            _collect_secret_objects(value)
        for name in SECRET_VARIABLE_NAMES:
            if name in variables:
                register_secret(variables[name])


def _collect_secret_objects(value: Any, depth: int = 0) -> None:
    """Register Secret objects in a variable value (also one or two levels inside containers)."""
    if isinstance(value, Secret):
        register_secret(value)
    elif depth < 2 and isinstance(value, dict):
        for item in value.values():
            _collect_secret_objects(item, depth + 1)
    elif depth < 2 and isinstance(value, (list, tuple)):
        for item in value:
            _collect_secret_objects(item, depth + 1)
