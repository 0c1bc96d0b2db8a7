"""Fixtures for the libraries' tests.

The Docker fixtures start a REAL private engine (``tools/infra/docker_engine/engine.py``: own socket, data
root and exec root, no host networking changes), build the offline busybox image
(``tools/infra/docker_engine/image.py``) and run a small set of containers once per session:

========================  =====================================================================
name                      state
========================  =====================================================================
``pt-healthy``            running, HEALTHCHECK ``true`` every 1 s: ``healthy``
``pt-unhealthy``          running, HEALTHCHECK ``false``: ``unhealthy``
``pt-nohealth-logs``      running, no health check, printed known lines to stdout and stderr
``pt-exited``             exited with code 3
``pt-restarts``           exits 1 under ``on-failure:2``: restarted twice, then exited
``pt-ports``              running, 8080/tcp published on 127.0.0.1, 9000/tcp only exposed
========================  =====================================================================

When the engine cannot be started the Docker tests fail under ``CI`` or
``./run-project-tests.sh`` and are skipped with the reason otherwise (``tools/checks/components.py``).
"""

from __future__ import annotations

import contextlib
import secrets
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from tools.checks import components
from tools.infra.docker_engine.engine import EngineUnavailable, PrivateEngine
from tools.infra.docker_engine.image import DOCKERFILE, ImageUnavailable, build_test_image

LOG_SCRIPT = r"""
echo "Permiso reference service listening on http://0.0.0.0:8000"
echo "ERROR database unavailable: connection refused" >&2
echo "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"
echo "login password=hunter2 accepted"
sleep 1  # stderr and stdout are timestamped apart: the counters must come last in the log
for n in $(seq 1 20); do echo "counter $n"; done
exec sleep 600
"""
NO_HEALTHCHECK = {"test": ["NONE"]}
FAILING_HEALTHCHECK = {"test": ["CMD", "/bin/false"], "interval": 1_000_000_000, "timeout": 2_000_000_000, "retries": 1}


@dataclass
class DockerScenario:
    """What the session's containers look like, for the tests' expectations."""

    url: str
    client: Any
    names: dict[str, str]
    ports_published: bool = False
    ports_reason: str = ""
    host_port: int = 0


def _unavailable(reason: str) -> None:
    components.unavailable("The private Docker engine", reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(what: str, check: Any, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError(f"test container set-up: {what} not reached within {timeout:g} s")


@pytest.fixture(scope="session")
def docker_engine() -> Iterator[PrivateEngine]:
    """A started private engine; stopped and removed after the session."""
    engine = PrivateEngine()
    try:
        engine.start(timeout=60)
    except EngineUnavailable as error:
        engine.stop()
        _unavailable(str(error))
    try:
        yield engine
    finally:
        engine.stop()


@pytest.fixture(scope="session")
def docker_scenario(docker_engine: PrivateEngine) -> Iterator[DockerScenario]:
    """The test image and containers on the private engine (see the module docstring)."""
    client = docker_engine.client()
    try:
        image = build_test_image(client)
        ports_image = build_test_image(client, tag="permiso-test/busybox:ports", dockerfile=DOCKERFILE + "EXPOSE 9000/tcp\n")
    except ImageUnavailable as error:
        client.close()
        _unavailable(str(error))
    names = {
        "healthy": "pt-healthy", "unhealthy": "pt-unhealthy", "logs": "pt-nohealth-logs",
        "exited": "pt-exited", "restarts": "pt-restarts", "ports": "pt-ports",
    }
    scenario = DockerScenario(url=docker_engine.url, client=client, names=names)
    run = client.containers.run
    run(image.id, name=names["healthy"], detach=True)
    run(image.id, name=names["unhealthy"], detach=True, healthcheck=FAILING_HEALTHCHECK)
    run(image.id, ["sh", "-c", LOG_SCRIPT], name=names["logs"], detach=True, healthcheck=NO_HEALTHCHECK)
    run(image.id, ["sh", "-c", "echo about to fail; exit 3"], name=names["exited"], detach=True)
    run(image.id, ["sh", "-c", "exit 1"], name=names["restarts"], detach=True,
        restart_policy={"Name": "on-failure", "MaximumRetryCount": 2})
    network = None
    scenario.host_port = _free_port()
    try:
        # The engine runs with --bridge=none; a user-defined bridge network gives the container
        # an interface, so docker-proxy can bind the published port (no iptables needed).
        network = client.networks.create(
            "permiso-test-net", driver="bridge",
            options={"com.docker.network.bridge.name": f"prm{secrets.token_hex(4)}"},
        )
        run(ports_image.id, name=names["ports"], detach=True, network=network.name,
            ports={"8080/tcp": ("127.0.0.1", scenario.host_port)})
        scenario.ports_published = True
    except Exception as error:  # noqa: BLE001 - any failure: fall back to the port configuration
        scenario.ports_reason = f"this sandbox cannot publish ports ({str(error).splitlines()[0][:200]})"
        with contextlib.suppress(Exception):
            client.containers.get(names["ports"]).remove(force=True)
        run(ports_image.id, name=names["ports"], detach=True, ports={"8080/tcp": ("127.0.0.1", scenario.host_port)})

    def attrs(key: str) -> dict:
        return client.api.inspect_container(names[key])

    _wait_for("pt-healthy healthy", lambda: attrs("healthy")["State"].get("Health", {}).get("Status") == "healthy")
    _wait_for("pt-unhealthy unhealthy", lambda: attrs("unhealthy")["State"].get("Health", {}).get("Status") == "unhealthy")
    _wait_for("pt-exited exited", lambda: attrs("exited")["State"]["Status"] == "exited")
    _wait_for(
        "pt-restarts restarted twice",
        lambda: attrs("restarts")["RestartCount"] == 2 and attrs("restarts")["State"]["Status"] == "exited",
    )
    _wait_for("pt-nohealth-logs printed", lambda: b"counter 20" in client.containers.get(names["logs"]).logs())
    try:
        yield scenario
    finally:
        for name in names.values():
            with contextlib.suppress(Exception):
                client.containers.get(name).remove(force=True)
        if network is not None:
            with contextlib.suppress(Exception):
                network.remove()
        client.close()
