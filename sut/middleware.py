"""One pure-ASGI middleware for the cross-cutting rules.

In order: trusted ``Host`` check (400), client IP from the TCP peer or a trusted proxy's
``X-Forwarded-For``, CORS (allow-list), body size limit (413), simulated broken routes
(``PERMISO_DEGRADE``, :mod:`sut.degradations`), security headers on every response (HSTS over
HTTPS) and a catch-all that turns any unhandled exception into a generic 500 in the contract's
error shape (never a trace). It also makes the app's contract variants (:mod:`sut.variants`)
those of the request, and applies the body transforms of the variants that are on (extra-fields,
error-details-object).
"""

from __future__ import annotations

import ipaddress
import json
import logging

from fastapi import HTTPException
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sut import __version__, defects, variants
from sut.config import Settings
from sut.degradations import INTERNAL_ERROR, VALIDATION_BODY, Degradations

logger = logging.getLogger("sut")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# strict-headers variant: stricter values of the same headers, and a Server header without version
STRICT_SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy",
     b"default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"),
    (b"server", b"permiso"),
]
STRICT_HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains; preload")
CORS_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
CORS_HEADERS = "Authorization, Content-Type, Accept, X-Requested-With"


class _BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a streamed body passes the limit (FastAPI re-raises it)."""

    def __init__(self) -> None:
        super().__init__(413, "Request body too large")


def _networks(entries) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            logger.warning("ignoring invalid trusted proxy entry %r", entry)
    return networks


def _ip_in(value: str, networks) -> bool:
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return False
    return any(address in network for network in networks)


def _json(status: int, error: str, description: str) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    return _json_body(status, {"error": error, "error_description": description})


def _json_body(status: int, payload: dict) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    body = json.dumps(payload).encode()
    return status, [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())], body


def _degraded_answer(status: int) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """The answer of a route degraded by PERMISO_DEGRADE (422 validation error or generic 500)."""
    if status == 422:
        return _json_body(422, VALIDATION_BODY)
    return _json(500, *INTERNAL_ERROR)


class SecurityMiddleware:
    """See module docstring."""

    def __init__(self, app: ASGIApp, settings: Settings, degradations: Degradations | None = None) -> None:
        self.app = app
        self.variants = variants.enabled(settings)
        self.degradations = degradations
        strict = "strict-headers" in self.variants
        self.security_headers = STRICT_SECURITY_HEADERS if strict else SECURITY_HEADERS
        self.settings = settings
        if defects.active("referrer-policy-missing", settings):
            self.security_headers = [h for h in self.security_headers if h[0] != b"referrer-policy"]
        if defects.active("server-version-header", settings):
            self.security_headers = [*self.security_headers, (b"server", f"permiso/{__version__}".encode())]
        self.hsts = STRICT_HSTS if strict else HSTS
        self.allowed_hosts = [h.lower() for h in settings.allowed_hosts]
        self.any_host = "*" in self.allowed_hosts
        self.proxies = _networks(settings.trusted_proxies)
        self.origins = set(settings.cors_origins)
        self.any_origin = "*" in self.origins
        self.max_body = settings.max_body_bytes

    # -- helpers ---------------------------------------------------------------------------
    def host_allowed(self, host_header: str) -> bool:
        if self.any_host or defects.active("foreign-host-accepted", self.settings):
            return True
        host = host_header.strip().lower()
        if not host:
            return False
        if host.startswith("["):
            end = host.find("]")
            name = host[: end + 1] if end > 0 else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        bare = name.strip("[]")
        for allowed in self.allowed_hosts:
            if allowed in (name, bare, f"[{bare}]"):
                return True
            if allowed.startswith("*.") and bare.endswith(allowed[1:]):
                return True
        return False

    def client_ip(self, scope: Scope, headers: Headers) -> tuple[str, bool]:
        """(client IP, request came over HTTPS)."""
        peer = scope.get("client")[0] if scope.get("client") else ""
        https = scope.get("scheme") in ("https", "wss")
        if peer and self.proxies and _ip_in(peer, self.proxies):
            forwarded = [part.strip() for part in ",".join(headers.getlist("x-forwarded-for")).split(",") if part.strip()]
            chosen = None
            for entry in reversed(forwarded):
                if not _ip_in(entry, self.proxies):
                    chosen = entry
                    break
            if chosen is None and forwarded:
                chosen = forwarded[0]
            if chosen:
                try:
                    peer = str(ipaddress.ip_address(chosen.strip("[]")))
                except ValueError:
                    pass
            proto = headers.get("x-forwarded-proto", "").split(",")[-1].strip().lower()
            if proto:
                https = proto == "https"
        return peer or "unknown", https

    def origin_allowed(self, origin: str) -> bool:
        anything = defects.active("cors-reflects-any-origin", self.settings) or defects.active(
            "cors-wildcard-with-credentials", self.settings)
        return bool(origin) and (self.any_origin or origin in self.origins or anything)

    def cors_headers(self, origin: str) -> list[tuple[bytes, bytes]]:
        if not self.origin_allowed(origin):
            return []
        if defects.active("cors-wildcard-with-credentials", self.settings):
            return [(b"access-control-allow-origin", b"*"), (b"access-control-allow-credentials", b"true")]
        if self.any_origin:
            return [(b"access-control-allow-origin", b"*")]
        return [
            (b"access-control-allow-origin", origin.encode("latin-1")),
            (b"access-control-allow-credentials", b"true"),
            (b"vary", b"Origin"),
        ]

    # -- ASGI ------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with variants.use(self.variants):
            send = variants.rewriting_send(send, scope["path"], self.variants)
            await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """One HTTP request (see the module docstring)."""
        headers = Headers(scope=scope)
        ip, https = self.client_ip(scope, headers)
        scope.setdefault("state", {})
        scope["state"]["client_ip"] = ip
        scope["state"]["https"] = https
        origin = headers.get("origin", "")
        extra = list(self.security_headers)
        if https:
            extra.append(self.hsts)

        async def send_simple(status: int, hdrs: list[tuple[bytes, bytes]], body: bytes) -> None:
            await send({"type": "http.response.start", "status": status, "headers": hdrs + extra})
            await send({"type": "http.response.body", "body": body})

        if not self.host_allowed(headers.get("host", "")):
            await send_simple(*_json(400, "invalid_host", "Invalid host header"))
            return

        if scope["method"] == "TRACE" and defects.active("trace-method-allowed", self.settings):
            echo = f"TRACE {scope['path']} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            await send_simple(200, [(b"content-type", b"message/http")], echo.encode("latin-1", "replace"))
            return

        if scope["method"] == "OPTIONS" and origin and "access-control-request-method" in headers:
            if self.origin_allowed(origin):
                hdrs = self.cors_headers(origin) + [
                    (b"access-control-allow-methods", CORS_METHODS.encode()),
                    (b"access-control-allow-headers", CORS_HEADERS.encode()),
                    (b"access-control-max-age", b"600"),
                    (b"content-length", b"2"), (b"content-type", b"text/plain"),
                ]
                await send_simple(200, hdrs, b"OK")
            else:
                status, hdrs, body = _json(400, "cors_origin_not_allowed", "Origin not allowed")
                await send_simple(status, hdrs + [(b"vary", b"Origin")], body)
            return

        length = headers.get("content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                await send_simple(*_json(400, "bad_request", "Invalid Content-Length header"))
                return
            if too_big:
                await send_simple(*_json(413, "payload_too_large", "Request body too large"))
                return

        degraded = self.degradations.status_for(scope) if self.degradations else None
        if degraded is not None:
            logger.warning("PERMISO_DEGRADE: simulated %d on %s %s", degraded, scope["method"], scope["path"])
            await send_simple(*_degraded_answer(degraded))
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _BodyTooLarge()
            return message

        cors = self.cors_headers(origin)
        started = False

        async def wrapped_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                mutable = MutableHeaders(scope=message)
                bare = message["status"] >= 400 and defects.active("security-headers-missing-on-errors", self.settings)
                for name, value in ([] if bare else extra) + cors:
                    if name == b"vary":
                        mutable.add_vary_header("Origin")
                    else:
                        mutable[name.decode()] = value.decode("latin-1")
            await send(message)

        try:
            await self.app(scope, limited_receive, wrapped_send)
        except _BodyTooLarge:
            if not started:
                await send_simple(*_json(413, "payload_too_large", "Request body too large"))
        except Exception:  # noqa: BLE001 - the catch-all: log, answer generically
            logger.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await send_simple(*_json(500, "internal_error", "An internal error occurred"))
