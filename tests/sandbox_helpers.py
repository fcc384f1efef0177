"""Shared pieces for the sandbox tests: backend parameters that skip with a reason, and leftover counting."""

from __future__ import annotations

import os
import uuid

import pytest

from sandbox import availability

DOCKER_SKIP = "no Docker engine/image: run .ci/sandbox_setup.sh"

PROCESS = pytest.param("process", id="process")
BWRAP = pytest.param("bwrap", id="bwrap", marks=pytest.mark.bwrap)
DOCKER = pytest.param("docker", id="docker", marks=pytest.mark.docker)
ISOLATING = [BWRAP, DOCKER]
EVERY = [PROCESS, BWRAP, DOCKER]


def require(name: str) -> str:
    """Skip the calling test when this backend cannot work on this machine, saying what is missing."""
    usable, why = availability(name)
    if not usable:
        pytest.skip(f"{DOCKER_SKIP} ({why})" if name == "docker" else f"bubblewrap unusable here: {why}")
    return name


def new_mark() -> str:
    return f"prorl-sandbox-test-{uuid.uuid4().hex}"


def marked(body: str, mark: str) -> str:
    """A Python program that first re-execs itself with `mark` on its command line, so every process it
    (or any fork of it) leaves behind can be found from the host's /proc, whatever else runs here."""
    head = (
        "import os, sys\n"
        f"if sys.argv[-1] != {mark!r}:\n"
        f"    os.execv(sys.executable, [sys.executable, '-S', 'main.py', {mark!r}])\n"
    )
    return head + body


def processes_with(mark: str) -> list[int]:
    """Host pids whose command line carries `mark` (zombies count: they are leftovers too)."""
    found = []
    needle = mark.encode()
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/cmdline", "rb") as handle:
                if needle in handle.read():
                    found.append(int(name))
        except OSError:
            continue
    return found


def our_containers() -> list[str]:
    """Sandbox containers on the engine that belong to this test process."""
    from sandbox.docker_backend import LABEL, OWNER_LABEL, _client, owner_id

    client = _client()
    try:
        listed = client.containers.list(all=True, filters={"label": f"{OWNER_LABEL}={owner_id()}"})
        return [c.id for c in listed if c.labels.get(LABEL) == "1"]
    finally:
        client.close()


def processes_in(container_id: str) -> int:
    """How many processes run inside a container (docker top)."""
    from sandbox.docker_backend import _client

    client = _client()
    try:
        return len(client.api.top(container_id)["Processes"] or [])
    finally:
        client.close()
