"""Build a tiny container image offline: ``FROM scratch`` plus a static busybox.

No registry is needed. The build context is made in memory: ``rootfs/bin/busybox`` (the
static binary from Debian's ``busybox-static``), one symlink per applet the tests use, empty
``/tmp``, ``/etc``, ``/proc``, ``/sys``, ``/dev`` and a Dockerfile with a ``HEALTHCHECK``::

    FROM scratch
    COPY rootfs/ /
    HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD ["/bin/true"]
    CMD ["/bin/sleep", "3600"]

Python use::

    from tools.infra.docker_engine.image import build_test_image
    image = build_test_image(client)            # docker.DockerClient of any engine
    client.containers.run(image.id, ["sh", "-c", "echo hi; exit 3"], detach=True)
"""

from __future__ import annotations

import io
import struct
import tarfile
from pathlib import Path
from typing import Any

TEST_IMAGE = "permiso-test/busybox:latest"
BUSYBOX_CANDIDATES = ("/bin/busybox", "/usr/bin/busybox")
APPLETS = ("sh", "sleep", "true", "false", "cat", "echo", "ls", "env", "date", "printf", "seq", "kill", "wget", "nc")
PT_INTERP = 3

DOCKERFILE = """\
FROM scratch
COPY rootfs/ /
HEALTHCHECK --interval=1s --timeout=2s --retries=1 CMD ["/bin/true"]
CMD ["/bin/sleep", "3600"]
"""


class ImageUnavailable(RuntimeError):
    """No static busybox to build the image from."""


def is_static_elf(path: Path) -> bool:
    """True when ``path`` is a 64-bit little-endian ELF without a program interpreter."""
    data = path.read_bytes()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        return False
    phoff, = struct.unpack_from("<Q", data, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    return all(struct.unpack_from("<I", data, phoff + i * phentsize)[0] != PT_INTERP for i in range(phnum))


def busybox_binary() -> Path:
    """The static busybox binary of Debian's ``busybox-static``."""
    for candidate in map(Path, BUSYBOX_CANDIDATES):
        if candidate.is_file() and is_static_elf(candidate):
            return candidate
    raise ImageUnavailable(
        "No static busybox found in " + ", ".join(BUSYBOX_CANDIDATES) + ": apt-get install -y busybox-static"
    )


def _add_dir(tar: tarfile.TarFile, name: str) -> None:
    info = tarfile.TarInfo(name)
    info.type, info.mode = tarfile.DIRTYPE, 0o755
    tar.addfile(info)


def build_context(dockerfile: str = DOCKERFILE, busybox: Path | None = None) -> io.BytesIO:
    """The build context as an in-memory tar archive."""
    busybox = busybox or busybox_binary()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for directory in ("rootfs", "rootfs/bin", "rootfs/tmp", "rootfs/etc", "rootfs/proc", "rootfs/sys", "rootfs/dev"):
            _add_dir(tar, directory)
        binary = tar.gettarinfo(str(busybox), arcname="rootfs/bin/busybox")
        binary.uid = binary.gid = 0
        binary.uname = binary.gname = "root"
        binary.mode = 0o755
        with busybox.open("rb") as handle:
            tar.addfile(binary, handle)
        for applet in APPLETS:
            link = tarfile.TarInfo(f"rootfs/bin/{applet}")
            link.type, link.linkname, link.mode = tarfile.SYMTYPE, "busybox", 0o777
            tar.addfile(link)
        passwd = b"root:x:0:0:root:/:/bin/sh\n"
        entry = tarfile.TarInfo("rootfs/etc/passwd")
        entry.size, entry.mode = len(passwd), 0o644
        tar.addfile(entry, io.BytesIO(passwd))
        text = dockerfile.encode()
        entry = tarfile.TarInfo("Dockerfile")
        entry.size, entry.mode = len(text), 0o644
        tar.addfile(entry, io.BytesIO(text))
    archive.seek(0)
    return archive


def build_test_image(client: Any, tag: str = TEST_IMAGE, dockerfile: str = DOCKERFILE) -> Any:
    """Build (or rebuild, cached) the busybox test image on ``client``'s engine and return it."""
    image, _logs = client.images.build(
        fileobj=build_context(dockerfile), custom_context=True, tag=tag, rm=True, forcerm=True, pull=False
    )
    return image
