"""Command line: ``python -m sut [--host HOST] [--port PORT]`` (port 0 = a free port).

Prints exactly one line ``Permiso reference service listening on http://HOST:PORT`` once it
accepts connections; stops cleanly (exit 0) on SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import socket
import sys

import uvicorn

from sut.app import create_app
from sut.config import Settings


class _Server(uvicorn.Server):
    """uvicorn server whose SIGTERM/SIGINT handling ends ``serve()`` without re-raising the signal."""

    @contextlib.contextmanager
    def capture_signals(self):  # type: ignore[override]
        previous = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP (not 0): asyncio then sets TCP_NODELAY on accepted connections; without
    # it small keep-alive responses wait ~40 ms for a delayed ACK (Nagle)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sut", description="Run the Permiso reference service.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 = a free port)")
    parser.add_argument("--log-level", default=None, help="uvicorn log level (default from PERMISO_LOG_LEVEL)")
    args = parser.parse_args(argv)

    try:
        settings = Settings.from_env()
    except (ValueError, TypeError) as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    level = (args.log_level or settings.log_level).lower()
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        app = create_app(settings)
    except ValueError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2
    try:
        sock = _bind(args.host, args.port)
    except OSError as exc:
        print(f"cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    shown_host = f"[{args.host}]" if ":" in args.host else args.host

    config = uvicorn.Config(app, workers=1, log_level=level, access_log=False, lifespan="on",
                            server_header=False, proxy_headers=False, timeout_graceful_shutdown=5)
    server = _Server(config)

    async def serve() -> None:
        task = asyncio.create_task(server.serve(sockets=[sock]))
        while not server.started:
            if task.done():
                break
            await asyncio.sleep(0.02)
        if server.started:
            print(f"Permiso reference service listening on http://{shown_host}:{port}", flush=True)
        await task

    asyncio.run(serve())
    if not server.started:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
