"""ProRL's reference reset inside a TRL run: reference <- policy, and the optimizer state cleared."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from transformers import TrainerCallback

from trainer_adapter.reset import Plateau, ResetPlan

log = logging.getLogger(__name__)


class ProRLResetCallback(TrainerCallback):
    """Hard-reset the reference model to the policy (and clear the optimizer state) by `ResetPlan`.

    TRL's own `sync_ref_model` copies weights only on a fixed period and keeps the Adam moments;
    ProRL v1 resets both when validation stalls (v2: every few hundred steps, moments kept, i.e.
    `reset_optimizer=False`). The rule: every N steps, at chosen steps, or on a plateau of an
    evaluation metric (`Plateau("eval_reward", patience=3)`, read from `on_evaluate`). Callbacks are
    not handed the reference model, so call `attach(trainer)` once the trainer exists. Each reset is
    logged, appended to `resets` and to the trainer's `state.log_history` (`prorl_reset` entries).
    """

    def __init__(
        self,
        every_steps: int | None = None,
        at_steps: Sequence[int] | None = None,
        on_plateau: Plateau | None = None,
        reset_optimizer: bool = True,
    ) -> None:
        self.plan = ResetPlan(every_steps, tuple(at_steps or ()), on_plateau, reset_optimizer)
        if not self.plan.enabled:
            raise ValueError("ProRLResetCallback needs every_steps, at_steps or on_plateau (see ResetPlan)")
        self.trainer: Any = None
        self.history: list[dict[str, float]] = []
        self.resets: list[dict[str, Any]] = []

    def attach(self, trainer: Any) -> ProRLResetCallback:
        """Bind to `trainer` (registering with it if it is not yet); returns self."""
        if getattr(trainer, "ref_model", None) is None:
            raise ValueError(
                "this trainer has no reference model to reset: set beta > 0 in GRPOConfig (TRL builds "
                "none when beta == 0) and train a full model (a PEFT model's reference is its base)"
            )
        self.trainer = trainer
        if self not in trainer.callback_handler.callbacks:
            trainer.add_callback(self)
        return self

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if self.trainer is None:
            raise RuntimeError("ProRLResetCallback: call callback.attach(trainer) before trainer.train()")

    def on_evaluate(
        self, args: Any, state: Any, control: Any, metrics: dict[str, Any] | None = None, **kwargs: Any
    ) -> None:
        if metrics:
            self.history.append({k: float(v) for k, v in metrics.items() if isinstance(v, int | float)})

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        # Trainer evaluates after on_step_end, so a plateau seen at step N resets after step N + 1.
        reason = self.plan.decide(state.global_step, self.history)
        if reason is not None:
            self.reset(state, reason, kwargs.get("optimizer"))

    def reset(self, state: Any, reason: str, optimizer: Any = None) -> None:
        """Copy the policy into the reference now; clear the optimizer state if the plan says so."""
        from trl.trainer.callbacks import SyncRefModelCallback

        trainer = self.trainer
        policy = trainer.accelerator.unwrap_model(trainer.model)
        ref = trainer.accelerator.unwrap_model(trainer.ref_model)
        SyncRefModelCallback.sync_target_model(policy, ref, alpha=1.0)  # handles DeepSpeed ZeRO-3
        cleared = 0
        optimizer = optimizer if optimizer is not None else trainer.optimizer
        if self.plan.reset_optimizer and optimizer is not None:
            inner = getattr(optimizer, "optimizer", optimizer)  # accelerate wraps the torch optimizer
            cleared = len(inner.state)
            inner.state.clear()  # torch re-creates the moments (from step 0) on the next step
        self.history.clear()  # a plateau is judged afresh against the new reference
        entry = {"step": int(state.global_step), "reason": reason, "optimizer_states_cleared": cleared}
        self.resets.append(entry)
        state.log_history.append({"prorl_reset": 1.0, **entry})
        log.warning(
            "ProRL reset at step %d (%s): reference <- policy; optimizer states cleared: %d",
            state.global_step,
            reason,
            cleared,
        )
