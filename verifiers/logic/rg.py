"""Glue to reasoning-gym: its configs from their JSON form, and one cached scorer per config."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

import reasoning_gym
from reasoning_gym.factory import DATASETS

Scorer = Callable[[str | None, dict[str, Any]], float]


def config_class(dataset: str) -> type:
    """reasoning-gym's config dataclass for `dataset` (KeyError when there is none)."""
    return DATASETS[dataset][1]


@cache
def _hints(dataset: str) -> dict[str, Any]:
    return typing.get_type_hints(config_class(dataset))


def from_json(dataset: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """Config kwargs for the dataclass: nested dataclasses and dates rebuilt from their JSON form."""
    if not config:
        return {}
    hints = _hints(dataset)
    out: dict[str, Any] = {}
    for key, value in config.items():
        kind = hints.get(key)
        if isinstance(kind, type) and dataclasses.is_dataclass(kind) and isinstance(value, Mapping):
            value = kind(**value)
        elif kind is datetime and isinstance(value, str):
            value = datetime.fromisoformat(value)
        elif kind is date and isinstance(value, str):
            value = date.fromisoformat(value)
        out[key] = value
    return out


@lru_cache(maxsize=512)
def _scorer_for(dataset: str, config_json: str) -> Scorer:
    config = from_json(dataset, json.loads(config_json))
    return reasoning_gym.create_dataset(dataset, size=1, seed=0, **config).score_answer  # type: ignore[no-any-return]


def scorer(dataset: str, config: Mapping[str, Any] | None = None) -> Scorer:
    """The dataset's `score_answer` for `config`, built once per (dataset, config) in this process."""
    # An empty config (the common case) is keyed without encoding it.
    return _scorer_for(dataset, json.dumps(dict(config), sort_keys=True) if config else "{}")
