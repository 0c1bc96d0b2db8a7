"""The variable file variables/config.py: precedence, types, errors, docs kept in step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from robot.api.types import Secret

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "variables"))

import config  # noqa: E402


def test_defaults_match_the_reference_service():
    values = config.load(environ={}, dotenv={})
    assert values["PERMISO_BASE_URL"] == "http://127.0.0.1:8000"
    assert values["TEST_TIMEOUT_SECONDS"] == 30 and values["TEST_VERIFY_SSL"] is False
    assert isinstance(values["TEST_ADMIN_PASSWORD"], Secret)
    assert values["TEST_ADMIN_PASSWORD"].value == "AdminPass123!"
    assert values["TOKEN_SIGNING_KEY"].value == ""
    assert values["USERS_PATH"] == "/api/v1/users"
    assert values["ROLES_PATH"] == "/api/v1/roles/"
    assert values["SCOPES_PATH"] == "/api/v1/roles/scopes/"
    assert values["SERVICE_CLIENTS_PATH"] == "/api/v1/service-clients/"
    assert values["SESSIONS_PATH"] == "/api/v1/sessions/"
    assert values["HEALTH_PATH"] == "/health"


def test_environment_beats_dotenv_beats_default():
    values = config.load(
        environ={"TEST_RETRY_ATTEMPTS": "7"},
        dotenv={"TEST_RETRY_ATTEMPTS": "5", "TEST_RETRY_DELAY": "4", "PERMISO_API_BASE": "/v2/"},
    )
    assert values["TEST_RETRY_ATTEMPTS"] == 7
    assert values["TEST_RETRY_DELAY"] == 4
    assert values["AUTH_TOKEN_PATH"] == "/v2/auth/token"


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("PERF_AUTH_THRESHOLD_MS", "fast",
         "PERF_AUTH_THRESHOLD_MS must be a whole number of milliseconds, got 'fast'"),
        ("TEST_VERIFY_SSL", "maybe", "TEST_VERIFY_SSL must be true or false"),
        ("PERMISO_BASE_URL", "localhost:8000", "PERMISO_BASE_URL must be an http:// or https:// URL"),
    ],
)
def test_bad_values_name_the_variable(name, raw, message):
    with pytest.raises(config.ConfigurationError, match=message.replace("?", r"\?")):
        config.load(environ={name: raw}, dotenv={})


def test_robot_entry_point_reports_errors_instead_of_raising(monkeypatch):
    monkeypatch.setenv("TEST_TIMEOUT_SECONDS", "soon")
    values = config.get_variables()
    assert "TEST_TIMEOUT_SECONDS must be a whole number of seconds" in values["CONFIG_ERROR"]


def test_dotenv_parser():
    parsed = config.parse_dotenv(
        "# comment\n\nexport A=1\nB = 'x # y'\nC=\"q\\\"r\"\nD=plain # trailing\nE=\n"
    )
    assert parsed == {"A": "1", "B": "x # y", "C": 'q"r', "D": "plain", "E": ""}
    with pytest.raises(config.ConfigurationError, match="line 1"):
        config.parse_dotenv("not a setting")


def test_summary_hides_secrets():
    summary = config.summary(config.load(environ={}, dotenv={}))
    assert summary["TEST_ADMIN_PASSWORD"] == "<set>" and summary["TOKEN_SIGNING_KEY"] == "<empty>"
    assert "AdminPass123!" not in repr(summary)


def test_every_variable_is_documented():
    docs = (ROOT / "README.md").read_text(encoding="utf-8")
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in docs, setting.name
        assert f"# {setting.name}={setting.default}\n" in example, setting.name


def test_dotenv_parser_reads_what_python_dotenv_reads():
    parsed = config.parse_dotenv('M="line 1\nline 2"\nT="a\\tb"\nexport  U=${HOME}\nV=x#not-a-comment\n')
    assert parsed == {"M": "line 1\nline 2", "T": "a\tb", "U": "${HOME}", "V": "x#not-a-comment"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("A=1\n\nB='open\n", ".env line 3: B has an unclosed ' quote"),
        ('A="open\n', '.env line 1: A has an unclosed " quote'),
        ("A=1\nJUSTAKEY\n", ".env line 2 is not KEY=VALUE: 'JUSTAKEY'"),
        ("1A=x\n", ".env line 1 is not KEY=VALUE: '1A'"),
        ("# c\nnot a setting\n", ".env line 2 is not KEY=VALUE: 'not a setting'"),
    ],
)
def test_dotenv_errors_name_the_line(text, message):
    with pytest.raises(config.ConfigurationError) as error:
        config.parse_dotenv(text)
    assert str(error.value) == message


def test_read_dotenv_reads_a_file_and_tolerates_its_absence(tmp_path):
    dotenv = tmp_path / ".env"
    assert config.read_dotenv(dotenv) == {}
    dotenv.write_text("PERMISO_BASE_URL=http://h:1\n", encoding="utf-8")
    assert config.read_dotenv(dotenv) == {"PERMISO_BASE_URL": "http://h:1"}
