"""Put the tests of a second Robot run into the output of the first, where they belong.

The runner runs the dependency-fault tests alone, after the parallel run of every other test
(they stop containers the other tests need). Their results go back into the main
``output.xml`` at their place in the suite tree (``Permiso Acceptance.01 Infrastructure.
Dependency Faults``), so the report and the log read as one run. Unlike ``rebot --merge`` this
adds no "added from merged output" message to each test.

Python use::

    graft_results(Path("results/output.xml"), Path("results/faults/output.xml"))
"""

from __future__ import annotations

from pathlib import Path

from robot.api import ExecutionResult
from robot.result import TestSuite


def _child(parent: TestSuite, name: str) -> TestSuite | None:
    return next((suite for suite in parent.suites if suite.name == name), None)


def _graft_suite(target: TestSuite, source: TestSuite) -> int:
    """Move the tests and child suites of ``source`` into ``target``; return the test count."""
    moved = 0
    for test in list(source.tests):
        target.tests.append(test)
        moved += 1
    for child in list(source.suites):
        if child.test_count == 0:
            continue
        existing = _child(target, child.name)
        if existing is None:
            target.suites.append(child)
            moved += child.test_count
        else:
            moved += _graft_suite(existing, child)
    return moved


def graft_results(main_output: Path, extra_output: Path) -> int:
    """Add every test of ``extra_output`` to ``main_output`` (rewritten in place) under the
    suite of the same name path; return how many tests moved. The root suites must have the
    same name (both runs use the runner's ``--name``)."""
    main = ExecutionResult(str(main_output))
    extra = ExecutionResult(str(extra_output))
    if main.suite.name != extra.suite.name:
        raise ValueError(f"cannot graft '{extra.suite.name}' into '{main.suite.name}': the root suites differ")
    moved = _graft_suite(main.suite, extra.suite)
    if moved:
        main.save()
    return moved
