"""Every environment variable the reference service reads is documented in docs/reference-service.md."""

from pathlib import Path

from sut.config import _ENV as ENV_NAMES  # the table of names the service reads

README = Path(__file__).resolve().parents[2] / "docs" / "reference-service.md"


def test_every_service_variable_is_in_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    missing = [names[0] for names, _parser in ENV_NAMES.values() if f"`{names[0]}`" not in readme]
    assert not missing, f"variables of sut/config.py missing from docs/reference-service.md: {missing}"
