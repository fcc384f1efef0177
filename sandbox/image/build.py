"""Build the sandbox image. Two routes, same result: `docker build` of the Dockerfile beside this file
(needs a registry for debian:bookworm-slim), or `debootstrap` a minimal Debian root file system from the
machine's own apt mirror and `docker import` it (needs root and the debootstrap package, no registry)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sandbox.limits import SandboxError

IMAGE_NAME = "prorl-gym-sandbox"
IMAGE_VERSION = "0.1.0"  # bump when the image contents change
PACKAGES = ("python3", "g++")
DEFAULT_SUITE = "bookworm"
DEFAULT_MIRROR = "http://deb.debian.org/debian"
_PRUNE = (
    "usr/share/doc",
    "usr/share/man",
    "usr/share/info",
    "usr/share/locale",
    "var/cache/apt",
    "var/lib/apt/lists",
)
_CHANGES = [
    "USER 65534:65534",
    "WORKDIR /work",
    "ENV PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8",
    'CMD ["python3"]',
]

Log = Callable[[str], None]


def default_tag() -> str:
    return os.environ.get("PRORL_SANDBOX_IMAGE") or f"{IMAGE_NAME}:{IMAGE_VERSION}"


def image_present(client: Any, tag: str | None = None) -> bool:
    import docker.errors

    try:
        client.images.get(tag or default_tag())
        return True
    except docker.errors.ImageNotFound:
        return False


def build_image(
    tag: str | None = None,
    method: str = "auto",
    force: bool = False,
    mirror: str | None = None,
    log: Log = print,
) -> str:
    """Build (or keep) the image; returns its tag. method: auto | dockerfile | debootstrap."""
    import docker

    tag = tag or default_tag()
    if method not in ("auto", "dockerfile", "debootstrap"):
        raise SandboxError(f"unknown build method {method!r}; choose auto, dockerfile or debootstrap")
    try:
        client = docker.from_env(timeout=600)
        client.ping()
    except Exception as exc:
        raise SandboxError(f"no Docker engine reachable ({exc}); start dockerd or set DOCKER_HOST") from exc
    if image_present(client, tag) and not force:
        log(f"image {tag} already present (use --force to rebuild)")
        return tag
    if method in ("auto", "dockerfile"):
        try:
            _build_dockerfile(client, tag, log)
            return _check(client, tag, log)
        except Exception as exc:
            if method == "dockerfile":
                raise SandboxError(f"docker build failed: {exc}") from exc
            log(
                f"docker build not possible ({str(exc).splitlines()[0][:200]}); building offline with debootstrap"
            )
    _build_debootstrap(client, tag, mirror or apt_mirror(), log)
    return _check(client, tag, log)


def _build_dockerfile(client: Any, tag: str, log: Log) -> None:
    log(f"building {tag} from {Path(__file__).with_name('Dockerfile')}")
    client.images.build(path=str(Path(__file__).parent), tag=tag, rm=True, pull=True)


def _build_debootstrap(client: Any, tag: str, mirror: str, log: Log) -> None:
    if os.geteuid() != 0:
        raise SandboxError("the offline image build needs root (debootstrap); run it with sudo")
    if shutil.which("debootstrap") is None:
        raise SandboxError("debootstrap is not installed: apt-get install debootstrap")
    suite = _suite()
    with tempfile.TemporaryDirectory(prefix="prorl-sandbox-rootfs-", dir="/var/tmp") as tmp:
        rootfs = os.path.join(tmp, "rootfs")
        command = [
            "debootstrap",
            "--variant=minbase",
            f"--include={','.join(PACKAGES)}",
            suite,
            rootfs,
            mirror,
        ]
        log("running " + " ".join(command) + " (about a minute)")
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            raise SandboxError(f"debootstrap failed (exit {done.returncode}): {done.stderr.strip()[-800:]}")
        for rel in _PRUNE:
            shutil.rmtree(os.path.join(rootfs, rel), ignore_errors=True)
        os.makedirs(os.path.join(rootfs, "work"), exist_ok=True)
        log(f"importing the root file system as {tag}")
        tar = subprocess.Popen(["tar", "-C", rootfs, "--numeric-owner", "-c", "."], stdout=subprocess.PIPE)
        assert tar.stdout is not None
        repository, _, version = tag.rpartition(":")
        try:
            client.api.import_image_from_stream(
                tar.stdout, repository=repository, tag=version, changes=_CHANGES
            )
        finally:
            tar.stdout.close()
            if tar.wait() != 0:
                raise SandboxError(f"tar of the root file system failed (exit {tar.returncode})")


def _check(client: Any, tag: str, log: Log) -> str:
    """The image must run python3 and g++; a broken image is an error now, not at the first program."""
    script = "python3 -S -c 'print(6*7)' && printf 'int main(){return 0;}' | g++ -x c++ -o /tmp/a - && /tmp/a && echo ok"
    out = client.containers.run(
        tag,
        ["sh", "-c", script],
        remove=True,
        network_mode="none",
        user="65534:65534",
        tmpfs={"/tmp": "exec"},
    )
    if out.decode().split() != ["42", "ok"]:
        raise SandboxError(f"image {tag} failed its check: {out!r}")
    log(f"image {tag} is ready (python3 and g++ checked)")
    return str(tag)


def apt_mirror(candidates: list[Path] | None = None) -> str:
    """The Debian mirror this machine's apt uses (deb822 or one-line sources), else deb.debian.org."""
    if candidates is None:
        candidates = [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]
    for path in candidates:
        if not path.is_file() or not path.name.endswith((".list", ".sources")):
            continue
        text = path.read_text(errors="replace")
        for line in text.splitlines():
            match = re.match(r"\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)", line)
            if match and "security" not in match.group(1) and "debian" in match.group(1):
                return match.group(1)
        for stanza in text.split("\n\n"):
            uris = re.search(r"^URIs:\s*(\S+)", stanza, re.M)
            if uris and "security" not in uris.group(1) and "debian" in uris.group(1):
                return uris.group(1)
    return DEFAULT_MIRROR


def _suite() -> str:
    try:
        text = Path("/etc/os-release").read_text()
    except OSError:
        return DEFAULT_SUITE
    ids = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    if ids.get("ID") == "debian" and ids.get("VERSION_CODENAME"):
        return ids["VERSION_CODENAME"].strip('"')
    return DEFAULT_SUITE
