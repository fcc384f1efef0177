"""Advantages and dynamic sampling: all-equal groups are dropped and refilled, within the round cap."""

from __future__ import annotations

import statistics

import pytest

from trainer_adapter.prorl.groups import Group, Sample, advantages, collect_batch, shaped_reward
from verifiers import Status, Task, Verdict


def _task(i: int) -> Task:
    return Task(
        env="t", domain="logic", prompt=[{"role": "user", "content": str(i)}], verifier="math", answer="1"
    )


def _group(i: int, rewards: list[float]) -> Group:
    g = Group(_task(i), [1, 2])
    g.samples = [Sample(None, Verdict(reward=r, correct=r == 1.0, status=Status.CORRECT), r) for r in rewards]
    return g


class Source:
    """Prompts whose groups come out in a fixed pattern of rewards; records every request."""

    def __init__(self, pattern: list[list[float]]) -> None:
        self.pattern = pattern
        self.asked: list[int] = []
        self.made = 0

    def __call__(self, k: int) -> list[Group]:
        self.asked.append(k)
        out = [_group(self.made + j, self.pattern[(self.made + j) % len(self.pattern)]) for j in range(k)]
        self.made += k
        return out


def test_drops_all_equal_groups_and_refills_from_fresh_prompts() -> None:
    source = Source([[1, 1], [0, 1], [0, 0], [1, 0]])  # half the groups carry signal
    groups, stats = collect_batch(source, 8, dynamic=True, max_extra_rounds=5)
    assert len(groups) == 8
    assert all(not g.all_equal() for g in groups)
    assert source.asked == [8, 4, 2, 1, 1]  # each refill asks only for what is missing
    assert len({g.task.id for g in groups}) == 8  # refills are fresh prompts
    assert stats.rounds == 5 and stats.generated_groups == 16 and stats.kept_groups == 8
    assert stats.kept_fraction == 0.5


def test_refill_stops_at_the_round_cap() -> None:
    source = Source([[0, 0], [0, 0], [0, 0], [1, 0]])
    groups, stats = collect_batch(source, 8, dynamic=True, max_extra_rounds=1)
    assert source.asked == [8, 6]  # first round + one extra
    assert stats.rounds == 2
    assert len(groups) == 3 and stats.kept_fraction == pytest.approx(3 / 14)


def test_without_dynamic_sampling_everything_is_kept() -> None:
    source = Source([[1, 1], [0, 1]])
    groups, stats = collect_batch(source, 4, dynamic=False, max_extra_rounds=3)
    assert len(groups) == 4 and source.asked == [4] and stats.kept_fraction == 1.0


def test_grpo_advantages_are_group_normalised() -> None:
    adv = advantages([[1.0, 0.0, 0.0, 1.0], [0.5, 0.5]], "grpo", eps=1e-6)
    std = statistics.stdev([1.0, 0.0, 0.0, 1.0])
    assert adv[0] == pytest.approx(
        [0.5 / (std + 1e-6), -0.5 / (std + 1e-6)] * 1 + [-0.5 / (std + 1e-6), 0.5 / (std + 1e-6)]
    )
    assert adv[1] == [0.0, 0.0]


def test_reinforce_pp_baseline_uses_the_batch_std() -> None:
    rewards = [[1.0, 0.0], [1.0, 1.0, 1.0, 0.0]]
    adv = advantages(rewards, "reinforce_pp_baseline", eps=0.0)
    centred = [0.5, -0.5, 0.25, 0.25, 0.25, -0.75]
    std = statistics.stdev(centred)
    assert [a for g in adv for a in g] == pytest.approx([c / std for c in centred])
    with pytest.raises(ValueError, match="unknown advantage"):
        advantages(rewards, "ppo")


def test_stop_properly_zeroes_truncated_rewards() -> None:
    v = Verdict(reward=1.0, correct=True, status=Status.CORRECT)
    assert shaped_reward(v, "length", stop_properly=True) == 0.0
    assert shaped_reward(v, "length", stop_properly=False) == 1.0
    assert shaped_reward(v, "stop", stop_properly=True) == 1.0
