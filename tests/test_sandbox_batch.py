"""Concurrency and cleanup at volume, on every backend: order kept, nothing lost, nothing left over."""

from __future__ import annotations

import os

import pytest
from sandbox_helpers import EVERY, our_containers, processes_in, require

from sandbox import Limits, RunStatus, run_batch
from sandbox.supervise import descendants as _descendants


def _is_local_helper(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().endswith(b"\x00--local\x00")
    except OSError:
        return False


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return require(request.param)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_200_programs_over_2_workers_in_order(backend: str) -> None:
    items = [
        {"program": "import sys\nn = int(sys.stdin.read())\nprint(n, n * n)", "stdin": str(i)}
        for i in range(200)
    ]
    results = run_batch(items, workers=2, limits=Limits(wall_s=30), backend=backend)
    assert len(results) == 200
    bad = [(i, r.status, r.stderr[-200:]) for i, r in enumerate(results) if not r.ok]
    assert bad == []
    assert [r.stdout for r in results] == [f"{i} {i * i}\n" for i in range(200)]


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_1000_timeouts_leave_nothing_behind(backend: str) -> None:
    if backend == "docker":
        from sandbox.backends import get_backend

        get_backend("docker").close()  # type: ignore[attr-defined]  # start from no pools at all
    sleeper = "import time\nprint('asleep', flush=True)\ntime.sleep(30)\n"
    before = set(_descendants(os.getpid()))  # e.g. verifier pool workers left by earlier tests
    results = run_batch([sleeper] * 1000, workers=4, limits=Limits(wall_s=0.05), backend=backend)
    assert len(results) == 1000
    assert all(r.status is RunStatus.TIMEOUT for r in results), {r.status for r in results}
    # Host backends: every program (and bwrap's monitor and init) descends from us through an idle local
    # helper, so anything not killed and reaped would still be listed here, zombies included.
    after = set(_descendants(os.getpid())) - before
    assert [pid for pid in sorted(after) if not _is_local_helper(pid)] == []
    if backend == "docker":
        from sandbox.backends import get_backend

        docker_backend = get_backend("docker")
        containers = our_containers()
        assert len(containers) <= docker_backend.pool_size  # type: ignore[attr-defined]
        assert all(processes_in(c) == 1 for c in containers)  # just the runner
        docker_backend.close()  # type: ignore[attr-defined]
        assert our_containers() == []
