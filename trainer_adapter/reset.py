"""The reference-reset plan as data: when to set reference <- policy, and whether the optimizer restarts.

ProRL v1 hard-resets the reference *and* re-initialises the optimizer when validation stalls; v2
resets every few hundred steps and keeps the optimizer. TRL, verl and the ProRL loop all read the
same plan, so it holds no torch and no trainer objects, only the rule and the reason it fired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Plateau:
    """Reset when `metric` has not improved by more than `min_delta` for `patience` logged points."""

    metric: str
    patience: int
    min_delta: float = 0.0

    def __post_init__(self) -> None:
        if self.patience < 1:
            raise ValueError(f"Plateau.patience must be >= 1, got {self.patience}")
        if self.min_delta < 0:
            raise ValueError(f"Plateau.min_delta must be >= 0, got {self.min_delta}")

    def stalled(self, history: Sequence[dict[str, float]]) -> str | None:
        """The reason string when the last `patience` values never beat the best before them."""
        values = [row[self.metric] for row in history if self.metric in row]
        if len(values) <= self.patience:
            return None
        best_before = max(values[: -self.patience])
        recent = values[-self.patience :]
        if max(recent) > best_before + self.min_delta:
            return None
        return (
            f"plateau: {self.metric} did not beat {best_before:.4g} (+{self.min_delta:g}) "
            f"in the last {self.patience} evaluations"
        )


@dataclass(frozen=True)
class ResetPlan:
    """When the reference policy is reset to the current policy, and whether the optimizer is cleared.

    `decide(step, history)` is called after optimizer step `step` (1-based) with the validation
    history since the last reset; it returns the reason to reset now, or None.
    """

    every_steps: int | None = None
    at_steps: Sequence[int] = field(default_factory=tuple)
    on_plateau: Plateau | None = None
    reset_optimizer: bool = True

    def __post_init__(self) -> None:
        if self.every_steps is not None and self.every_steps < 1:
            raise ValueError(f"ResetPlan.every_steps must be >= 1 or None, got {self.every_steps}")
        bad = [s for s in self.at_steps if s < 1]
        if bad:
            raise ValueError(f"ResetPlan.at_steps must be positive step numbers, got {bad}")
        object.__setattr__(self, "at_steps", tuple(sorted(set(self.at_steps))))

    @property
    def enabled(self) -> bool:
        return bool(self.every_steps or self.at_steps or self.on_plateau)

    def decide(self, step: int, history: Sequence[dict[str, float]] = ()) -> str | None:
        """The reason to reset after step `step`, or None; schedule first, then the plateau rule."""
        if step in self.at_steps:
            return f"scheduled: step {step} is in at_steps"
        if self.every_steps and step % self.every_steps == 0:
            return f"scheduled: every {self.every_steps} steps"
        if self.on_plateau is not None:
            return self.on_plateau.stalled(history)
        return None

    def to_dict(self) -> dict[str, object]:
        plateau = self.on_plateau
        return {
            "every_steps": self.every_steps,
            "at_steps": list(self.at_steps),
            "on_plateau": None
            if plateau is None
            else {"metric": plateau.metric, "patience": plateau.patience, "min_delta": plateau.min_delta},
            "reset_optimizer": self.reset_optimizer,
        }
