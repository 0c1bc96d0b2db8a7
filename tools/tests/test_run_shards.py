"""tools/run/shards.py: pabot shards merged with rebot hold every test exactly once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


from tools.run import shards as run_shards

PABOT = [sys.executable, "-m", "pabot.pabot", "--testlevelsplit", "--pabotlibport", "0", "--processes", "2",
         "--name", "Permiso Acceptance"]


def make_suites(root: Path) -> Path:
    suites = root / "suites"
    (suites / "area").mkdir(parents=True)
    (suites / "__init__.robot").write_text("*** Settings ***\nSuite Setup    Log    ready\n", encoding="utf-8")
    for name in ("first", "second"):
        tests = "".join(f"{name.title()} Test {index}\n    Log    {index}\n" for index in range(4))
        (suites / "area" / f"{name}.robot").write_text(f"*** Test Cases ***\n{tests}", encoding="utf-8")
    return suites


def test_three_shards_merge_into_the_single_run(tmp_path: Path) -> None:
    suites = make_suites(tmp_path)
    single = robot_output(suites, tmp_path / "single.xml")
    outputs = run_shards.run_shards(3, tmp_path / "shards", [str(suites)], command=PABOT, cwd=tmp_path)
    assert len(outputs) == 3
    assert all(0 < len(run_shards.test_names(output)) < 8 for output in outputs)
    assert run_shards.merge(outputs, tmp_path / "merged") == 0
    merged = tmp_path / "merged" / "output.xml"
    assert run_shards.compare(merged, single) == []
    assert (tmp_path / "merged" / "report.html").exists() and (tmp_path / "merged" / "log.html").exists()


def robot_output(suites: Path, output: Path, *options: str) -> Path:
    subprocess.run([sys.executable, "-m", "robot", "--name", "Permiso Acceptance", "--output", str(output),
                    "--log", "NONE", "--report", "NONE", "--console", "none", *options, str(suites)], check=True)
    return output


def test_a_test_in_two_shards_or_a_missing_test_is_reported(tmp_path: Path) -> None:
    suites = make_suites(tmp_path)
    first = robot_output(suites, tmp_path / "first.xml", "--suite", "First")
    second = robot_output(suites, tmp_path / "second.xml", "--suite", "Second")
    assert run_shards.merge([first, first], tmp_path / "merged") == 252
    assert run_shards.merge([first], tmp_path / "half") == 0
    problems = run_shards.compare(tmp_path / "half" / "output.xml", second)
    assert "missing from" in problems[0] and "Second Test 0" in problems[0]
    assert any(problem.startswith("not in") for problem in problems)
