#!/usr/bin/env python3
"""Benchmark the embedded reference Permiso service.

Starts ``python -m sut --port 0`` (one uvicorn worker) on SQLite, then on PostgreSQL + Redis
(throwaway servers from ``tools/infra/storage/servers.py``), and measures, per storage set-up:

- requests/second of ``GET /health``,
- requests/second of ``POST /api/v1/auth/token`` (successful logins),
- login latency p50/p95 (sequential requests, one at a time).

Logins use the DEFAULT password-hashing cost (argon2id as configured by default), unless
``--cheap-hash`` is given. Load comes from ``wrk`` when installed (``--tool wrk``), else from an
httpx thread pool; both are bounded by a duration, and the httpx pool also by a request count.
Only 127.0.0.1 is ever contacted. Prints a table and stops everything it started.

Usage: .venv/bin/python -m tools.bench.sut [--seconds 5] [--threads 4]
       [--latency-requests 50] [--storage sqlite,postgres-redis] [--tool auto|wrk|httpx]
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import os
import re
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass


import httpx

from tools.infra.storage.servers import PostgresServer, RedisServer, StorageUnavailable
from tools import ROOT

URL_LINE = re.compile(r"listening on (http://[\w.\-\[\]:]+)")
USERNAME, PASSWORD = "admin", "AdminPass123!"


@dataclass
class Row:
    storage: str
    health_rps: float
    login_rps: float
    login_p50_ms: float
    login_p95_ms: float
    errors: int
    tool: str


class Service:
    """``python -m sut`` in a subprocess with its own environment."""

    def __init__(self, env: dict[str, str]):
        self.env = env
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> "Service":
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sut", "--host", "127.0.0.1", "--port", "0"],
            cwd=ROOT, env={**os.environ, **self.env}, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
        selector = selectors.DefaultSelector()
        selector.register(self.proc.stdout, selectors.EVENT_READ)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            if selector.select(timeout=0.2):
                match = URL_LINE.search(self.proc.stdout.readline())
                if match:
                    self.url = match.group(1)
                    return self
        self.__exit__()
        raise RuntimeError("the service did not announce its URL within 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc and self.proc.stdout:
            self.proc.stdout.close()


def pool_rps(send, seconds: float, threads: int, max_requests: int) -> tuple[float, int]:
    """Run ``send(client)`` from a thread pool until the time or the count is used up."""
    stop = time.monotonic() + seconds
    lock = threading.Lock()
    counts = {"sent": 0, "ok": 0, "errors": 0}

    def worker() -> None:
        with httpx.Client(timeout=30) as client:
            while time.monotonic() < stop:
                with lock:
                    if counts["sent"] >= max_requests:
                        return
                    counts["sent"] += 1
                try:
                    ok = send(client)
                except httpx.HTTPError:
                    ok = False
                with lock:
                    counts["ok" if ok else "errors"] += 1

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(worker) for _ in range(threads)]:
            future.result()
    elapsed = time.monotonic() - start
    return counts["ok"] / elapsed, counts["errors"]


def wrk_rps(url: str, seconds: float, threads: int, lua: str | None = None) -> tuple[float, int]:
    """Requests/second from wrk (non-2xx responses are reported as errors)."""
    command = ["wrk", "-t", str(min(threads, 2)), "-c", str(threads), "-d", f"{max(int(seconds), 1)}s", "--timeout", "30s"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua or "")
    try:
        if lua:
            command += ["-s", script.name]
        output = subprocess.run(command + [url], capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = int(non2xx.group(1)) if non2xx else 0
    total = re.search(r"(\d+) requests in ([\d.]+)(\w+)", output)
    if errors and total:
        # count only successful answers in the rate
        requests, duration, unit = int(total.group(1)), float(total.group(2)), total.group(3)
        duration = duration / 1000 if unit == "ms" else duration * 60 if unit == "m" else duration
        rps = (requests - errors) / duration
    return rps, errors


LOGIN_LUA = """
wrk.method = "POST"
wrk.body = "username={u}&password={p}"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
""".format(u=USERNAME, p=PASSWORD.replace("!", "%21"))


def measure(storage: str, env: dict[str, str], args) -> Row:
    with Service(env) as service:
        base = service.url
        with httpx.Client(timeout=30) as client:  # warm-up
            for _ in range(5):
                client.get(f"{base}/health")
            client.post(f"{base}/api/v1/auth/token", data={"username": USERNAME, "password": PASSWORD})
        tool = args.tool
        if tool == "auto":
            tool = "wrk" if shutil.which("wrk") else "httpx"
        if tool == "wrk":
            health_rps, health_errors = wrk_rps(f"{base}/health", args.seconds, args.threads)
            login_rps, login_errors = wrk_rps(f"{base}/api/v1/auth/token", args.seconds, args.threads, LOGIN_LUA)
        else:
            health_rps, health_errors = pool_rps(
                lambda c: c.get(f"{base}/health").status_code == 200, args.seconds, args.threads, args.max_requests
            )
            login_rps, login_errors = pool_rps(
                lambda c: c.post(
                    f"{base}/api/v1/auth/token", data={"username": USERNAME, "password": PASSWORD}
                ).status_code == 200,
                args.seconds, args.threads, args.max_requests,
            )
        latencies = []
        with httpx.Client(timeout=30) as client:
            for _ in range(args.latency_requests):
                start = time.perf_counter()
                response = client.post(f"{base}/api/v1/auth/token", data={"username": USERNAME, "password": PASSWORD})
                latencies.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    login_errors += 1
        latencies.sort()
        p50 = statistics.median(latencies)
        p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
        return Row(storage, health_rps, login_rps, p50, p95, health_errors + login_errors, tool)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of each throughput run")
    parser.add_argument("--threads", type=int, default=4, help="concurrent connections")
    parser.add_argument("--max-requests", type=int, default=20000, help="cap per httpx throughput run")
    parser.add_argument("--latency-requests", type=int, default=50, help="sequential logins for p50/p95")
    parser.add_argument("--storage", default="sqlite,postgres-redis")
    parser.add_argument("--tool", choices=("auto", "wrk", "httpx"), default="auto")
    parser.add_argument("--cheap-hash", action="store_true", help="argon2 time_cost=1, memory=1 MiB")
    args = parser.parse_args(argv)

    base_env = {
        "PERMISO_SECRET_KEY": "benchmark-secret-key-0123456789abcdef",
        # generous limits: the benchmark sends many logins from one IP
        "PERMISO_FAILED_LOGIN_LIMIT_PER_MINUTE": "1000000",
        "PERMISO_REGISTRATION_LIMIT_PER_HOUR": "1000000",
        "PERMISO_LOG_LEVEL": "WARNING",
    }
    if args.cheap_hash:
        base_env.update(PERMISO_PASSWORD_HASH_TIME_COST="1", PERMISO_PASSWORD_HASH_MEMORY_COST="1024")
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="permiso-bench-") as tmp:
        for storage in [s.strip() for s in args.storage.split(",") if s.strip()]:
            if storage == "sqlite":
                env = {**base_env, "DATABASE_URL": f"sqlite:///{tmp}/bench.db"}
                os.environ.pop("REDIS_URL", None)  # in-process counters for the SQLite run
                rows.append(measure(storage, env, args))
            elif storage == "postgres-redis":
                with contextlib.ExitStack() as stack:
                    try:
                        pg = stack.enter_context(PostgresServer())
                        redis_server = stack.enter_context(RedisServer())
                    except StorageUnavailable as exc:
                        notes.append(f"postgres-redis skipped: {exc}")
                        continue
                    pg.create_database("permiso")
                    env = {**base_env, "DATABASE_URL": pg.url("permiso"), "REDIS_URL": redis_server.url(0)}
                    rows.append(measure(storage, env, args))
            else:
                parser.error(f"unknown storage {storage!r}")

    cost = "cheap (t=1, m=1 MiB)" if args.cheap_hash else "default"
    print(f"\nPermiso reference service, 1 uvicorn worker, {args.threads} connections, {args.seconds:g} s per run, "
          f"{args.latency_requests} sequential logins for latency, password hashing cost: {cost}")
    header = f"{'storage':<16} {'GET /health rps':>16} {'POST /auth/token rps':>21} {'login p50 ms':>13} {'login p95 ms':>13} {'errors':>7}  tool"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(f"{row.storage:<16} {row.health_rps:>16.1f} {row.login_rps:>21.1f} {row.login_p50_ms:>13.1f} "
              f"{row.login_p95_ms:>13.1f} {row.errors:>7}  {row.tool}")
    for note in notes:
        print(note)
    return 0 if rows else 1


if __name__ == "__main__":
    sys.exit(main())
