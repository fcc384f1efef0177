"""Hard timeouts for every verifier kind: jobs run in worker processes that are killed when late.

Math-Verify's own timeout uses `signal.alarm`, which only works in the main thread; a worker process
that is SIGKILLed at its deadline works from any thread, from asyncio and from other pools, and a
pathological input costs one worker (replaced at once), never the caller.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import multiprocessing as mp
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from verifiers.registry import _REGISTRY, BUILTIN_MODULES, default_timeout, get_verifier, verify_local
from verifiers.types import Status, Task, Verdict

_IN_WORKER = False
_KILL_GRACE_S = 0.05


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
        info = _REGISTRY.get(self.kind)
        if self.module is None and info is not None and self.kind not in BUILTIN_MODULES:
            self.module = info.fn.__module__


def _die_with_parent() -> None:
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except Exception:
        pass


def _worker_main(conn: Connection, memory_mb: int | None) -> None:
    global _IN_WORKER
    _IN_WORKER = True
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        conn.send(_READY)  # the parent starts a job's clock only after this
    except (EOFError, OSError):
        return
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            if job.module:
                with contextlib.suppress(Exception):
                    importlib.import_module(job.module)
            verdict = verify_local(job.kind, job.completion, job.answer, **job.options)
        except MemoryError:
            verdict = Verdict.fail(Status.ERROR, "verifier ran out of memory")
        except BaseException as exc:  # a verifier must not take the worker down with it
            verdict = Verdict.fail(Status.ERROR, f"{type(exc).__name__}: {exc}"[:2000])
        try:
            conn.send(verdict.model_dump(mode="json"))
        except (EOFError, OSError):
            return
        except Exception as exc:
            conn.send(Verdict.fail(Status.ERROR, f"unsendable verdict: {exc}"[:2000]).model_dump(mode="json"))


_READY = "ready"
_START_LIMIT_S = 120.0
_PREP_LOCK = threading.Lock()


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


class _Worker:
    def __init__(self, ctx: Any, memory_mb: int | None) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, memory_mb), daemon=True)
        _start_without_main(self.proc)
        child.close()
        self.conn: Connection = parent
        self.ready = False
        self.start_deadline = time.monotonic() + _START_LIMIT_S
        self.index = -1
        self.started = 0.0
        self.deadline = 0.0
        self.timeout_s = 0.0

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
        self.proc.join(timeout=_KILL_GRACE_S)
        self.kill()


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
        self._idle: list[_Worker] = []
        self._live = 0  # idle + leased workers
        self._cond = threading.Condition()
        self._closed = False
        self.timeouts = 0
        self.replaced = 0

    # --- leasing -----------------------------------------------------------------------------
    def _acquire(self, want: int, *, block: bool) -> list[_Worker]:
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
                got.append(_Worker(self._ctx, self.memory_mb))
            except BaseException:
                with self._cond:
                    self._live -= 1
                    self._cond.notify()
                raise
        return got

    def _release(self, workers: list[_Worker]) -> None:
        with self._cond:
            if self._closed:
                self._live -= len(workers)
                for worker in workers:
                    worker.stop()
            else:
                self._idle.extend(workers)
            self._cond.notify_all()
        workers.clear()

    def _discard(self, worker: _Worker) -> None:
        """Kill a late or broken worker and start its replacement at once, so the next job finds it warm."""
        worker.kill()
        replacement: _Worker | None = None
        if not self._closed:
            with contextlib.suppress(Exception):
                replacement = _Worker(self._ctx, self.memory_mb)
        with self._cond:
            self.replaced += 1
            if replacement is not None and not self._closed:
                self._idle.append(replacement)
            else:
                self._live -= 1
                if replacement is not None:
                    replacement.kill()
            self._cond.notify()

    # --- running -----------------------------------------------------------------------------
    def map(self, jobs: Sequence[Job], progress: Callable[[int], None] | None = None) -> list[Verdict]:
        """Run every job; result i is job i's Verdict (timeout / error verdicts included)."""
        results: list[Verdict | None] = [None] * len(jobs)
        if not jobs:
            return []
        pending = deque(range(len(jobs)))
        busy: dict[Connection, _Worker] = {}
        starting: dict[Connection, _Worker] = {}  # leased, but not yet ready to take a job
        held: list[_Worker] = []  # leased, ready and idle
        failed_starts = 0

        def take(workers: list[_Worker]) -> None:
            for worker in workers:
                if worker.ready:
                    held.append(worker)
                else:
                    starting[worker.conn] = worker

        def finish(i: int, verdict: Verdict) -> None:
            results[i] = verdict
            if progress is not None:
                progress(1)

        take(self._acquire(min(self.size, len(jobs)), block=True))
        try:
            while pending or busy:
                if pending and not held and not starting:
                    take(self._acquire(len(pending), block=not busy))
                while pending and held:
                    worker = held.pop()
                    i = pending.popleft()
                    job = jobs[i]
                    try:
                        worker.conn.send(job)
                    except (BrokenPipeError, EOFError, OSError):
                        self._discard(worker)
                        pending.appendleft(i)
                        continue
                    except Exception as exc:  # the job itself could not be pickled
                        held.append(worker)
                        finish(i, Verdict.fail(Status.ERROR, f"job could not be sent to a worker: {exc}"))
                        continue
                    worker.index = i
                    worker.started = time.monotonic()
                    worker.timeout_s = job.timeout_s
                    worker.deadline = worker.started + job.timeout_s
                    busy[worker.conn] = worker
                if not busy and not starting:
                    continue
                deadlines = [w.deadline for w in busy.values()] + [
                    w.start_deadline for w in starting.values()
                ]
                wait_s = max(0.0, min(deadlines) - time.monotonic())
                for conn in wait([*busy, *starting], timeout=wait_s):
                    if conn in starting:
                        worker = starting.pop(conn)  # type: ignore[call-overload]
                        try:
                            worker.ready = worker.conn.recv() == _READY
                        except Exception:
                            worker.ready = False
                        if worker.ready:
                            held.append(worker)
                        else:
                            failed_starts += 1
                            self._discard(worker)
                        continue
                    worker = busy.pop(conn)  # type: ignore[call-overload]
                    try:
                        verdict = Verdict.model_validate(worker.conn.recv())
                        held.append(worker)
                    except Exception:
                        self._discard(worker)
                        code = worker.proc.exitcode
                        verdict = Verdict.fail(
                            Status.ERROR, f"verifier worker died (exit code {code}) while scoring this item"
                        )
                    finish(worker.index, verdict)
                now = time.monotonic()
                for conn, worker in list(busy.items()):
                    if now >= worker.deadline:
                        del busy[conn]
                        self._discard(worker)
                        with self._cond:
                            self.timeouts += 1
                        verdict = Verdict.fail(
                            Status.TIMEOUT, f"verification exceeded its {worker.timeout_s:g} s hard timeout"
                        )
                        verdict.elapsed_s = now - worker.started
                        finish(worker.index, verdict)
                for conn, worker in list(starting.items()):
                    if now >= worker.start_deadline:
                        del starting[conn]
                        failed_starts += 1
                        self._discard(worker)
                if failed_starts > 3 * self.size:
                    reason = f"verifier workers failed to start {failed_starts} times; see their stderr"
                    while pending:
                        finish(pending.popleft(), Verdict.fail(Status.ERROR, reason))
        finally:
            for worker in busy.values():  # interrupted: never hand a stale job's answer to the next map
                self._discard(worker)
            self._release(held + list(starting.values()))
        return [
            r if r is not None else Verdict.fail(Status.ERROR, "not scored (interrupted)") for r in results
        ]

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


def _job(item: Any, timeout_s: float | None) -> Job | Verdict:
    """Turn one verify_batch item into a Job, or into the error Verdict that says what is wrong with it."""
    if not isinstance(item, Mapping):
        return Verdict.fail(Status.MALFORMED, f"item must be a dict, got {type(item).__name__}")
    completion = item.get("completion")
    if "task" in item:
        raw = item["task"]
        try:
            task = raw if isinstance(raw, Task) else Task.model_validate(raw)
        except Exception as exc:
            return Verdict.fail(Status.ERROR, f"invalid task: {exc}"[:2000])
        kind, answer = task.verifier, task.answer
        options = dict(task.metadata.get("verifier_options") or {})
    elif "verifier" in item:
        kind, answer = item["verifier"], item.get("answer")
        options = dict(item.get("options") or {})
    else:
        return Verdict.fail(Status.MALFORMED, "item needs a 'task', or a 'verifier' and an 'answer'")
    limit = options.pop("timeout_s", None)
    limit = timeout_s if timeout_s is not None else limit
    if limit is None:
        limit = default_timeout(str(kind))
    return Job(str(kind), completion, answer, options, float(limit))


_MAIN_KIND = (
    "verifier kind {kind!r} is defined in the __main__ script, which worker processes do not import; "
    "move it to an importable module (or score in-process with verify_batch(..., workers=0))"
)


def verify_batch(
    items: Iterable[Any],
    workers: int | None = None,
    timeout_s: float | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Verdict]:
    """Score many completions in worker processes; result i belongs to item i, and none is lost.

    Each item is `{"task": Task | dict, "completion": str}` or
    `{"verifier": kind, "answer": ..., "completion": str, "options": {...}}`. `timeout_s` overrides
    every item's hard timeout (default: the task's `verifier_options.timeout_s`, else the kind's).
    `workers=0` scores in this process without hard timeouts (for debugging only).
    """
    items = list(items)
    prepared = [_job(item, timeout_s) for item in items]
    results: list[Verdict | None] = [p if isinstance(p, Verdict) else None for p in prepared]
    jobs = [p for p in prepared if isinstance(p, Job)]
    if workers != 0 and not _IN_WORKER:
        for i, p in enumerate(prepared):
            if isinstance(p, Job) and p.module == "__main__":
                results[i] = Verdict.fail(Status.ERROR, _MAIN_KIND.format(kind=p.kind))
        jobs = [p for p, r in zip(prepared, results, strict=True) if isinstance(p, Job) and r is None]
    if progress is not None:
        progress(len(items) - len(jobs))
    if workers == 0 or _IN_WORKER:
        verdicts = []
        for job in jobs:
            verdicts.append(verify_local(job.kind, job.completion, job.answer, **job.options))
            if progress is not None:
                progress(1)
    else:
        verdicts = shared_pool(workers).map(jobs, progress)
    it = iter(verdicts)
    return [r if r is not None else next(it) for r in results]


def verify(
    kind: str, completion: str, answer: Any, *, timeout_s: float | None = None, **options: Any
) -> Verdict:
    """Score one completion against `answer` with verifier `kind`, under a hard timeout.

    An unknown kind raises ValueError (a caller's mistake); anything about the completion is a Verdict.
    """
    if kind not in BUILTIN_MODULES:
        info = get_verifier(kind)  # raises with the near misses
        if info.fn.__module__ == "__main__":
            raise ValueError(_MAIN_KIND.format(kind=kind))
    item = {"verifier": kind, "answer": answer, "completion": completion, "options": options}
    return verify_batch([item], timeout_s=timeout_s)[0]


def verify_task(
    task: Task | Mapping[str, Any], completion: str, *, timeout_s: float | None = None
) -> Verdict:
    """Score `completion` for `task` using only the Task record (its verifier, answer and options)."""
    return verify_batch([{"task": task, "completion": completion}], timeout_s=timeout_s)[0]
