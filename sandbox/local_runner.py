"""Small helper processes that spawn the host backends' programs.

Forking the caller is expensive when the caller is big (a verifier worker with sympy and math-verify
loaded forks in tens of ms, mostly page-table copies and copy-on-write faults afterwards), and rlimits
need a fork rather than vfork. So each concurrent run borrows a helper - `python3 -S sandbox/runner.py
--local`, ~10 MB - that forks the program for it and answers with the outcome. A helper exits when its
stdin closes, i.e. when this process exits or dies; its programs die with it (PR_SET_PDEATHSIG).
A root caller's bwrap runs use helpers that run as the programs' uid (nobody), so that no setuid and no
Python is needed between their fork and exec: they spawn bwrap with vfork (see runner.execute).
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import json
import os
import struct
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

from sandbox.pool import Pool
from sandbox.program import host_python

RUNNER_PATH = Path(__file__).with_name("runner.py")
_MESSAGE = struct.Struct(">I")
_ANSWER_SLACK_S = 10.0
_START_TIMEOUT_S = 30.0
_MAX_HELPERS = 64


class HelperGone(Exception):
    """The helper died or stopped answering."""


class LocalRunner:
    def __init__(self, run_as: tuple[int, int] | None = None) -> None:
        # -I: no sandbox/ on sys.path
        command = [host_python(), "-I", "-S", "-B", str(RUNNER_PATH), "--local"]
        drop: dict[str, Any] = {}
        if run_as is not None:  # that uid may not reach our checkout: hand it the runner's source
            command[-2:] = ["-c", RUNNER_PATH.read_text(), "--local"]
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
        self._in = self.proc.stdin
        self._out = self.proc.stdout.fileno()
        try:
            if not self._receive(time.monotonic() + _START_TIMEOUT_S).get("ready"):
                raise HelperGone("helper did not start")
        except BaseException:
            self.remove()
            raise

    def execute(self, request: dict[str, Any], answer_within_s: float) -> dict[str, Any]:
        payload = json.dumps(request).encode()
        try:
            self._in.write(_MESSAGE.pack(len(payload)) + payload)
            self._in.flush()
        except OSError as exc:
            raise HelperGone(f"could not send to the helper: {exc}") from exc
        return self._receive(time.monotonic() + answer_within_s)

    def _receive(self, deadline: float) -> dict[str, Any]:
        size = _MESSAGE.unpack(self._read(_MESSAGE.size, deadline))[0]
        return json.loads(self._read(size, deadline))

    def _read(self, size: int, deadline: float) -> bytes:
        import select

        chunks, got = [], 0
        while got < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._out], [], [], remaining)[0]:
                raise HelperGone("the helper did not answer in time")
            chunk = os.read(self._out, min(size - got, 1 << 20))
            if not chunk:
                raise HelperGone("the helper exited")
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self._in.close()
        with contextlib.suppress(OSError):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=5)
        if self.proc.stdout is not None:
            with contextlib.suppress(OSError):
                self.proc.stdout.close()


_lock = threading.Lock()
_pools: dict[tuple[int, int] | None, Pool[LocalRunner]] = {}
_pools_pid = -1


def _helpers(run_as: tuple[int, int] | None) -> Pool[LocalRunner]:
    global _pools, _pools_pid
    with _lock:
        if _pools_pid != os.getpid():  # a forked child starts its own helpers
            _pools, _pools_pid = {}, os.getpid()
        if run_as not in _pools:
            _pools[run_as] = Pool(functools.partial(LocalRunner, run_as), _MAX_HELPERS)
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
