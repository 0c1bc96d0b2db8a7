"""Render a local HTML page in headless Chromium: the DOM after layout, or a screenshot.

Usage::

    .venv/bin/python -m tools.report.render_page results/history/dashboard.html              # DOM on stdout
    .venv/bin/python -m tools.report.render_page results/history/dashboard.html --png shot.png

Chromium is Debian's package ``chromium`` (``/usr/bin/chromium``; ``tools/venv.sh`` installs it).
Every call starts a fresh Chromium with its own temporary profile directory (also its TMPDIR),
which is removed afterwards, in its own process group, which is killed when the call times out
or ends, so no Chromium process outlives the call. By default Chromium gets a proxy that leads nowhere, so a
page that needs anything from the network renders without it: what the test sees is what an
offline reader sees.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
OFFLINE_FLAGS = ("--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>")
VIRTUAL_TIME_BUDGET_MS = 5000
TIMEOUT_SECONDS = 90.0
# Chromium puts a Unix socket into TMPDIR: TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket must
# fit the 107 characters of a socket path, so the profile (which is its TMPDIR) lives in a short folder.
SHORT_TEMP_ROOM = 40


class RenderError(RuntimeError):
    """Chromium is missing, failed or took too long."""


def chromium() -> Path | None:
    """The Chromium executable, or None when it is not installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    found = shutil.which("chromium")
    return Path(found) if found else None


def profile_dir() -> Path:
    """A fresh, empty profile folder in the temporary directory, or in /tmp when that path is too
    long for the Unix socket Chromium puts into it."""
    base = tempfile.gettempdir()
    return Path(tempfile.mkdtemp(prefix="render-page-", dir=base if len(base) <= SHORT_TEMP_ROOM else "/tmp"))


def dump_dom(page: Path, offline: bool = True, timeout: float = TIMEOUT_SECONDS) -> str:
    """The page's DOM as Chromium serializes it after loading and laying it out."""
    return _run([f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}", "--dump-dom", page.resolve().as_uri()],
                offline, timeout)


def screenshot(page: Path, png: Path, width: int = 1400, height: int = 2000, offline: bool = True,
               timeout: float = TIMEOUT_SECONDS) -> Path:
    """Write a PNG of the page's first ``width`` x ``height`` pixels to ``png``; return its path."""
    png = png.resolve()
    png.unlink(missing_ok=True)
    _run([f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}", f"--screenshot={png}", f"--window-size={width},{height}",
          page.resolve().as_uri()], offline, timeout)
    if not png.exists():
        raise RenderError(f"Chromium wrote no screenshot to {png}")
    return png


def _run(arguments: list[str], offline: bool, timeout: float) -> str:
    """Run Chromium with a fresh profile; its standard output, or RenderError."""
    executable = chromium()
    if executable is None:
        raise RenderError(f"Chromium is not installed ({CHROMIUM}; Debian package 'chromium')")
    profile = profile_dir()
    command = [str(executable), *FLAGS, *(OFFLINE_FLAGS if offline else ()), f"--user-data-dir={profile}", *arguments]
    environment = {**os.environ, "TMPDIR": str(profile)}  # Chromium's own temporary files go with the profile
    try:
        return _communicate(command, environment, timeout)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def _communicate(command: list[str], environment: dict[str, str], timeout: float) -> str:
    """Run ``command`` in its own process group; whatever happens, nothing of the group survives."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               env=environment, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process.pid)
        process.communicate()
        raise RenderError(f"Chromium took longer than {timeout:g} s: {' '.join(command)}") from None
    finally:
        _end_group(process.pid)
    if process.returncode != 0:
        raise RenderError(f"Chromium exited with {process.returncode}: {stderr.strip()[-2000:]}")
    return stdout


def _end_group(group: int, patience: float = 5.0) -> None:
    """Kill what is left of a process group and wait until none of it runs any more.

    Chromium's helpers (crash handler, zygotes) outlive the browser process by a moment; once
    killed they are zombies until init collects them, which is dead enough."""
    _kill_group(group)
    deadline = time.monotonic() + patience
    while live_members(group):
        if time.monotonic() > deadline:
            raise RenderError(f"Chromium processes {live_members(group)} survived SIGKILL")
        time.sleep(0.05)


def _kill_group(group: int) -> None:
    """SIGKILL every process of a process group that still exists."""
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def live_members(group: int) -> list[int]:
    """Processes of a process group that are not zombies (read from /proc)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended while we looked
        if fields[0] != "Z" and int(fields[2]) == group:
            members.append(int(stat.parent.name))
    return members


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="a local HTML file")
    parser.add_argument("--png", type=Path, help="write a screenshot here instead of printing the DOM")
    parser.add_argument("--size", default="1400,2000", help="screenshot width,height in pixels (default 1400,2000)")
    parser.add_argument("--online", action="store_true", help="let the page reach the network")
    args = parser.parse_args(argv)
    try:
        if args.png:
            width, height = (int(number) for number in args.size.split(","))
            print(screenshot(args.page, args.png, width, height, offline=not args.online))
        else:
            print(dump_dom(args.page, offline=not args.online), end="")
    except RenderError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
