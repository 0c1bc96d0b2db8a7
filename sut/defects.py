"""Registry of deliberate defects (for checking that the suite catches them).

A defect is switched on by naming it in ``PERMISO_DEFECTS`` (comma-separated). Normal code asks
:func:`active` at one hook point per defect; with the variable unset nothing changes. To add a
defect: its name to :data:`KNOWN` and one ``if defects.active(...)`` check.
"""

from __future__ import annotations

from sut.config import Settings

KNOWN: dict[str, str] = {
    "permissions-check-bulk-removed": "POST /api/v1/roles/permissions/check-bulk is not served and is "
    "missing from the OpenAPI document (API drift, contract §7)",
}
"""name -> what the defect breaks."""

_settings: Settings | None = None


def check_names(names: tuple[str, ...]) -> None:
    """Raise ValueError naming the unknown defects and listing the known ones."""
    bad = [name for name in names if name not in KNOWN]
    if bad:
        known = ", ".join(KNOWN) or "none are defined"
        raise ValueError(f"PERMISO_DEFECTS: unknown defect(s) {', '.join(bad)}; known: {known}")


def configure(settings: Settings) -> None:
    """Remember the settings of the running app (called by :func:`sut.app.create_app`)."""
    global _settings
    _settings = settings


def active(name: str, settings: Settings | None = None) -> bool:
    """True when the defect ``name`` is switched on in the given (or configured) settings."""
    current = settings or _settings
    return current is not None and name in current.defects
