"""Throwaway PostgreSQL 15 and Redis servers for the project's own tests and benchmarks.

Both bind to 127.0.0.1 on a free port and keep their data in a temporary directory that is
removed on stop. PostgreSQL runs as the unprivileged ``postgres`` OS user (the tests run as
root; ``initdb`` refuses root) with trust authentication on loopback only, and listens on TCP
only: no Unix-domain socket, whose path (at most 107 bytes) would grow with the directory the
project is checked out in. ``PERMISO_PG_BIN`` names another directory of PostgreSQL server
binaries (default: Debian's ``/usr/lib/postgresql/<15|16|17>/bin``).

Why not pytest-postgresql/pytest-redis: ``pg_ctl`` refuses to run as root and
pytest-postgresql has no way to start it as another OS user (its issues #341 and #455), while
the project's tests and CI run as root; and the container stack, the benchmarks and the shell
scripts start the same servers outside pytest.

Python use (conftest, benchmark)::

    with PostgresServer() as pg, RedisServer() as rd:
        pg.create_database("t1")
        url = pg.url("t1")          # postgresql+psycopg://postgres@127.0.0.1:PORT/t1
        rd.url(0)                    # redis://127.0.0.1:PORT/0

Command line (used by start-postgres.sh / start-redis.sh)::

    python -m tools.infra.storage.servers start postgres --dir DIR   # prints the URL, leaves it running
    python -m tools.infra.storage.servers start redis --dir DIR
    python -m tools.infra.storage.servers stop postgres|redis --dir DIR
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")
PG_BIN_VARIABLE = "PERMISO_PG_BIN"
PG_OS_USER = "postgres"


class StorageUnavailable(RuntimeError):
    """The server binary is missing or the server did not come up."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise StorageUnavailable(f"nothing listens on 127.0.0.1:{port} after {timeout}s")


def pg_bin_dir() -> Path:
    """The directory of ``initdb`` and ``pg_ctl``: ``PERMISO_PG_BIN``, else Debian's."""
    configured = os.environ.get(PG_BIN_VARIABLE, "").strip()
    candidates = (configured,) if configured else PG_BIN_CANDIDATES
    for candidate in candidates:
        if Path(candidate, "initdb").is_file() and Path(candidate, "pg_ctl").is_file():
            return Path(candidate)
    where = f"{configured} ({PG_BIN_VARIABLE})" if configured else ", ".join(PG_BIN_CANDIDATES)
    raise StorageUnavailable(
        f"PostgreSQL server binaries (initdb, pg_ctl) not found in {where}; install with "
        "'apt-get install -y postgresql'"
    )


def _as_pg_user(argv: list[str]) -> list[str]:
    """Run argv as the postgres OS user when we are root, else as ourselves."""
    if os.geteuid() != 0:
        return argv
    try:
        pwd.getpwnam(PG_OS_USER)
    except KeyError as exc:
        raise StorageUnavailable(f"OS user {PG_OS_USER!r} does not exist (install postgresql)") from exc
    runuser = shutil.which("runuser") or next(
        (p for p in ("/usr/sbin/runuser", "/sbin/runuser") if os.path.exists(p)), None
    )
    if runuser:
        return [runuser, "-u", PG_OS_USER, "--", *argv]
    return ["su", PG_OS_USER, "-s", "/bin/sh", "-c", " ".join(_quote(a) for a in argv)]


def _make_traversable(path: Path) -> None:
    """Let the postgres OS user reach ``path``: add the search (x) bit for others on ancestors
    that lack it (a ``mktemp -d`` parent is 0700). Only the traverse bit, never read."""
    if os.geteuid() != 0:
        return
    for ancestor in [path, *path.resolve().parents]:
        mode = ancestor.stat().st_mode
        if not mode & 0o001:
            ancestor.chmod(mode | 0o001)


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def _reason(*texts: str) -> str:
    """The most telling line of a failed command's output (or of a server log): the last
    ``FATAL``/``ERROR``/``error`` line, else the last non-empty one; one line, never a wall."""
    lines = [line.strip() for text in texts for line in (text or "").splitlines() if line.strip()]
    telling = [line for line in lines if any(word in line for word in ("FATAL", "ERROR", "error", "rror:"))]
    chosen = (telling or lines or ["no output"])[-1]
    return chosen[:300]


def _run(argv: list[str], what: str, timeout: float = 60, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run a command; a failure raises StorageUnavailable with one line saying why (from its
    output, or from ``log`` when the command only says "see the log")."""
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StorageUnavailable(f"{what} failed: {exc}") from exc
    if proc.returncode != 0:
        logged = log.read_text(encoding="utf-8", errors="replace") if log and log.exists() else ""
        raise StorageUnavailable(f"{what} failed (exit {proc.returncode}): {_reason(proc.stdout, proc.stderr, logged)}")
    return proc


class PostgresServer:
    """A PostgreSQL cluster in a throwaway directory, owned by the postgres OS user."""

    def __init__(self, base_dir: str | os.PathLike | None = None, port: int | None = None):
        self.bin = pg_bin_dir()  # first: a missing installation leaves no folder behind
        self._own_base = base_dir is None
        self.base = Path(base_dir or tempfile.mkdtemp(prefix="permiso-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "postgres.log"
        self.port = port or free_port()
        self.started = False

    # -- lifecycle ---------------------------------------------------------------------------
    def start(self) -> "PostgresServer":
        try:
            return self._start()
        except StorageUnavailable:
            self.stop()
            raise

    def _start(self) -> "PostgresServer":
        self.base.mkdir(parents=True, exist_ok=True)
        self.base.chmod(0o755)
        if os.geteuid() == 0:
            entry = pwd.getpwnam(PG_OS_USER)
            os.chown(self.base, entry.pw_uid, entry.pw_gid)
        _make_traversable(self.base)
        if not (self.data / "PG_VERSION").exists():
            _run(
                _as_pg_user([
                    str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8",
                ]),
                "initdb",
                timeout=120,
            )
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200 -c shared_buffers=64MB"
        )
        _run(
            _as_pg_user([
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                "-o", options, "-w", "-t", "60", "start",
            ]),
            "pg_ctl start",
            timeout=90,
            log=self.log,
        )
        self.started = True
        wait_for_port(self.port)
        return self

    def stop(self, remove: bool = True) -> None:
        if self.started or (self.data / "postmaster.pid").exists():
            with contextlib.suppress(StorageUnavailable):
                _run(
                    _as_pg_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
                    "pg_ctl stop",
                )
            self.started = False
        if remove and self._own_base:
            shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> "PostgresServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- databases ---------------------------------------------------------------------------
    def url(self, database: str = "postgres", driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"

    def execute(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database, driver="postgresql"), autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, name: str, template: str | None = None) -> str:
        tmpl = f" TEMPLATE {template}" if template else ""
        self.execute(f'CREATE DATABASE "{name}"{tmpl}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class RedisServer:
    """A redis-server without persistence on a free loopback port."""

    def __init__(self, base_dir: str | os.PathLike | None = None, port: int | None = None):
        self._own_base = base_dir is None
        self.base = Path(base_dir or tempfile.mkdtemp(prefix="permiso-redis-"))
        self.port = port or free_port()
        self.proc: subprocess.Popen | None = None
        self.binary = shutil.which("redis-server")

    def _argv(self, daemonize: bool) -> list[str]:
        if not self.binary:
            raise StorageUnavailable("redis-server not found; install with 'apt-get install -y redis-server'")
        return [
            self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(self.base), "--protected-mode", "yes",
            "--daemonize", "yes" if daemonize else "no",
            "--pidfile", str(self.base / "redis.pid"), "--logfile", str(self.base / "redis.log"),
            "--databases", "16",
        ]

    def start(self, daemonize: bool = False) -> "RedisServer":
        try:
            argv = self._argv(daemonize)
        except StorageUnavailable:
            self.stop()
            raise
        self.base.mkdir(parents=True, exist_ok=True)
        if daemonize:
            _run(argv, "redis-server")
        else:
            self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for_port(self.port)
        except StorageUnavailable:
            self.stop()
            raise
        return self

    def stop(self, remove: bool = True) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
            self.proc = None
        else:
            pidfile = self.base / "redis.pid"
            if pidfile.exists():
                with contextlib.suppress(ValueError, ProcessLookupError):
                    pid = int(pidfile.read_text().strip())
                    os.kill(pid, 15)
                    for _ in range(100):
                        os.kill(pid, 0)
                        time.sleep(0.05)
        if remove and self._own_base:
            shutil.rmtree(self.base, ignore_errors=True)

    def __enter__(self) -> "RedisServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def flushdb(self, db: int = 0) -> None:
        import redis

        client = redis.Redis.from_url(self.url(db))
        try:
            client.flushdb()
        finally:
            client.close()


# -- command line ----------------------------------------------------------------------------
def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("server", choices=("postgres", "redis"))
    parser.add_argument("--dir", required=True, help="data directory (kept until stop)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args(argv)
    base = Path(args.dir)
    port_file = base / "port"
    try:
        if args.server == "postgres":
            port = args.port or (int(port_file.read_text()) if port_file.exists() else None)
            server = PostgresServer(base, port)
            if args.action == "start":
                server.start()
                port_file.write_text(str(server.port))
                print(server.url())
            else:
                server.stop(remove=False)
        else:
            port = args.port or (int(port_file.read_text()) if port_file.exists() else None)
            server = RedisServer(base, port)
            if args.action == "start":
                server.start(daemonize=True)
                port_file.write_text(str(server.port))
                print(server.url())
            else:
                server.stop(remove=False)
    except StorageUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main())
