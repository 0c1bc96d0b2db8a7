r"""Check the containers of a Permiso deployment through the Docker engine API.

DockerInspector answers the questions of the infrastructure suite: does the engine answer,
do the containers exist and run, are they healthy, how often did they restart, which ports do
they publish, and what do their logs say. Those keywords only read. The keywords under
`Stack control` stop, start and restart containers: they are for dependency-fault tests on a
stack the suite may break (the project's own container stack), never for production.

= Engine address =

The engine is the import argument ``base_url`` (``unix:///var/run/docker.sock``,
``tcp://host:2375``, ...) or, when that is not given, the standard Docker environment
(``DOCKER_HOST``, ``DOCKER_TLS_VERIFY``, ``DOCKER_CERT_PATH``), else the local default socket.
``timeout`` (default 5 seconds) bounds every call to the engine, so a missing engine fails
promptly with one message:

| No Docker engine answers at unix:///var/run/docker.sock: No such file or directory

An unknown container fails with ``Container 'x' does not exist``. Use `Docker Engine Is Available`
to skip the infrastructure tests when there is no engine to ask.

= Examples =

Importing, in the Settings section:

| Library    DockerInspector
| Library    DockerInspector    base_url=unix:///run/user/1000/docker.sock    timeout=3

Tests:

| Containers Are Healthy
|     ${available}=    Docker Engine Is Available
|     Skip If    not ${available}    No Docker engine to inspect
|     Container Should Be Running    permiso-app-1
|     Container Health Should Be    permiso-app-1    healthy    timeout=30s
|     Container Restart Count Should Be Below    permiso-app-1    3
|
| Nginx Publishes HTTPS
|     Container Should Publish Port    permiso-nginx-prod    443/tcp
|     ${ports}=    Get Published Ports    permiso-nginx-prod
|
| App Logs Hold No Tracebacks
|     Container Logs Should Not Contain    permiso-app-1    Traceback \\(most recent call last\\)    since_seconds=600

Dependency faults, only on a stack that exists to be broken:

| Cache Outage Is Reported
|     Stop Container    permiso-redis-prod
|     Container Health Should Be    permiso-app-1    unhealthy    timeout=30s
|     [Teardown]    Start Container    permiso-redis-prod

In Robot data a backslash escapes the next character, so a regular expression's ``\(`` is
written ``\\(`` there.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterator
from typing import Any

import docker
import requests
from docker.errors import APIError, DockerException, NotFound
from robot.api import logger
from robot.api.deco import keyword
from robot.utils import timestr_to_secs

__version__ = "1.0"

DEFAULT_URL = "unix:///var/run/docker.sock"
JWT_SHAPE = re.compile(r"eyJ[\w-]*\.[\w-]*\.[\w-]*")


class DockerInspectorError(AssertionError):
    """A check failed or the engine could not be asked. Robot shows only the message."""

    ROBOT_SUPPRESS_NAME = True


class NoEngineError(DockerInspectorError):
    """No Docker engine answers at the configured address."""


def _short_reason(error: BaseException) -> str:
    """The root cause of a connection failure in a few words (no traceback, no URL repeated)."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, (requests.exceptions.Timeout, TimeoutError)):
            return "no answer within the timeout"
        if isinstance(current, OSError) and current.strerror:
            return current.strerror
        for arg in getattr(current, "args", ()):
            if isinstance(arg, BaseException) and id(arg) not in seen:
                nested = _short_reason(arg)
                if nested:
                    return nested
        current = current.__cause__ or current.__context__
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    for pattern, reason in (
        (r"No such file or directory", "No such file or directory"),
        (r"Connection refused", "Connection refused"),
        (r"timed out", "no answer within the timeout"),
        (r"Permission denied", "Permission denied"),
    ):
        if re.search(pattern, text):
            return reason
    return text[:150]


def _mask(line: str, pattern: re.Pattern[str]) -> str:
    """A log line for a failure message: matches and JWT-shaped text masked, length capped."""
    masked = JWT_SHAPE.sub("***", pattern.sub("***", line))
    return masked if len(masked) <= 200 else masked[:197] + "..."


class DockerInspector:
    """Read-only checks of containers through the Docker engine API."""

    ROBOT_LIBRARY_SCOPE = "GLOBAL"
    ROBOT_LIBRARY_DOC_FORMAT = "ROBOT"
    ROBOT_LIBRARY_VERSION = __version__

    def __init__(self, base_url: str | None = None, timeout: float | str = 5):
        """``base_url`` is the engine address (default: ``DOCKER_HOST`` or the local socket);
        ``timeout`` bounds every engine call (number of seconds or a Robot time string)."""
        self._timeout = timestr_to_secs(timeout)
        if base_url:
            self._client_args: dict[str, Any] = {"base_url": base_url}
        else:
            self._client_args = docker.utils.kwargs_from_env()
        self.base_url = str(self._client_args.get("base_url") or DEFAULT_URL)
        self._client: docker.DockerClient | None = None

    # ------------------------------------------------------------------ engine

    @keyword
    def docker_engine_should_answer(self) -> str:
        """Fails unless the engine answers; returns its version (e.g. ``20.10.24``).

        Failure: ``No Docker engine answers at URL: reason``, within the timeout.
        """
        with self._engine():
            version = self._connect().version().get("Version", "unknown")
        logger.info(f"Docker engine {version} answers at {self.base_url}")
        return version

    @keyword
    def docker_engine_is_available(self) -> bool:
        """Returns ``True`` when the engine answers, ``False`` otherwise; never fails.

        | ${available}=    Docker Engine Is Available
        | Skip If    not ${available}    No Docker engine at the configured address
        """
        try:
            with self._engine():
                return bool(self._connect().ping())
        except DockerInspectorError as error:
            logger.info(str(error))
            return False

    # ------------------------------------------------------------------ containers

    @keyword
    def container_should_exist(self, name: str) -> None:
        """Fails with ``Container 'name' does not exist`` unless the container exists (in any state)."""
        self._container(name)

    @keyword
    def get_container_status(self, name: str) -> str:
        """Returns the container state: ``running``, ``exited``, ``restarting``, ``paused``, ``created`` or ``dead``."""
        return str(self._container(name).attrs["State"]["Status"])

    @keyword
    def container_should_be_running(self, name: str) -> None:
        """Fails unless the container is running.

        Failure: ``Container 'x' is exited (exit code 3), expected running``.
        """
        state = self._container(name).attrs["State"]
        if state.get("Status") != "running":
            detail = f" (exit code {state.get('ExitCode')})" if state.get("Status") in ("exited", "dead") else ""
            raise DockerInspectorError(f"Container '{name}' is {state.get('Status')}{detail}, expected running")

    @keyword
    def get_container_health(self, name: str) -> str | None:
        """Returns the health status (``starting``, ``healthy``, ``unhealthy``), or ``None`` when
        the container has no health check."""
        health = self._container(name).attrs["State"].get("Health")
        return str(health["Status"]) if health else None

    @keyword
    def container_health_should_be(self, name: str, expected: str = "healthy", timeout: float | str = 0) -> None:
        """Fails unless the container's health status is ``expected``.

        With ``timeout`` (a number of seconds or a Robot time string) it waits up to that long
        for the status, which helps right after a deployment while the status is ``starting``.

        | Container Health Should Be    permiso-postgres-prod    healthy
        | Container Health Should Be    permiso-app-1    healthy    timeout=30s

        Failures: ``Container 'x' health is 'unhealthy', expected 'healthy' (last check: exit
        code 1 ...)`` and ``Container 'x' has no health check, so its health cannot be 'healthy'``.
        """
        deadline = time.monotonic() + timestr_to_secs(timeout)
        while True:
            health = self._container(name).attrs["State"].get("Health")
            if not health:
                raise DockerInspectorError(f"Container '{name}' has no health check, so its health cannot be '{expected}'")
            if health.get("Status") == expected:
                return
            if time.monotonic() >= deadline:
                break
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))
        waited = f" after waiting {timestr_to_secs(timeout):g} s" if timestr_to_secs(timeout) else ""
        raise DockerInspectorError(
            f"Container '{name}' health is '{health.get('Status')}', expected '{expected}'{waited}"
            f"{self._last_probe(health)}"
        )

    @keyword
    def get_container_restart_count(self, name: str) -> int:
        """Returns how often the engine restarted the container (``RestartCount``)."""
        return int(self._container(name).attrs.get("RestartCount", 0))

    @keyword
    def container_restart_count_should_be_below(self, name: str, limit: int) -> None:
        """Fails unless the container was restarted fewer than ``limit`` times.

        Failure: ``Container 'x' restarted 5 times, expected fewer than 3``.
        """
        count = self.get_container_restart_count(name)
        if count >= limit:
            raise DockerInspectorError(f"Container '{name}' restarted {count} times, expected fewer than {limit}")

    # ------------------------------------------------------------------ ports

    @keyword
    def get_published_ports(self, name: str) -> dict[str, list[int]]:
        """Returns the ports the container publishes on the host, e.g. ``{"80/tcp": [8080]}``.

        Only ports the engine actually bound are listed (a stopped container publishes none);
        a port bound for IPv4 and IPv6 is listed once.
        """
        ports = self._container(name).attrs.get("NetworkSettings", {}).get("Ports") or {}
        published = {}
        for port, bindings in ports.items():
            host_ports = sorted({int(binding["HostPort"]) for binding in bindings or [] if binding.get("HostPort")})
            if host_ports:
                published[port] = host_ports
        return published

    @keyword
    def get_exposed_ports(self, name: str) -> list[str]:
        """Returns the ports the container's configuration exposes (``EXPOSE``), e.g. ``["8000/tcp"]``."""
        return sorted(self._container(name).attrs.get("Config", {}).get("ExposedPorts") or {})

    @keyword
    def container_should_publish_port(self, name: str, port: int | str, host_port: int | None = None) -> None:
        """Fails unless the container publishes ``port`` (``443``, ``443/tcp``, ``53/udp``) on the host,
        and, when ``host_port`` is given, on that host port.

        | Container Should Publish Port    permiso-nginx-prod    443
        | Container Should Publish Port    permiso-nginx-prod    80/tcp    host_port=80

        Failure: ``Container 'x' does not publish 443/tcp (it publishes: 80/tcp -> 8080)``.
        """
        key = str(port) if "/" in str(port) else f"{port}/tcp"
        published = self.get_published_ports(name)
        shown = ", ".join(f"{p} -> {', '.join(map(str, h))}" for p, h in published.items()) or "nothing"
        if key not in published:
            raise DockerInspectorError(f"Container '{name}' does not publish {key} (it publishes: {shown})")
        if host_port is not None and int(host_port) not in published[key]:
            raise DockerInspectorError(
                f"Container '{name}' publishes {key} on host port {', '.join(map(str, published[key]))}, "
                f"expected {host_port}"
            )

    # ------------------------------------------------------------------ logs

    @keyword
    def get_recent_log_lines_matching(
        self, name: str, regex: str, since_seconds: int | float | str = 300, tail: int = 500
    ) -> list[str]:
        """Returns the container's recent log lines (stdout and stderr) that match ``regex``.

        Lines are taken from the last ``since_seconds`` (0: all) and at most the last ``tail``
        lines (0: all). Matching uses Python ``re.search``. The lines themselves are not logged.
        """
        pattern = re.compile(regex)
        return [line for line in self._log_lines(name, since_seconds, tail) if pattern.search(line)]

    @keyword
    def container_logs_should_contain(
        self, name: str, regex: str, since_seconds: int | float | str = 300, tail: int = 500
    ) -> None:
        """Fails unless a recent log line of the container matches ``regex``.

        | Container Logs Should Contain    permiso-app-1    Application startup complete

        Failure: ``Logs of container 'x' (past 300 s, last 500 lines) have no line matching 'regex'``.
        """
        if not self.get_recent_log_lines_matching(name, regex, since_seconds, tail):
            raise DockerInspectorError(
                f"Logs of container '{name}' ({self._window(since_seconds, tail)}) have no line matching '{regex}'"
            )

    @keyword
    def container_logs_should_not_contain(
        self, name: str, regex: str, since_seconds: int | float | str = 300, tail: int = 500
    ) -> None:
        r"""Fails if a recent log line of the container matches ``regex``.

        The failure names the number of matching lines and shows the first one with every match
        and anything shaped like a JWT replaced by ``***``, so a leaked secret is not copied into
        the test report.

        | Container Logs Should Not Contain    permiso-app-1    (?i)password=\\S+
        """
        lines = self.get_recent_log_lines_matching(name, regex, since_seconds, tail)
        if lines:
            raise DockerInspectorError(
                f"Logs of container '{name}' ({self._window(since_seconds, tail)}) have {len(lines)} "
                f"line{'s' if len(lines) > 1 else ''} matching '{regex}', expected none; first: "
                f"'{_mask(lines[0], re.compile(regex))}'"
            )

    # ------------------------------------------------------------------ stack control

    @keyword(tags=["stack control"])
    def stop_container(self, name: str, grace: float | str = 10) -> None:
        """Stops a running container (SIGTERM, then SIGKILL after ``grace``); a stopped one
        stays stopped. Waits until the engine reports it stopped.

        | Stop Container    permiso-redis-prod
        """
        container = self._container(name)
        with self._engine():
            container.stop(timeout=int(timestr_to_secs(grace)))
        logger.info(f"Stopped container '{name}'")

    @keyword(tags=["stack control"])
    def start_container(self, name: str) -> None:
        """Starts a stopped container; a running one is left alone. Returns once the engine has
        started it, before its health check has run: wait with `Container Health Should Be`.

        | Start Container    permiso-redis-prod
        | Container Health Should Be    permiso-redis-prod    healthy    timeout=30s
        """
        container = self._container(name)
        with self._engine():
            container.start()
        logger.info(f"Started container '{name}'")

    @keyword(tags=["stack control"])
    def restart_container(self, name: str, grace: float | str = 10) -> None:
        """Stops (SIGTERM, SIGKILL after ``grace``) and starts a container again, keeping its
        file system: what an orchestrator does to a crashed or redeployed application.

        | Restart Container    permiso-app-1
        """
        container = self._container(name)
        with self._engine():
            container.restart(timeout=int(timestr_to_secs(grace)))
        logger.info(f"Restarted container '{name}'")

    # ------------------------------------------------------------------ helpers

    @contextlib.contextmanager
    def _engine(self) -> Iterator[None]:
        """Turns connection-level failures into one short NoEngineError."""
        try:
            yield
        except DockerInspectorError:
            raise
        except (requests.exceptions.RequestException, OSError, DockerException) as error:
            if isinstance(error, APIError) and error.response is not None:
                raise DockerInspectorError(f"Docker engine at {self.base_url} refused the request: {error.explanation}") from None
            self._drop_client()
            raise NoEngineError(f"No Docker engine answers at {self.base_url}: {_short_reason(error)}") from None

    def _connect(self) -> docker.DockerClient:
        if self._client is None:
            # version="auto" asks the engine for its API version, so this call already fails fast.
            self._client = docker.DockerClient(**self._client_args, version="auto", timeout=self._timeout)
        return self._client

    def _drop_client(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()
        self._client = None

    def _container(self, name: str) -> Any:
        with self._engine():
            try:
                return self._connect().containers.get(name)
            except NotFound:
                raise DockerInspectorError(f"Container '{name}' does not exist") from None

    def _log_lines(self, name: str, since_seconds: int | float | str, tail: int) -> list[str]:
        container = self._container(name)
        seconds = timestr_to_secs(since_seconds)
        options: dict[str, Any] = {"stdout": True, "stderr": True, "tail": int(tail) if tail else "all"}
        if seconds:
            options["since"] = int(time.time() - seconds)
        with self._engine():
            raw = container.logs(**options)
        return raw.decode("utf-8", errors="replace").splitlines()

    @staticmethod
    def _window(since_seconds: int | float | str, tail: int) -> str:
        seconds = timestr_to_secs(since_seconds)
        since = f"past {seconds:g} s" if seconds else "all time"
        return f"{since}, last {tail} lines" if tail else f"{since}, all lines"

    @staticmethod
    def _last_probe(health: dict[str, Any]) -> str:
        probes = health.get("Log") or []
        if not probes:
            return ""
        last = probes[-1]
        output = JWT_SHAPE.sub("***", " ".join(str(last.get("Output", "")).split()))[:150]
        return f" (last check: exit code {last.get('ExitCode')}{': ' + output if output else ''})"


DockerInspector.__doc__ = __doc__  # Libdoc shows the class docstring: make it the library intro.
