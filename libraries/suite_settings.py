"""The suite's settings as its libraries read them, in one place.

Every setting is a Robot variable (``variables/config.py``, possibly overridden with
``--variable``); a library asks this object instead of looking variables up by name itself.
Outside a Robot run (pytest, the runner) the defaults of each property apply.
"""

from __future__ import annotations

from typing import Any

from robot.api.types import Secret


def variable(name: str, default: Any = None) -> Any:
    """The value of Robot variable ``${name}``, or ``default`` outside a Robot run."""
    try:
        from robot.libraries.BuiltIn import BuiltIn, RobotNotRunningError  # noqa: PLC0415
    except ImportError:  # pragma: no cover - the venv always has Robot
        return default
    try:
        return BuiltIn().get_variable_value("${" + name + "}", default)
    except RobotNotRunningError:
        return default


class SuiteSettings:
    """Typed, read-only access to the settings the libraries need."""

    @property
    def base_url(self) -> str:
        """``PERMISO_BASE_URL`` without a trailing slash."""
        return str(variable("PERMISO_BASE_URL", "")).rstrip("/")

    @property
    def timeout(self) -> float:
        """``TEST_TIMEOUT_SECONDS``."""
        return float(variable("TEST_TIMEOUT_SECONDS", 30))

    @property
    def retry_attempts(self) -> int:
        """``TEST_RETRY_ATTEMPTS``: retries of an idempotent request after a connection error."""
        return int(variable("TEST_RETRY_ATTEMPTS", 0))

    @property
    def retry_delay(self) -> float:
        """``TEST_RETRY_DELAY`` in seconds."""
        return float(variable("TEST_RETRY_DELAY", 1))

    @property
    def verify(self) -> bool | str:
        """TLS verification: ``False``, ``True`` (system CAs) or the CA bundle of ``TEST_SSL_CERT_PATH``."""
        verify: bool | str = bool(variable("TEST_VERIFY_SSL", False))
        cert_path = variable("TEST_SSL_CERT_PATH", "")
        return str(cert_path) if verify and cert_path else verify

    def path(self, name: str) -> str:
        """An endpoint path variable (``AUTH_TOKEN_PATH``, ``USERS_PATH``…)."""
        return str(variable(name, ""))

    @property
    def admin(self) -> tuple[str, Secret]:
        """User name and password of the configured admin."""
        return str(variable("TEST_ADMIN_USERNAME", "")), variable("TEST_ADMIN_PASSWORD", Secret(""))

    @property
    def normal_user(self) -> tuple[str, Secret]:
        """User name and password of the configured normal user."""
        return str(variable("TEST_USER_USERNAME", "")), variable("TEST_USER_PASSWORD", Secret(""))

    @property
    def email_domain(self) -> str:
        """``TEST_EMAIL_DOMAIN`` without a leading ``@``."""
        return str(variable("TEST_EMAIL_DOMAIN", "example.com") or "example.com").lstrip("@")

    @property
    def output_dir(self) -> str:
        """Robot's output folder of this run."""
        return str(variable("OUTPUT_DIR", "."))

    @property
    def owner(self) -> str:
        """Who is running now: ``test SUITE.TEST``, or ``suite SUITE`` in a suite set-up or teardown."""
        test = variable("TEST_NAME")
        suite = variable("SUITE_NAME")
        return f"test {suite}.{test}" if test else f"suite {suite}"


SETTINGS = SuiteSettings()
