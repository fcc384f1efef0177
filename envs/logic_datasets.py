"""Building reasoning-gym datasets from a user's config: validation with errors naming the field, the
fields and defaults a user may set, and the virtual size each dataset is built with.

Both `envs.logic` and the generator helper process (`envs.logic_generator_process`) build datasets
through this module, so neither imports the other.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import reasoning_gym
from reasoning_gym.factory import DATASETS

from envs.core import ConfigError
from verifiers.canonical import plain_json
from verifiers.logic.rg import config_class, from_json

# Keys reasoning-gym's configs share that our seeding owns: `sample(n, seed)` picks the entries.
RESERVED = ("seed", "size")
VIRTUAL_SIZE = 2**32  # entries are generated on demand, never enumerated
# Datasets that precompute a per-item table of `size` rows, or cap `size`: a finite pool of entries.
# acre's pool costs superlinear time to build (1,000 rows: 0.6 s; 10,000: 11 s).
FINITE_SIZE = {"acre": 1000, "gsm_symbolic": 1_000_000, "list_functions": 1_000_000, "word_ladder": 20_000}


def dataset_config_class(dataset: str) -> type:
    """The config dataclass of `dataset`; ConfigError when it is not a reasoning-gym dataset."""
    if dataset not in DATASETS:
        raise ConfigError(f"{dataset!r} is not a reasoning-gym dataset")
    return config_class(dataset)


def build_dataset(
    dataset: str, config: Mapping[str, Any], *, env: str | None = None, size: int | None = None
) -> Any:
    """reasoning-gym's dataset for `config` (JSON form allowed); bad config -> ConfigError naming the field."""
    env = env or dataset
    config_cls = dataset_config_class(dataset)
    valid = [f.name for f in dataclasses.fields(config_cls) if f.name not in RESERVED]
    reserved = sorted(set(config) & set(RESERVED))
    if reserved:
        raise ConfigError(
            f"envs.make({env!r}): {', '.join(map(repr, reserved))} cannot be configured; "
            "choose tasks with sample(n, seed=...) or reset(seed=...)"
        )
    unknown = sorted(set(config) - set(valid))
    if unknown:
        raise ConfigError(
            f"envs.make({env!r}): unknown config key(s) {', '.join(map(repr, unknown))}; "
            f"valid keys: {', '.join(valid) or '(none)'}"
        )
    kwargs = from_json(dataset, config)
    try:
        size = size or FINITE_SIZE.get(dataset, VIRTUAL_SIZE)
        return reasoning_gym.create_dataset(dataset, size=size, seed=0, **kwargs)
    except Exception as exc:  # reasoning-gym validates with bare asserts and TypeErrors
        message = str(exc) or type(exc).__name__
        named = [key for key in valid if key in message] or sorted(config)
        fields = ", ".join(named) if named else "(defaults)"
        raise ConfigError(f"envs.make({env!r}): invalid value for {fields}: {message}") from None


def config_defaults(dataset: str) -> dict[str, Any]:
    """The dataclass fields a user may set, with their defaults (JSON form)."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(dataset_config_class(dataset)):
        if f.name in RESERVED:
            continue
        if f.default is not dataclasses.MISSING:
            default: Any = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        else:
            default = None
        out[f.name] = plain_json(default)
    return out
