"""The Env base class and EnvSpec: what every environment family builds on."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import random
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ValidationError

from verifiers import Task, Verdict, verify_task
from verifiers.canonical import plain_json

Messages = list[dict[str, str]]
_E = TypeVar("_E", bound="Env")
M = TypeVar("M", bound=BaseModel)


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


def validate_config(model: type[M], config: Mapping[str, Any], env: str) -> M:
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


def configure(model: type[M], config: M | None, overrides: Mapping[str, Any], env: str) -> M:
    """An env's config: the one `make` validated, or (direct construction) `overrides` validated here."""
    if config is None:
        return validate_config(model, overrides, env)
    if overrides:
        raise TypeError(f"{env}: pass either config= or keyword options, not both")
    return config


def load_attr(ref: str) -> Any:
    """The object a `"module:attr"` reference names, imported on first use (Gymnasium's entry points)."""
    module, sep, attr = ref.partition(":")
    if not sep or not module or not attr:
        raise ValueError(f"entry point {ref!r} must look like 'package.module:attr'")
    value: Any = importlib.import_module(module)
    for part in attr.split("."):
        value = getattr(value, part)
    return value


def wants_data(config: Mapping[str, Any]) -> bool:
    """Procedural unless `data_files` (local files or hub ids) or `dataset` (a hub id) is given."""
    return config.get("data_files") is not None or config.get("dataset") is not None


Ref = Any  # a callable / model class, or a "module:attr" string naming one


def _resolve(ref: Ref) -> Any:
    return load_attr(ref) if isinstance(ref, str) else ref


def model_defaults(model: Any) -> dict[str, Any]:
    """Field -> default of a pydantic model, or of a dataclass in JSON form (None where there is none)."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        return {n: f.get_default(call_default_factory=True) for n, f in model.model_fields.items()}
    out: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        if f.default is not dataclasses.MISSING:
            out[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            out[f.name] = f.default_factory()
        else:
            out[f.name] = None
    return plain_json(out)


@dataclass(frozen=True)
class EnvSpec:
    """What `make` needs to build an env, and what `list` / `show` print about it.

    `config` is the env's config model (pydantic, validated by `make`; a dataclass is listed but left to
    the env to validate). `data` is the `(entry_point, config)` of the data-files variant of an env that
    is procedural unless `data_files` is given. `kwargs` go to the entry point; those naming a config
    field are fixed by this registration (e.g. `math_geometry` fixes `families`) and hidden from users.
    """

    name: str
    domain: str
    verifier: str
    description: str
    entry_point: Ref
    kwargs: dict[str, Any] = field(default_factory=dict)
    config: Ref = None
    data: tuple[Ref, Ref] | None = None
    hidden: tuple[str, ...] = ()  # config fields the registration owns (never user-set)

    def variant(self, config: Mapping[str, Any]) -> tuple[Callable[..., Env], type | None]:
        """(entry point, config model) that `config` selects: the data variant when it names data."""
        if self.data is not None and wants_data(config):
            return _resolve(self.data[0]), _resolve(self.data[1])
        return _resolve(self.entry_point), _resolve(self.config)

    def _models(self) -> list[type]:
        refs = [self.config, *(self.data[1:] if self.data else [])]
        return [_resolve(r) for r in refs if r is not None]

    def config_fields(self) -> dict[str, Any]:
        """Config keys this env accepts, with their defaults (procedural ones first)."""
        fields: dict[str, Any] = {}
        for model in self._models():
            for key, default in model_defaults(model).items():
                fields.setdefault(key, default)
        return {k: v for k, v in fields.items() if k not in self.kwargs and k not in self.hidden}

    def build(self, config: Mapping[str, Any]) -> Env:
        """The env for `config`, validated once here against the registered model."""
        entry, model = self.variant(config)
        if model is None or not issubclass(model, BaseModel):
            env = entry(**self.kwargs, **config)
        else:
            fixed = {k: v for k, v in self.kwargs.items() if k in model.model_fields}
            config = {k: v for k, v in config.items() if v is not None or k in model.model_fields}
            self._check_keys(config, model, fixed)
            validated = validate_config(model, {**config, **fixed}, self.name)
            rest = {k: v for k, v in self.kwargs.items() if k not in fixed}
            env = entry(config=validated, **rest)
        env.spec = self
        return env

    def _check_keys(
        self, config: Mapping[str, Any], model: type[BaseModel], fixed: Mapping[str, Any]
    ) -> None:
        taken = sorted(set(config) & set(fixed))
        if taken:
            raise ConfigError(
                f"envs.make({self.name!r}): {', '.join(taken)} is fixed by this env "
                f"({', '.join(f'{k}={fixed[k]!r}' for k in taken)}): it serves that family only; leave it "
                "out, or use the family's general env to choose it"
            )
        other = {k for m in self._models() if issubclass(m, BaseModel) for k in m.model_fields}
        misplaced = sorted((set(config) & other) - set(model.model_fields))
        if misplaced and self.data is not None:
            need = "do not apply with data_files" if wants_data(config) else "need data_files (or dataset)"
            raise ConfigError(f"envs.make({self.name!r}): {', '.join(misplaced)} {need}")


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

    def reset(
        self, *, seed: int | None = None, options: Mapping[str, Any] | None = None
    ) -> tuple[Messages, dict[str, Any]]:
        """Start an episode on the task `seed` picks (a random one without a seed), or on
        `options={"task": task}` to replay a given Task (Gymnasium's keyword-only signature)."""
        options = dict(options or {})
        unknown = sorted(set(options) - {"task"})
        if unknown:
            raise ValueError(f"{self.name}: unknown reset option(s) {unknown}; the only option is 'task'")
        if seed is None:
            if self._rng is None:
                self._rng = random.Random()
            seed = self._rng.getrandbits(62)
        task = options.get("task")
        if task is not None and not isinstance(task, Task):
            task = Task.model_validate(task)
        self._current = task if task is not None else self.task_at(derive_seed(seed, 0, self.name))
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

    def __enter__(self: _E) -> _E:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # --- helpers -----------------------------------------------------------------------------
    def _pool(self) -> list[Task]:
        if self._cache is None:
            self._cache = list(self.tasks())
            if not self._cache:
                raise ConfigError(f"env {self.name!r} has no tasks (empty data file?)")
        return self._cache

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} domain={self.domain!r} verifier={self.verifier!r}>"
