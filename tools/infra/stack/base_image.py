"""The stack's one image, built offline: ``FROM scratch`` with only a skeleton root.

No image registry is reachable where the project's tests run, so nothing is pulled. The
image holds just what the host cannot lend: ``/etc/passwd`` and ``/etc/group`` naming the
service accounts, the usr-merge links (``/bin -> usr/bin``, ``/lib -> usr/lib`` …) and
writable directories owned by the accounts that write there. The programs themselves come
from the host at run time through read-only bind mounts: Debian's ``/usr`` (PostgreSQL,
redis-server, nginx, busybox for the health checks) and the project's virtual environment
with the Python it was made from. One image serves all four containers; each container
gets its own command, user and health check.
"""

from __future__ import annotations

import io
import pwd
import tarfile
from dataclasses import dataclass
from typing import Any

IMAGE_TAG = "permiso-stack/base:latest"
NOBODY = 65534
# ADD extracts a local tar archive keeping its owners (COPY would make every file root's).
DOCKERFILE = "FROM scratch\nADD rootfs.tar /\n"
USR_MERGE_LINKS = {"bin": "usr/bin", "sbin": "usr/sbin", "lib": "usr/lib", "lib64": "usr/lib64"}


@dataclass(frozen=True)
class Accounts:
    """The numeric ids the containers run as."""

    postgres_uid: int
    postgres_gid: int
    nobody: int = NOBODY


def host_accounts() -> Accounts:
    """The ``postgres`` account of the host's Debian package (its files in ``/usr`` expect it)."""
    entry = pwd.getpwnam("postgres")
    return Accounts(entry.pw_uid, entry.pw_gid)


def _directory(tar: tarfile.TarFile, name: str, mode: int = 0o755, owner: int = 0, group: int = 0) -> None:
    info = tarfile.TarInfo(name or ".")
    info.type, info.mode, info.uid, info.gid = tarfile.DIRTYPE, mode, owner, group
    tar.addfile(info)


def _file(tar: tarfile.TarFile, name: str, text: str, mode: int = 0o644) -> None:
    data = text.encode()
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), mode
    tar.addfile(info, io.BytesIO(data))


def root_archive(accounts: Accounts) -> bytes:
    """The image's whole file system as a tar archive (owners and modes as they must be)."""
    archive = io.BytesIO()
    passwd = (
        "root:x:0:0:root:/root:/usr/sbin/nologin\n"
        f"postgres:x:{accounts.postgres_uid}:{accounts.postgres_gid}:PostgreSQL:/var/lib/postgresql:/usr/sbin/nologin\n"
        f"nobody:x:{accounts.nobody}:{accounts.nobody}:nobody:/nonexistent:/usr/sbin/nologin\n"
    )
    group = f"root:x:0:\npostgres:x:{accounts.postgres_gid}:\nnogroup:x:{accounts.nobody}:\n"
    with tarfile.open(fileobj=archive, mode="w") as tar:
        _directory(tar, "")
        for name in ("etc", "usr", "proc", "sys", "dev", "run", "var", "var/lib"):
            _directory(tar, name)
        _directory(tar, "tmp", 0o1777)
        _directory(tar, "data", 0o700, accounts.nobody, accounts.nobody)
        _directory(tar, "var/lib/postgresql", 0o700, accounts.postgres_uid, accounts.postgres_gid)
        for link, target in USR_MERGE_LINKS.items():
            info = tarfile.TarInfo(link)
            info.type, info.linkname, info.mode = tarfile.SYMTYPE, target, 0o777
            tar.addfile(info)
        _file(tar, "etc/passwd", passwd)
        _file(tar, "etc/group", group)
        _file(tar, "etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n")
    return archive.getvalue()


def build_context(accounts: Accounts) -> io.BytesIO:
    """The build context as an in-memory tar archive: the Dockerfile and ``rootfs.tar``."""
    root = root_archive(accounts)
    context = io.BytesIO()
    with tarfile.open(fileobj=context, mode="w") as tar:
        _file(tar, "Dockerfile", DOCKERFILE)
        info = tarfile.TarInfo("rootfs.tar")
        info.size, info.mode = len(root), 0o644
        tar.addfile(info, io.BytesIO(root))
    context.seek(0)
    return context


def build_base_image(client: Any, accounts: Accounts | None = None, tag: str = IMAGE_TAG) -> Any:
    """Build the image on ``client``'s engine (a ``docker.DockerClient``) and return it."""
    image, _logs = client.images.build(
        fileobj=build_context(accounts or host_accounts()), custom_context=True, tag=tag,
        rm=True, forcerm=True, pull=False,
    )
    return image
