"""Tests for DockerInspector against a REAL private Docker engine (no mocks).

The engine and the containers come from the session fixtures in conftest.py. The tests of the
no-engine error need no engine and always run.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import textwrap
import time
from pathlib import Path

import pytest

from DockerInspector import DockerInspector, DockerInspectorError, NoEngineError
from tools.checks import components
from tools.infra.docker_engine.image import busybox_binary, build_context, is_static_elf

MISSING_SOCKET = "unix:///tmp/permiso-no-engine-here/docker.sock"


@pytest.fixture(scope="module")
def inspector(docker_scenario) -> DockerInspector:
    return DockerInspector(base_url=docker_scenario.url)


@pytest.fixture(scope="module")
def names(docker_scenario) -> dict[str, str]:
    return docker_scenario.names


def fails_with(message: str, call, *args, **kwargs) -> None:
    with pytest.raises(DockerInspectorError) as info:
        call(*args, **kwargs)
    assert str(info.value) == message


# ---------------------------------------------------------------- no engine


def test_no_engine_gives_one_short_error_promptly():
    inspector = DockerInspector(base_url=MISSING_SOCKET)
    start = time.monotonic()
    with pytest.raises(NoEngineError) as info:
        inspector.docker_engine_should_answer()
    elapsed = time.monotonic() - start
    assert str(info.value) == f"No Docker engine answers at {MISSING_SOCKET}: No such file or directory"
    assert "\n" not in str(info.value) and info.value.__cause__ is None and info.value.__suppress_context__
    assert elapsed < 5
    for call in (
        lambda: inspector.container_should_exist("x"),
        lambda: inspector.get_published_ports("x"),
        lambda: inspector.container_logs_should_contain("x", "y"),
    ):
        with pytest.raises(NoEngineError, match=re.escape(f"No Docker engine answers at {MISSING_SOCKET}: ")):
            call()


def test_engine_is_available_is_false_without_exception():
    start = time.monotonic()
    assert DockerInspector(base_url=MISSING_SOCKET).docker_engine_is_available() is False
    assert time.monotonic() - start < 5


def test_refused_tcp_port_on_loopback():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound but not listening: connections are refused
        url = f"tcp://127.0.0.1:{port}"
        with pytest.raises(NoEngineError) as info:
            DockerInspector(base_url=url, timeout=2).container_should_exist("x")
    assert str(info.value) == f"No Docker engine answers at {url}: Connection refused"


def test_docker_host_environment_is_the_default(monkeypatch):
    monkeypatch.setenv("DOCKER_HOST", MISSING_SOCKET)
    monkeypatch.delenv("DOCKER_TLS_VERIFY", raising=False)
    inspector = DockerInspector()
    assert inspector.base_url == MISSING_SOCKET
    assert inspector.docker_engine_is_available() is False


def test_robot_shows_one_line_failure_without_traceback(tmp_path: Path):
    import robot
    from robot.api import ExecutionResult

    (tmp_path / "suite.robot").write_text(
        textwrap.dedent(
            f"""
            *** Settings ***
            Library    DockerInspector    base_url={MISSING_SOCKET}    timeout=2

            *** Test Cases ***
            No Engine
                Container Should Be Running    permiso-app-1

            Availability Check Does Not Fail
                ${{available}}=    Docker Engine Is Available
                Should Not Be True    ${{available}}
            """
        )
    )
    robot.run(
        str(tmp_path / "suite.robot"), outputdir=str(tmp_path), log="NONE", report="NONE",
        pythonpath=[str(Path(__file__).resolve().parents[1])], stdout=open(tmp_path / "console.txt", "w"),
    )
    tests = {test.name: test for test in ExecutionResult(str(tmp_path / "output.xml")).suite.all_tests}
    assert tests["No Engine"].message == f"No Docker engine answers at {MISSING_SOCKET}: No such file or directory"
    assert tests["Availability Check Does Not Fail"].passed


# ---------------------------------------------------------------- engine


def test_engine_answers(inspector, docker_scenario, monkeypatch):
    assert re.match(r"\d+\.\d+", inspector.docker_engine_should_answer())
    assert inspector.docker_engine_is_available() is True
    monkeypatch.setenv("DOCKER_HOST", docker_scenario.url)
    assert DockerInspector().docker_engine_is_available() is True


# ---------------------------------------------------------------- containers


def test_container_should_exist(inspector, names):
    for name in names.values():
        inspector.container_should_exist(name)
    fails_with("Container 'permiso-app-1' does not exist", inspector.container_should_exist, "permiso-app-1")


def test_container_should_be_running(inspector, names):
    inspector.container_should_be_running(names["healthy"])
    inspector.container_should_be_running(names["logs"])
    fails_with("Container 'pt-exited' is exited (exit code 3), expected running",
               inspector.container_should_be_running, names["exited"])
    fails_with("Container 'nope' does not exist", inspector.container_should_be_running, "nope")


def test_get_container_status(inspector, names):
    assert inspector.get_container_status(names["healthy"]) == "running"
    assert inspector.get_container_status(names["exited"]) == "exited"


def test_get_container_health(inspector, names):
    assert inspector.get_container_health(names["healthy"]) == "healthy"
    assert inspector.get_container_health(names["unhealthy"]) == "unhealthy"
    assert inspector.get_container_health(names["logs"]) is None
    fails_with("Container 'nope' does not exist", inspector.get_container_health, "nope")


def test_container_health_should_be(inspector, names):
    inspector.container_health_should_be(names["healthy"])
    inspector.container_health_should_be(names["healthy"], "healthy", timeout="2s")
    inspector.container_health_should_be(names["unhealthy"], "unhealthy")
    with pytest.raises(DockerInspectorError) as info:
        inspector.container_health_should_be(names["unhealthy"], "healthy")
    assert str(info.value).startswith("Container 'pt-unhealthy' health is 'unhealthy', expected 'healthy' (last check: exit code 1")
    fails_with("Container 'pt-nohealth-logs' has no health check, so its health cannot be 'healthy'",
               inspector.container_health_should_be, names["logs"], "healthy")


def test_container_health_waits_up_to_timeout(inspector, names):
    start = time.monotonic()
    with pytest.raises(DockerInspectorError, match=r"expected 'healthy' after waiting 1\.5 s \(last check"):
        inspector.container_health_should_be(names["unhealthy"], "healthy", timeout=1.5)
    assert 1.4 <= time.monotonic() - start < 4


def test_restart_count(inspector, names):
    assert inspector.get_container_restart_count(names["restarts"]) == 2
    assert inspector.get_container_restart_count(names["healthy"]) == 0
    inspector.container_restart_count_should_be_below(names["restarts"], 3)
    inspector.container_restart_count_should_be_below(names["healthy"], 1)
    fails_with("Container 'pt-restarts' restarted 2 times, expected fewer than 2",
               inspector.container_restart_count_should_be_below, names["restarts"], 2)


# ---------------------------------------------------------------- ports


def test_exposed_ports_from_configuration(inspector, names):
    assert inspector.get_exposed_ports(names["ports"]) == ["8080/tcp", "9000/tcp"]
    assert inspector.get_exposed_ports(names["healthy"]) == []


def test_get_published_ports(inspector, names, docker_scenario):
    if not docker_scenario.ports_published:
        components.unavailable("Port publishing of the private Docker engine", docker_scenario.ports_reason)
    assert inspector.get_published_ports(names["ports"]) == {"8080/tcp": [docker_scenario.host_port]}
    assert inspector.get_published_ports(names["healthy"]) == {}
    assert inspector.get_published_ports(names["exited"]) == {}


def test_container_should_publish_port(inspector, names, docker_scenario):
    if not docker_scenario.ports_published:
        components.unavailable("Port publishing of the private Docker engine", docker_scenario.ports_reason)
    port = docker_scenario.host_port
    inspector.container_should_publish_port(names["ports"], 8080)
    inspector.container_should_publish_port(names["ports"], "8080/tcp", host_port=port)
    fails_with(f"Container 'pt-ports' does not publish 9000/tcp (it publishes: 8080/tcp -> {port})",
               inspector.container_should_publish_port, names["ports"], "9000")
    fails_with(f"Container 'pt-ports' does not publish 8080/udp (it publishes: 8080/tcp -> {port})",
               inspector.container_should_publish_port, names["ports"], "8080/udp")
    fails_with(f"Container 'pt-ports' publishes 8080/tcp on host port {port}, expected 1",
               inspector.container_should_publish_port, names["ports"], 8080, host_port=1)
    fails_with("Container 'pt-healthy' does not publish 443/tcp (it publishes: nothing)",
               inspector.container_should_publish_port, names["healthy"], 443)


# ---------------------------------------------------------------- logs


def test_logs_should_contain_stdout_and_stderr(inspector, names):
    inspector.container_logs_should_contain(names["logs"], r"listening on http://\S+:8000")
    inspector.container_logs_should_contain(names["logs"], "^ERROR database unavailable")
    inspector.container_logs_should_contain(names["exited"], "about to fail", since_seconds=0, tail=0)
    fails_with("Logs of container 'pt-nohealth-logs' (past 300 s, last 500 lines) have no line matching 'Traceback'",
               inspector.container_logs_should_contain, names["logs"], "Traceback")
    fails_with("Container 'nope' does not exist", inspector.container_logs_should_contain, "nope", "x")


def test_logs_should_not_contain(inspector, names):
    inspector.container_logs_should_not_contain(names["logs"], r"Traceback \(most recent call last\)")
    with pytest.raises(DockerInspectorError) as info:
        inspector.container_logs_should_not_contain(names["logs"], r"password=\S+")
    message = str(info.value)
    assert message == (
        "Logs of container 'pt-nohealth-logs' (past 300 s, last 500 lines) have 1 line matching "
        "'password=\\S+', expected none; first: 'login *** accepted'"
    )
    with pytest.raises(DockerInspectorError) as info:
        inspector.container_logs_should_not_contain(names["logs"], "(?i)authorization", since_seconds="1 hour", tail=0)
    assert "eyJ" not in str(info.value) and "first: '***: Bearer ***'" in str(info.value)
    assert "(past 3600 s, all lines)" in str(info.value)
    with pytest.raises(DockerInspectorError, match=r"have 20 lines matching 'counter \\d\+'"):
        inspector.container_logs_should_not_contain(names["logs"], r"counter \d+")


def test_get_recent_log_lines_matching(inspector, names):
    lines = inspector.get_recent_log_lines_matching(names["logs"], r"^counter \d+$")
    assert lines == [f"counter {n}" for n in range(1, 21)]
    assert inspector.get_recent_log_lines_matching(names["logs"], "counter", tail=5) == [
        f"counter {n}" for n in range(16, 21)
    ]
    assert inspector.get_recent_log_lines_matching(names["logs"], "no such text") == []


def test_logs_since_window(inspector, names, docker_scenario):
    started = docker_scenario.client.api.inspect_container(names["logs"])["State"]["StartedAt"]
    started_at = dt.datetime.fromisoformat(started[:26].rstrip("Z")).replace(tzinfo=dt.timezone.utc).timestamp()
    time.sleep(max(0.0, started_at + 3 - time.time()))  # every line is now at least 3 s old
    assert inspector.get_recent_log_lines_matching(names["logs"], "counter", since_seconds=1) == []
    inspector.container_logs_should_not_contain(names["logs"], "ERROR", since_seconds=1)
    inspector.container_logs_should_contain(names["logs"], "ERROR", since_seconds=600)


# ---------------------------------------------------------------- image helper


def test_busybox_image_context():
    import tarfile

    assert is_static_elf(busybox_binary())
    with tarfile.open(fileobj=build_context()) as tar:
        members = {member.name: member for member in tar.getmembers()}
        dockerfile = tar.extractfile("Dockerfile").read().decode()
    assert members["rootfs/bin/busybox"].mode == 0o755
    assert members["rootfs/bin/sh"].issym() and members["rootfs/bin/sh"].linkname == "busybox"
    assert dockerfile.startswith("FROM scratch\n") and 'HEALTHCHECK --interval=1s' in dockerfile


def test_private_engine_is_isolated(docker_engine):
    assert docker_engine.url.startswith("unix:///tmp/") and docker_engine.socket.is_socket()
    assert (docker_engine.base / "data").is_dir()


# -- stack control -----------------------------------------------------------------------------
@pytest.fixture
def spare_container(docker_scenario):
    """A container of its own for the stop/start/restart tests (removed afterwards)."""
    client = docker_scenario.client
    image = client.images.get("permiso-test/busybox:latest")
    container = client.containers.run(image.id, name="pt-spare", detach=True)
    try:
        yield container.name
    finally:
        container.remove(force=True)


def test_stop_and_start_container(inspector, spare_container):
    inspector.stop_container(spare_container, grace=1)
    assert inspector.get_container_status(spare_container) == "exited"
    inspector.stop_container(spare_container, grace=1)  # already stopped: no error
    inspector.start_container(spare_container)
    inspector.container_should_be_running(spare_container)
    inspector.start_container(spare_container)  # already running: no error
    inspector.container_health_should_be(spare_container, "healthy", timeout=15)


def test_restart_container_keeps_it_and_runs_it_again(inspector, docker_scenario, spare_container):
    started = docker_scenario.client.api.inspect_container(spare_container)["State"]["StartedAt"]
    inspector.restart_container(spare_container, grace=1)
    state = docker_scenario.client.api.inspect_container(spare_container)["State"]
    assert state["Status"] == "running" and state["StartedAt"] != started


def test_stack_control_of_an_unknown_container_fails_clearly(inspector):
    for control in (inspector.stop_container, inspector.start_container, inspector.restart_container):
        with pytest.raises(DockerInspectorError, match="Container 'no-such-container' does not exist"):
            control("no-such-container")
