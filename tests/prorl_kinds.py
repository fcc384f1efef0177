"""A trivially learnable env for the ProRL loop's learning test (imported by verifier workers too).

"Reply without any digit": a randomly initialised tiny model writes a digit in about half of its
replies, and the policy only has to push ten token logits down, which RL does in a few dozen steps.
The built-in envs all need a capable policy, so they cannot show learning from scratch in a test.
"""

from __future__ import annotations

from typing import Any

from envs import Env, register, spec
from verifiers import Task, Verdict, register_verifier

NAME = "prorl_test_no_digits"


@register_verifier(NAME)
def no_digits(text: str, answer: Any, **options: Any) -> Verdict:
    clean = bool(text.strip()) and not any(c.isdigit() for c in text)
    return Verdict.scored(1.0 if clean else 0.0, extracted=text[:40])


class NoDigitsEnv(Env):
    name = NAME
    domain = "instruction_following"
    verifier = NAME

    def task_at(self, seed: int) -> Task:
        prompt = [
            {"role": "user", "content": f"Write a few words without any digit (request {seed % 1000})."}
        ]
        return Task(
            env=NAME, domain=self.domain, prompt=prompt, verifier=NAME, answer=None, metadata={"seed": seed}
        )


try:
    spec(NAME)
except Exception:
    register(NAME, NoDigitsEnv, domain="instruction_following", verifier=NAME, description="test: no digits")
