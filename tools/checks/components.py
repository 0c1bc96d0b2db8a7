"""What the project's own tests do when a component that the test command installs and starts
(PostgreSQL, Redis, the private Docker engine, nginx, Chromium) cannot be used.

Such a test must never pass by skipping: under ``CI`` (any value but ``false``/``0``) and
whenever ``PERMISO_SELFTEST_STRICT`` is ``1`` (``./run-project-tests.sh`` sets it unless it is
given ``--lenient``) it **fails** with one line naming the component and why; otherwise (a
developer running one pytest file on a machine without the component) it is skipped with that
same line as the reason. A skip for a reason outside the project (a deployment without HTTPS,
say) stays an ordinary ``pytest.skip``.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest

STRICT_VARIABLE = "PERMISO_SELFTEST_STRICT"
_OFF = {"", "0", "false", "no", "off"}


def strict() -> bool:
    """True where an unavailable component fails the test instead of skipping it."""
    return (os.environ.get("CI", "").strip().lower() not in _OFF
            or os.environ.get(STRICT_VARIABLE, "").strip().lower() not in _OFF)


def unavailable_message(component: str, reason: str) -> str:
    """``<component> could not be started: <reason>`` on one line."""
    first_line = (str(reason).strip().splitlines() or ["no reason given"])[0]
    return f"{component} could not be started: {first_line}"


def unavailable(component: str, reason: str) -> NoReturn:
    """Fail (strict) or skip the current test: ``component`` could not be used."""
    message = unavailable_message(component, reason)
    if strict():
        pytest.fail(f"{message} (the test command installs it, so this fails instead of skipping)", pytrace=False)
    pytest.skip(message)
