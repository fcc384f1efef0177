"""Env `math` without data files: a seeded mixture of the generator families."""

from __future__ import annotations

import random
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from envs.core import ConfigError, Env, validate_config
from envs.math.families import FAMILIES
from verifiers import Task

PROMPT = "{question}\n\nPlease reason step by step, and put your final answer within \\boxed{{}}."


class MathConfig(BaseModel):
    """Config of the procedural math env."""

    model_config = ConfigDict(extra="forbid")

    families: list[str] = Field(default_factory=lambda: list(FAMILIES))
    difficulty: int | dict[str, int] = 2  # 1 (easy) .. 5 (hard); a dict sets it per family
    verifier_options: dict[str, Any] = Field(default_factory=dict)  # added to every task's options

    @field_validator("families")
    @classmethod
    def _known_families(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in FAMILIES]
        if unknown or not value:
            raise ValueError(f"families must be a non-empty list from {', '.join(FAMILIES)}; got {value!r}")
        return value

    @field_validator("difficulty")
    @classmethod
    def _difficulty_range(cls, value: int | dict[str, int]) -> int | dict[str, int]:
        levels = value.values() if isinstance(value, dict) else [value]
        if any(not 1 <= level <= 5 for level in levels):
            raise ValueError(f"difficulty must be 1..5 (or a dict family -> 1..5), got {value!r}")
        if isinstance(value, dict) and (unknown := sorted(set(value) - set(FAMILIES))):
            raise ValueError(f"difficulty names unknown families {unknown}; families: {', '.join(FAMILIES)}")
        return value


class MathEnv(Env):
    """Problems whose answers sympy computes exactly; prompts ask for the answer in `\\boxed{}`."""

    domain = "math"
    verifier = "math"

    def __init__(self, env_name: str = "math", family: str | None = None, **config: Any) -> None:
        super().__init__()
        self.name = name = env_name
        if family is not None:
            if "families" in config:
                raise ConfigError(
                    f"env {name!r} is the {family!r} family only; use env 'math' to choose families"
                )
            config["families"] = [family]
        cfg = validate_config(MathConfig, config, name)
        assert isinstance(cfg, MathConfig)
        self.config = cfg

    @classmethod
    def config_fields(cls, **kwargs: Any) -> dict[str, Any]:
        fields = {n: f.get_default(call_default_factory=True) for n, f in MathConfig.model_fields.items()}
        if "family" in kwargs:
            fields.pop("families")
        return fields

    def level(self, family: str) -> int:
        d = self.config.difficulty
        return d.get(family, 2) if isinstance(d, dict) else d

    def task_at(self, seed: int) -> Task:
        rng = random.Random(seed)
        family = rng.choice(self.config.families)
        generator = rng.choice(FAMILIES[family])
        difficulty = self.level(family)
        problem = generator(rng, difficulty)
        options = {**problem.verifier_options, **self.config.verifier_options}
        metadata: dict[str, Any] = {
            "family": family,
            "generator": problem.kind or generator.__name__,
            "difficulty": difficulty,
            "seed": seed,
            "source": "prorl-gym math generator",
        }
        if options:
            metadata["verifier_options"] = options
        return Task(
            env=self.name,
            domain=self.domain,
            prompt=[{"role": "user", "content": PROMPT.format(question=problem.question)}],
            verifier="math",
            answer=problem.answer,
            metadata=metadata,
        )
