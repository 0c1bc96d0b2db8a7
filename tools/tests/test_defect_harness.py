"""The defect harness's pure parts: test selection, verdicts, the JSON and HTML reports, the map."""

import json
from pathlib import Path

import pytest


from tools.checks import defect_harness as harness
from tools.checks import defect_map
from sut import defects
from tools import ROOT

LOGOUT = "02 Auth.Logout.Logout Revokes The Access Token"


def test_names_and_patterns() -> None:
    assert harness.full_name(LOGOUT) == f"Permiso Acceptance.{LOGOUT}"
    assert harness.short_name(harness.full_name(LOGOUT)) == LOGOUT
    assert harness.test_pattern("07 Admin.X.What? *Now* [1]") == "Permiso Acceptance.07 Admin.X.What[?] [*]Now[*] [[]1]"
    assert harness.suite_file(LOGOUT) == "logout.robot"
    assert harness.suite_file("05 Service Clients.Admin Management.T") == "admin_management.robot"


def test_robot_command_selects_exactly_the_tests(tmp_path: Path) -> None:
    command = harness.robot_command([LOGOUT, LOGOUT, "01 Infrastructure.Health.H"], tmp_path)
    assert command.count("--test") == 2
    assert command[command.index("--parseinclude") + 1] == "health.robot"
    assert command[-1].endswith("suites")
    assert "--outputdir" in command and str(tmp_path) in command


def _verdict(name: str, status: str) -> harness.verdicts.Verdict:
    return harness.verdicts.Verdict(harness.full_name(name), status, "")


def test_outcome_and_judgement() -> None:
    run = {v.name: v for v in (_verdict("A.B.one", "FAIL"), _verdict("A.B.two", "PASS"), _verdict("A.B.three", "FAIL"))}
    outcome = harness.outcome_of(run, ["A.B.one", "A.B.two", "A.B.gone"])
    assert outcome.failed == {"A.B.one", "A.B.three"}
    assert outcome.missing == {"A.B.gone"}
    result = harness.judge("logout-keeps-token", ["A.B.one", "A.B.two", "A.B.gone"], outcome, clean_failures=set())
    assert result.caught_by == ["A.B.one"]  # A.B.three was not expected to catch it
    assert result.area == "auth"
    assert harness.judge("logout-keeps-token", ["A.B.one"], outcome, clean_failures={"A.B.one"}).caught is False


def test_report_shape_and_tally() -> None:
    caught = harness.DefectResult("a", "what a breaks", "auth", ["T.x"], caught_by=["T.x"])
    missed = harness.DefectResult("b", "what b breaks", "users", ["T.y"])
    data = harness.report([caught, missed], {"T.z"})
    assert json.loads(json.dumps(data)) == {
        "defects": [
            {"name": "a", "description": "what a breaks", "expected_by": ["T.x"], "caught_by": ["T.x"]},
            {"name": "b", "description": "what b breaks", "expected_by": ["T.y"], "caught_by": []},
        ],
        "clean_failures": 1,
    }
    assert harness.tally([caught, missed], set()) == (2, 1)
    assert harness.tally([caught], {"T.z"}) == (1, 1)


def test_html_report_names_what_was_not_caught() -> None:
    caught = harness.DefectResult("a", "breaks <a>", "auth", ["T.x", "T.w"], caught_by=["T.x"])
    missed = harness.DefectResult("b", "breaks b", "users", ["T.y"], missing=["T.y"])
    page = harness.html_report([caught, missed], set(), 12.0)
    assert "1 of 2" in page and "NOT CAUGHT" in page and "breaks &lt;a&gt;" in page
    assert "expected but passed: T.w" in page and "no such test: T.y" in page


def test_clean_chunks_keep_suites_together() -> None:
    tests = [f"S.{suite}.t{i}" for suite in "abcdefgh" for i in range(3)] + ["S.big.t1", "S.big.t2"]
    chunks = harness.clean_chunks(tests, 3)
    assert len(chunks) == 3
    assert sorted(t for chunk in chunks for t in chunk) == sorted(set(tests))
    for chunk in chunks:
        suites = {t.rsplit(".", 1)[0] for t in chunk}
        assert all(t.rsplit(".", 1)[0] not in suites for other in chunks if other is not chunk for t in other)


def test_each_harness_service_has_its_defect_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REDIS_URL", "redis://elsewhere:6379/0")
    monkeypatch.setenv("PERMISO_VARIANTS", "all")
    values = harness.config.load({}, {})
    env = harness.harness_service(values, tmp_path, "lockout-missing").environment
    assert env["PERMISO_DEFECTS"] == "lockout-missing"
    assert env["PERMISO_LOCKOUT_SECONDS"] == harness.EmbeddedTarget.TEST_LOCKOUT_SECONDS
    assert env["DATABASE_URL"] == env["PERMISO_DATABASE_URL"] == f"sqlite:///{tmp_path / 'permiso.db'}"
    assert "REDIS_URL" not in env and "PERMISO_VARIANTS" not in env
    assert "PERMISO_DEFECTS" not in harness.harness_service(values, tmp_path, None).environment


def test_unknown_defect_names_stop_the_harness() -> None:
    with pytest.raises(SystemExit, match="no-such-defect"):
        harness.chosen_defects(["no-such-defect"])
    stack_only = set(defects.AREAS[harness.STACK_AREA])
    assert harness.chosen_defects(None) == [name for name in defects.KNOWN if name not in stack_only]
    assert set(harness.chosen_defects(None, stack=True)) == stack_only
    with pytest.raises(SystemExit, match="--stack docker"):
        harness.chosen_defects(["revocation-fails-open"])


def test_the_map_covers_every_defect_with_existing_tests() -> None:
    """Every defect has expected tests, and each one exists in the suites (a rename shows here)."""
    from robot.api import TestSuiteBuilder

    assert set(defect_map.DEFECT_MAP) == set(defects.KNOWN)
    suite = TestSuiteBuilder().build(str(ROOT / "suites"))
    existing = set()

    def visit(node) -> None:
        existing.update(harness.short_name(test.full_name) for test in node.tests)
        for child in node.suites:
            visit(child)

    visit(suite)
    unknown = sorted(test for tests in defect_map.DEFECT_MAP.values() for test in tests if test not in existing)
    assert not unknown, f"mapped tests that no suite has: {unknown}"
    assert all(defect_map.DEFECT_MAP.values())
