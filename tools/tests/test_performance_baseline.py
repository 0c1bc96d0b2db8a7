"""The performance baseline (suites/09_performance/response_times.robot): figures saved from a
clean reference service, then a service with the ``slow-health`` defect (150 ms more per health
check) fails the comparison, naming both figures, although the threshold alone would let it
pass. Also the pure parts of libraries/PerformanceSupport.py."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from robot.api import ExecutionResult


import PerformanceSupport as perf
from tools.tests.reference import reference_service
from tools import ROOT

HEALTH_TEST = "Health Checks Answer Within The Health Threshold"


def run_health_test(tmp_path: Path, service_env: dict[str, str], *variables: str) -> tuple[str, str]:
    """Start the reference service with ``service_env``, run the health performance test with
    the given ``NAME:value`` variables and return its status and message."""
    output = tmp_path / f"output-{secrets.token_hex(4)}.xml"
    with reference_service(service_env) as service:
        options = [part for variable in variables for part in ("--variable", variable)]
        subprocess.run(
            [sys.executable, "-m", "robot", "--test", HEALTH_TEST, *options, "--output", str(output),
             "--log", "NONE", "--report", "NONE", "--console", "none", "suites/09_performance"],
            cwd=ROOT, env={**os.environ, **service.suite_environment}, check=False, timeout=120,
        )
    tests = list(ExecutionResult(str(output)).suite.all_tests)
    assert [test.name for test in tests] == [HEALTH_TEST]
    return tests[0].status, tests[0].message


def test_baseline_comparison_fails_on_a_slower_health_check(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    # A generous threshold: only the baseline can catch the slowdown; a generous tolerance: a
    # busy machine's noise on a few milliseconds does not fail the clean comparison.
    common = (f"PERF_BASELINE_FILE:{baseline}", "PERF_HEALTH_THRESHOLD_MS:5000", "PERF_SAMPLES:15",
              "PERF_BASELINE_TOLERANCE:200")
    status, message = run_health_test(tmp_path, {}, *common, "PERF_BASELINE_MODE:save")
    assert status == "PASS", message
    saved = json.loads(baseline.read_text(encoding="utf-8"))["health"]
    assert saved["samples"] == 15 and saved["p95"] < 50

    status, message = run_health_test(tmp_path, {}, *common)
    assert status == "PASS", message
    assert "health baseline: p50=" in message

    status, message = run_health_test(tmp_path, {"PERMISO_DEFECTS": "slow-health"}, *common)
    assert status == "FAIL"
    assert f"health p95 grew from {saved['p95']:g} ms (baseline)" in message
    assert "more than the 200 % allowed" in message


def test_percentiles_interpolate_like_numpy() -> None:
    values = [float(n) for n in range(1, 21)]
    assert perf.percentile(values, 50) == 10.5
    assert perf.percentile(values, 95) == pytest.approx(19.05)
    assert perf.summarize([3.0, 1.0, 2.0]) == {"samples": 3, "min": 1.0, "p50": 2.0, "p95": 2.9, "max": 3.0}
    assert perf.figures({"p50": 12.3, "p95": 20.0}) == "p50=12.3 ms p95=20 ms"


def test_baseline_tolerance() -> None:
    assert perf.baseline_problem("auth", 14.9, {"p95": 10}, 50) is None
    assert "grew from 10 ms (baseline) to 15.1 ms" in perf.baseline_problem("auth", 15.1, {"p95": 10}, 50)
    assert perf.baseline_problem("auth", 99.0, None, 50) is None


def test_load_problems_judge_error_rate_and_category_thresholds() -> None:
    rows = [
        {"name": "auth: POST /auth/token", "requests": 100, "failures": 2, "p50": 20, "p95": 600, "rps": 5},
        {"name": "health: GET /health", "requests": 100, "failures": 0, "p50": 2, "p95": 9, "rps": 5},
        {"name": "Aggregated", "requests": 200, "failures": 2, "p50": 5, "p95": 500, "rps": 10},
    ]
    problems = perf.load_problems(rows, {"auth": 500, "health": 100}, 0.5)
    assert problems == ["2 of 200 requests failed (1.0 %, at most 0.5 % allowed)",
                        "auth: POST /auth/token: p95 600 ms, above the auth threshold of 500 ms"]
    assert perf.load_problems(rows, {"auth": 1000, "health": 100}, 1) == []
    assert perf.load_problems([], {}, 1) == ["Locust sent no request at all"]
