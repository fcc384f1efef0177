"""Rollouts scored while the next ones generate: ProRL's reward-server design on one machine.

Prompts are generated in chunks; each finished chunk goes to the verifier pool (worker processes,
hard timeouts) on a background thread while the engine samples the next chunk. The timings say
how much verification time the overlap hid.
"""

from __future__ import annotations

import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Any

from trainer_adapter.prorl.groups import Group, Sample, shaped_reward
from trainer_adapter.prorl.rollout import RolloutEngine, SamplingParams, prompt_ids
from verifiers import Task, Verdict, verify_batch


@dataclass
class PhaseTimes:
    generate_s: float = 0.0
    verify_s: float = 0.0  # verifier wall time, summed over chunks
    verify_exposed_s: float = 0.0  # time the loop waited for verification after generating
    tokens: int = 0

    @property
    def hidden_fraction(self) -> float:
        """Share of verification time that ran while generation was still going."""
        if self.verify_s <= 0:
            return 0.0
        return max(0.0, self.verify_s - self.verify_exposed_s) / self.verify_s

    def add(self, other: PhaseTimes) -> None:
        self.generate_s += other.generate_s
        self.verify_s += other.verify_s
        self.verify_exposed_s += other.verify_exposed_s
        self.tokens += other.tokens


def _timed_verify(items: list[dict[str, Any]], workers: int | None, timeout_s: float | None):
    start = time.perf_counter()
    verdicts = verify_batch(items, workers=workers, timeout_s=timeout_s)
    return verdicts, time.perf_counter() - start


class OverlappedScorer:
    """`__call__(tasks, params)` -> one Group per task, rollouts scored through `verify_batch`."""

    def __init__(
        self,
        engine: RolloutEngine,
        tokenizer: Any,
        *,
        chunks: int = 2,
        stop_properly: bool = True,
        workers: int | None = None,
        timeout_s: float | None = None,
    ) -> None:
        self.engine = engine
        self.tokenizer = tokenizer
        self.chunks = chunks
        self.stop_properly = stop_properly
        self.workers = workers
        self.timeout_s = timeout_s
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prorl-verify")

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def __call__(self, tasks: list[Task], params: SamplingParams) -> tuple[list[Group], PhaseTimes]:
        times = PhaseTimes()
        groups = [Group(task, prompt_ids(self.tokenizer, task.prompt)) for task in tasks]
        size = max(1, -(-len(tasks) // self.chunks))
        pending: list[tuple[int, list[Any], Future]] = []
        for chunk, start in enumerate(range(0, len(tasks), size)):
            part = tasks[start : start + size]
            seeded = params if params.seed is None else replace(params, seed=params.seed + chunk)
            t0 = time.perf_counter()
            rollouts = self.engine.generate([t.prompt for t in part], seeded)
            times.generate_s += time.perf_counter() - t0
            flat = [r for group in rollouts for r in group]
            times.tokens += sum(len(r.token_ids) for r in flat)
            items = [{"task": part[r.prompt_index], "completion": r.text} for r in flat]
            future = self._executor.submit(_timed_verify, items, self.workers, self.timeout_s)
            pending.append((start, flat, future))
        t_wait = time.perf_counter()
        for start, flat, future in pending:
            verdicts, spent = future.result()
            times.verify_s += spent
            for rollout, verdict in zip(flat, verdicts, strict=True):
                self._add(groups[start + rollout.prompt_index], rollout, verdict)
        times.verify_exposed_s = time.perf_counter() - t_wait
        return groups, times

    def _add(self, group: Group, rollout: Any, verdict: Verdict) -> None:
        reward = shaped_reward(verdict, rollout.finish_reason, self.stop_properly)
        group.samples.append(Sample(rollout, verdict, reward))
