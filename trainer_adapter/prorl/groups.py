"""Groups of rollouts per prompt: rewards, advantages (GRPO or REINFORCE++-baseline), dynamic sampling.

Torch-free on purpose: the rules that decide which rollouts train and with what weight are small
pure functions, tested on plain numbers.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from verifiers import Task, Verdict


@dataclass
class Sample:
    rollout: Any  # rollout.Rollout
    verdict: Verdict
    reward: float  # the verdict's reward after shaping (stop-properly)


@dataclass
class Group:
    task: Task
    prompt_ids: list[int]
    samples: list[Sample] = field(default_factory=list)

    @property
    def rewards(self) -> list[float]:
        return [s.reward for s in self.samples]

    def all_equal(self, tol: float = 1e-9) -> bool:
        """True when every rollout earned the same reward: the group carries no learning signal."""
        r = self.rewards
        return max(r) - min(r) <= tol


def shaped_reward(verdict: Verdict, finish_reason: str, stop_properly: bool) -> float:
    """The verifier's reward, or 0 for a truncated response when `stop_properly` is on (ProRL runs 4-5)."""
    if stop_properly and finish_reason != "stop":
        return 0.0
    return float(verdict.reward)


def advantages(rewards: list[list[float]], kind: str = "grpo", eps: float = 1e-6) -> list[list[float]]:
    """One advantage per rollout.

    grpo: (r - mean_group) / (std_group + eps), unbiased std as verl.
    reinforce_pp_baseline: r - mean_group, then divided by the std over the whole batch (ProRL v2).
    """
    centred = [[r - statistics.fmean(g) for r in g] for g in rewards]
    if kind == "grpo":
        out = []
        for g, c in zip(rewards, centred, strict=True):
            std = statistics.stdev(g) if len(g) > 1 else 0.0
            out.append([x / (std + eps) for x in c])
        return out
    if kind == "reinforce_pp_baseline":
        flat = [x for c in centred for x in c]
        std = statistics.stdev(flat) if len(flat) > 1 else 0.0
        return [[x / (std + eps) for x in c] for c in centred]
    raise ValueError(f"unknown advantage estimator {kind!r}; choose 'grpo' or 'reinforce_pp_baseline'")


@dataclass
class SamplingStats:
    rounds: int = 0
    generated_groups: int = 0
    kept_groups: int = 0
    dropped_groups: list[Group] = field(default_factory=list)

    @property
    def kept_fraction(self) -> float:
        return self.kept_groups / self.generated_groups if self.generated_groups else 0.0


def collect_batch(
    generate: Callable[[int], list[Group]], batch_size: int, dynamic: bool, max_extra_rounds: int
) -> tuple[list[Group], SamplingStats]:
    """Up to `batch_size` groups; with `dynamic`, all-equal groups are dropped and refilled from
    fresh prompts for at most `max_extra_rounds` more generation rounds (DAPO dynamic sampling)."""
    kept: list[Group] = []
    stats = SamplingStats()
    while len(kept) < batch_size and stats.rounds <= max_extra_rounds:
        fresh = generate(batch_size - len(kept))
        stats.rounds += 1
        stats.generated_groups += len(fresh)
        for group in fresh:
            if dynamic and group.all_equal():
                stats.dropped_groups.append(group)
            else:
                kept.append(group)
        if not dynamic:
            break
    stats.kept_groups = len(kept)
    return kept[:batch_size], stats
