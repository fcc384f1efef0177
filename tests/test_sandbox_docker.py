"""Docker backend specifics: the warm pool, state between programs, and reaping of leftover containers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sandbox_helpers import our_containers, require

from sandbox import Limits, RunStatus, run

pytestmark = pytest.mark.docker


@pytest.fixture(autouse=True)
def _docker() -> None:
    require("docker")


def _labelled(owner: str) -> list[str]:
    from sandbox.docker_backend import OWNER_LABEL, _client

    client = _client()
    try:
        return [c.id for c in client.containers.list(all=True, filters={"label": f"{OWNER_LABEL}={owner}"})]
    finally:
        client.close()


def test_container_is_locked_down() -> None:
    probe = (
        "import os\n"
        "print(os.getuid(), os.getgid())\n"
        "print(open('/proc/self/status').read().split('NoNewPrivs:')[1].split()[0])\n"
        "try:\n    open('/etc/x', 'w')\nexcept OSError as exc:\n    print('ro', exc.errno)\n"
        "print(sorted(os.listdir('/sys/class/net')))\n"
    )
    r = run(probe, backend="docker")
    assert r.ok, r
    assert r.stdout.splitlines() == ["65534 65534", "1", "ro 30", "['lo']"]


def test_programs_do_not_see_each_others_state() -> None:
    plant = (
        "import os, time\n"
        "open('/tmp/planted', 'w').write('x')\n"
        "open('/dev/shm/planted', 'w').write('x')\n"
        "open('left.txt', 'w').write('x')\n"
        "if os.fork() == 0:\n    os.setsid()\n    time.sleep(60)\n"
        "print('planted')\n"
    )
    look = "import os\nprint(os.listdir('/tmp'), os.listdir('/dev/shm'), sorted(os.listdir('.')), sum(p.isdigit() for p in os.listdir('/proc')))\n"
    for _ in range(3):  # whichever pooled container the next run lands on, it is clean
        assert run(plant, backend="docker").stdout == "planted\n"
        seen = run(look, backend="docker")
        assert seen.stdout.startswith("[] [] ['main.py']"), seen
        # /proc holds only the runner's and this program's pid dirs: the planted daemon is gone
        assert int(seen.stdout.split()[-1]) == 2, seen


def test_pool_reuses_warm_containers() -> None:
    from sandbox.backends import get_backend

    backend = get_backend("docker")
    for _ in range(5):
        assert run("print(1)", backend="docker").ok
    first = set(our_containers())
    for _ in range(20):
        assert run("print(1)", backend="docker").ok
    assert set(our_containers()) == first
    assert len(first) <= backend.pool_size  # type: ignore[attr-defined]


def test_timed_out_program_leaves_a_working_container() -> None:
    r = run("while True:\n    pass", limits=Limits(wall_s=0.3), backend="docker")
    assert r.status is RunStatus.TIMEOUT
    assert run("print('fresh')", backend="docker").stdout == "fresh\n"


def test_memory_cgroup_oom_across_processes_is_memory_status() -> None:
    # each process stays under RLIMIT_AS, together they pass the container's memory cgroup
    hog = (
        "import os, time\n"
        "for _ in range(12):\n"
        "    if os.fork() == 0:\n"
        "        block = bytearray(200 * 1024 * 1024)\n"
        "        for i in range(0, len(block), 4096):\n            block[i] = 1\n"
        "        time.sleep(30)\n"
        "        os._exit(0)\n"
        "block = bytearray(200 * 1024 * 1024)\n"
        "for i in range(0, len(block), 4096):\n    block[i] = 1\n"
        "time.sleep(30)\n"
    )
    r = run(hog, limits=Limits(wall_s=20, memory_mb=256), backend="docker")
    assert r.status is RunStatus.MEMORY and "out-of-memory" in r.reason, r
    assert run("print('fresh')", backend="docker").ok


def test_orphans_of_dead_owners_are_reaped() -> None:
    from sandbox.docker_backend import LABEL, OWNER_LABEL, _client, reap_orphans
    from sandbox.image import default_tag

    client = _client()
    try:
        import socket

        dead_owner = f"{socket.gethostname()}:999999999:1"
        orphan = client.containers.create(
            default_tag(), ["sleep", "60"], labels={LABEL: "1", OWNER_LABEL: dead_owner}, network_mode="none"
        )
        assert _labelled(dead_owner) == [orphan.id]
        assert reap_orphans(client) >= 1
        assert _labelled(dead_owner) == []
    finally:
        client.close()


def test_containers_go_when_the_owner_is_killed(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    script = (
        "import sys, time\n"
        "from sandbox import run\n"
        "from sandbox.docker_backend import owner_id\n"
        "assert run('print(1)', backend='docker').ok\n"
        f"open({str(ready)!r}, 'w').write(owner_id())\n"
        "time.sleep(120)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[1])
    try:
        for _ in range(600):
            if ready.exists() and ready.read_text():
                break
            time.sleep(0.1)
        owner = ready.read_text()
        assert len(_labelled(owner)) >= 1
        os.kill(child.pid, signal.SIGKILL)  # no atexit: the closed attach stream must end the container
        child.wait()
        for _ in range(300):
            if not _labelled(owner):
                break
            time.sleep(0.1)
        assert _labelled(owner) == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
