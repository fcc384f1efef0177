"""One verifier worker process: what runs inside it, and the parent's handle on it.

A worker scores one Job at a time with `verify_local` and is SIGKILLed by the parent when late, so a
pathological completion costs one process, never the caller.
"""

from __future__ import annotations

import contextlib
import importlib
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from verifiers.registry import user_module, verify_local
from verifiers.types import Status, Verdict

READY = "ready"
START_LIMIT_S = 120.0
KILL_GRACE_S = 0.05
_IN_WORKER = False
_PREP_LOCK = threading.Lock()


def in_worker() -> bool:
    """True inside a verifier worker: nested batches there score in-process instead of forking more."""
    return _IN_WORKER


@dataclass
class Job:
    """One verification: what `verify_local` needs plus its hard deadline."""

    kind: str
    completion: Any
    answer: Any
    options: dict[str, Any] = field(default_factory=dict)
    timeout_s: float = 5.0
    module: str | None = None  # where a user-registered kind lives, so a worker can import it

    def __post_init__(self) -> None:
        if self.module is None:
            self.module = user_module(self.kind)


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _limit_memory(memory_mb: int | None) -> None:
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def run_job(job: Job) -> Verdict:
    """Score one job in this process; a verifier that raises (even MemoryError) becomes an error verdict."""
    try:
        if job.module:
            with contextlib.suppress(Exception):
                importlib.import_module(job.module)
        return verify_local(job.kind, job.completion, job.answer, **job.options)
    except MemoryError:
        return Verdict.fail(Status.ERROR, "verifier ran out of memory")
    except BaseException as exc:  # a verifier must not take the worker down with it
        return Verdict.fail(Status.ERROR, f"{type(exc).__name__}: {exc}"[:2000])


def worker_main(conn: Connection, memory_mb: int | None) -> None:
    global _IN_WORKER
    _IN_WORKER = True
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)
    try:
        conn.send(READY)  # the parent starts a job's clock only after this
    except (EOFError, OSError):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        verdict = run_job(job)
        try:
            conn.send(verdict.model_dump(mode="json"))
        except (EOFError, OSError):
            return
        except Exception as exc:
            conn.send(Verdict.fail(Status.ERROR, f"unsendable verdict: {exc}"[:2000]).model_dump(mode="json"))


def _start_without_main(proc: Any) -> None:
    """Start a forkserver child without re-importing the caller's `__main__` script.

    multiprocessing re-runs the main script in every child: a training script would re-import torch
    in each replacement worker, and one without a `__main__` guard would fail in all of them.
    """
    from multiprocessing import spawn

    original = spawn.get_preparation_data

    def preparation_data(name: str) -> dict[str, Any]:
        data = original(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    with _PREP_LOCK:
        spawn.get_preparation_data = preparation_data  # type: ignore[assignment]
        try:
            proc.start()
        finally:
            spawn.get_preparation_data = original  # type: ignore[assignment]


class Worker:
    """The parent's side of one worker process: its pipe, and the job it is running, if any."""

    def __init__(self, ctx: Any, memory_mb: int | None) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker_main, args=(child, memory_mb), daemon=True)
        _start_without_main(self.proc)
        child.close()
        self.conn: Connection = parent
        self.ready = False
        self.start_deadline = time.monotonic() + START_LIMIT_S
        self.index = -1
        self.started = 0.0
        self.deadline = 0.0
        self.timeout_s = 0.0

    def assign(self, index: int, timeout_s: float) -> None:
        self.index = index
        self.started = time.monotonic()
        self.timeout_s = timeout_s
        self.deadline = self.started + timeout_s

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.kill()
        with contextlib.suppress(Exception):
            self.proc.join(timeout=2.0)
        with contextlib.suppress(Exception):
            self.conn.close()

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.send(None)
        self.proc.join(timeout=KILL_GRACE_S)
        self.kill()
