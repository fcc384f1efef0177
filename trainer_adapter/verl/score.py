"""verl's reward contract: `compute_score(data_source, solution_str, ground_truth, extra_info, **kw)`.

Point verl at it with `reward.custom_reward_function.path=pkg://trainer_adapter.verl.score`
(or this file's path) and `reward.custom_reward_function.name=compute_score`; the legacy batch
manager takes `compute_score_batch`. The Task travels in `extra_info["task"]` (what `export_parquet`
writes), so scoring needs nothing but the row. verl calls a sync `compute_score` from a thread
pool: scoring goes through the shared verifier pool, which is thread-safe and enforces hard
timeouts in worker processes (no `signal.alarm`, which only works in the main thread).
"""

from __future__ import annotations

import importlib
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from trainer_adapter.data import task_from_json
from trainer_adapter.rewards import score
from verifiers import Status, Task, Verdict

log = logging.getLogger(__name__)


def _scorer(spec: Any) -> Callable[..., Any] | None:
    """A scorer from config: a callable, or "module:function" (config values are strings)."""
    if spec is None or callable(spec):
        return spec
    module, _, name = str(spec).partition(":")
    if not name:
        raise ValueError(f"scorer must be 'module:function', got {spec!r}")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def verl_task(data_source: Any, ground_truth: Any, extra_info: Any) -> Task:
    """The Task for a verl row: `extra_info["task"]`, else rebuilt from the env name and ground truth."""
    info = extra_info if isinstance(extra_info, dict) else {}
    if info.get("task") is not None:
        return task_from_json(info["task"])
    import envs

    spec = envs.spec(str(data_source))  # raises naming the near misses
    answer = ground_truth
    if spec.verifier != "math" and isinstance(ground_truth, str):
        answer = json.loads(ground_truth)
    return Task(env=spec.name, domain=spec.domain, prompt=[], verifier=spec.verifier, answer=answer)


def verdict_result(verdict: Verdict) -> dict[str, Any]:
    """What verl logs per sample (`reward_extra_info`)."""
    # "acc" is what algorithm.filter_groups.metric=acc groups on: a group all correct or all wrong is dropped
    return {"score": float(verdict.reward), "acc": float(verdict.correct), "status": str(verdict.status)}


def _failed(reason: str) -> dict[str, Any]:
    log.warning("prorl-gym compute_score: %s", reason)
    return verdict_result(Verdict.fail(Status.ERROR, reason))


def compute_score_batch(
    data_sources: Sequence[Any],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Sequence[Any] | None = None,
    *,
    timeout_s: float | None = None,
    workers: int | None = None,
    scorer: Any = None,
    **kwargs: Any,
) -> list[dict[str, Any]]:
    """Many rows in one verifier batch (verl's `BatchRewardManager` signature); result i is row i's."""
    infos = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    results: list[dict[str, Any] | None] = [None] * len(solution_strs)
    tasks: list[Task] = []
    where: list[int] = []
    for i, (source, truth, info) in enumerate(zip(data_sources, ground_truths, infos, strict=True)):
        try:
            tasks.append(verl_task(source, truth, info))
            where.append(i)
        except Exception as exc:  # a bad row costs its own reward, never the run
            results[i] = _failed(f"row {i} (data_source={source!r}) has no readable Task: {exc}"[:2000])
    verdicts = score(
        tasks, [solution_strs[i] for i in where], scorer=_scorer(scorer), workers=workers, timeout_s=timeout_s
    )
    for i, verdict in zip(where, verdicts, strict=True):
        results[i] = verdict_result(verdict)
    return [r if r is not None else _failed("not scored") for r in results]


def compute_score(
    data_source: Any,
    solution_str: str,
    ground_truth: Any,
    extra_info: Any = None,
    **kwargs: Any,
) -> dict[str, Any]:
    """One row -> `{"score", "acc", "status"}`; extra verl kwargs (reward_router_address, ...) are ignored,
    `timeout_s`, `workers` and `scorer` come from `+reward.custom_reward_function.reward_kwargs.*`."""
    keep = {k: kwargs[k] for k in ("timeout_s", "workers", "scorer") if k in kwargs}
    return compute_score_batch([data_source], [solution_str], [ground_truth], [extra_info], **keep)[0]
