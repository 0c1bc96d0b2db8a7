"""tools/run_history.py: runs go into the history once, the dashboard shows tags, slow tests, figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import run_history  # noqa: E402 - tools/ is not a package

SUITE = """\
*** Settings ***
Documentation    A stand-in for the acceptance suites: two areas and a performance test.
Metadata         Login latency    p50=11.5 ms, p95=${P95} ms

*** Test Cases ***
Health Answers
    [Tags]    infrastructure
    Log    ok

Login Works
    [Tags]    auth
    Should Be True    ${AUTH_OK}

Login Is Fast Enough
    [Tags]    performance
    [Documentation]    Measures login latency.
    Sleep    0.05
    Set Test Message    p50=12.5 ms p95=${P95} ms p99: 80 ms
"""


def robot_run(tmp_path: Path, name: str, p95: str, auth_ok: bool) -> Path:
    suite = tmp_path / "suite.robot"
    suite.write_text(SUITE, encoding="utf-8")
    output = tmp_path / f"{name}.xml"
    subprocess.run(
        [sys.executable, "-m", "robot", "--output", str(output), "--log", "NONE", "--report", "NONE",
         "--console", "none", "--variable", f"P95:{p95}", "--variable", f"AUTH_OK:{auth_ok}", str(suite)],
        check=False, cwd=tmp_path,
    )
    return output


def test_two_runs_make_a_dashboard_with_tags_slow_tests_and_figures(tmp_path: Path) -> None:
    history = tmp_path / "history"
    first = robot_run(tmp_path, "first", "40.25", True)
    second = robot_run(tmp_path, "second", "55", False)
    assert run_history.main(["add", str(first), "--history", str(history), "--label", "one"]) == 0
    assert run_history.add(second, history, "two") is True
    assert run_history.add(second, history) is False  # the same output is kept once
    runs = run_history.load(history)
    assert [run["label"] for run in runs] == ["one", "two"]
    assert runs[1]["tags"]["auth"] == {"passed": 0, "failed": 1, "skipped": 0}
    assert runs[0]["performance"]["Login Is Fast Enough"] == {"p50": 12.5, "p95": 40.25, "p99": 80.0}
    assert runs[1]["performance"]["Suite: Login latency"] == {"p50": 11.5, "p95": 55.0}

    assert run_history.main(["render", "--history", str(history)]) == 0
    page = (history / "dashboard.html").read_text(encoding="utf-8")
    assert "Pass rate per area tag" in page
    assert "<td>auth</td><td class='good'>100%</td><td class='bad'>0%</td>" in page
    assert "Suite.Login Is Fast Enough" in page  # the slowest test
    assert "<td>Login Is Fast Enough</td><td>p95</td><td>40.25</td><td>55</td>" in page


def test_keep_trims_the_oldest_runs(tmp_path: Path) -> None:
    history = tmp_path / "history"
    outputs = [robot_run(tmp_path, f"run{index}", str(index), True) for index in range(3)]
    for output in outputs:
        run_history.add(output, history, output.stem, keep=2)
    assert [run["label"] for run in run_history.load(history)] == ["run1", "run2"]


def test_a_history_without_performance_figures_says_so(tmp_path: Path) -> None:
    history = tmp_path / "history"
    history.mkdir()
    page = run_history.render(history).read_text(encoding="utf-8")
    assert "the performance suite does not exist" in page
