"""The report and the log as a stakeholder opens them: a real run of two tests of the suite
against the reference service with one route broken (one test passes, one fails), rendered by
offline headless Chromium. The report must show the short metadata (target and its kind, run
start, suite version) and the counts; the log must show the failed test with the message that
says what broke; neither may show a configured secret.

Without Chromium the test fails under ``CI`` and in ``./run-project-tests.sh`` and skips
elsewhere (``tools/checks/components.py``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


from tools.report import render_page
from tools.tests.reference import reference_service
from tools.checks import components
from tools import ROOT

BROKEN = "GET:/api/v1/admin/reports/usage=500"
FAILING = "Admin Gets 200 On GET /api/v1/admin/reports/usage"
PASSING = "Health Endpoint Reports A Healthy Service"
MESSAGE = "answered 500 (the server failed: internal_error), expected 200"


def visible_text(dom: str) -> str:
    """The text of a serialized DOM, scripts and styles left out, whitespace collapsed."""
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    return " ".join(re.sub(r"<[^>]+>", " ", dom).split())


@pytest.fixture(scope="module")
def run_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """report.html and log.html of the two tests against a service whose usage report is broken."""
    if render_page.chromium() is None:
        components.unavailable("Chromium", "not installed (Debian package 'chromium'; tools/venv.sh installs it)")
    outdir = tmp_path_factory.mktemp("run")
    with reference_service({"PERMISO_DEGRADE": BROKEN}) as service:
        environment = {**os.environ, **service.suite_environment,
                       "PERMISO_TARGET_KIND": "embedded reference service, test profile",
                       "PERMISO_RATE_BUDGET_DIR": str(outdir / "rate-budget")}
        subprocess.run([sys.executable, "-m", "robot", "-A", "variables/robot.args", "--outputdir", str(outdir),
                        "--console", "none", "--test", f"*.{FAILING}", "--test", f"*.{PASSING}", "suites"],
                       cwd=ROOT, env=environment, check=False, timeout=300)
    assert (outdir / "report.html").exists() and (outdir / "log.html").exists()
    return outdir


def test_the_report_shows_the_target_and_the_counts(run_outputs: Path) -> None:
    text = visible_text(render_page.dump_dom(run_outputs / "report.html"))
    assert "Permiso Acceptance Report" in text
    assert re.search(r"Target: http://127\.0\.0\.1:\d+ \(embedded reference service, test profile\)", text), text[:2000]
    for label in ("Run started:", "Suite version:", "Target version:"):
        assert label in text
    assert "Configuration:" not in text  # the whole configuration is in the log, not the summary
    assert "Status: 1 test failed" in text
    assert "All Tests 2 1 1 0" in text  # total, passed, failed, skipped


def failed_test_id(outdir: Path) -> str:
    """The log's id of the failed test (``s1-s2-…-t1``), as the report links to it."""
    from robot.api import ExecutionResult  # noqa: PLC0415

    return next(test.id for test in ExecutionResult(str(outdir / "output.xml")).suite.all_tests if test.failed)


def test_the_log_opened_at_the_failed_test_shows_what_broke(run_outputs: Path, tmp_path: Path) -> None:
    # The report links a failed test to log.html#<id>; Chromium needs a page, not a fragment,
    # so a copy of the log opens it from its own script.
    target = tmp_path / "log.html"
    page = (run_outputs / "log.html").read_text(encoding="utf-8")
    opener = f"<script>window.location.hash = '{failed_test_id(run_outputs)}';</script></body>"
    target.write_text(page.replace("</body>", opener), encoding="utf-8")
    text = visible_text(render_page.dump_dom(target))
    assert FAILING in text
    assert f"The admin calling GET /api/v1/admin/reports/usage {MESSAGE}" in text
    setup = (run_outputs / "output.xml").read_text(encoding="utf-8")
    assert "Configuration (value, and where it came from)" in setup  # the root suite logs it


def test_no_configured_secret_reaches_the_rendered_pages(run_outputs: Path) -> None:
    from robot.api.types import Secret  # noqa: F401 - the configuration's secrets are Secret values

    import config

    secrets = [getattr(value, "value", "") for name, value in config.load({}, {}).items() if name in config.SECRET_NAMES]
    for page in ("report.html", "log.html"):
        dom = render_page.dump_dom(run_outputs / page)
        leaked = [secret for secret in secrets if secret and secret in dom]
        assert not leaked, f"{page} shows a configured secret"


def test_screenshots_of_report_and_log_are_taken(run_outputs: Path, tmp_path: Path) -> None:
    for page in ("report.html", "log.html"):
        png = render_page.screenshot(run_outputs / page, tmp_path / f"{page}.png", height=1200)
        assert png.stat().st_size > 10_000  # a page with content, not a blank one
