"""A real TRL GRPOTrainer run on CPU with our dataset, reward function and reference-reset callback.

The policy is a tiny Qwen2 built from a config with a tokenizer trained here, saved to tmp_path so
TRL can build the reference model from it. The reward function scores through our verifiers; one
completion per batch is replaced by the Task's gold completion before it reaches our reward
function, so a 1.0 must show up in TRL's own reward log exactly there (random text scores 0).
"""

from __future__ import annotations

import math
from typing import Any

import pytest

pytest.importorskip("trl", reason="needs the [trl] extra: trl, transformers, torch, datasets")

import torch  # noqa: E402
from transformers import AutoTokenizer, TrainerCallback  # noqa: E402
from trl import GRPOTrainer  # noqa: E402

import envs  # noqa: E402
from trainer_adapter.data import row_task  # noqa: E402
from trainer_adapter.reset import Plateau  # noqa: E402
from trainer_adapter.tiny import tiny_qwen2, train_tokenizer  # noqa: E402
from trainer_adapter.trl import (  # noqa: E402
    PRORL_GRPO,
    ProRLResetCallback,
    make_dataset,
    prorl_config,
    reward_function,
)

MIX = {"math": 1.0, "sudoku": 1.0, "stem_mcq": 1.0, "knights_knaves": 1.0}
RESET_AT = 2
STEPS = 4


class Probe(TrainerCallback):
    """Runs after the reset callback: records what the reference and optimizer look like then."""

    def __init__(self) -> None:
        self.trainer: Any = None
        self.at_reset: dict[str, Any] = {}
        self.after: dict[str, Any] = {}

    def on_step_end(self, args: Any, state: Any, control: Any, optimizer: Any = None, **kwargs: Any) -> None:
        policy = self.trainer.accelerator.unwrap_model(self.trainer.model)
        ref = self.trainer.ref_model
        same = all(
            torch.equal(a, b)
            for a, b in zip(policy.state_dict().values(), ref.state_dict().values(), strict=True)
        )
        record = {"same": same, "optimizer_states": len(optimizer.optimizer.state), "step": state.global_step}
        if state.global_step == RESET_AT:
            self.at_reset = record
        elif state.global_step == STEPS:
            self.after = record


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("trl")
    dataset = make_dataset(MIX, 8, seed=3)
    tasks = [row_task(row) for row in dataset]
    texts = [t.question for t in tasks] + [envs.gold_completion(t) or "" for t in tasks]
    tokenizer = train_tokenizer(texts * 4, vocab_size=400)
    model = tiny_qwen2(tokenizer, hidden_size=32, num_layers=1, num_heads=2)
    model.save_pretrained(tmp / "policy")
    tokenizer.save_pretrained(tmp / "policy")

    ours = reward_function(workers=2)
    ours.warmup()
    planted: list[int] = []

    def plant_gold(
        prompts: list[Any], completions: list[Any], task: list[str], **kwargs: Any
    ) -> list[float | None]:
        completions = list(completions)
        completions[0] = [{"role": "assistant", "content": envs.gold_completion(row_task({"task": task[0]}))}]
        planted.append(len(completions))
        return ours(prompts=prompts, completions=completions, task=task, **kwargs)

    plant_gold.__name__ = "prorl_gym"
    config = prorl_config(
        output_dir=str(tmp / "out"),
        max_steps=STEPS,
        per_device_train_batch_size=4,
        num_generations=4,
        steps_per_generation=1,
        max_completion_length=12,
        learning_rate=1e-2,
        save_strategy="no",
        use_cpu=True,
        seed=0,
    )
    reset = ProRLResetCallback(at_steps=[RESET_AT])
    probe = Probe()
    trainer = GRPOTrainer(
        model=str(tmp / "policy"),
        reward_funcs=[plant_gold],
        args=config,
        train_dataset=dataset,
        processing_class=AutoTokenizer.from_pretrained(tmp / "policy"),
        callbacks=[reset],
    )
    reset.attach(trainer)
    probe.trainer = trainer
    trainer.add_callback(probe)
    initial = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    trainer.train()
    return {
        "trainer": trainer,
        "reset": reset,
        "probe": probe,
        "ours": ours,
        "planted": planted,
        "initial": initial,
    }


def test_rewards_come_from_our_verifiers(run: dict[str, Any]) -> None:
    trainer, ours = run["trainer"], run["ours"]
    assert len(run["planted"]) == STEPS  # one reward call per step, 4 completions each
    # TRL's own per-step log of this reward function: the planted gold scores 1, random text 0
    means = [
        row["rewards/prorl_gym/mean"] for row in trainer.state.log_history if "rewards/prorl_gym/mean" in row
    ]
    assert means == [0.25] * STEPS
    assert list(trainer._logs["rewards"]["prorl_gym"]) == [1.0, 0.0, 0.0, 0.0]  # the last batch, in order
    verdicts = ours.last_verdicts
    assert verdicts[0] is not None and verdicts[0].correct
    assert all(v is not None and not v.correct for v in verdicts[1:])  # random text from a tiny model
    logged = [row for row in trainer.state.log_history if "prorl_gym/math/reward" in row or "loss" in row]
    keys = set().union(*logged)
    assert any(k.startswith("prorl_gym/") and "/status/" in k for k in keys), keys


def test_reset_copies_policy_and_clears_optimizer(run: dict[str, Any]) -> None:
    reset, probe = run["reset"], run["probe"]
    assert [r["step"] for r in reset.resets] == [RESET_AT]
    assert reset.resets[0]["optimizer_states_cleared"] > 0
    assert probe.at_reset == {"same": True, "optimizer_states": 0, "step": RESET_AT}
    assert any(row.get("prorl_reset") == 1.0 for row in run["trainer"].state.log_history)


def test_training_went_on_after_the_reset(run: dict[str, Any]) -> None:
    trainer, probe = run["trainer"], run["probe"]
    assert trainer.state.global_step == STEPS
    assert probe.after["step"] == STEPS
    assert probe.after["optimizer_states"] > 0  # Adam moments rebuilt from scratch
    assert not probe.after["same"]  # the policy moved away from the reset reference
    final = trainer.model.state_dict()
    assert any(not torch.equal(final[k], v) for k, v in run["initial"].items())
    losses = [row["loss"] for row in trainer.state.log_history if "loss" in row]
    assert losses and all(math.isfinite(x) for x in losses)


def test_plateau_reset_on_a_stalled_eval_metric(run: dict[str, Any]) -> None:
    trainer = run["trainer"]
    cb = ProRLResetCallback(on_plateau=Plateau("eval_reward", patience=2), reset_optimizer=False)
    cb.attach(trainer)
    held_out = make_dataset(MIX, 2, seed=11)
    for _ in range(3):  # TRL's own evaluation feeds the callback's history
        trainer.evaluate(eval_dataset=held_out)
    rewards = [row["eval_reward"] for row in cb.history]
    assert len(rewards) == 3 and len(set(rewards)) == 1  # only the planted gold scores: a flat curve
    state, args, control = trainer.state, trainer.args, trainer.control
    cb.on_step_end(args, state, control, optimizer=trainer.optimizer)
    assert len(cb.resets) == 1 and cb.resets[0]["reason"].startswith("plateau")
    assert len(trainer.optimizer.optimizer.state) > 0  # reset_optimizer=False keeps the moments (v2)
    cb.on_step_end(args, state, control, optimizer=trainer.optimizer)
    assert len(cb.resets) == 1  # the history restarted at the reset
    trainer.callback_handler.remove_callback(cb)


def test_prorl_config_pins_the_recipe() -> None:
    config = prorl_config(output_dir="unused", use_cpu=True, per_device_train_batch_size=16)
    normalised = {"report_to": []}  # transformers turns "none" into []
    for name, (value, source) in PRORL_GRPO.items():
        assert getattr(config, name) == normalised.get(name, value), name
        assert source
    assert (config.epsilon, config.epsilon_high, config.beta, config.temperature) == (0.2, 0.4, 1e-4, 1.2)
    assert config.lr_scheduler_type == "constant" and config.use_bias_correction_kl is False
    assert config.num_generations == 16 and config.loss_type == "dapo"


def test_prorl_config_explains_bad_settings() -> None:
    with pytest.raises(ValueError, match="steps_per_generation"):
        prorl_config(output_dir="unused", use_cpu=True, per_device_train_batch_size=3)
    with pytest.raises(ValueError, match="beta > 0"):
        prorl_config(
            output_dir="unused", use_cpu=True, per_device_train_batch_size=16, sync_ref_model=True, beta=0.0
        )
    with pytest.raises(ValueError, match="unknown GRPOConfig"):
        prorl_config(output_dir="unused", use_cpu=True, epsilon_hi=0.4)


def test_reset_callback_needs_a_reference(run: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="every_steps, at_steps or on_plateau"):
        ProRLResetCallback()

    class NoRef:
        ref_model = None

    with pytest.raises(ValueError, match="beta > 0"):
        ProRLResetCallback(every_steps=5).attach(NoRef())
