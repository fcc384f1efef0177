"""Instruction-following environments: `ifeval` (procedural, or IFEval-format files and hub datasets).

Registration only: the constraint tables load when `make` first builds the env.
"""

from __future__ import annotations

from typing import Any

from envs.registry import register


def __getattr__(name: str) -> Any:
    """`from envs.ifeval import IFEvalEnv` and friends, loaded on first use."""
    homes = {
        "IFEvalConfig": "generator",
        "IFEvalEnv": "generator",
        "base_prompts": "generator",
        "IFEvalDatasetEnv": "dataset",
        "IFEvalDataConfig": "dataset",
    }
    if name not in homes:
        raise AttributeError(f"module 'envs.ifeval' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"envs.ifeval.{homes[name]}"), name)


register(
    "ifeval",
    "envs.ifeval.generator:IFEvalEnv",
    config="envs.ifeval.generator:IFEvalConfig",
    data=("envs.ifeval.dataset:IFEvalDatasetEnv", "envs.ifeval.dataset:IFEvalDataConfig"),
    domain="instruction_following",
    verifier="ifeval",
    description="a writing task + 1-3 compatible verifiable constraints (IFEval's 25 + 15 IFBench-style), "
    "or data_files=... / dataset=... in IFEval's format (e.g. google/IFEval)",
)
