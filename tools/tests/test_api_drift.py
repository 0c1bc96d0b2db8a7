"""The API drift test (suites/01_infrastructure/api_drift.robot) against the reference service:
green on a correct service, failing and naming the route when a defect removes one, skipped when
the deployment hides its OpenAPI document."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from robot.api import ExecutionResult


from tools.tests.reference import reference_service
from tools import ROOT

DRIFT_TEST = "Deployment Still Offers Every Contract Route"
REMOVED = "POST /api/v1/roles/permissions/check-bulk (§7) is not offered at all"


def run_drift_test(tmp_path: Path, service_env: dict[str, str]) -> tuple[str, str]:
    """Start the reference service with ``service_env`` added, run the drift test (with the root
    suite's preflight) and return its status and message."""
    with reference_service(service_env) as service:
        output = tmp_path / "output.xml"
        subprocess.run(
            [sys.executable, "-m", "robot", "--test", DRIFT_TEST, "--output", str(output),
             "--log", "NONE", "--report", "NONE", "--console", "none", "suites"],
            cwd=ROOT, env={**os.environ, **service.suite_environment}, check=False, timeout=120,
        )
    tests = list(ExecutionResult(str(output)).suite.all_tests)
    assert [test.name for test in tests] == [DRIFT_TEST]
    return tests[0].status, tests[0].message


def test_drift_test_fails_and_names_the_route_a_defect_removed(tmp_path: Path) -> None:
    status, message = run_drift_test(tmp_path, {"PERMISO_DEFECTS": "permissions-check-bulk-removed"})
    assert status == "FAIL"
    assert REMOVED in message
    assert "no longer offers 1 contract route(s)" in message


def test_drift_test_passes_on_the_reference_service(tmp_path: Path) -> None:
    assert run_drift_test(tmp_path, {}) == ("PASS", "")


def test_drift_test_skips_when_the_document_is_hidden(tmp_path: Path) -> None:
    status, message = run_drift_test(tmp_path, {"PERMISO_ENABLE_DOCS": "false"})
    assert status == "SKIP"
    assert "hides its OpenAPI document (GET /openapi.json answered 404)" in message
