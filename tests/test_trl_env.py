"""The multi-turn code env behind TRL's `environment_factory`: direct use, and inside a real GRPOTrainer."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

import envs
from trainer_adapter.data import row_task, sample_tasks, task_json
from trainer_adapter.trl.env import CodeFeedbackEnv, code_environment_factory
from verifiers import Task


def _stdio_task() -> Task:
    for task in sample_tasks("code", 12, seed=0):
        if any(t.get("public") for t in task.answer.get("tests", [])):
            return task
    raise AssertionError("no stdin/stdout task with a public test in the bundled problems")


def _gold_code(task: Task) -> str:
    gold = envs.gold_completion(task)
    assert gold is not None
    match = re.search(r"```python\n(.*?)```", gold, re.S)
    assert match
    return match.group(1)


def test_run_tests_gives_public_feedback_then_grades_the_last_program() -> None:
    task = _stdio_task()
    env = code_environment_factory(max_calls=3)()
    intro = env.reset(task=task_json(task), env="code")
    assert intro and "run_tests" in intro
    assert env.get_reward() == 0.0  # nothing tested yet
    reply = env.run_tests("print(0)")
    public = next(t for t in task.answer["tests"] if t.get("public"))
    assert "fails this public test" in reply and public["stdin"].strip() in reply
    assert env.get_reward() < 1.0
    assert env.run_tests(_gold_code(task)) == "All tests passed."
    assert env.get_reward() == 1.0
    assert env.run_tests("print(0)") != "All tests passed."  # the last tested program is graded
    assert env.get_reward() < 1.0
    assert "No test runs left" in env.run_tests(_gold_code(task))


def test_hidden_tests_are_never_shown() -> None:
    task = _stdio_task()
    env = CodeFeedbackEnv(max_calls=2)
    env.reset(task=task_json(task))
    reply = env.run_tests("print('nothing useful')")
    shown = "".join(t["stdin"] + t["stdout"] for t in task.answer["tests"] if t.get("public"))
    secrets = [
        t["stdout"].strip()
        for t in task.answer["tests"]
        if not t.get("public") and len(t["stdout"].strip()) >= 4 and t["stdout"].strip() not in shown
    ]
    assert secrets, "the task should have distinctive hidden outputs"
    assert not [s for s in secrets if s in reply]


def test_reset_rejects_rows_without_a_code_task() -> None:
    env = CodeFeedbackEnv()
    with pytest.raises(ValueError, match="'task' column"):
        env.reset(prompt="hi")
    with pytest.raises(ValueError, match="for code Tasks"):
        env.reset(task=task_json(sample_tasks("math", 1)[0]))
    with pytest.raises(ValueError, match="max_calls"):
        code_environment_factory(max_calls=0)


def test_grpo_trainer_drives_the_env(tmp_path: Path) -> None:
    trl = pytest.importorskip("trl", reason="needs the [trl] extra: trl, transformers, torch, datasets")
    from transformers import AutoTokenizer

    from trainer_adapter.tiny import tiny_qwen2, train_tokenizer
    from trainer_adapter.trl import make_dataset, prorl_config

    os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
    dataset = make_dataset("code", 4, seed=0)
    tokenizer = train_tokenizer([row_task(r).question for r in dataset] * 3, vocab_size=400)
    tokenizer.add_tokens(["<tool_call>", "</tool_call>", "<tool_response>", "</tool_response>"])
    # a chat template that renders tool calls (TRL checks it), from TRL's own bundled templates
    tokenizer.chat_template = (Path(trl.__file__).parent / "chat_templates" / "qwen3.jinja").read_text()
    tiny_qwen2(tokenizer, hidden_size=32, num_layers=1, num_heads=2).save_pretrained(tmp_path / "policy")
    tokenizer.save_pretrained(tmp_path / "policy")
    config = prorl_config(
        output_dir=str(tmp_path / "out"),
        max_steps=1,
        per_device_train_batch_size=4,
        num_generations=4,
        steps_per_generation=1,
        max_completion_length=8,
        max_tool_calling_iterations=2,
        use_cpu=True,
        save_strategy="no",
    )
    trainer = trl.GRPOTrainer(
        model=str(tmp_path / "policy"),
        args=config,
        train_dataset=dataset,
        processing_class=AutoTokenizer.from_pretrained(tmp_path / "policy"),
        environment_factory=code_environment_factory(max_calls=2),
    )
    assert [t.__name__ for t in trainer.tools] == ["run_tests"]  # the only public tool method
    assert trainer.reward_func_names == ["CodeFeedbackEnv"]  # the env owns the reward
    trainer.train()
    pool: list[Any] = trainer._environment_pool[None]
    seen = {env._task.id for env in pool if env._task is not None}
    assert seen and seen <= {row["task_id"] for row in dataset}  # each rollout reset on its row's Task
    logged = [row for row in trainer.state.log_history if "rewards/CodeFeedbackEnv/mean" in row]
    assert logged and logged[0]["rewards/CodeFeedbackEnv/mean"] == 0.0  # random text tests nothing
