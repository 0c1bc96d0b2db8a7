"""The reference service for the tools' tests: started at the test profile (as the runner
starts it), with only the settings a test asks for, and always stopped."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "variables"), str(ROOT / "libraries")]

import config  # noqa: E402 - variables/config.py
import EmbeddedTarget  # noqa: E402 - libraries/EmbeddedTarget.py

SWITCHES = ("PERMISO_DEFECTS", "PERMISO_VARIANTS", "PERMISO_DEGRADE")


@contextlib.contextmanager
def reference_service(settings: dict[str, str] | None = None) -> Iterator[EmbeddedTarget.ReferenceService]:
    """A running reference service with ``settings`` (``PERMISO_DEFECTS``…) and none of the
    caller's defects, variants or degradations; its ``suite_environment`` is what a robot run
    against it needs."""
    inherited = {key: value for key, value in os.environ.items() if key not in SWITCHES}
    service = EmbeddedTarget.ReferenceService("test", config.load(environ={}, dotenv={}), settings,
                                              inherited=inherited)
    service.start()
    try:
        yield service
    finally:
        service.stop()
