"""A pool of small helper processes that spawn the host backends' programs.

Forking the caller is expensive when the caller is big (a verifier worker with sympy and math-verify
loaded forks in tens of ms, mostly page-table copies and copy-on-write faults afterwards), and rlimits
need a fork rather than vfork. So each concurrent run borrows a helper - `python3 -S -c <runner bundle>
--local`, ~10 MB - that forks the program for it and answers with the outcome (see `sandbox/serve.py`).
A helper exits when its stdin closes, i.e. when this process exits or dies; its programs die with it
(PR_SET_PDEATHSIG). A root caller's bwrap runs use helpers that run as the programs' uid (nobody), so
that no setuid and no Python is needed between their fork and exec: they spawn bwrap with vfork.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import subprocess
import threading
import time
from typing import Any

from sandbox.bundle import runner_source
from sandbox.pool import Pool
from sandbox.program import host_python
from sandbox.supervise import read_message, write_message

_ANSWER_SLACK_S = 10.0
_START_TIMEOUT_S = 30.0
_MAX_HELPERS = 64


class HelperGone(Exception):
    """The helper died or stopped answering."""


class Helper:
    """One helper process and the pipes to it."""

    def __init__(self, run_as: tuple[int, int] | None = None) -> None:
        # -I: no checkout on sys.path; the source comes on the command line (that uid may not reach it)
        command = [host_python(), "-I", "-S", "-B", "-c", runner_source(), "--local"]
        drop: dict[str, Any] = {}
        if run_as is not None:
            drop = {"user": run_as[0], "group": run_as[1], "extra_groups": []}
        self.proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
            cwd="/",
            env={"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"},
            start_new_session=True,  # Ctrl-C at a terminal goes to the caller, which then closes our stdin
            **drop,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self._in = self.proc.stdin.fileno()
        self._out = self.proc.stdout.fileno()
        try:
            if not self._receive(time.monotonic() + _START_TIMEOUT_S).get("ready"):
                raise HelperGone("helper did not start")
        except BaseException:
            self.remove()
            raise

    def execute(self, request: dict[str, Any], answer_within_s: float) -> dict[str, Any]:
        try:
            write_message(self._in, json.dumps(request).encode())
        except OSError as exc:
            raise HelperGone(f"could not send to the helper: {exc}") from exc
        return self._receive(time.monotonic() + answer_within_s)

    def _receive(self, deadline: float) -> dict[str, Any]:
        try:
            body = read_message(self._out, deadline)
        except TimeoutError:
            raise HelperGone("the helper did not answer in time") from None
        if body is None:
            raise HelperGone("the helper exited")
        return json.loads(body)

    def remove(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=5)


_lock = threading.Lock()
_pools: dict[tuple[int, int] | None, Pool[Helper]] = {}
_pools_pid = -1


def _helpers(run_as: tuple[int, int] | None) -> Pool[Helper]:
    global _pools, _pools_pid
    with _lock:
        if _pools_pid != os.getpid():  # a forked child starts its own helpers
            _pools, _pools_pid = {}, os.getpid()
        if run_as not in _pools:
            _pools[run_as] = Pool(functools.partial(Helper, run_as), _MAX_HELPERS)
        return _pools[run_as]


def run_in_helper(
    request: dict[str, Any], wall_s: float, run_as: tuple[int, int] | None = None
) -> dict[str, Any]:
    """Execute one request in a borrowed helper; raises HelperGone if the helper failed (it is replaced).

    run_as: (uid, gid) for a helper that itself runs as the program's user (a root caller's bwrap runs),
    so that it spawns without a setuid, i.e. with vfork rather than fork."""
    pool = _helpers(run_as)
    helper = pool.acquire()
    try:
        outcome = helper.execute(request, wall_s + _ANSWER_SLACK_S)
    except BaseException:
        pool.release(helper, healthy=False)
        raise
    pool.release(helper, healthy=True)
    outcome["stdout"] = bytes.fromhex(outcome["stdout"])
    outcome["stderr"] = bytes.fromhex(outcome["stderr"])
    return outcome


@atexit.register
def _close() -> None:
    if _pools_pid == os.getpid():
        for pool in list(_pools.values()):
            pool.drain()
