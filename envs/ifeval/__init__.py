"""Instruction-following environments: `ifeval` (procedural, or the user's IFEval-format files).

Registration only: the constraint tables load when `make` first builds the env.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from envs.core import Env
from envs.registry import register


# The env classes still validate keyword config themselves; these pass them what `make` validated.
def procedural(config: BaseModel, env_name: str = "ifeval") -> Env:
    from envs.ifeval.generator import IFEvalEnv

    return IFEvalEnv(env_name, **config.model_dump(exclude_unset=True))


def from_data(config: BaseModel, env_name: str = "ifeval") -> Env:
    from envs.ifeval.dataset import IFEvalDatasetEnv

    return IFEvalDatasetEnv(env_name, **config.model_dump(exclude_unset=True))


def __getattr__(name: str) -> Any:
    """`from envs.ifeval import IFEvalEnv` and friends, loaded on first use."""
    homes = {
        "IFEvalConfig": "generator",
        "IFEvalEnv": "generator",
        "base_prompts": "generator",
        "IFEvalDatasetEnv": "dataset",
    }
    if name not in homes:
        raise AttributeError(f"module 'envs.ifeval' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"envs.ifeval.{homes[name]}"), name)


register(
    "ifeval",
    "envs.ifeval:procedural",
    config="envs.ifeval.generator:IFEvalConfig",
    data=("envs.ifeval:from_data", "envs.ifeval.dataset:IFEvalDataConfig"),
    domain="instruction_following",
    verifier="ifeval",
    description="a writing task + 1-3 compatible verifiable constraints (IFEval's 25 + 15 IFBench-style), "
    "or data_files=... in IFEval's JSONL format",
)
