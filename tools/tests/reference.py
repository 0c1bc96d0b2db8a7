"""The reference service for the tools' tests: started at the test profile (as the runner
starts it), with only the settings a test asks for, and always stopped."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


import config
import EmbeddedTarget

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
