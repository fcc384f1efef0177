"""Weighted, seeded mixtures of envs; a mixture is an Env too, so trainers need not know."""

from __future__ import annotations

import bisect
import random
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from envs.core import ConfigError, Env, derive_seed, derive_seeds
from envs.registry import make
from verifiers import Task


class MixEnv(Env):
    """Draws each task's env by weight, then the task from that env, both from one seed."""

    name = "mix"
    domain = "mix"
    verifier = "mixed"

    def __init__(self, envs: Mapping[str, Env], weights: Mapping[str, float], seed: int = 0) -> None:
        super().__init__()
        total = float(sum(weights.values()))
        self.envs = dict(envs)
        self.weights = {k: float(w) / total for k, w in weights.items()}
        self.seed = seed
        self._names = list(self.weights)
        self._cum: list[float] = []
        acc = 0.0
        for name in self._names:
            acc += self.weights[name]
            self._cum.append(acc)
        self.counts: Counter[str] = Counter()
        self._rng = random.Random(seed)

    def pick(self, seed: int) -> str:
        """The env name that `seed` draws."""
        u = random.Random(seed).random()
        return self._names[min(bisect.bisect_right(self._cum, u), len(self._names) - 1)]

    def task_at(self, seed: int) -> Task:
        name = self.pick(seed)
        self.counts[name] += 1
        return self.envs[name].task_at(derive_seed(seed, 0, name))

    def sample(self, n: int, seed: int | None = None) -> list[Task]:
        """`n` tasks; `seed` defaults to the mixture's own seed."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        seed = self.seed if seed is None else seed
        return [self.task_at(s) for s in derive_seeds(seed, n, "mix")]

    def score(self, task: Task, completion: str):  # type: ignore[no-untyped-def]
        env = self.envs.get(task.env)
        return env.score(task, completion) if env is not None else super().score(task, completion)

    def close(self) -> None:
        for env in self.envs.values():
            env.close()

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={w:.3g}" for k, w in self.weights.items())
        return f"<MixEnv {parts}>"


def make_mix(weights: Mapping[str, Any], seed: int = 0) -> MixEnv:
    """A mixture env. `weights` maps env name -> weight, or -> {"weight": w, "config": {...}}."""
    if not isinstance(weights, Mapping) or not weights:
        raise ConfigError("make_mix: weights must be a non-empty mapping of env name -> weight")
    envs: dict[str, Env] = {}
    norm: dict[str, float] = {}
    for name, value in weights.items():
        config: dict[str, Any] = {}
        if isinstance(value, Mapping):
            extra = set(value) - {"weight", "config"}
            if extra:
                raise ConfigError(
                    f"make_mix: entry {name!r} has unknown keys {sorted(extra)}; use 'weight' and 'config'"
                )
            config = dict(value.get("config") or {})
            value = value.get("weight", 1.0)
        try:
            weight = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"make_mix: weight of {name!r} must be a number, got {value!r}") from None
        if not weight >= 0 or weight == float("inf"):
            raise ConfigError(f"make_mix: weight of {name!r} must be a finite number >= 0, got {weight}")
        if weight == 0:
            continue
        envs[name] = make(name, **config)
        norm[name] = weight
    if not norm:
        raise ConfigError("make_mix: every weight is 0; give at least one env a positive weight")
    return MixEnv(envs, norm, seed)


def parse_mix(text: str) -> dict[str, Any]:
    """Read a mixture from `"math=0.5,sudoku=0.5"` or from a YAML file path holding the same mapping."""
    path = Path(text)
    if text.endswith((".yaml", ".yml", ".json")) or path.is_file():
        import yaml

        if not path.is_file():
            raise ConfigError(f"mixture file {text!r} does not exist")
        data = yaml.safe_load(path.read_text())
        if isinstance(data, Mapping) and "mix" in data:
            data = data["mix"]
        if not isinstance(data, Mapping):
            raise ConfigError(f"{text}: expected a mapping of env name -> weight (optionally under 'mix:')")
        return dict(data)
    out: dict[str, Any] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        name, sep, weight = part.partition("=")
        if not sep:
            raise ConfigError(f"mixture part {part!r} must look like name=weight (e.g. math=0.5,sudoku=0.5)")
        try:
            out[name.strip()] = float(weight)
        except ValueError:
            raise ConfigError(f"mixture part {part!r}: weight {weight!r} is not a number") from None
    if not out:
        raise ConfigError("empty mixture; write it like math=0.5,sudoku=0.5")
    return out
