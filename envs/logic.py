"""Every reasoning-gym dataset as an env of domain `logic` (minimal version; deepened by the audit)."""

from __future__ import annotations

from typing import Any

from envs.core import Env
from envs.registry import register
from verifiers import Task

PROMPT = (
    "{question}\n\nThink it through step by step, then give only your final answer inside "
    "<answer></answer> tags."
)


class ReasoningGymEnv(Env):
    domain = "logic"
    verifier = "logic"

    def __init__(self, dataset: str, **config: Any) -> None:
        super().__init__()
        import reasoning_gym

        self.name = dataset
        self.config = config
        self._ds = reasoning_gym.create_dataset(dataset, size=2**62, seed=0, **config)

    def task_at(self, seed: int) -> Task:
        entry = self._ds[seed]
        prompt = [{"role": "user", "content": PROMPT.format(question=entry["question"])}]
        return Task(
            env=self.name,
            domain=self.domain,
            prompt=prompt,
            verifier="logic",
            answer={"dataset": self.name, "entry": entry},
            metadata={"seed": seed, "source": "reasoning-gym"},
        )


def _register_all() -> None:
    from reasoning_gym.factory import DATASETS

    for name in sorted(DATASETS):
        if name == "composite":
            continue
        register(name, ReasoningGymEnv, domain="logic", verifier="logic", description=f"reasoning-gym {name}", dataset=name)


_register_all()
