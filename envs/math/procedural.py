"""Env `math` without data files: a seeded mixture of the generator families."""

from __future__ import annotations

import random
from typing import Any

from envs.core import Env, configure
from envs.math.config import MathConfig
from envs.math.families import FAMILIES
from verifiers import Task

PROMPT = "{question}\n\nPlease reason step by step, and put your final answer within \\boxed{{}}."


class MathEnv(Env):
    """Problems whose answers sympy computes exactly; prompts ask for the answer in `\\boxed{}`."""

    domain = "math"
    verifier = "math"

    def __init__(self, config: MathConfig | None = None, *, env_name: str = "math", **options: Any) -> None:
        super().__init__()
        self.name = env_name
        self.config = configure(MathConfig, config, options, env_name)

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
