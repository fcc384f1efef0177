"""Hard timeouts for every verifier kind: jobs run in worker processes that are killed when late.

Math-Verify's own timeout uses `signal.alarm`, which only works in the main thread; a worker process
that is SIGKILLed at its deadline works from any thread, from asyncio and from other pools, and a
pathological input costs one worker (replaced at once), never the caller.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from verifiers.registry import BUILTIN_MODULES
from verifiers.types import Status, Verdict
from verifiers.worker import READY, Job, Worker

Progress = Callable[[int], None]


class VerifierPool:
    """At most `size` verifier worker processes; `map` keeps order and never hangs.

    Workers are forked from a forkserver that has the built-in verifier modules preloaded, so a
    worker replaced after a timeout is warm at once. Concurrent `map` calls (threads, asyncio via
    `to_thread`) lease workers from the same pool, so the pool is shared safely and stays bounded.
    """

    def __init__(self, workers: int | None = None, *, memory_mb: int | None = 4096) -> None:
        if workers is not None and workers < 1:
            raise ValueError(f"workers must be >= 1, got {workers}")
        self.size = workers or os.cpu_count() or 1
        self.memory_mb = memory_mb
        self._ctx = _context()
        self._idle: list[Worker] = []
        self._live = 0  # idle + leased workers
        self._cond = threading.Condition()
        self._closed = False
        self.timeouts = 0
        self.replaced = 0

    # --- leasing -----------------------------------------------------------------------------
    def acquire(self, want: int, *, block: bool) -> list[Worker]:
        """Up to `want` workers (idle ones first, new ones while under `size`); waits for one if `block`."""
        with self._cond:
            while True:
                if self._closed:
                    raise RuntimeError("this VerifierPool was closed; create a new one")
                got = [self._idle.pop() for _ in range(min(want, len(self._idle)))]
                fresh = max(0, min(want - len(got), self.size - self._live))
                self._live += fresh
                if got or fresh or not block:
                    break
                self._cond.wait()
        for _ in range(fresh):
            try:
                got.append(Worker(self._ctx, self.memory_mb))
            except BaseException:
                with self._cond:
                    self._live -= 1
                    self._cond.notify()
                raise
        return got

    def release(self, workers: list[Worker]) -> None:
        with self._cond:
            if self._closed:
                self._live -= len(workers)
                for worker in workers:
                    worker.stop()
            else:
                self._idle.extend(workers)
            self._cond.notify_all()
        workers.clear()

    def discard(self, worker: Worker, *, timed_out: bool = False) -> None:
        """Kill a late or broken worker and start its replacement at once, so the next job finds it warm."""
        worker.kill()
        replacement: Worker | None = None
        if not self._closed:
            with contextlib.suppress(Exception):
                replacement = Worker(self._ctx, self.memory_mb)
        with self._cond:
            self.replaced += 1
            self.timeouts += int(timed_out)
            if replacement is not None and not self._closed:
                self._idle.append(replacement)
            else:
                self._live -= 1
                if replacement is not None:
                    replacement.kill()
            self._cond.notify()

    @property
    def idle_workers(self) -> list[Worker]:
        """The workers not leased right now (a snapshot)."""
        with self._cond:
            return list(self._idle)

    @property
    def live(self) -> int:
        """Idle plus leased workers; never above `size`."""
        return self._live

    # --- running -----------------------------------------------------------------------------
    def map(self, jobs: Sequence[Job], progress: Progress | None = None) -> list[Verdict]:
        """Run every job; result i is job i's Verdict (timeout / error verdicts included)."""
        if not jobs:
            return []
        return _Run(self, jobs, progress).run()

    def warmup(self) -> None:
        """Start every worker now and wait until each is ready, so the first batch pays no start-up."""
        _Run(self, [], None).warm()

    def close(self) -> None:
        """Stop idle workers now; leased ones stop when their `map` returns them."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._live -= len(idle)
            self._cond.notify_all()
        for worker in idle:
            worker.stop()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> VerifierPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Run:
    """One `map` call: hands pending jobs to leased workers and collects, in any order, their verdicts."""

    def __init__(self, pool: VerifierPool, jobs: Sequence[Job], progress: Progress | None) -> None:
        self.pool = pool
        self.jobs = jobs
        self.progress = progress
        self.results: list[Verdict | None] = [None] * len(jobs)
        self.pending = deque(range(len(jobs)))
        self.busy: dict[Connection, Worker] = {}
        self.starting: dict[Connection, Worker] = {}  # leased, but not yet ready to take a job
        self.held: list[Worker] = []  # leased, ready and idle
        self.failed_starts = 0

    def run(self) -> list[Verdict]:
        self.take(self.pool.acquire(min(self.pool.size, len(self.jobs)), block=True))
        try:
            while self.pending or self.busy:
                if self.pending and not self.held and not self.starting:
                    self.take(self.pool.acquire(len(self.pending), block=not self.busy))
                self.dispatch()
                if self.busy or self.starting:
                    self.collect()
                    self.reap_late()
                self.give_up_if_workers_never_start()
        finally:
            for worker in self.busy.values():  # interrupted: never hand a stale job's answer to the next map
                self.pool.discard(worker)
            self.pool.release(self.held + list(self.starting.values()))
        return [
            r if r is not None else Verdict.fail(Status.ERROR, "not scored (interrupted)")
            for r in self.results
        ]

    def warm(self) -> None:
        self.take(self.pool.acquire(self.pool.size, block=True))
        try:
            while self.starting:
                self.collect()
                self.reap_late()
        finally:
            self.pool.release(self.held + list(self.starting.values()))

    def take(self, workers: list[Worker]) -> None:
        for worker in workers:
            if worker.ready:
                self.held.append(worker)
            else:
                self.starting[worker.conn] = worker

    def finish(self, i: int, verdict: Verdict) -> None:
        self.results[i] = verdict
        if self.progress is not None:
            self.progress(1)

    def dispatch(self) -> None:
        """Send pending jobs to ready workers; a dead pipe puts the job back, an unpicklable job fails."""
        while self.pending and self.held:
            worker = self.held.pop()
            i = self.pending.popleft()
            job = self.jobs[i]
            try:
                worker.conn.send(job)
            except (BrokenPipeError, EOFError, OSError):
                self.pool.discard(worker)
                self.pending.appendleft(i)
                continue
            except Exception as exc:  # the job itself could not be pickled
                self.held.append(worker)
                self.finish(i, Verdict.fail(Status.ERROR, f"job could not be sent to a worker: {exc}"))
                continue
            worker.assign(i, job.timeout_s)
            self.busy[worker.conn] = worker

    def collect(self) -> None:
        """Wait until the nearest deadline for a worker to become ready or to answer."""
        deadlines = [w.deadline for w in self.busy.values()]
        deadlines += [w.start_deadline for w in self.starting.values()]
        wait_s = max(0.0, min(deadlines) - time.monotonic())
        for conn in wait([*self.busy, *self.starting], timeout=wait_s):
            if conn in self.starting:
                self.on_ready(self.starting.pop(conn))  # type: ignore[call-overload]
            else:
                self.on_answer(self.busy.pop(conn))  # type: ignore[call-overload]

    def on_ready(self, worker: Worker) -> None:
        try:
            worker.ready = worker.conn.recv() == READY
        except Exception:
            worker.ready = False
        if worker.ready:
            self.held.append(worker)
        else:
            self.failed_starts += 1
            self.pool.discard(worker)

    def on_answer(self, worker: Worker) -> None:
        try:
            verdict = Verdict.model_validate(worker.conn.recv())
            self.held.append(worker)
        except Exception:
            self.pool.discard(worker)
            code = worker.proc.exitcode
            verdict = Verdict.fail(
                Status.ERROR, f"verifier worker died (exit code {code}) while scoring this item"
            )
        self.finish(worker.index, verdict)

    def reap_late(self) -> None:
        """Kill workers past their job's deadline (a timeout verdict) or past their start-up limit."""
        now = time.monotonic()
        for conn, worker in list(self.busy.items()):
            if now >= worker.deadline:
                del self.busy[conn]
                self.pool.discard(worker, timed_out=True)
                verdict = Verdict.fail(
                    Status.TIMEOUT, f"verification exceeded its {worker.timeout_s:g} s hard timeout"
                )
                verdict.elapsed_s = now - worker.started
                self.finish(worker.index, verdict)
        for conn, worker in list(self.starting.items()):
            if now >= worker.start_deadline:
                del self.starting[conn]
                self.failed_starts += 1
                self.pool.discard(worker)

    def give_up_if_workers_never_start(self) -> None:
        if self.failed_starts > 3 * self.pool.size:
            reason = f"verifier workers failed to start {self.failed_starts} times; see their stderr"
            while self.pending:
                self.finish(self.pending.popleft(), Verdict.fail(Status.ERROR, reason))


_CTX: Any = None
_POOLS: dict[int, VerifierPool] = {}
_POOLS_LOCK = threading.Lock()


def _context() -> Any:
    """A forkserver context with the verifier modules preloaded (fork is unsafe in threaded callers)."""
    global _CTX
    if _CTX is None:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["verifiers", *BUILTIN_MODULES.values()])
        _CTX = ctx
    return _CTX


def shared_pool(workers: int | None = None) -> VerifierPool:
    """The process-wide pool for `workers` workers (default: one per core), created on first use."""
    size = workers or os.cpu_count() or 1
    with _POOLS_LOCK:
        pool = _POOLS.get(size)
        if pool is None or pool.closed:
            pool = _POOLS[size] = VerifierPool(size)
        return pool


@atexit.register
def _close_pools() -> None:
    for pool in list(_POOLS.values()):
        pool.close()
