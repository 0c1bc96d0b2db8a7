"""tools/checks/dryrun_listener.py: the fast dry run still reports what a dry run reports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_dry_run_with_the_listener_still_fails_on_an_unknown_keyword(tmp_path: Path) -> None:
    suite = tmp_path / "suite.robot"
    suite.write_text("*** Test Cases ***\nBroken\n    No Such Keyword Here\n    Log    ${login}[token]\n"
                     "Fine\n    Log    ${login}[token]\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "-m", "robot", "--dryrun", "--listener", "tools.checks.dryrun_listener", "--output", "NONE",
         "--log", "NONE", "--report", "NONE", str(suite)], capture_output=True, text=True, cwd=tmp_path)
    assert completed.returncode == 1, completed.stdout
    assert "No keyword with name 'No Such Keyword Here' found." in completed.stdout
    assert "2 tests, 1 passed, 1 failed" in completed.stdout
