"""The throwaway PostgreSQL and Redis of the project's tests start on any checkout path, and a
PostgreSQL that cannot start fails the storage tests with one clear line instead of skipping.

Both tests run the reference service's PostgreSQL-backed tests in a pytest of their own (a
subprocess, ``CI`` set as in CI), the first from a copy of the project whose path is 150
characters long: a Unix-domain socket under such a path would exceed PostgreSQL's 107 bytes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
STORAGE_TESTS = ["sut/tests/test_root_health.py", "sut/tests/test_sessions.py"]
COPIED = ["sut", "tools", "libraries", "variables", "conftest.py", "pyproject.toml"]


def run_storage_tests(checkout: Path, basetemp: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    """pytest of the PostgreSQL-backed storage tests in ``checkout`` (its temporary folders in
    ``basetemp``), with ``environment``."""
    env = {**os.environ, "CI": "true", **environment}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "postgres",
               f"--basetemp={basetemp}", *STORAGE_TESTS]
    return subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True, timeout=600)


def copy_of_the_project(parent: Path, length: int) -> Path:
    """The project's code copied to a folder whose absolute path is ``length`` characters."""
    padding = length - len(str(parent)) - 1
    assert padding > 10, f"{parent} is already too long for a {length}-character path"
    checkout = parent / ("c" * padding)
    checkout.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "results")
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, checkout / name, ignore=ignore)
        else:
            shutil.copy2(source, checkout / name)
    assert len(str(checkout)) == length
    return checkout


def test_storage_tests_pass_in_a_checkout_with_a_150_character_path(tmp_path: Path) -> None:
    checkout = copy_of_the_project(tmp_path, 150)
    completed = run_storage_tests(checkout, checkout / "pytest-tmp")
    summary = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else completed.stderr[-500:]
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary and "failed" not in summary, summary


def test_unstartable_postgresql_fails_the_storage_tests_with_one_clear_line(tmp_path: Path) -> None:
    completed = run_storage_tests(ROOT, tmp_path / "pytest-tmp", PERMISO_PG_BIN=str(tmp_path / "no-postgresql-here"))
    expected = (f"PostgreSQL/Redis could not be started: PostgreSQL server binaries (initdb, pg_ctl) "
                f"not found in {tmp_path / 'no-postgresql-here'} (PERMISO_PG_BIN)")
    assert completed.returncode == 1, completed.stdout[-2000:]
    assert expected in completed.stdout, completed.stdout[-2000:]
    summary = completed.stdout.strip().splitlines()[-1]
    assert "failed" in summary and "skipped" not in summary and " passed" not in summary, summary
