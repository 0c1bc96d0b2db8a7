"""The acceptance runner passes the user's options through, taking over only its own."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import run_acceptance  # noqa: E402 - tools/ is not a package


def test_take_option_removes_both_spellings_and_keeps_the_last() -> None:
    args = ["--include", "smoke", "--outputdir", "a", "--processes=3", "-d", "b"]
    assert run_acceptance.take_option(args, "--outputdir", "-d") == "b"
    assert run_acceptance.take_option(args, "--processes") == "3"
    assert args == ["--include", "smoke"]


def test_take_option_without_the_option_changes_nothing() -> None:
    args = ["--exclude", "slow"]
    assert run_acceptance.take_option(args, "--processes") is None
    assert args == ["--exclude", "slow"]


def test_user_processes_and_outputdir_reach_pabot_once(tmp_path: Path) -> None:
    values = {"PERMISO_BASE_URL": "http://127.0.0.1:1", "SUITE_VERSION": "0"}
    command = run_acceptance.pabot_command(values, "1.0", True, ["--processes", "5", "--include", "smoke"], tmp_path)
    assert command.count("--processes") == 1 and command[command.index("--processes") + 1] == "5"
    assert command[command.index("--outputdir") + 1] == str(tmp_path)
    assert command[-3:] == ["--include", "smoke", str(run_acceptance.ROOT / "suites")]


def test_embedded_service_gets_defects_variants_and_degrade(monkeypatch) -> None:
    from robot.api.types import Secret

    for name, value in (("PERMISO_DEFECTS", "a"), ("PERMISO_VARIANTS", "b,c"), ("PERMISO_DEGRADE", "d")):
        monkeypatch.setenv(name, value)
    values = {
        "MAX_LOGIN_ATTEMPTS": 5, "TOKEN_ISSUER": "i", "TOKEN_AUDIENCE": "a",
        "TEST_ADMIN_USERNAME": "admin", "TEST_ADMIN_PASSWORD": Secret("p"), "TEST_ADMIN_EMAIL": "a@x",
        "TEST_USER_USERNAME": "u", "TEST_USER_PASSWORD": Secret("q"), "TEST_USER_EMAIL": "u@x",
        "TEST_CLIENT_ID": "c", "TEST_CLIENT_SECRET": Secret("s"),
    }
    env = run_acceptance.embedded_environment("k" * 20, values)
    assert (env["PERMISO_DEFECTS"], env["PERMISO_VARIANTS"], env["PERMISO_DEGRADE"]) == ("a", "b,c", "d")
