"""The Env base class and EnvSpec: what every environment family builds on."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError

from verifiers import Task, Verdict, verify_task

Messages = list[dict[str, str]]


class ConfigError(ValueError):
    """Bad environment configuration; the message names the field and what to do."""


def derive_seed(seed: int, index: int, salt: str = "") -> int:
    """A 63-bit seed for item `index` of a run seeded `seed`, the same in every process and machine.

    Hashing (rather than `seed + index`) keeps `sample(n, seed=0)` and `sample(n, seed=1)` disjoint.
    """
    digest = hashlib.sha256(f"{salt}:{int(seed)}:{int(index)}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def derive_seeds(seed: int, n: int, salt: str = "") -> list[int]:
    """`[derive_seed(seed, i, salt) for i in range(n)]`, hashing the shared prefix once."""
    base = hashlib.sha256(f"{salt}:{int(seed)}:".encode())
    out = []
    for i in range(n):
        h = base.copy()
        h.update(str(i).encode())
        out.append(int.from_bytes(h.digest()[:8], "big") >> 1)
    return out


def validate_config(model: type[BaseModel], config: dict[str, Any], env: str) -> BaseModel:
    """Validate `config` with a pydantic model, turning its errors into one ConfigError per cause."""
    allowed = sorted(model.model_fields)
    unknown = sorted(set(config) - set(allowed))
    if unknown:
        raise ConfigError(
            f"envs.make({env!r}): unknown config key(s) {', '.join(map(repr, unknown))}; "
            f"valid keys: {', '.join(allowed) or '(none)'}"
        )
    try:
        return model.model_validate(config)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(config)'}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"envs.make({env!r}): invalid config: {problems}") from None


@dataclass(frozen=True)
class EnvSpec:
    """What `make` needs to build an env, and what `list` / `show` print about it."""

    name: str
    domain: str
    verifier: str
    description: str
    entry_point: Callable[..., Env]
    kwargs: dict[str, Any] = field(default_factory=dict)

    def config_fields(self) -> dict[str, Any]:
        """Config keys this env accepts, with their defaults."""
        fields = getattr(self.entry_point, "config_fields", None)
        return dict(fields(**self.kwargs)) if callable(fields) else {}


class Env:
    """A single-turn (by default) text environment with the gym step tuple.

    Subclasses implement `task_at(seed)` (one task per seed, procedural envs) or `tasks()`
    (dataset-backed envs: every task, in file order); everything else comes from here.
    """

    name: str = "env"
    domain: str = "misc"
    verifier: str = ""
    dataset_backed: ClassVar[bool] = False

    def __init__(self) -> None:
        self.spec: EnvSpec | None = None
        self._current: Task | None = None
        self._rng: random.Random | None = None  # made on the first reset() without a seed
        self._cache: list[Task] | None = None

    # --- what subclasses provide -------------------------------------------------------------
    @classmethod
    def config_fields(cls, **kwargs: Any) -> dict[str, Any]:
        return {}

    def task_at(self, seed: int) -> Task:
        """The task for `seed`: procedural envs generate it; dataset envs pick one of `tasks()`."""
        pool = self._pool()
        return pool[random.Random(seed).randrange(len(pool))]

    def tasks_at(self, seeds: list[int]) -> list[Task]:
        """`[task_at(s) for s in seeds]`; families override it where a batch is cheaper than its items."""
        return [self.task_at(s) for s in seeds]

    def tasks(self) -> Iterator[Task]:
        """Every task, in file order (dataset-backed envs only)."""
        raise TypeError(f"env {self.name!r} is procedural and has no fixed task list; use sample(n, seed)")

    # --- the contract ------------------------------------------------------------------------
    def sample(self, n: int, seed: int = 0) -> list[Task]:
        """`n` tasks, reproducible from `seed` in any process. Dataset envs draw without replacement
        (a fresh permutation per pass when n exceeds the dataset)."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        if not self.dataset_backed:
            return self.tasks_at(derive_seeds(seed, n, self.name))
        pool = self._pool()
        out: list[Task] = []
        epoch = 0
        while len(out) < n:
            order = list(range(len(pool)))
            random.Random(derive_seed(seed, epoch, self.name)).shuffle(order)
            out.extend(pool[j] for j in order[: n - len(out)])
            epoch += 1
        return out

    def reset(self, seed: int | None = None) -> tuple[Messages, dict[str, Any]]:
        if seed is None:
            if self._rng is None:
                self._rng = random.Random()
            seed = self._rng.getrandbits(62)
        self._current = self.task_at(derive_seed(seed, 0, self.name))
        return list(self._current.prompt), {"task": self._current, "env": self.name, "seed": seed}

    def step(self, completion: str) -> tuple[Messages, float, bool, bool, dict[str, Any]]:
        if self._current is None:
            raise RuntimeError(
                f"{self.name}: call reset() before step() (single-turn envs end after one step)"
            )
        task, self._current = self._current, None
        verdict = self.score(task, completion)
        transcript = [
            *task.prompt,
            {"role": "assistant", "content": completion if isinstance(completion, str) else ""},
        ]
        return transcript, verdict.reward, True, False, {"verdict": verdict, "task": task}

    def score(self, task: Task, completion: str) -> Verdict:
        return verify_task(task, completion)

    def close(self) -> None:
        """Release what the env holds (sandbox containers, files); safe to call twice."""

    # --- helpers -----------------------------------------------------------------------------
    def _pool(self) -> list[Task]:
        if self._cache is None:
            self._cache = list(self.tasks())
            if not self._cache:
                raise ConfigError(f"env {self.name!r} has no tasks (empty data file?)")
        return self._cache

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} domain={self.domain!r} verifier={self.verifier!r}>"
