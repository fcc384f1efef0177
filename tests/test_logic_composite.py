"""`composite` draws its members with the mixture's `WeightedPicker`: the same picks as before it did."""

from __future__ import annotations

import envs
from envs.core import derive_seeds
from envs.logic import CompositeEnv
from envs.mix import WeightedPicker

WEIGHTS = {"chain_sum": 3.0, "basic_arithmetic": 1.5, "leg_counting": 0.5}
MEMBERS = [{"name": name, "weight": weight} for name, weight in WEIGHTS.items()]
# Captured from CompositeEnv's own cumulative-weights loop (before it used WeightedPicker), for
# derive_seeds(7, 60, "composite"): c = chain_sum, b = basic_arithmetic, l = leg_counting.
BEFORE = "blccbccclcccccbccbcccbcclblccccccbcbbccclcclblcccbccbbccccbc"
LETTER = {"chain_sum": "c", "basic_arithmetic": "b", "leg_counting": "l"}


def test_composite_picks_are_unchanged_by_the_shared_picker() -> None:
    env = envs.make("composite", datasets=MEMBERS)
    assert isinstance(env, CompositeEnv) and isinstance(env.picker, WeightedPicker)
    seeds = derive_seeds(7, 60, "composite")
    picked = "".join(LETTER[env.task_at(s).metadata["dataset"]] for s in seeds)
    assert picked == BEFORE
    assert {"c", "b", "l"} <= set(picked)  # every member is drawn


def test_composite_and_mix_pick_the_same_way() -> None:
    env = envs.make("composite", datasets=MEMBERS)
    mix = WeightedPicker(WEIGHTS)
    seeds = derive_seeds(3, 40, "other")
    assert [env.task_at(s).metadata["dataset"] for s in seeds] == [mix.pick(s) for s in seeds]
