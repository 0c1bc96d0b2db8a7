"""tools/report/history.py: runs go into the history once, in the order they ran, merged shard runs
included; the dashboard draws passed, failed and skipped per run and area, percentiles and slow tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


from tools.report import charts as history_charts
from tools.report import history as run_history
from tools.tests.history_fixtures import merged_shards, robot

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

BARE_OUTPUT = """\
<?xml version="1.0" encoding="UTF-8"?>
<robot generator="Rebot 7.5" generated="2026-01-02T03:04:05.000000" rpa="false" schemaversion="5">
<suite id="s1" name="Bare"><test id="s1-t1" name="Only Test"><status status="PASS"/></test><status status="PASS"/></suite>
<statistics><total><stat pass="1" fail="0" skip="0">All Tests</stat></total><tag></tag><suite></suite></statistics>
<errors/>
</robot>
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
    assert runs[0]["start_source"] == "suite"
    assert runs[1]["tags"]["auth"] == {"passed": 0, "failed": 1, "skipped": 0}
    assert runs[0]["performance"]["Login Is Fast Enough"] == {"p50": 12.5, "p95": 40.25, "p99": 80.0}
    assert runs[1]["performance"]["Suite: Login latency"] == {"p50": 11.5, "p95": 55.0}

    assert run_history.main(["render", "--history", str(history)]) == 0
    page = (history / "dashboard.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page  # self-contained: nothing to fetch
    assert "class='chart runs-chart'" in page and "class='chart area-chart'" in page
    assert "data-area='auth'" in page and "auth, #2" in page and ": 1 failed of 1</title>" in page
    assert "<span class='test-name'>Login Is Fast Enough</span><span class='suite'>Suite</span>" in page  # slowest
    assert "class='chart perf-chart perf-p95'" in page and "data-series='Login Is Fast Enough'" in page
    assert "<td>Login Is Fast Enough</td><td>p95</td><td class='num'>40.25</td><td class='num'>55</td>" in page


def test_a_merged_shard_run_starts_with_its_earliest_test_and_is_the_newest(tmp_path: Path) -> None:
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    earlier = robot(tmp_path, "earlier")
    merged = merged_shards(tmp_path)
    assert ExecutionResult(str(merged)).suite.start_time is None  # what rebot --merge writes
    first_shard = ExecutionResult(str(tmp_path / "shard-1.xml")).suite
    last_shard = ExecutionResult(str(tmp_path / "shard-2.xml")).suite

    entry = run_history.summarize(merged, "2 shards")
    assert entry["start_source"] == "earliest test"
    started = entry["started"]
    assert first_shard.start_time.isoformat() <= started <= min(t.start_time for t in first_shard.all_tests).isoformat()
    wall = (last_shard.end_time - first_shard.start_time).total_seconds()
    assert wall - 0.5 <= entry["seconds"] <= wall + 0.1

    history = tmp_path / "history"
    run_history.add(merged, history, "2 shards")
    run_history.add(earlier, history, "single")  # added later, but it ran earlier
    assert [run["label"] for run in run_history.load(history)] == ["single", "2 shards"]
    page = run_history.render(history).read_text(encoding="utf-8")
    assert "Latest run: #2 (2 shards)" in page


def test_without_any_time_the_output_generation_time_stands_in(tmp_path: Path) -> None:
    bare = tmp_path / "bare.xml"
    bare.write_text(BARE_OUTPUT, encoding="utf-8")
    entry = run_history.summarize(bare)
    assert (entry["started"], entry["start_source"]) == ("2026-01-02T03:04:05.000", "output generated")


def test_skips_are_shown_as_skips_and_the_rate_is_of_executed_tests(tmp_path: Path) -> None:
    history = tmp_path / "history"
    run_history.add(robot(tmp_path, "skips", "--variable", "SKIPPED_USERS:6"), history)
    page = run_history.render(history).read_text(encoding="utf-8")
    assert "2 passed · 0 failed · 6 skipped" in page  # the users area
    assert "of 2 executed, 6 skipped" in page
    assert page.count("class='bar skipped'") >= 2  # in the run's bar and in the users area
    assert "<span class='n skipped'>6 skipped</span>" in page


def test_a_percentage_is_never_rounded_up_to_100() -> None:
    assert history_charts.percent(999, 1000) == "99.9%"
    assert history_charts.percent(1999, 2000) == "99.9%"
    assert history_charts.percent(2, 3) == "66%"
    assert history_charts.percent(8, 8) == "100%"
    assert history_charts.percent(0, 0) == "–"
    assert run_history.executed_rate({"passed": 8, "failed": 0, "skipped": 17}) == "100%"
    assert run_history.executed_rate({"passed": 0, "failed": 0, "skipped": 17}) == ""


def test_keep_trims_the_oldest_runs(tmp_path: Path) -> None:
    history = tmp_path / "history"
    outputs = [robot_run(tmp_path, f"run{index}", str(index), True) for index in range(3)]
    for output in outputs:
        run_history.add(output, history, output.stem, keep=2)
    assert [run["label"] for run in run_history.load(history)] == ["run1", "run2"]


def test_the_command_line_stays_as_the_project_tests_and_ci_call_it(tmp_path: Path) -> None:
    output = robot_run(tmp_path, "one", "40", True)
    history, page = tmp_path / "history", tmp_path / "page.html"
    assert run_history.main(["add", str(output), "--label", "#7", "--history", str(history), "--keep", "5",
                             "--render"]) == 0
    assert (history / "dashboard.html").exists()
    assert run_history.main(["render", "--history", str(history), "--output", str(page)]) == 0
    assert "Latest run: #1 (#7)" in page.read_text(encoding="utf-8")
    assert run_history.main(["add", str(tmp_path / "missing.xml"), "--history", str(history)]) == 2


def test_entries_written_before_start_sources_still_render(tmp_path: Path) -> None:
    history = tmp_path / "history"
    history.mkdir()
    old = {"id": "dbf19e88d9059115", "started": "", "label": "3 shards", "seconds": 10.0,
           "totals": {"passed": 29, "failed": 0, "skipped": 0}, "tags": {"auth": {"passed": 6, "failed": 0, "skipped": 0}},
           "tests": [{"name": "A.B", "status": "PASS", "seconds": 0.5}], "performance": {}}
    (history / "runs.jsonl").write_text(json.dumps(old) + "\n", encoding="utf-8")
    page = run_history.render(history).read_text(encoding="utf-8")
    assert "Latest run: #1 (3 shards)" in page and "no start time" in page


def test_a_history_without_performance_figures_says_so(tmp_path: Path) -> None:
    history = tmp_path / "history"
    history.mkdir()
    page = run_history.render(history).read_text(encoding="utf-8")
    assert "No percentile figures in these runs" in page
