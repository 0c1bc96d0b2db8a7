"""pytest settings shared by every test folder of the project (``libraries/tests``,
``sut/tests``, ``tools/tests``).

A SIGTERM or SIGHUP (a CI time limit, a closed terminal) ends the run like Ctrl-C does: the
running test is interrupted, no further test starts, and pytest tears its fixtures down, so the
PostgreSQL, Redis and Docker engine the session started are stopped and their folders removed
instead of outliving the run.
"""

from __future__ import annotations

import signal
from types import FrameType

import pytest

_SESSION: list[pytest.Session] = []


def _interrupt(signum: int, _frame: FrameType | None) -> None:
    reason = f"stopped by {signal.Signals(signum).name}"
    for session in _SESSION:
        session.shouldstop = reason  # honoured even when a test swallows the interrupt
    raise KeyboardInterrupt(reason)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Turn SIGTERM and SIGHUP into an interrupt of this pytest session."""
    _SESSION[:] = [session]
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)
