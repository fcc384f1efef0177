"""Instruction-following environments: `ifeval` (procedural, or the user's IFEval-format files)."""

from __future__ import annotations

from typing import Any

from envs.core import Env
from envs.ifeval.dataset import IFEvalDatasetEnv
from envs.ifeval.generator import IFEvalConfig, IFEvalEnv, base_prompts
from envs.registry import register

__all__ = ["IFEvalConfig", "IFEvalDatasetEnv", "IFEvalEnv", "base_prompts", "make_ifeval"]


class _IFEvalFactory:
    """Entry point of `ifeval`: procedural unless `data_files` is given."""

    def __call__(self, **config: Any) -> Env:
        if "data_files" in config:
            return IFEvalDatasetEnv("ifeval", **config)
        return IFEvalEnv("ifeval", **config)

    @staticmethod
    def config_fields(**kwargs: Any) -> dict[str, Any]:
        return {**IFEvalEnv.config_fields(), "data_files": None, "on_unknown": "error"}


make_ifeval = _IFEvalFactory()

register(
    "ifeval",
    make_ifeval,
    domain="instruction_following",
    verifier="ifeval",
    description="a writing task + 1-3 compatible verifiable constraints (IFEval's 25 + 15 IFBench-style), "
    "or data_files=... in IFEval's JSONL format",
)
