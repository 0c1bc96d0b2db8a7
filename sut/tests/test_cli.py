"""``python -m sut``: announces its URL, serves, stops cleanly on SIGTERM."""

from __future__ import annotations

import contextlib
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import BASE_ENV

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^Permiso reference service listening on (http://[\d.]+:(\d+))$")


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if selector.select(timeout=0.2):
            line = proc.stdout.readline()
            if line:
                return line.rstrip("\n")
        if proc.poll() is not None:
            break
    raise AssertionError(f"no URL line within {timeout}s (exit code {proc.poll()})")


@contextlib.contextmanager
def service_process(env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """``python -m sut`` on a free loopback port; killed at the end if it still runs."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "sut", "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
        proc.stdout.close()
        proc.stderr.close()


@pytest.mark.slow
def test_cli_serves_and_stops_on_sigterm(tmp_path):
    env = {**os.environ, **BASE_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    env.pop("REDIS_URL", None)
    with service_process(env) as proc:
        line = read_line(proc, timeout=30)
        match = LINE.match(line)
        assert match, line
        url = match.group(1)
        assert int(match.group(2)) > 0
        response = httpx.get(f"{url}/health", timeout=10)
        assert response.status_code == 200
        assert response.json()["status"] == "healthy"
        login = httpx.post(f"{url}/api/v1/auth/token", data={"username": "admin", "password": "AdminPass123!"}, timeout=10)
        assert login.status_code == 200
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0


def test_cli_help():
    result = subprocess.run([sys.executable, "-m", "sut", "--help"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    assert "--port" in result.stdout and "--host" in result.stdout


@pytest.mark.slow
def test_default_database_directory_goes_with_the_process(tmp_path):
    """Without DATABASE_URL the service keeps its SQLite file in a fresh temporary directory
    (here under ``tmp_path`` through TMPDIR) and removes it when it stops."""
    env = {**os.environ, **BASE_ENV, "TMPDIR": str(tmp_path)}
    for name in ("DATABASE_URL", "PERMISO_DATABASE_URL", "REDIS_URL", "PERMISO_REDIS_URL"):
        env.pop(name, None)
    with service_process(env) as proc:
        assert LINE.match(read_line(proc, timeout=30))
        created = list(tmp_path.glob("permiso-*"))
        assert len(created) == 1 and (created[0] / "permiso.db").exists()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=15) == 0
        assert not created[0].exists()
