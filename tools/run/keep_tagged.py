"""A Robot pre-run modifier that keeps only the tests with one tag.

Robot applies pre-run modifiers before ``--include``, ``--exclude``, ``--test`` and ``--suite``,
so the user's own selection still narrows the result: the runner's second run (the
dependency-fault tests alone) is "these tests, within what the user asked for", where adding
``--include`` would have widened the user's selection instead::

    robot --pythonpath . --prerunmodifier tools.run.keep_tagged.KeepTagged:dependency-faults suites
"""

from __future__ import annotations

from robot.api import SuiteVisitor
from robot.running import TestSuite


class KeepTagged(SuiteVisitor):
    """Removes every test without ``tag`` (Robot's tag patterns allowed) and every suite left empty."""

    def __init__(self, tag: str) -> None:
        self.tag = tag

    def start_suite(self, suite: TestSuite) -> None:
        """Drop the suite's own tests that lack the tag."""
        suite.tests = [test for test in suite.tests if test.tags.match(self.tag)]

    def end_suite(self, suite: TestSuite) -> None:
        """Drop child suites left without tests."""
        suite.suites = [child for child in suite.suites if child.test_count > 0]

    def visit_test(self, test: object) -> None:
        """Tests need no visit."""
