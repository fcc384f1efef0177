"""The Env API: reset/step, keyword-only reset with options, the context manager, seeding."""

from __future__ import annotations

import subprocess
import sys

import pytest

import envs
from verifiers import Status


def test_reset_step_contract():
    env = envs.make("sudoku")
    obs, info = env.reset(seed=1)
    assert obs[-1]["role"] == "user" and "<answer>" in obs[-1]["content"]
    gold = info["task"].answer["entry"]["answer"]
    transcript, reward, terminated, truncated, info = env.step(f"<think>ok</think><answer>{gold}</answer>")
    assert reward == 1.0 and terminated and not truncated
    assert info["verdict"].status is Status.CORRECT
    assert transcript[-1]["role"] == "assistant"
    with pytest.raises(RuntimeError, match="reset"):
        env.step("again")


def test_reset_is_keyword_only():
    env = envs.make("gcd")
    with pytest.raises(TypeError):
        env.reset(1)  # type: ignore[misc]
    assert env.reset(seed=1)[1]["task"].id == env.reset(seed=1, options=None)[1]["task"].id


def test_reset_options_replay_a_given_task():
    env = envs.make("gcd")
    task = env.sample(1, seed=9)[0]
    obs, info = env.reset(options={"task": task.model_dump()})
    assert info["task"] == task and obs == task.prompt
    gold = task.answer["entry"]["answer"]
    assert env.step(f"<answer>{gold}</answer>")[1] == 1.0
    with pytest.raises(ValueError, match="only option is 'task'"):
        env.reset(options={"level": 3})


class _Closing(envs.Env):
    def __init__(self) -> None:
        super().__init__()
        self.closed = 0

    def close(self) -> None:
        self.closed += 1


def test_context_manager_closes_even_on_error():
    with _Closing() as env:
        assert env.closed == 0
    assert env.closed == 1
    with pytest.raises(KeyError), _Closing() as failing:
        raise KeyError("boom")
    assert failing.closed == 1


def test_made_envs_work_as_context_managers():
    with envs.make("math_arithmetic") as env:
        assert env.sample(2, seed=0)


def test_same_seed_same_ids_across_processes():
    code = "import envs; print(','.join(t.id for t in envs.make('knights_knaves').sample(5, seed=3)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    here = ",".join(t.id for t in envs.make("knights_knaves").sample(5, seed=3))
    assert out == here
    assert envs.make("knights_knaves").sample(5, seed=4)[0].id not in here


def test_derive_seeds_is_derive_seed_in_a_batch():
    assert envs.derive_seeds(7, 50, "x") == [envs.derive_seed(7, i, "x") for i in range(50)]


def test_task_dump_is_plain_json():
    import json

    task = envs.make("gcd").sample(1, seed=0)[0]
    assert json.loads(task.model_dump_json())["verifier"] == "logic"
