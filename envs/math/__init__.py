"""Math environments: `math` (procedural families, or the user's data files) and one env per family."""

from __future__ import annotations

from typing import Any

from envs.core import Env
from envs.math.dataset import MathDatasetEnv
from envs.math.families import FAMILIES
from envs.math.procedural import MathConfig, MathEnv
from envs.registry import register

__all__ = ["FAMILIES", "MathConfig", "MathDatasetEnv", "MathEnv", "make_math"]


class _MathFactory:
    """Entry point of `math`: procedural unless `data_files` is given."""

    def __call__(self, **config: Any) -> Env:
        if "data_files" in config:
            return MathDatasetEnv("math", **config)
        return MathEnv("math", **config)

    @staticmethod
    def config_fields(**kwargs: Any) -> dict[str, Any]:
        return {**MathEnv.config_fields(), "data_files": None, "format": None}


make_math = _MathFactory()

register(
    "math",
    make_math,
    domain="math",
    verifier="math",
    description="procedural math across 8 families (exact sympy answers), or data_files=... (DeepScaleR/MATH/GSM8K/AIME)",
)
for _family in FAMILIES:
    register(
        f"math_{_family}",
        MathEnv,
        domain="math",
        verifier="math",
        description=f"procedural math, {_family.replace('_', ' ')} family",
        env_name=f"math_{_family}",
        family=_family,
    )
