"""Checkpoints that resume exactly: policy, reference, optimizer, RNG states, data position, history."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import torch

STATE = "trainer_state.pt"


def rng_state() -> dict[str, Any]:
    state: dict[str, Any] = {"python": random.getstate(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(state["python"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save(
    directory: Path, policy: Any, ref: Any, tokenizer: Any, optimizer: Any, loop_state: dict[str, Any]
) -> Path:
    """Write the checkpoint into `directory` (policy and tokenizer also load with from_pretrained)."""
    directory.mkdir(parents=True, exist_ok=True)
    policy.save_pretrained(directory / "policy")
    tokenizer.save_pretrained(directory / "policy")
    torch.save(
        {
            "ref": ref.state_dict() if ref is not None else None,
            "optimizer": optimizer.state_dict(),
            "rng": rng_state(),
            "loop": loop_state,
        },
        directory / STATE,
    )
    (directory / "loop_state.json").write_text(json.dumps(loop_state, indent=1, default=str) + "\n")
    return directory


def load(directory: Path, policy: Any, ref: Any, optimizer: Any) -> dict[str, Any]:
    """Restore weights, optimizer and RNG in place; returns the loop state (step, data position, ...)."""
    from transformers import AutoModelForCausalLM

    if not (directory / STATE).is_file():
        raise FileNotFoundError(
            f"{directory} is not a ProRL checkpoint (no {STATE}); pass a checkpoint directory"
        )
    saved = AutoModelForCausalLM.from_pretrained(directory / "policy", dtype=next(policy.parameters()).dtype)
    policy.load_state_dict(saved.state_dict())
    state = torch.load(directory / STATE, weights_only=False)
    if ref is not None and state["ref"] is not None:
        ref.load_state_dict(state["ref"])
    optimizer.load_state_dict(state["optimizer"])
    set_rng_state(state["rng"])
    return state["loop"]
