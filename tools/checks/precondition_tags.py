"""The precondition tags against a real run: at the production profile of the reference service
there is no signing key, no test token, no Docker engine and no HTTPS, so every test tagged
``requires-*`` must have been skipped for that reason, and every test skipped for one of those
reasons must carry its tag (``tools/checks/project_tests.py``, production stage).
"""

from __future__ import annotations

import re
from pathlib import Path

SKIP_REASONS = {
    "requires-signing-key": r"No signing key configured",
    "requires-docker": r"set DOCKER_HOST|Dependency faults are not allowed|Dependency faults never run beside",
    "requires-https": r"No HTTPS endpoint configured",
    "requires-test-tokens": r"hands out no one-time token",
}
"""Precondition tag → what the message of a test skipped for want of it says."""


def problems(output: Path) -> list[str]:
    """What is wrong with the precondition tags of a production-profile run's tests."""
    from robot.api import ExecutionResult  # noqa: PLC0415 - the venv has Robot

    found = []
    for test in ExecutionResult(str(output)).suite.all_tests:
        for tag, reason in SKIP_REASONS.items():
            skipped_for_it = test.status == "SKIP" and re.search(reason, test.message)
            if skipped_for_it and tag not in test.tags:
                found.append(f"{test.name}: skipped ({test.message[:80]}) without the tag {tag}")
            if tag in test.tags and not skipped_for_it:
                found.append(f"{test.name}: tagged {tag} but {test.status} ({test.message[:80]})")
    return found
