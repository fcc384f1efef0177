"""Weighted, seeded mixtures: the picker, per-call counts, entries, parsing mixture specs."""

from __future__ import annotations

from collections import Counter

import pytest

import envs
from envs.mix import WeightedPicker

WEIGHTS = {"gcd": 0.5, "lcm": 0.3, "basic_arithmetic": 0.2}


def test_picker_matches_weights_and_is_a_function_of_the_seed():
    picker = WeightedPicker({"a": 5, "b": 3, "c": 2})
    assert picker.weights == {"a": 0.5, "b": 0.3, "c": 0.2}
    picks = Counter(picker.pick(envs.derive_seed(0, i, "mix")) for i in range(10_000))
    for name, w in picker.weights.items():
        assert abs(picks[name] / 10_000 - w) <= 0.02
    assert [picker.pick(s) for s in range(50)] == [
        WeightedPicker({"a": 5, "b": 3, "c": 2}).pick(s) for s in range(50)
    ]


def test_mixture_is_reproducible():
    a = [t.id for t in envs.make_mix(WEIGHTS, seed=1).sample(50)]
    b = [t.id for t in envs.make_mix(WEIGHTS, seed=1).sample(50)]
    c = [t.id for t in envs.make_mix(WEIGHTS, seed=2).sample(50)]
    assert a == b and a != c


def test_sample_is_task_at_of_each_seed():
    mix = envs.make_mix(WEIGHTS, seed=0)
    batch = mix.sample(40, seed=5)
    assert [t.id for t in batch] == [mix.task_at(s).id for s in envs.derive_seeds(5, 40, "mix")]


def test_counts_describe_one_sample_call():
    mix = envs.make_mix(WEIGHTS, seed=0)
    tasks = mix.sample(300)
    first = dict(mix.counts)
    assert sum(first.values()) == 300 and first == Counter(t.env for t in tasks)
    mix.sample(300)
    assert dict(mix.counts) == first  # the same call again: the same counts, not doubled
    mix.sample(10, seed=7)
    assert sum(mix.counts.values()) == 10
    mix.task_at(3)
    mix.reset(seed=3)
    assert sum(mix.counts.values()) == 10  # single draws do not touch the counts


def test_mixture_is_an_env():
    mix = envs.make_mix({"gcd": 1, "lcm": {"weight": 1, "config": {"min_numbers": 2, "max_numbers": 2}}})
    obs, info = mix.reset(seed=3)
    gold = info["task"].answer["entry"]["answer"]
    _, reward, terminated, _, _ = mix.step(f"<answer>{gold}</answer>")
    assert reward == 1.0 and terminated


def test_entries_may_name_their_env():
    mix = envs.make_mix({"easy": {"env": "gcd", "weight": 1}, "hard": {"env": "lcm", "weight": 1}})
    tasks = mix.sample(40, seed=0)
    assert set(mix.counts) == {"easy", "hard"} and {t.env for t in tasks} == {"gcd", "lcm"}
    task = next(t for t in tasks if t.env == "lcm")
    assert mix.score(task, f"<answer>{task.answer['entry']['answer']}</answer>").reward == 1.0


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({}, "non-empty"),
        ({"gcd": -1}, ">= 0"),
        ({"gcd": "lots"}, "number"),
        ({"gcd": 0}, "every weight is 0"),
        ({"gcd": {"weight": 1, "cfg": {}}}, "unknown keys"),
    ],
    ids=["empty", "negative", "not-a-number", "all-zero", "unknown-entry-key"],
)
def test_mixture_bad_weights(weights, message):
    with pytest.raises(envs.ConfigError, match=message):
        envs.make_mix(weights)


@pytest.mark.parametrize(
    ("text", "message"),
    [("gcd", "name=weight"), ("gcd=x", "not a number"), ("missing.yaml", "does not exist")],
    ids=["no-weight", "bad-weight", "missing-file"],
)
def test_parse_mix_errors(tmp_path, monkeypatch, text, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(envs.ConfigError, match=message):
        envs.parse_mix(text)


def test_parse_mix(tmp_path):
    assert envs.parse_mix("gcd=0.5, lcm=0.5") == {"gcd": 0.5, "lcm": 0.5}
    path = tmp_path / "mix.yaml"
    path.write_text("mix:\n  gcd: 2\n  lcm: {weight: 1, config: {min_numbers: 2}}\n")
    assert envs.parse_mix(str(path))["gcd"] == 2
