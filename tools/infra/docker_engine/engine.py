"""A private, throwaway Docker engine for the project's own tests.

``dockerd`` runs on its own socket with its own data root, exec root (and so its own managed
containerd) and pid file, all in one temporary directory, so it never touches a Docker engine
that the machine may already run. It changes no host networking: ``--bridge=none``,
``--iptables=false``, ``--ip-forward=false``, ``--ip-masq=false``. Containers that need
published ports join a user-defined bridge network the caller creates; ``docker-proxy`` then
binds the host port (the userland proxy needs no iptables rules).

When ``dockerd`` or ``busybox-static`` is missing, :func:`ensure_packages` installs Debian's
``docker.io`` and ``busybox-static`` (root only; ``apt-get update`` only if a first install fails).

Python use (libraries/tests/conftest.py)::

    with PrivateEngine() as engine:          # starts dockerd, waits until it answers
        client = engine.client()             # docker.DockerClient on the private socket
        ...                                  # stop(): removes containers, networks, stops, cleans

Command line (used by start-engine.sh / stop-engine.sh)::

    python -m tools.infra.docker_engine.engine start --dir DIR    # prints DOCKER_HOST=unix://DIR/docker.sock
    python -m tools.infra.docker_engine.engine image --dir DIR    # builds the offline busybox test image
    python -m tools.infra.docker_engine.engine stop --dir DIR
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PACKAGES = ("docker.io", "busybox-static")
SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
ENGINE_PROCESS_NAMES = ("dockerd", "containerd", "docker-proxy")  # comm is cut at 15 chars
STORAGE_DRIVERS = (None, "vfs")  # None: dockerd's choice (overlay2 here); vfs works everywhere


class EngineUnavailable(RuntimeError):
    """dockerd is missing, could not be installed, or did not come up."""


def _which(name: str) -> str | None:
    return shutil.which(name, path=f"{os.environ.get('PATH', '')}:{SYSTEM_PATH}")


def _busybox_static_installed() -> bool:
    return subprocess.run(["dpkg", "-s", "busybox-static"], capture_output=True).returncode == 0


def ensure_packages() -> None:
    """Install ``docker.io`` and ``busybox-static`` when missing (needs root and apt)."""
    missing = []
    if not _which("dockerd"):
        missing.append("docker.io")
    if not _busybox_static_installed():
        missing.append("busybox-static")
    if not missing:
        return
    if os.geteuid() != 0 or not _which("apt-get"):
        raise EngineUnavailable(f"Missing Debian packages {' '.join(missing)}; install them as root with apt-get")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "PATH": f"{os.environ.get('PATH', '')}:{SYSTEM_PATH}"}
    install = ["apt-get", "install", "-y", "-qq", *missing]
    if subprocess.run(install, capture_output=True, env=env).returncode == 0:
        return
    subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env)
    result = subprocess.run(install, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise EngineUnavailable(f"apt-get install {' '.join(missing)} failed: {result.stderr.strip()[-500:]}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError):  # a zombie counts as gone
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


def engine_pids_under(base: Path) -> list[int]:
    """Ids of dockerd, containerd and shim processes whose command line names ``base/`` (an
    engine's directory, or a folder that holds engines' directories)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        with contextlib.suppress(OSError):
            name = (entry / "comm").read_text().strip()
            if not name.startswith(ENGINE_PROCESS_NAMES):
                continue
            if f"{base}/" in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                pids.append(int(entry.name))
    return pids


def _mounts_under(base: Path) -> list[str]:
    mounts = []
    with contextlib.suppress(OSError):
        for line in Path("/proc/self/mountinfo").read_text().splitlines():
            point = line.split()[4].replace("\\040", " ")
            if point == str(base) or point.startswith(f"{base}/"):
                mounts.append(point)
    return sorted(mounts, key=len, reverse=True)


class PrivateEngine:
    """A dockerd on a private socket in a throwaway directory."""

    def __init__(self, base_dir: str | os.PathLike | None = None):
        self._own_base = base_dir is None
        self.base = Path(base_dir or tempfile.mkdtemp(prefix="permiso-docker-"))
        self.socket = self.base / "docker.sock"
        self.pidfile = self.base / "docker.pid"
        self.log = self.base / "dockerd.log"
        self.storage_driver: str | None = None
        self._process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """The engine's address, for ``DOCKER_HOST`` or ``docker.DockerClient(base_url=...)``."""
        return f"unix://{self.socket}"

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self, timeout: float = 60.0, detach: bool = False) -> "PrivateEngine":
        """Start dockerd and wait until it answers; tries vfs storage when overlay2 fails."""
        ensure_packages()
        dockerd = _which("dockerd")
        if not dockerd:
            raise EngineUnavailable("dockerd not found after installing docker.io")
        errors = []
        for driver in STORAGE_DRIVERS:
            self.base.mkdir(parents=True, exist_ok=True)
            (self.base / "daemon.json").write_text("{}\n")
            self._launch(dockerd, driver, detach)
            try:
                self._wait_until_answering(timeout)
            except EngineUnavailable as error:
                errors.append(f"storage driver {driver or 'default'}: {error}")
                self._stop_daemon()
                self._clean_leftovers(remove_base=False)
                with contextlib.suppress(OSError):
                    shutil.rmtree(self.base / "data")
                continue
            self.storage_driver = driver or "default"
            if detach:
                self._process = None  # the CLI leaves it running; stop() finds it by the pid file
            return self
        raise EngineUnavailable("dockerd did not come up: " + " | ".join(errors))

    def _launch(self, dockerd: str, driver: str | None, detach: bool) -> None:
        argv = [
            dockerd,
            f"--host={self.url}",
            f"--data-root={self.base / 'data'}",
            f"--exec-root={self.base / 'exec'}",
            f"--pidfile={self.pidfile}",
            f"--config-file={self.base / 'daemon.json'}",
            "--bridge=none", "--iptables=false", "--ip-forward=false", "--ip-masq=false",
        ]
        if driver:
            argv.append(f"--storage-driver={driver}")
        env = {**os.environ, "PATH": f"{os.environ.get('PATH', '')}:{SYSTEM_PATH}"}
        env.pop("DOCKER_HOST", None)
        with open(self.log, "ab") as log:
            self._process = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True, close_fds=True,
            )

    def _dockerd_pid(self) -> int | None:
        if self._process is not None:
            return self._process.pid
        with contextlib.suppress(OSError, ValueError):
            return int(self.pidfile.read_text().strip())
        return None

    def _wait_until_answering(self, timeout: float) -> None:
        import docker  # noqa: PLC0415 - only the engine needs the SDK

        deadline = time.monotonic() + timeout
        last = "no socket yet"
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise EngineUnavailable(f"dockerd exited with {self._process.returncode}: {self.log_tail()}")
            if self.socket.exists():
                try:
                    with contextlib.closing(docker.DockerClient(base_url=self.url, version="auto", timeout=5)) as client:
                        client.ping()
                        return
                except Exception as error:  # noqa: BLE001 - any failure means "not yet"
                    last = str(error).splitlines()[0][:200]
            time.sleep(0.2)
        raise EngineUnavailable(f"no answer on {self.url} within {timeout:g} s ({last}): {self.log_tail()}")

    def log_tail(self, lines: int = 8) -> str:
        """The last interesting lines of dockerd's log (grpc chatter left out)."""
        with contextlib.suppress(OSError):
            text = self.log.read_text(errors="replace").splitlines()
            wanted = [line for line in text if "module=grpc" not in line]
            return " / ".join(wanted[-lines:])
        return "(no log)"

    def client(self, timeout: float = 30) -> Any:
        """A ``docker.DockerClient`` for this engine (the caller closes it)."""
        import docker  # noqa: PLC0415

        return docker.DockerClient(base_url=self.url, version="auto", timeout=timeout)

    def stop(self) -> None:
        """Remove every container and network, stop dockerd and its children, delete the directory."""
        with contextlib.suppress(Exception), contextlib.closing(self.client(timeout=10)) as client:
            for container in client.containers.list(all=True):
                with contextlib.suppress(Exception):
                    container.remove(force=True)
            for network in client.networks.list():
                if network.name not in ("bridge", "host", "none"):
                    with contextlib.suppress(Exception):
                        network.remove()
        self._stop_daemon()
        self._clean_leftovers(remove_base=self._own_base)

    def _stop_daemon(self, grace: float = 20.0) -> None:
        pid = self._dockerd_pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and _pid_alive(pid):
            if self._process is not None and self._process.poll() is not None:
                break
            time.sleep(0.1)
        if _pid_alive(pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)  # our own session: dockerd and its containerd
        if self._process is not None:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
        self._process = None

    def _clean_leftovers(self, remove_base: bool) -> None:
        for pid in engine_pids_under(self.base):  # containerd or shims that outlived dockerd
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        for point in _mounts_under(self.base):
            subprocess.run(["umount", "-l", point], capture_output=True)
        if remove_base:
            shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> "PrivateEngine":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("start", "stop", "image"))
    parser.add_argument("--dir", required=True, help="the engine's directory (socket, data, logs)")
    args = parser.parse_args(argv)
    engine = PrivateEngine(args.dir)
    try:
        if args.action == "start":
            engine.start(detach=True)
            print(f"DOCKER_HOST={engine.url}")
        elif args.action == "image":
            try:
                from . import image  # noqa: PLC0415
            except ImportError:
                import image  # type: ignore[no-redef]  # noqa: PLC0415 - run as a script
            with contextlib.closing(engine.client()) as client:
                print(image.build_test_image(client).tags[0])
        else:
            engine.stop()
            shutil.rmtree(engine.base, ignore_errors=True)
    except EngineUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main())
