"""The acceptance runner passes the user's options through, taking over only its own."""

import os
import subprocess
import sys
from pathlib import Path


from tools.run import acceptance as run_acceptance


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
    command = run_acceptance.pabot_command(values, "1.0", ["--processes", "5", "--include", "smoke"], tmp_path)
    assert command.count("--processes") == 1 and command[command.index("--processes") + 1] == "5"
    assert command[command.index("--outputdir") + 1] == str(tmp_path)
    assert command[-3:] == ["--include", "smoke", str(run_acceptance.ROOT / "suites")]


def test_embedded_service_gets_defects_variants_and_degrade(monkeypatch) -> None:
    from robot.api.types import Secret

    for name, value in (("PERMISO_DEFECTS", "a"), ("PERMISO_VARIANTS", "b,c"), ("PERMISO_DEGRADE", "d"),
                        ("PERMISO_LOCKOUT_SECONDS", "1")):
        monkeypatch.setenv(name, value)
    values = {
        "MAX_LOGIN_ATTEMPTS": 5, "TOKEN_ISSUER": "i", "TOKEN_AUDIENCE": "a",
        "TEST_ADMIN_USERNAME": "admin", "TEST_ADMIN_PASSWORD": Secret("p"), "TEST_ADMIN_EMAIL": "a@x",
        "TEST_USER_USERNAME": "u", "TEST_USER_PASSWORD": Secret("q"), "TEST_USER_EMAIL": "u@x",
        "TEST_CLIENT_ID": "c", "TEST_CLIENT_SECRET": Secret("s"),
    }
    env = run_acceptance.EmbeddedTarget.service_environment("production", values, "k" * 20)
    assert (env["PERMISO_DEFECTS"], env["PERMISO_VARIANTS"], env["PERMISO_DEGRADE"]) == ("a", "b,c", "d")
    assert "PERMISO_LOCKOUT_SECONDS" not in env  # the caller's own PERMISO_* settings never leak in
    assert env["PERMISO_ADMIN_PASSWORD"] == "p" and env["PERMISO_SECRET_KEY"] == "k" * 20
    test = run_acceptance.EmbeddedTarget.service_environment("test", values, "k" * 20)
    assert test["PERMISO_LOCKOUT_SECONDS"] == "6" and test["PERMISO_TRUSTED_PROXIES"] == "127.0.0.1,::1"


def _command(extra: list[str]) -> list[str]:
    values = {"PERMISO_BASE_URL": "http://127.0.0.1:1", "SUITE_VERSION": "0"}
    return run_acceptance.pabot_command(values, "1.0", extra, Path("/tmp/out"))


def test_default_cuts_the_tests_into_one_block_per_process() -> None:
    command = _command([])
    assert command.count("--testlevelsplit") == 1 and command.count("--chunk") == 1
    assert command[command.index("--processes") + 1] == str(run_acceptance.default_processes())


def test_a_split_option_of_the_user_replaces_the_default_split() -> None:
    only_tests = _command(["--testlevelsplit"])
    assert only_tests.count("--testlevelsplit") == 1 and "--chunk" not in only_tests
    suite_chunks = _command(["--chunk"])
    assert "--testlevelsplit" not in suite_chunks and suite_chunks.count("--chunk") == 1
    ordered = _command(["--ordering=order.txt"])
    assert "--testlevelsplit" not in ordered and "--chunk" not in ordered and "--ordering=order.txt" in ordered


def test_suitelevel_selects_pabots_suite_level_and_is_not_passed_on() -> None:
    command = _command(["--suitelevel", "--include", "smoke", "--suitelevel"])
    assert not {"--testlevelsplit", "--chunk", "--suitelevel"} & set(command)
    assert command[-3:] == ["--include", "smoke", str(run_acceptance.ROOT / "suites")]


def test_default_processes_exceed_the_cores_because_tests_wait(monkeypatch) -> None:
    monkeypatch.setattr(run_acceptance.os, "cpu_count", lambda: 2)
    assert run_acceptance.default_processes() == 4
    monkeypatch.setattr(run_acceptance.os, "cpu_count", lambda: None)
    assert run_acceptance.default_processes() == 4
    monkeypatch.setattr(run_acceptance.os, "cpu_count", lambda: 8)
    assert run_acceptance.default_processes() == 16


def test_user_split_options_reach_pabot_once_and_after_the_defaults() -> None:
    command = _command(["--testlevelsplit", "--chunk", "--processes=3", "--ordering", "o.txt"])
    assert command.count("--testlevelsplit") == 1 and command.count("--chunk") == 1
    assert command.count("--processes") == 1 and command[command.index("--processes") + 1] == "3"
    assert command[-5:] == ["--testlevelsplit", "--chunk", "--ordering", "o.txt", str(run_acceptance.ROOT / "suites")]
    assert command.index("--testlevelsplit") > command.index("--argumentfile")


def test_robot_options_are_the_runners_options_without_pabot_ones() -> None:
    values = {"PERMISO_BASE_URL": "http://127.0.0.1:1", "SUITE_VERSION": "0"}
    options = run_acceptance.robot_options(values, "1.0", Path("/tmp/out"))
    command = _command([])
    assert options == command[command.index("--argumentfile"):-3]
    assert options[:2] == ["--argumentfile", str(run_acceptance.ROOT / "variables" / "robot.args")]
    assert command[-3:-1] == ["--exclude", "load"]
    assert "--processes" not in options and "--pabotlibport" not in options


def test_preflight_mark_names_the_checked_url() -> None:
    environment: dict[str, str] = {}
    run_acceptance.mark_preflight_done(environment, {"PERMISO_BASE_URL": "http://127.0.0.1:7"})
    assert environment == {run_acceptance.PREFLIGHT_MARK: "http://127.0.0.1:7"}


def _root_setup(tmp_path: Path, mark: str | None) -> tuple[str, str]:
    """Run one test against a closed port; return the root suite set-up's status and message."""
    from robot.api import ExecutionResult

    environment = {key: value for key, value in os.environ.items() if key != run_acceptance.PREFLIGHT_MARK}
    environment.update({"PERMISO_BASE_URL": "http://127.0.0.1:9", "TEST_RETRY_ATTEMPTS": "0",
                        "PERMISO_EMBEDDED_TARGET": "http://127.0.0.1:9"})  # as the runner's own target
    if mark is not None:
        environment[run_acceptance.PREFLIGHT_MARK] = mark
    subprocess.run(
        [sys.executable, "-m", "robot", "--output", str(tmp_path / "output.xml"), "--log", "NONE",
         "--report", "NONE", "--console", "none", "--variablefile", str(run_acceptance.ROOT / "variables" / "config.py"),
         "--test", "Health Endpoint Reports A Healthy Service", str(run_acceptance.ROOT / "suites")],
        env=environment, cwd=tmp_path, check=False,
    )
    setup = ExecutionResult(str(tmp_path / "output.xml")).suite.setup
    return setup.status, setup.message


def test_root_suite_trusts_the_runners_preflight_of_the_same_url_only(tmp_path: Path) -> None:
    (tmp_path / "same").mkdir()
    (tmp_path / "other").mkdir()
    (tmp_path / "none").mkdir()
    assert _root_setup(tmp_path / "same", "http://127.0.0.1:9")[0] == "PASS"
    for folder, mark in (("other", "http://127.0.0.1:10"), ("none", None)):
        status, message = _root_setup(tmp_path / folder, mark)
        assert status == "FAIL" and "does not answer at http://127.0.0.1:9/health" in message


def test_load_tests_are_left_out_of_the_parallel_run_and_run_alone_when_asked_for() -> None:
    values = {"PERMISO_BASE_URL": "http://127.0.0.1:1", "SUITE_VERSION": "0"}
    assert run_acceptance.alone_tags(values, []) == []
    assert run_acceptance.alone_tags(values, ["--include", "smoke"]) == []
    assert run_acceptance.alone_tags(values, ["--include", "load"]) == ["load"]
    assert run_acceptance.alone_tags({**values, "ALLOW_DEPENDENCY_FAULTS": True},
                                     ["--include=performanceANDload"]) == ["dependency-faults", "load"]
    for extra in ([], ["--include", "load"]):
        command = _command(extra)
        assert command[command.index("load") - 1] == "--exclude"


def test_leftovers_are_listed_for_the_console(tmp_path: Path) -> None:
    path = tmp_path / "leftovers.txt"
    assert run_acceptance.leftovers_report(path) == ""
    path.write_text("test A: user qa_1 (/api/v1/users/1): DELETE answered 500; deactivated it instead\n")
    report = run_acceptance.leftovers_report(path)
    assert report.startswith("The run could not remove 1 temporary item(s)")
    assert "qa_1" in report


def test_fault_tests_leave_the_parallel_run_only_where_they_may_run() -> None:
    values = {"PERMISO_BASE_URL": "http://127.0.0.1:1", "SUITE_VERSION": "0"}
    assert "dependency-faults" not in _command([])
    allowed = run_acceptance.pabot_command({**values, "ALLOW_DEPENDENCY_FAULTS": True}, "1.0", [],
                                           Path("/tmp/out"))
    assert allowed[allowed.index("dependency-faults") - 1] == "--exclude"


def test_alone_run_is_serial_robot_within_the_users_selection() -> None:
    values = {"PERMISO_BASE_URL": "http://127.0.0.1:1", "SUITE_VERSION": "0"}
    extra = ["--processes", "6", "--include", "smoke", "--testlevelsplit", "--suitelevel"]
    command = run_acceptance.alone_run_command("dependency-faults", values, "1.0", extra,
                                               Path("/tmp/out"))
    assert command[1:3] == ["-m", "robot"]
    assert "--processes" not in command and "--testlevelsplit" not in command and "--suitelevel" not in command
    assert command[command.index("--prerunmodifier") + 1] == "tools.run.keep_tagged.KeepTagged:dependency-faults"
    assert command[command.index("--outputdir") + 1] == str(Path("/tmp/out/alone-dependency-faults"))
    assert command[command.index("--log") + 1] == "NONE" and command[command.index("--report") + 1] == "NONE"
    assert command[-3:] == ["--include", "smoke", str(run_acceptance.ROOT / "suites")]


def test_an_unknown_stack_or_profile_stops_the_run_as_a_usage_error(capsys) -> None:
    import signal

    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    try:
        assert run_acceptance.main(["--stack", "kubernetes"]) == 2
        assert "Unknown --stack 'kubernetes': choose one of docker" in capsys.readouterr().err
        assert run_acceptance.main(["--profile", "staging"]) == 2
        assert "Unknown --profile 'staging': choose production or test" in capsys.readouterr().err
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)  # main() installs its own
