"""The variable file variables/config.py: precedence, types, errors, docs kept in step."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from robot.api.types import Secret

ROOT = Path(__file__).resolve().parent.parent.parent

import config


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


def test_the_configuration_reference_and_env_example_are_generated_from_the_settings():
    import subprocess

    completed = subprocess.run([sys.executable, "-m", "tools.build.config_docs", "--check"],
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for setting in config.SETTINGS:
        assert f"# {setting.name}={setting.default}\n" in example, setting.name
        assert f"| `{setting.name}`" in reference, setting.name


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


def test_a_misspelt_dotenv_key_of_ours_names_the_nearest_setting():
    with pytest.raises(config.ConfigurationError, match="sets PERMISO_BASEURL, which is not a setting of the "
                                                         "suite: did you mean PERMISO_BASE_URL"):
        config.load(environ={}, dotenv={"PERMISO_BASEURL": "https://staging.example.com"})
    with pytest.raises(config.ConfigurationError, match="PERF_AUTH_TRESHOLD_MS.*did you mean PERF_AUTH_THRESHOLD_MS"):
        config.load(environ={}, dotenv={"PERF_AUTH_TRESHOLD_MS": "300"})
    # Keys that are not the suite's own are none of its business.
    config.load(environ={}, dotenv={"DOCKER_TLS_VERIFY": "1", "HTTP_PROXY": "x", "PERMISO_VARIANTS": "all"})


def test_a_deployment_needs_every_credential_and_names_the_missing_ones():
    deployment = {"PERMISO_BASE_URL": "https://staging.example.com", "TEST_ADMIN_PASSWORD": "x"}
    with pytest.raises(config.ConfigurationError) as error:
        config.load(environ={}, dotenv=deployment)
    assert str(error.value) == (
        "the target is a deployment, but TEST_ADMIN_USERNAME, TEST_USER_USERNAME, TEST_USER_PASSWORD, "
        "TEST_CLIENT_ID, TEST_CLIENT_SECRET are not set (environment or .env): the reference service's "
        "accounts are never tried against a deployment")
    given = {name: "v" for name in config.CREDENTIALS}
    assert config.load(environ=given, dotenv=deployment)["CONFIG_SOURCES"]["TEST_ADMIN_PASSWORD"] == "environment"
    # The project's own target (embedded service, container stack) has the default accounts.
    started = {"PERMISO_BASE_URL": "http://127.0.0.1:4000", config.EMBEDDED_TARGET_MARK: "http://127.0.0.1:4000"}
    assert config.load(environ=started, dotenv={})["CONFIG_SOURCES"]["PERMISO_BASE_URL"] == "environment"
    with pytest.raises(config.ConfigurationError, match="TEST_ADMIN_USERNAME"):
        config.load(environ={**started, "PERMISO_BASE_URL": "http://127.0.0.1:4001"}, dotenv={})


def test_sources_say_where_each_value_came_from():
    where = config.load(environ={"TEST_RETRY_DELAY": "2"}, dotenv={"TEST_RETRY_ATTEMPTS": "1"})["CONFIG_SOURCES"]
    assert (where["TEST_RETRY_DELAY"], where["TEST_RETRY_ATTEMPTS"], where["TEST_TIMEOUT_SECONDS"]) == (
        "environment", ".env", "default")
