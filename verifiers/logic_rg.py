"""Glue to reasoning-gym: JSON forms of its configs and entries, and one cached scorer per config."""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import reasoning_gym
from reasoning_gym.factory import DATASETS

Scorer = Callable[[str | None, dict[str, Any]], float]


def to_json(value: Any) -> Any:
    """The JSON form of a config value or entry (tuples -> lists, dates -> ISO strings, dataclasses -> dicts)."""
    return json.loads(json.dumps(value, default=_json_default))


def _json_default(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    if hasattr(value, "__index__"):  # numpy integers
        return int(value)
    return str(value)  # Fraction, Decimal, ...: their text form, as a saved dataset would hold


def config_class(dataset: str) -> type:
    """reasoning-gym's config dataclass for `dataset` (KeyError when there is none)."""
    return DATASETS[dataset][1]


def from_json(dataset: str, config: Mapping[str, Any]) -> dict[str, Any]:
    """Config kwargs for the dataclass: nested dataclasses and dates rebuilt from their JSON form."""
    config_cls = config_class(dataset)
    hints = typing.get_type_hints(config_cls)
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
    return _scorer_for(dataset, json.dumps(dict(config or {}), sort_keys=True))
