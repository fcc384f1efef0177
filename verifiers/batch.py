"""The public scoring calls: `verify`, `verify_task`, `verify_batch` and `warmup`.

Items are turned into Jobs here (or into the verdict that says what is wrong with them); the Jobs run
in the worker pool (`verifiers.pool`), or spread over a Ray cluster with `backend="ray"`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal

from verifiers.pool import shared_pool
from verifiers.registry import BUILTIN_MODULES, default_timeout, get_verifier, verify_local
from verifiers.types import Status, Task, Verdict
from verifiers.worker import Job, in_worker

Backend = Literal["local", "ray"]

_MAIN_KIND = (
    "verifier kind {kind!r} is defined in the __main__ script, which worker processes do not import; "
    "move it to an importable module (or score in-process with verify_batch(..., workers=0))"
)


def to_job(item: Any, timeout_s: float | None) -> Job | Verdict:
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


def to_jobs(items: Sequence[Any], timeout_s: float | None, *, in_process: bool) -> list[Job | Verdict]:
    """`to_job` per item; out of process, a kind defined in `__main__` is an error verdict up front."""
    prepared = [to_job(item, timeout_s) for item in items]
    if in_process:
        return prepared
    return [
        Verdict.fail(Status.ERROR, _MAIN_KIND.format(kind=p.kind))
        if isinstance(p, Job) and p.module == "__main__"
        else p
        for p in prepared
    ]


def merge(prepared: Sequence[Job | Verdict], verdicts: Iterable[Verdict]) -> list[Verdict]:
    """Put the jobs' verdicts (in job order) back in place among the items' up-front verdicts."""
    it = iter(verdicts)
    return [p if isinstance(p, Verdict) else next(it) for p in prepared]


def run_in_process(jobs: Sequence[Job], progress: Callable[[int], None] | None = None) -> list[Verdict]:
    verdicts = []
    for job in jobs:
        verdicts.append(verify_local(job.kind, job.completion, job.answer, **job.options))
        if progress is not None:
            progress(1)
    return verdicts


def verify_batch(
    items: Iterable[Any],
    workers: int | None = None,
    timeout_s: float | None = None,
    progress: Callable[[int], None] | None = None,
    *,
    backend: Backend = "local",
) -> list[Verdict]:
    """Score many completions in worker processes; result i belongs to item i, and none is lost.

    Each item is `{"task": Task | dict, "completion": str}` or
    `{"verifier": kind, "answer": ..., "completion": str, "options": {...}}`. `timeout_s` overrides
    every item's hard timeout (default: the task's `verifier_options.timeout_s`, else the kind's).
    `workers=0` scores in this process without hard timeouts (for debugging only). `backend="ray"`
    spreads the items over the Ray cluster this process is connected to (or a local one), with
    `workers` worker processes per node.
    """
    if backend == "ray":
        from verifiers.ray_backend import shared_scorer

        return shared_scorer(workers).verify_batch(items, workers, timeout_s, progress)
    if backend != "local":
        raise ValueError(f"backend must be 'local' or 'ray', got {backend!r}")
    items = list(items)
    in_process = workers == 0 or in_worker()
    prepared = to_jobs(items, timeout_s, in_process=in_process)
    jobs = [p for p in prepared if isinstance(p, Job)]
    if progress is not None:
        progress(len(items) - len(jobs))
    if in_process:
        verdicts = run_in_process(jobs, progress)
    else:
        verdicts = shared_pool(workers).map(jobs, progress)
    return merge(prepared, verdicts)


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


def warmup(workers: int | None = None) -> None:
    """Start the shared pool's workers now (about 2 s), so a trainer's first reward batch is not slow."""
    shared_pool(workers).warmup()
