"""How long the container stack takes to start and to stop, and whether it leaves anything.

    .venv/bin/python -m tools.bench.stack [--repeats 3]

Each repeat starts ``tools/infra/stack/stack.py``'s stack (private engine, image build, four
containers healthy) and stops it, timing both, then looks for what a stop must not leave: the
engine's folder, a process of it (dockerd, containerd, shims), a bridge interface of it. Prints one line per repeat and
the median; exit code 1 when a repeat left something behind. The issue's goal: healthy in
under a minute, nothing left behind.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path


from tools.run import acceptance as run_acceptance
from tools.infra.docker_engine.engine import engine_pids_under
from tools.infra.stack.stack import ContainerStack


def leftovers(base: Path) -> list[str]:
    """What of a stopped stack is still on the machine."""
    found = [str(base)] if base.exists() else []
    found += [f"engine process {pid}" for pid in engine_pids_under(base)]
    links = subprocess.run(["ip", "-o", "link"], capture_output=True, text=True).stdout
    found += [line.split(":")[1].strip() for line in links.splitlines() if ": prs" in line]
    return found


def one_repeat(index: int) -> tuple[float, float, list[str]]:
    """Start and stop one stack; (start seconds, stop seconds, leftovers)."""
    values = run_acceptance.config.load({}, {})
    stack = ContainerStack(run_acceptance.stack_app_environment("benchmark-" + "k" * 40, values))
    base = stack.engine.base
    started = time.monotonic()
    stack.start()
    start_seconds = time.monotonic() - started
    stopped = time.monotonic()
    stack.stop()
    stop_seconds = time.monotonic() - stopped
    left = leftovers(base)
    print(f"  repeat {index}: healthy in {start_seconds:5.1f} s, stopped in {stop_seconds:4.1f} s, "
          f"left behind: {', '.join(left) or 'nothing'}", flush=True)
    return start_seconds, stop_seconds, left


def main(argv: list[str] | None = None) -> int:
    """Run the repeats, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="how many start/stop cycles (default 3)")
    args = parser.parse_args(argv)
    print(f"Container stack, {args.repeats} start/stop cycles:")
    results = [one_repeat(index + 1) for index in range(max(1, args.repeats))]
    starts, stops = [r[0] for r in results], [r[1] for r in results]
    print(f"median: healthy in {statistics.median(starts):.1f} s (max {max(starts):.1f} s), "
          f"stopped in {statistics.median(stops):.1f} s (max {max(stops):.1f} s)")
    return 1 if any(r[2] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
