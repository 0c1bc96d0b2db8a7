"""A running ``./run-acceptance.sh`` stopped by a signal leaves nothing behind.

Each test starts the runner on the smoke tests against the embedded reference service, waits
until pabot is running them, signals it the way a person or a CI time limit does, and then
checks that no process of the run is left (the reference service, pabot, its robot processes,
its PabotLib server: every one of them carries a marker in its environment) and that the
temporary folder the run used is empty again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
MARKER = "SIGNAL_TEST_MARKER"


def processes_with(marker: str) -> list[str]:
    """``pid command`` of every process whose environment holds ``MARKER=marker``."""
    found = []
    needle = f"{MARKER}={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{entry.name} {command.strip()[:160]}")
        except OSError:
            continue
    return found


def start_runner(tmp_path: Path, marker: str) -> tuple[subprocess.Popen[str], list[str]]:
    """The runner on the smoke tests, in a session of its own; returns it once pabot runs."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("PERMISO_BASE_URL", "PERMISO_DEFECTS", "PERMISO_VARIANTS", "PERMISO_DEGRADE")}
    environment.update({MARKER: marker, "TMPDIR": str(temporary),
                        "PERMISO_RATE_BUDGET_DIR": str(tmp_path / "rate-budget")})
    process = subprocess.Popen(
        ["bash", "run-acceptance.sh", "--include", "smoke", "--outputdir", str(tmp_path / "results")],
        cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    seen: list[str] = []
    assert process.stdout is not None
    for line in process.stdout:
        seen.append(line.rstrip())
        if "is ready" in line:
            break
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any("robot" in p for p in processes_with(marker)):
        time.sleep(0.2)
    time.sleep(1.0)  # the robot processes are in their tests now
    return process, seen


def stop_and_check(process: subprocess.Popen[str], marker: str, tmp_path: Path) -> None:
    """Wait for the runner to end, then nothing of the run may be left."""
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        pytest.fail("the runner did not end within 60 s of the signal")
    deadline = time.monotonic() + 5
    while processes_with(marker) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = processes_with(marker)
    assert not left, f"left running after the signal: {left}"
    assert not any((tmp_path / "tmp").iterdir()), f"left in TMPDIR: {list((tmp_path / 'tmp').iterdir())}"
    assert process.returncode == 130, f"exit code {process.returncode}, expected 130 (interrupted)"


@pytest.mark.parametrize(("signum", "whole_group"), [
    pytest.param(signal.SIGTERM, False, id="SIGTERM to the runner"),
    pytest.param(signal.SIGTERM, True, id="SIGTERM to its process group (a CI time limit)"),
    pytest.param(signal.SIGINT, True, id="SIGINT to its process group (Ctrl-C in a terminal)"),
])
def test_a_signalled_runner_stops_everything_it_started(tmp_path: Path, signum: int, whole_group: bool) -> None:
    marker = uuid.uuid4().hex
    process, seen = start_runner(tmp_path, marker)
    assert processes_with(marker), f"the run did not start: {seen}"
    if whole_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    stop_and_check(process, marker, tmp_path)
