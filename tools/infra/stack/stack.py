"""A production-shaped Permiso stack on a private Docker engine, for the project's own tests.

Four containers named as in the contract (§12) share one bridge network with fixed addresses:

==========================  ==================================================================
``permiso-postgres-prod``   PostgreSQL 15 (Debian's), password authentication, data in the
                            container's own layer (kept across a stop and start)
``permiso-redis-prod``      redis-server 7 (Debian's), password, append-only file (revocations
                            survive a restart)
``permiso-app-1``           the reference service (``python -m sut``) on PostgreSQL and Redis,
                            run as ``nobody`` from the project's virtual environment
``permiso-nginx-prod``      nginx terminating TLS on 443 with a certificate made for the run,
                            301 from 80 to HTTPS; published on 127.0.0.1 only
==========================  ==================================================================

Every container has a Docker health check. Nothing is pulled: the one image is ``FROM
scratch`` (``base_image.py``) and the programs come from the host through read-only bind
mounts. The engine is :class:`tools.infra.docker_engine.engine.PrivateEngine`; :meth:`ContainerStack.stop`
stops it, which removes the containers, the network, the certificates and every file.

Python use (the runner's ``--stack docker``)::

    with ContainerStack(app_environment) as stack:       # about 10-20 s
        stack.suite_environment()    # PERMISO_BASE_URL, PERMISO_HTTP_URL, TEST_SSL_CERT_PATH, ...

Command line, to look at a stack by hand (stops on Enter or Ctrl-C)::

    .venv/bin/python -m tools.run.stack
"""

from __future__ import annotations

import contextlib
import ipaddress
import secrets
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools.infra.docker_engine.engine import PrivateEngine
from tools.infra.stack.base_image import IMAGE_TAG, build_base_image, host_accounts
from tools.infra.stack.certificates import make_tls_material
from tools.infra.stack.nginx_config import nginx_conf, security_headers
from tools.infra.storage.servers import free_port, pg_bin_dir
from tools import ROOT

CONTAINERS = {
    "app": "permiso-app-1",
    "postgres": "permiso-postgres-prod",
    "redis": "permiso-redis-prod",
    "nginx": "permiso-nginx-prod",
}
HOST_NAMES = ("localhost", "127.0.0.1")
"""The names the suite reaches nginx by; the certificate names them and ``permiso-nginx-prod``."""
APP_PORT = 8000
NANOSECONDS = 1_000_000_000
START_TIMEOUT = 90.0
CANDIDATE_SUBNETS = tuple(f"10.213.{index}.0/24" for index in range(0, 256, 7))
BUSYBOX = "/usr/bin/busybox"
NGINX = "/usr/sbin/nginx"


class StackUnavailable(RuntimeError):
    """A program is missing or a container did not become healthy."""


@dataclass
class StackAddresses:
    """Where the suite and the containers find each other."""

    subnet: ipaddress.IPv4Network
    https_port: int
    http_port: int
    ips: dict[str, str] = field(default_factory=dict)

    @classmethod
    def choose(cls) -> StackAddresses:
        """A /24 no host route overlaps, fixed addresses in it, two free loopback ports."""
        subnet = free_subnet()
        hosts = list(subnet.hosts())
        ips = {role: str(hosts[10 + index]) for index, role in enumerate(CONTAINERS)}
        return cls(subnet, free_port(), free_port(), ips)

    @property
    def gateway(self) -> str:
        return str(next(self.subnet.hosts()))

    def extra_hosts(self) -> dict[str, str]:
        """Container name -> address, for every container's ``/etc/hosts``."""
        return {CONTAINERS[role]: ip for role, ip in self.ips.items()}


def host_networks() -> list[ipaddress.IPv4Network]:
    """The IPv4 networks of the host's routes (``ip -4 route``)."""
    output = subprocess.run(["ip", "-4", "route"], capture_output=True, text=True).stdout
    networks = []
    for line in output.splitlines():
        word = line.split()[0] if line.split() else ""
        with contextlib.suppress(ValueError):
            networks.append(ipaddress.ip_network(word, strict=False))
    return networks


def free_subnet() -> ipaddress.IPv4Network:
    """The first candidate /24 that no host route overlaps (another stack's bridge included)."""
    taken = host_networks()
    for candidate in map(ipaddress.IPv4Network, CANDIDATE_SUBNETS):
        if not any(candidate.overlaps(network) for network in taken):
            return candidate
    raise StackUnavailable("no free 10.213.x.0/24 subnet for the stack's network")


def health_check(command: list[str], interval: float = 1.0, retries: int = 3, start: float = 60.0) -> dict[str, Any]:
    """A Docker health check: ``CMD-SHELL`` when ``command`` is one string, else ``CMD``."""
    return {
        "test": ["CMD", *command] if len(command) > 1 else ["CMD-SHELL", command[0]],
        "interval": int(interval * NANOSECONDS), "timeout": 3 * NANOSECONDS,
        "retries": retries, "start_period": int(start * NANOSECONDS),
    }


def _read_only(*paths: Path | str) -> dict[str, dict[str, str]]:
    return {str(path): {"bind": str(path), "mode": "ro"} for path in paths}


def python_mounts() -> list[Path]:
    """What the application needs from the host besides ``/usr``: the project (with its
    virtual environment) and the Python installation the environment was made from."""
    mounts = [ROOT]
    for prefix in (Path(sys.prefix), Path(sys.base_prefix)):
        resolved = prefix.resolve()
        if not any(resolved.is_relative_to(mount) for mount in (*mounts, Path("/usr"))):
            mounts.append(resolved)
    return mounts


def check_programs() -> None:
    """Every host program the containers run exists (one message naming what to install)."""
    missing = [package for path, package in ((NGINX, "nginx"), (BUSYBOX, "busybox-static"),
                                             ("/usr/bin/redis-server", "redis-server"))
               if not Path(path).exists()]
    try:
        pg_bin_dir()
    except RuntimeError:
        missing.append("postgresql")
    if missing:
        raise StackUnavailable(f"Missing Debian packages for the stack: apt-get install -y {' '.join(missing)}")


class ContainerStack:
    """The four containers on a private engine; :meth:`stop` leaves nothing behind."""

    def __init__(self, app_environment: dict[str, str]) -> None:
        self.app_environment = dict(app_environment)
        self.engine = PrivateEngine()
        self.addresses = StackAddresses.choose()
        self.files = self.engine.base / "stack"
        self.client: Any = None
        self.seconds_to_start = 0.0
        self._postgres_password = secrets.token_urlsafe(24)
        self._redis_password = secrets.token_urlsafe(24)

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self, timeout: float = START_TIMEOUT) -> ContainerStack:
        """Start the engine and the containers; wait until every container is healthy."""
        started = time.monotonic()
        check_programs()
        try:
            self.engine.start()
            self.client = self.engine.client(timeout=60)
            build_base_image(self.client, host_accounts())
            self._create_network()
            self._run_postgres()
            self._run_redis()
            self.wait_until_healthy(("postgres", "redis"), timeout)
            self._run_app()
            self._run_nginx()
            self.wait_until_healthy(("app", "nginx"), timeout)
        except Exception:
            self.stop()
            raise
        self.seconds_to_start = time.monotonic() - started
        return self

    def stop(self) -> None:
        """Remove the containers and the network, stop the engine, delete every file."""
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.close()
            self.client = None
        self.engine.stop()

    def __enter__(self) -> ContainerStack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what the suite needs ----------------------------------------------------------------
    @property
    def https_url(self) -> str:
        return f"https://{HOST_NAMES[0]}:{self.addresses.https_port}"

    @property
    def http_url(self) -> str:
        return f"http://{HOST_NAMES[0]}:{self.addresses.http_port}/health"

    @property
    def ca_path(self) -> Path:
        return self.files / "tls" / "ca.pem"

    def suite_environment(self) -> dict[str, str]:
        """The suite's settings for this stack (no secret among them)."""
        return {
            "PERMISO_BASE_URL": self.https_url,
            "PERMISO_HTTP_URL": self.http_url,
            "TEST_SSL_CERT_PATH": str(self.ca_path),
            "TEST_VERIFY_SSL": "true",
            "DOCKER_HOST": self.engine.url,
            "CONTAINER_APP": CONTAINERS["app"],
            "CONTAINER_POSTGRES": CONTAINERS["postgres"],
            "CONTAINER_REDIS": CONTAINERS["redis"],
            "CONTAINER_NGINX": CONTAINERS["nginx"],
        }

    # -- containers --------------------------------------------------------------------------
    def _create_network(self) -> None:
        from docker.types import IPAMConfig, IPAMPool  # noqa: PLC0415 - the SDK is the engine's business

        ipam = IPAMConfig(pool_configs=[IPAMPool(subnet=str(self.addresses.subnet), gateway=self.addresses.gateway)])
        self.network = self.client.networks.create(
            "permiso-stack", driver="bridge", ipam=ipam,
            options={"com.docker.network.bridge.name": f"prs{secrets.token_hex(4)}"},
        )

    def _run(self, role: str, command: list[str], *, user: str, environment: dict[str, str],
             check: dict[str, Any], volumes: dict[str, dict[str, str]] | None = None,
             ports: dict[str, tuple[str, int]] | None = None, working_dir: str = "/",
             stop_signal: str = "SIGTERM") -> Any:
        endpoint = self.client.api.create_endpoint_config(ipv4_address=self.addresses.ips[role])
        container = self.client.containers.create(
            IMAGE_TAG, command, name=CONTAINERS[role], user=user, environment=environment,
            healthcheck=check, volumes={**_read_only("/usr"), **(volumes or {})}, ports=ports or {},
            working_dir=working_dir, extra_hosts=self.addresses.extra_hosts(), detach=True,
            network=self.network.name, networking_config={self.network.name: endpoint},
            labels={"org.permiso.stack": "acceptance"}, stop_signal=stop_signal,
        )
        container.start()
        return container

    def _run_postgres(self) -> None:
        accounts = host_accounts()
        binaries = pg_bin_dir()
        data = "/var/lib/postgresql/data"
        script = (
            'set -e\n'
            f'if [ ! -s {data}/PG_VERSION ]; then\n'
            '  umask 077\n'
            '  printf %s "$POSTGRES_PASSWORD" > /tmp/pwfile\n'
            f'  {binaries}/initdb -D {data} -U permiso --pwfile=/tmp/pwfile -A scram-sha-256 '
            '-E UTF8 --locale=C.UTF-8 --no-sync >/dev/null\n'
            '  rm -f /tmp/pwfile\n'
            f'  echo "host all all samenet scram-sha-256" >> {data}/pg_hba.conf\n'
            'fi\n'
            f"exec {binaries}/postgres -D {data} -c listen_addresses='*' -k /tmp "
            '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100\n'
        )
        self._run(
            "postgres", ["/bin/sh", "-c", script], user=f"{accounts.postgres_uid}:{accounts.postgres_gid}",
            environment={"POSTGRES_PASSWORD": self._postgres_password},
            check=health_check([f"{binaries}/pg_isready", "-q", "-h", "127.0.0.1", "-U", "permiso", "-d", "postgres"]),
            # SIGTERM is PostgreSQL's "smart" shutdown, which waits for the application's pooled
            # connections to close (a stop would take the whole grace period); SIGINT is "fast".
            stop_signal="SIGINT",
        )

    def _run_redis(self) -> None:
        script = (
            "set -e\numask 077\n"
            'printf "requirepass %s\\n" "$REDIS_PASSWORD" > /data/redis.conf\n'
            "exec /usr/bin/redis-server /data/redis.conf --bind 0.0.0.0 --port 6379 --dir /data "
            '--appendonly yes --save "" --logfile ""\n'
        )
        self._run(
            "redis", ["/bin/sh", "-c", script], user="65534:65534",
            environment={"REDIS_PASSWORD": self._redis_password},
            check=health_check(['REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli -h 127.0.0.1 ping | grep -q PONG']),
        )

    def app_environment_in_container(self) -> dict[str, str]:
        """The application's environment: the caller's settings, the stack's storage, proxies."""
        ips = self.addresses.ips
        environment = {
            **self.app_environment,
            "DATABASE_URL": (f"postgresql://permiso:{self._postgres_password}@{CONTAINERS['postgres']}:5432/"
                             "postgres?connect_timeout=3"),
            "REDIS_URL": f"redis://:{self._redis_password}@{CONTAINERS['redis']}:6379/0",
            # nginx, and the bridge's gateway through which the suite's connections arrive.
            "PERMISO_TRUSTED_PROXIES": f"{ips['nginx']},{self.addresses.gateway}",
            "PERMISO_ALLOWED_HOSTS": ",".join((*HOST_NAMES, CONTAINERS["nginx"], CONTAINERS["app"], "[::1]")),
            "PYTHONDONTWRITEBYTECODE": "1",
            "HOME": "/tmp",
        }
        return environment

    def _run_app(self) -> None:
        python = Path(sys.executable)
        self._run(
            "app", [str(python), "-m", "sut", "--host", "0.0.0.0", "--port", str(APP_PORT)],
            user="65534:65534", environment=self.app_environment_in_container(),
            check=health_check([BUSYBOX, "wget", "-q", "-O", "/dev/null", f"http://127.0.0.1:{APP_PORT}/health"]),
            volumes=_read_only(*python_mounts()), working_dir=str(ROOT),
        )

    def _run_nginx(self) -> None:
        tls = make_tls_material(self.files / "tls", (*HOST_NAMES, CONTAINERS["nginx"]))
        config_dir = self.files / "nginx"
        config_dir.mkdir(parents=True, exist_ok=True)
        inside = "/etc/permiso-nginx"
        (config_dir / "nginx.conf").write_text(nginx_conf(
            f"{self.addresses.ips['app']}:{APP_PORT}", self.addresses.https_port,
            f"{inside}/tls/server.pem", f"{inside}/tls/server.key"))
        (config_dir / "security_headers.conf").write_text(security_headers())
        self._run(
            "nginx", [NGINX, "-e", "stderr", "-c", f"{inside}/nginx/nginx.conf", "-g", "daemon off;"],
            user="0:0", environment={},
            check=health_check([BUSYBOX, "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8081/"]),
            volumes={str(config_dir): {"bind": f"{inside}/nginx", "mode": "ro"},
                     str(tls.certificate_path.parent): {"bind": f"{inside}/tls", "mode": "ro"}},
            ports={"443/tcp": ("127.0.0.1", self.addresses.https_port),
                   "80/tcp": ("127.0.0.1", self.addresses.http_port)},
        )

    # -- waiting -----------------------------------------------------------------------------
    def health_of(self, role: str) -> tuple[str, str]:
        """(container state, health status) of one container."""
        state = self.client.api.inspect_container(CONTAINERS[role])["State"]
        return state.get("Status", "?"), (state.get("Health") or {}).get("Status", "none")

    def wait_until_healthy(self, roles: tuple[str, ...], timeout: float = START_TIMEOUT) -> None:
        """Wait until every container of ``roles`` reports healthy; fail naming the first that
        exited or stayed unhealthy, with the last lines of its log."""
        deadline = time.monotonic() + timeout
        waiting = list(roles)
        while waiting and time.monotonic() < deadline:
            for role in list(waiting):
                status, health = self.health_of(role)
                if health == "healthy":
                    waiting.remove(role)
                elif status in ("exited", "dead"):
                    raise StackUnavailable(f"{CONTAINERS[role]} exited while starting: {self.log_tail(role)}")
            time.sleep(0.25)
        if waiting:
            role = waiting[0]
            raise StackUnavailable(
                f"{CONTAINERS[role]} is not healthy after {timeout:g} s "
                f"({'/'.join(self.health_of(role))}): {self.log_tail(role)}")

    def log_tail(self, role: str, lines: int = 6) -> str:
        """The last lines of a container's log, on one line."""
        with contextlib.suppress(Exception):
            text = self.client.containers.get(CONTAINERS[role]).logs(tail=lines).decode(errors="replace")
            return " / ".join(line.strip() for line in text.splitlines() if line.strip()) or "(empty log)"
        return "(no log)"
