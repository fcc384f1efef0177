"""Weighted, seeded mixtures of envs; a mixture is an Env too, so trainers need not know."""

from __future__ import annotations

import bisect
import itertools
import random
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from envs.core import ConfigError, Env, derive_seed, derive_seeds
from envs.registry import make
from verifiers import Task


class WeightedPicker:
    """Picks a name by weight from one seed: the same seed, the same pick, in any process."""

    def __init__(self, weights: Mapping[str, float]) -> None:
        total = float(sum(weights.values()))
        self.names = list(weights)
        self.weights = {k: float(w) / total for k, w in weights.items()}
        self._cum = list(itertools.accumulate(self.weights[k] for k in self.names))

    def pick(self, seed: int) -> str:
        u = random.Random(seed).random()
        return self.names[min(bisect.bisect_right(self._cum, u), len(self.names) - 1)]


class MixEnv(Env):
    """Draws each task's env by weight, then the task from that env, both from one seed.

    `counts` holds how many tasks of each env the last `sample` call returned.
    """

    name = "mix"
    domain = "mix"
    verifier = "mixed"

    def __init__(self, envs: Mapping[str, Env], weights: Mapping[str, float], seed: int = 0) -> None:
        super().__init__()
        self.envs = dict(envs)
        self._by_env = {env.name: env for env in self.envs.values()}
        self.picker = WeightedPicker(weights)
        self.weights = self.picker.weights
        self.seed = seed
        self.counts: Counter[str] = Counter()
        self._rng = random.Random(seed)

    def pick(self, seed: int) -> str:
        """The env name that `seed` draws."""
        return self.picker.pick(seed)

    def task_at(self, seed: int) -> Task:
        name = self.pick(seed)
        return self.envs[name].task_at(derive_seed(seed, 0, name))

    def tasks_at(self, seeds: list[int]) -> list[Task]:
        """`[task_at(s) for s in seeds]`, asking each member env for its tasks in one batch."""
        return self._draw(seeds)[1]

    def _draw(self, seeds: list[int]) -> tuple[list[str], list[Task]]:
        picks = [self.pick(s) for s in seeds]
        wanted: dict[str, list[int]] = {}
        for s, name in zip(seeds, picks, strict=True):
            wanted.setdefault(name, []).append(derive_seed(s, 0, name))
        made = {name: iter(self.envs[name].tasks_at(sub)) for name, sub in wanted.items()}
        return picks, [next(made[name]) for name in picks]

    def sample(self, n: int, seed: int | None = None) -> list[Task]:
        """`n` tasks; `seed` defaults to the mixture's own seed. Sets `counts` for this call."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        seed = self.seed if seed is None else seed
        picks, tasks = self._draw(derive_seeds(seed, n, "mix"))
        self.counts = Counter(picks)
        return tasks

    def score(self, task: Task, completion: str):  # type: ignore[no-untyped-def]
        env = self._by_env.get(task.env)
        return env.score(task, completion) if env is not None else super().score(task, completion)

    def close(self) -> None:
        for env in self.envs.values():
            env.close()

    def __repr__(self) -> str:
        parts = ", ".join(f"{k}={w:.3g}" for k, w in self.weights.items())
        return f"<MixEnv {parts}>"


def make_mix(weights: Mapping[str, Any], seed: int = 0) -> MixEnv:
    """A mixture env. `weights` maps env name -> weight, or -> {"weight": w, "config": {...}}; an entry
    with `"env": name` is keyed by its own label (e.g. a domain: `{"logic": {"env": "composite", ...}}`)."""
    if not isinstance(weights, Mapping) or not weights:
        raise ConfigError("make_mix: weights must be a non-empty mapping of env name -> weight")
    envs: dict[str, Env] = {}
    norm: dict[str, float] = {}
    for name, value in weights.items():
        config: dict[str, Any] = {}
        env_name = name
        if isinstance(value, Mapping):
            extra = set(value) - {"weight", "config", "env"}
            if extra:
                raise ConfigError(
                    f"make_mix: entry {name!r} has unknown keys {sorted(extra)}; use 'weight', 'config' "
                    "and optionally 'env'"
                )
            config = dict(value.get("config") or {})
            env_name = str(value.get("env") or name)
            value = value.get("weight", 1.0)
        try:
            weight = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"make_mix: weight of {name!r} must be a number, got {value!r}") from None
        if not weight >= 0 or weight == float("inf"):
            raise ConfigError(f"make_mix: weight of {name!r} must be a finite number >= 0, got {weight}")
        if weight == 0:
            continue
        envs[name] = make(env_name, **config)
        norm[name] = weight
    if not norm:
        raise ConfigError("make_mix: every weight is 0; give at least one env a positive weight")
    return MixEnv(envs, norm, seed)


MIX_FILE_SUFFIXES = (".yaml", ".yml", ".json")


def _is_mixture_file(text: str) -> bool:
    return text.endswith(MIX_FILE_SUFFIXES) or Path(text).is_file()


def is_mixture_spec(text: str) -> bool:
    """True when `text` names a mixture (`math=0.5,sudoku=0.5` or a YAML/JSON file), not one env."""
    return "=" in text or "," in text or _is_mixture_file(text)


def parse_mix(text: str) -> dict[str, Any]:
    """Read a mixture from `"math=0.5,sudoku=0.5"` or from a YAML/JSON file path holding the same mapping."""
    path = Path(text)
    if _is_mixture_file(text):
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
