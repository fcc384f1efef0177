"""`prorl_config()`: a TRL `GRPOConfig` with the ProRL recipe, every drifting default pinned.

Sources: [P] the ProRL paper (arXiv 2505.24864, Sec. 3.2 and App. E); [S] its follow-up report
(arXiv 2507.12507) via secondary summaries and NVIDIA's NeMo-RL ProRLv2 config; [verl] verl 0.9's
defaults, which ProRL ran on; [TRL] TRL 1.9 -> 1.16 changed the default (so it is pinned).
"""

from __future__ import annotations

from typing import Any

# name -> (value, source). Hardware-dependent settings (batch sizes, bf16, vLLM) stay with the user.
PRORL_GRPO: dict[str, tuple[Any, str]] = {
    "learning_rate": (2e-6, "[P] AdamW, constant LR 2e-6"),
    "lr_scheduler_type": ("constant", "[P] constant LR; transformers' default 'linear' decays to 0"),
    "warmup_steps": (0, "[P] no warmup stated; verl lr_warmup_steps_ratio 0"),
    "optim": ("adamw_torch", "[P] AdamW"),
    "weight_decay": (0.01, "[verl] actor.optim.weight_decay 0.01 (transformers' default is 0)"),
    "adam_beta1": (0.9, "[verl] optim.betas [0.9, 0.999]"),
    "adam_beta2": (0.999, "[verl] optim.betas [0.9, 0.999]"),
    "max_grad_norm": (1.0, "[verl] actor.grad_clip 1.0"),
    "num_generations": (16, "[P] 16 rollouts per prompt (32 in runs 6-7)"),
    "temperature": (1.2, "[P] rollout temperature 1.2"),
    "top_p": (1.0, "[verl] rollout.top_p 1"),
    "top_k": (0, "[verl] rollout.top_k -1 (disabled); TRL spells disabled as 0"),
    "max_completion_length": (8192, "[P] 8k responses (16k in the last run); [TRL] default 256 -> 512"),
    "epsilon": (0.2, "[P] decoupled clip, eps_low 0.2"),
    "epsilon_high": (0.4, "[P] eps_high 0.4 (clip-higher)"),
    "beta": (1e-4, "[S] KL coefficient 1e-4 (2507.12507; NeMo-RL ProRLv2)"),
    "use_bias_correction_kl": (
        False,
        "[verl] low_var_kl loss is not ratio-weighted; [TRL] default False -> True",
    ),
    "loss_type": ("dapo", "[verl] loss_agg_mode token-mean over the batch"),
    "scale_rewards": ("group", "[P] A = (r - mean(group)) / std(group)"),
    "num_iterations": (1, "[verl] ppo_epochs 1"),
    "steps_per_generation": (4, "[P] batch 256 / mini-batch 64: 4 gradient updates per rollout step"),
    "mask_truncated_completions": (False, "[P] v1 keeps truncated responses (runs 4-5 penalise them)"),
    "top_entropy_quantile": (1.0, "[P] every token trains"),
    "entropy_coef": (0.0, "[verl] entropy_coeff 0"),
    "sync_ref_model": (False, "resets come from ProRLResetCallback (TRL's sync keeps the optimizer state)"),
    "disable_dropout": (True, "RL practice: the same logits for old and new policy"),
    "remove_unused_columns": (False, "the reward function reads the 'task' column"),
    "pad_to_multiple_of": (None, "[TRL] default None -> 'auto'; padding only"),
    "router_aux_loss_coef": (None, "[TRL] default 0.001 -> None; dense models"),
    "shuffle_dataset": (True, "[verl] data.shuffle true"),
    "logging_steps": (1, "per-step reward and status metrics"),
    "report_to": ("none", "opt in to trackers explicitly"),
}


def prorl_config(**overrides: Any) -> Any:
    """A `trl.GRPOConfig` with `PRORL_GRPO`'s values, then `overrides` (any GRPOConfig field).

    Unknown fields and `sync_ref_model` without `beta > 0` fail here; a batch that `num_generations`
    does not divide fails with TRL's message plus what to change.
    """
    import dataclasses

    from trl import GRPOConfig

    fields = {f.name for f in dataclasses.fields(GRPOConfig)}
    unknown = sorted(set(overrides) - fields)
    if unknown:
        raise ValueError(f"prorl_config: unknown GRPOConfig field(s) {unknown}")
    values = {name: value for name, (value, _) in PRORL_GRPO.items() if name in fields}
    values.setdefault("output_dir", "prorl-trl")
    values.update(overrides)
    if "generation_batch_size" in overrides:
        values.pop("steps_per_generation", None)  # TRL accepts only one of the two
    if values.get("sync_ref_model") and not values.get("beta"):
        raise ValueError("sync_ref_model=True needs beta > 0: with beta == 0 TRL builds no reference model")
    try:
        return GRPOConfig(**values)
    except ValueError as exc:
        if "num_generations" not in str(exc):
            raise
        raise ValueError(
            f"{exc} TRL's generation batch is per_device_train_batch_size x processes x steps_per_generation "
            f"(prorl_config pins steps_per_generation={values.get('steps_per_generation')}); each prompt's "
            f"num_generations={values.get('num_generations')} completions must fit whole in it, and the eval "
            "batch (per_device_eval_batch_size x processes) too when evaluating. Raise the batch size or "
            "lower num_generations."
        ) from None
