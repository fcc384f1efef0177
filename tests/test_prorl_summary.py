"""The end-of-run verdict: a paired test over held-out tasks, and per-env held-out sizes."""

from __future__ import annotations

import math
import statistics

from trainer_adapter.eval.result import EvalResult, TaskScore
from trainer_adapter.prorl.config import TrainConfig
from trainer_adapter.prorl.setup import build_mix, heldout_tasks
from trainer_adapter.prorl.summary import paired_gain


def result(label: str, rewards: dict[str, tuple[str, list[float]]]) -> EvalResult:
    """One EvalResult: task id -> (env, the rewards of its samples)."""
    tasks = [
        TaskScore(tid, env, "logic", "logic", len(r), sum(x == 1.0 for x in r), sum(r))
        for tid, (env, r) in rewards.items()
    ]
    return EvalResult(label, [1], tasks)


START = {
    "a1": ("a", [0, 0, 1, 0]),
    "a2": ("a", [1, 0, 0, 0]),
    "a3": ("a", [0, 0, 0, 0]),
    "b1": ("b", [1, 1, 1, 1]),
}
TRAINED = {
    "a1": ("a", [1, 1, 1, 0]),
    "a2": ("a", [1, 1, 0, 0]),
    "a3": ("a", [0, 1, 0, 1]),
    "b1": ("b", [0, 0, 0, 0]),
}


def test_paired_gain_is_the_mean_and_standard_error_of_per_task_deltas() -> None:
    gain = paired_gain(result("s", START), result("t", TRAINED), {"a"})
    deltas = [0.75 - 0.25, 0.5 - 0.25, 0.5 - 0.0]
    assert gain["tasks"] == 3
    assert math.isclose(gain["mean"], statistics.fmean(deltas))
    assert math.isclose(gain["se"], statistics.stdev(deltas) / math.sqrt(3))
    assert gain["mean"] > 2 * gain["se"]  # a consistent gain on every task is significant


def test_a_loss_elsewhere_pulls_the_pooled_gain_down_and_one_task_is_never_significant() -> None:
    pooled = paired_gain(result("s", START), result("t", TRAINED), {"a", "b"})
    assert pooled["tasks"] == 4 and pooled["mean"] < 0.25 and pooled["mean"] < 2 * pooled["se"]
    single = paired_gain(result("s", START), result("t", TRAINED), {"b"})
    assert single["tasks"] == 1 and single["se"] == math.inf
    assert paired_gain(result("s", START), result("t", TRAINED), {"zzz"})["tasks"] == 0


def test_an_env_can_hold_out_more_tasks_than_the_default() -> None:
    cfg = TrainConfig.model_validate({
        "data": {
            "heldout_per_env": 3,
            "mix": {"chain_sum": {"heldout": 7}, "basic_arithmetic": {}},
        },
    })  # fmt: skip
    mix = build_mix(cfg)
    try:
        tasks = heldout_tasks(cfg, mix)
    finally:
        mix.close()
    counts = {env: sum(t.env == env for t in tasks) for env in ("chain_sum", "basic_arithmetic")}
    assert counts == {"chain_sum": 7, "basic_arithmetic": 3}
    assert len({t.id for t in tasks}) == 10
