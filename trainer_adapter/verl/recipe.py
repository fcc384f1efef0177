"""The ProRL recipe as verl 0.9 config overrides, and its eight runs as a staged plan.

Keys were checked against verl 0.9.1's `trainer/config/ppo_trainer.yaml` (the tests compose them
with verl's own Hydra config). Sources: [P] the ProRL paper (arXiv 2505.24864, Sec. 3.2, App. E);
[S] the follow-up report 2507.12507 and NeMo-RL's ProRLv2 config.

verl has no in-run reference reset (its reference is a separate, frozen worker), so ProRL's resets
become stage boundaries: each stage is a fresh verl run whose actor *and* reference load the last
checkpoint of the stage before, with a new optimizer, as the paper ran its eight runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

REWARD_FUNCTION = "pkg://trainer_adapter.verl.score"
CODE_AGENT = "prorl_code_feedback"
# Table 4 of the paper: 40K math, 24K code, 25K STEM, 37K logic, 10K instruction following.
BASE_MIX = "math=40,code=24,stem=25,composite=37"
MIX_WITH_IF = BASE_MIX + ",ifeval=10"


def prorl_overrides(
    *,
    n: int = 16,
    temperature: float = 1.2,
    max_response_length: int = 8192,
    lr: float = 2e-6,
    kl_coef: float = 1e-4,
    clip_low: float = 0.2,
    clip_high: float = 0.4,
    train_batch_size: int = 256,
    ppo_mini_batch_size: int = 64,
    dynamic_sampling: bool = True,
) -> dict[str, Any]:
    """verl config overrides for ProRL v1 (key -> value); `hydra_args` turns them into CLI arguments."""
    return {
        "algorithm.adv_estimator": "grpo",  # [P] group-normalised advantages, no critic
        "algorithm.norm_adv_by_std_in_grpo": True,  # [P] divide by the group std
        "algorithm.use_kl_in_reward": False,  # [P] the KL term is in the loss (Eq. 4)
        "algorithm.filter_groups.enable": dynamic_sampling,  # [P] DAPO dynamic sampling
        "algorithm.filter_groups.metric": "acc",  # groups all correct or all wrong are dropped
        "actor_rollout_ref.actor.clip_ratio_low": clip_low,  # [P] eps_low 0.2
        "actor_rollout_ref.actor.clip_ratio_high": clip_high,  # [P] eps_high 0.4
        "actor_rollout_ref.actor.use_kl_loss": True,  # [P]
        "actor_rollout_ref.actor.kl_loss_coef": kl_coef,  # [S] 1e-4
        "actor_rollout_ref.actor.kl_loss_type": "low_var_kl",  # k3, clamped by verl
        "actor_rollout_ref.actor.loss_agg_mode": "token-mean",  # DAPO token-level loss
        "actor_rollout_ref.actor.entropy_coeff": 0,  # [P] KL + clip-higher fight collapse, no bonus
        "actor_rollout_ref.actor.ppo_epochs": 1,
        "actor_rollout_ref.actor.ppo_mini_batch_size": ppo_mini_batch_size,  # [P] 256 / 64: 4 updates
        "actor_rollout_ref.actor.optim.lr": lr,  # [P] constant 2e-6
        "actor_rollout_ref.actor.optim.lr_scheduler_type": "constant",  # [P]
        "actor_rollout_ref.actor.optim.lr_warmup_steps_ratio": 0.0,
        "actor_rollout_ref.rollout.n": n,  # [P] 16 (32 in runs 6-7)
        "actor_rollout_ref.rollout.temperature": temperature,  # [P] 1.2
        "actor_rollout_ref.rollout.top_p": 1.0,
        "data.train_batch_size": train_batch_size,  # [P] 256 prompts
        "data.max_response_length": max_response_length,  # [P] 8k (16k in run 8)
        "reward.custom_reward_function.path": REWARD_FUNCTION,
        "reward.custom_reward_function.name": "compute_score",
    }


def overlong_penalty(max_response_length: int, buffer: int = 1024, factor: float = 1.0) -> dict[str, Any]:
    """Runs 4-5 penalise replies that do not terminate; verl's `dapo` manager's overlong buffer does that."""
    return {
        "reward.reward_manager.name": "dapo",
        "+reward.reward_kwargs.max_resp_len": max_response_length,
        "+reward.reward_kwargs.overlong_buffer_cfg.enable": True,
        "+reward.reward_kwargs.overlong_buffer_cfg.len": buffer,
        "+reward.reward_kwargs.overlong_buffer_cfg.penalty_factor": factor,
        "+reward.reward_kwargs.overlong_buffer_cfg.log": False,
    }


def hydra_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ",".join(hydra_value(v) for v in value) + "]"
    return str(value)


def hydra_args(overrides: Mapping[str, Any]) -> list[str]:
    """`key=value` command-line arguments for `python -m verl.trainer.main_ppo`."""
    return [f"{key}={hydra_value(value)}" for key, value in overrides.items()]


@dataclass(frozen=True)
class Stage:
    """One verl run between two resets, and what changes at its start."""

    name: str
    mix: str
    n: int = 16
    max_response_length: int = 8192
    penalise_overlong: bool = False
    steps: int | None = None  # None: the plan's steps per stage
    extra: dict[str, Any] = field(default_factory=dict)

    def overrides(self) -> dict[str, Any]:
        out = prorl_overrides(n=self.n, max_response_length=self.max_response_length)
        if self.penalise_overlong:
            out.update(overlong_penalty(self.max_response_length))
        out.update(self.extra)
        return out


def prorl_stages(base_mix: str = BASE_MIX, mix_with_if: str = MIX_WITH_IF) -> list[Stage]:
    """The paper's eight runs (App. E): each later one starts from the last one's checkpoint."""
    return [
        Stage("run 1: math, code, STEM, logic; 8k responses", base_mix),
        Stage("run 2: hard reset, same setup", base_mix),
        Stage("run 3: instruction-following data added", mix_with_if),
        Stage("run 4: penalise responses that do not terminate", mix_with_if, penalise_overlong=True),
        Stage("run 5: same shaping, reset", mix_with_if, penalise_overlong=True),
        Stage("run 6: 32 rollouts per prompt", mix_with_if, n=32),
        Stage("run 7: 32 rollouts, reset", mix_with_if, n=32),
        Stage(
            "run 8: 16k responses, 16 rollouts, ~200 steps", mix_with_if, max_response_length=16384, steps=200
        ),
    ]
