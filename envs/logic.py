"""Every reasoning-gym dataset as an env of domain `logic`, plus `composite` (a weighted mixture of them).

Item `seed` of an env is reasoning-gym's entry `seed mod 2**32-1` of the dataset built with `seed=0`
(a few datasets have a finite pool: `envs.logic_datasets.FINITE_SIZE`): reasoning-gym generates entry i from
`Random(seed + i)`, so every seed gives a reproducible, random-access task.
The Task's answer carries the entry and the config the scorer reads, so it re-scores without this module.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

from reasoning_gym.factory import DATASETS

from envs.core import ConfigError, Env, derive_seed
from envs.logic_datasets import FINITE_SIZE, RESERVED, build_dataset, dataset_config_class
from envs.logic_descriptions import DESCRIPTIONS
from envs.logic_generator_process import helper_entries, needs_helper
from envs.mix import WeightedPicker
from envs.registry import register
from verifiers import Task
from verifiers.canonical import canonical_and_plain, canonical_json, plain_json
from verifiers.types import content_id_from_json

__all__ = ["FINITE_SIZE", "PROMPT", "CompositeEnv", "ReasoningGymEnv", "build_dataset"]

PROMPT = (
    "{question}\n\nThink it through step by step, then give only your final answer inside "
    "<answer></answer> tags."
)
# Entry index = seed mod 2**32 - 1: some generators seed numpy with `seed + index`, which must stay < 2**32.
_INDEX_SPACE = 2**32 - 1


class ReasoningGymEnv(Env):
    """One reasoning-gym dataset; `config` is passed to its config dataclass and validated there."""

    domain = "logic"
    verifier = "logic"

    def __init__(self, dataset: str, **config: Any) -> None:
        super().__init__()
        self.name = dataset
        self.config = plain_json(dict(config))
        self._ds = build_dataset(dataset, self.config)
        self._space = min(_INDEX_SPACE, FINITE_SIZE.get(dataset, _INDEX_SPACE))
        self._in_helper = needs_helper(dataset)
        self._config_json = canonical_json(self.config)
        self._name_json = canonical_json(dataset)
        self._verifier_json = canonical_json(self.verifier)

    def task_at(self, seed: int) -> Task:
        return self.tasks_at([seed])[0]

    def tasks_at(self, seeds: list[int]) -> list[Task]:
        entries = self.entries(seeds)
        return [self.task_from(e, s, env=self.name) for e, s in zip(entries, seeds, strict=True)]

    def entry(self, seed: int) -> Any:
        """reasoning-gym's entry for `seed`."""
        return self.entries([seed])[0]

    def entries(self, seeds: list[int]) -> list[Any]:
        """reasoning-gym's entries for `seeds` (from the generator helper process where generation must
        not run here, in one round trip)."""
        indices = [self.index(s) for s in seeds]
        if self._in_helper:
            return helper_entries(self.name, self.config, indices)
        return [self._ds[i] for i in indices]

    def index(self, seed: int) -> int:
        """The reasoning-gym entry index that `seed` picks."""
        return seed % self._space

    def task_from(self, raw_entry: Mapping[str, Any], seed: int, *, env: str) -> Task:
        # The entry goes through JSON once: the bytes are what the id hashes, and decoding them makes the
        # in-memory Task equal to a reloaded one (scorers see lists where the generator left tuples).
        entry_json, entry = canonical_and_plain(raw_entry)
        answer: dict[str, Any] = {"dataset": self.name, "entry": entry}
        if self.config:
            answer["config"] = self.config
            answer_json = b'{"config":%s,"dataset":%s,"entry":%s}' % (
                self._config_json,
                self._name_json,
                entry_json,
            )
        else:
            answer_json = b'{"dataset":%s,"entry":%s}' % (self._name_json, entry_json)
        metadata: dict[str, Any] = {"seed": seed, "source": "reasoning-gym", "dataset": self.name}
        meta = entry.get("metadata")
        difficulty = meta.get("difficulty") if isinstance(meta, dict) else None
        if difficulty is not None:
            metadata["difficulty"] = difficulty
        prompt = [{"role": "user", "content": PROMPT.format(question=entry["question"])}]
        return Task.trusted(
            id=content_id_from_json(
                answer_json,
                self._name_json if env == self.name else canonical_json(env),
                canonical_json(prompt),
                self._verifier_json,
            ),
            env=env,
            domain=self.domain,
            prompt=prompt,
            verifier=self.verifier,
            answer=answer,
            metadata=metadata,
        )


class CompositeEnv(Env):
    """A weighted mixture of reasoning-gym datasets: `datasets=[{"name", "weight", "config"}, ...]`."""

    name = "composite"
    domain = "logic"
    verifier = "logic"

    def __init__(self, datasets: Sequence[Any] | None = None) -> None:
        super().__init__()
        if not datasets:
            raise ConfigError(
                "envs.make('composite') needs datasets=[{'name': 'sudoku', 'weight': 1.0, 'config': {...}}, ...] "
                "(name: a reasoning-gym dataset; weight > 0; config optional)"
            )
        self.members: list[tuple[ReasoningGymEnv, float]] = []
        for spec in datasets:
            name, weight, config = _member_spec(spec)
            if name in [env.name for env, _ in self.members]:
                raise ConfigError(f"envs.make('composite'): dataset {name!r} is listed twice")
            self.members.append((ReasoningGymEnv(name, **config), weight))
        self.picker = WeightedPicker({env.name: weight for env, weight in self.members})
        self._by_name = {env.name: env for env, _ in self.members}

    def task_at(self, seed: int) -> Task:
        member = self._by_name[self.picker.pick(seed)]
        sub_seed = derive_seed(seed, 0, member.name)
        return member.task_from(member.entry(sub_seed), sub_seed, env=self.name)


def _member_spec(spec: Any) -> tuple[str, float, dict[str, Any]]:
    """(name, weight, config) from a dict, a reasoning-gym DatasetSpec, or a bare dataset name."""
    if isinstance(spec, str):
        spec = {"name": spec}
    elif dataclasses.is_dataclass(spec) and not isinstance(spec, type):
        spec = dataclasses.asdict(spec)
    if not isinstance(spec, Mapping):
        raise ConfigError(f"envs.make('composite'): each dataset must be a dict with 'name', got {spec!r}")
    extra = sorted(set(spec) - {"name", "weight", "config"})
    if extra:
        raise ConfigError(
            f"envs.make('composite'): unknown key(s) {extra} in {dict(spec)!r}; use name, weight, config"
        )
    name = spec.get("name")
    if name not in DATASETS or name == "composite":
        raise ConfigError(
            f"envs.make('composite'): {name!r} is not a reasoning-gym dataset (see `prorl-gym list`)"
        )
    weight = spec.get("weight", 1.0)
    if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not weight > 0:
        raise ConfigError(f"envs.make('composite'): weight of {name!r} must be a number > 0, got {weight!r}")
    config = spec.get("config") or {}
    if not isinstance(config, Mapping):
        raise ConfigError(f"envs.make('composite'): config of {name!r} must be a dict, got {config!r}")
    return str(name), float(weight), dict(config)


@dataclasses.dataclass
class CompositeConfig:
    """`composite`'s one setting: the member datasets, as `[{"name", "weight", "config"}, ...]`."""

    datasets: list[Any] | None = None


def _register_all() -> None:
    for name in sorted(DATASETS):
        if name == "composite":
            continue
        register(
            name,
            ReasoningGymEnv,
            domain="logic",
            verifier="logic",
            description=DESCRIPTIONS.get(name, f"reasoning-gym {name}"),
            config=dataset_config_class(name),  # reasoning-gym's dataclass: validated by the dataset itself
            hidden=RESERVED,
            dataset=name,
        )
    register(
        "composite",
        CompositeEnv,
        domain="logic",
        verifier="logic",
        description=DESCRIPTIONS["composite"],
        config=CompositeConfig,
    )


_register_all()
