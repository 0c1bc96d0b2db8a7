"""Real Robot outputs for the run history tests, made from the tiny suites in ``fixtures/history/``.

``robot`` runs them (variables decide what passes, fails, skips and which latency figures they
report), ``merged_shards`` runs two shards and merges them with ``rebot --merge`` as the CI
example does, and ``build_history`` adds three such runs to a history.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


from tools.report import history as run_history

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "history"
NAME = "Permiso Acceptance"


def robot(outdir: Path, name: str, *options: str) -> Path:
    """Run the fixture suites with ``options`` (e.g. ``--variable AUTH_OK:False``); the output.xml."""
    output = outdir / f"{name}.xml"
    subprocess.run([sys.executable, "-m", "robot", "--name", NAME, "--output", str(output), "--log", "NONE",
                    "--report", "NONE", "--console", "none", *options, str(FIXTURES)], check=False, cwd=outdir)
    assert output.exists(), f"robot wrote no {output}"
    return output


def rebot_merge(outdir: Path, name: str, *outputs: Path) -> Path:
    """``rebot --merge`` of ``outputs`` into one output.xml, as tools/run/shards.py merges shards."""
    merged = outdir / f"{name}.xml"
    subprocess.run([sys.executable, "-m", "robot.rebot", "--merge", "--name", NAME, "--output", str(merged),
                    "--log", "NONE", "--report", "NONE", *map(str, outputs)],
                   check=False, cwd=outdir, stdout=subprocess.DEVNULL)
    assert merged.exists(), "rebot --merge wrote no output"
    return merged


def merged_shards(outdir: Path) -> Path:
    """Two shards of the fixture suites (the second with 3 skipped users and slower logins), merged."""
    first = robot(outdir, "shard-1", "--suite", "01 Infrastructure", "--suite", "02 Auth")
    second = robot(outdir, "shard-2", "--suite", "03 Users", "--suite", "09 Performance",
                   "--variable", "SKIPPED_USERS:3", "--variable", "P95:47", "--variable", "TOKEN_P95:25")
    return rebot_merge(outdir, "merged", first, second)


def build_history(outdir: Path) -> Path:
    """A history of three runs, the merged one added first although it is the newest; its folder.

    1. green, 2. red (a failing auth test, 6 of 8 users skipped), 3. two shards merged
    (3 users skipped). Each reports p50, p95 (and p99) figures."""
    history = outdir / "history"
    green = robot(outdir, "green", "--variable", "P95:40")
    red = robot(outdir, "red", "--variable", "AUTH_OK:False", "--variable", "SKIPPED_USERS:6",
                "--variable", "P95:55", "--variable", "TOKEN_P95:30")
    merged = merged_shards(outdir)
    for output, label in ((merged, "2 shards"), (green, "nightly"), (red, "nightly")):
        assert run_history.main(["add", str(output), "--history", str(history), "--label", label]) == 0
    return history
