"""The env registry: names -> EnvSpec, `make`, and listing.

Each family package registers its names on import with `"module:attr"` entry points and config models,
so importing a family costs only its registrations; the env's code loads when `make` first builds it.
The reasoning-gym family registers one env per dataset and so must import reasoning-gym: it is
imported only when a name is not found among the light families, or when listing every env.
"""

from __future__ import annotations

import difflib
import importlib
from typing import Any

from envs.core import Env, EnvSpec, Ref

LIGHT_FAMILIES = ("envs.math", "envs.code", "envs.ifeval", "envs.stem")
LOGIC_FAMILY = "envs.logic"

_SPECS: dict[str, EnvSpec] = {}
_imported: set[str] = set()


class UnknownEnvError(KeyError):
    """No env of that name; the message lists the closest registered names."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(
    name: str,
    entry_point: Ref,
    *,
    domain: str,
    verifier: str,
    description: str = "",
    config: Ref = None,
    data: tuple[Ref, Ref] | None = None,
    hidden: tuple[str, ...] = (),
    **kwargs: Any,
) -> EnvSpec:
    """Register an env (entry points and models may be `"module:attr"` strings, loaded on first use).

    `make(name, **config)` validates `config` with the `config` model and calls
    `entry_point(config=<validated>, **kwargs)`; without a pydantic model it calls
    `entry_point(**kwargs, **config)`. `data=(entry_point, config)` is the variant used when the
    config names `data_files` or `dataset` (envs that are procedural unless given data).
    """
    if name in _SPECS:
        raise ValueError(f"env {name!r} is already registered (by {_SPECS[name].entry_point!r})")
    spec = EnvSpec(name, domain, verifier, description, entry_point, dict(kwargs), config, data, hidden)
    _SPECS[name] = spec
    return spec


def _import_family(module: str) -> None:
    if module not in _imported:
        _imported.add(module)
        importlib.import_module(module)


def _load(name: str | None = None) -> None:
    """Import the light families, then reasoning-gym's unless `name` is already known."""
    for module in LIGHT_FAMILIES:
        _import_family(module)
    if name is None or name not in _SPECS:
        _import_family(LOGIC_FAMILY)


def spec(name: str) -> EnvSpec:
    _load(name)
    if name not in _SPECS:
        close = difflib.get_close_matches(name, list(_SPECS), n=5, cutoff=0.5)
        hint = f" Closest names: {', '.join(close)}." if close else ""
        raise UnknownEnvError(f"no env named {name!r}.{hint} `prorl-gym list` shows all {len(_SPECS)} envs.")
    return _SPECS[name]


def list_envs(domain: str | None = None) -> list[str]:
    """Registered env names, sorted; only those of `domain` when given."""
    _load()
    if domain is not None:
        domains = {s.domain for s in _SPECS.values()}
        if domain not in domains:
            raise ValueError(f"unknown domain {domain!r}; domains: {', '.join(sorted(domains))}")
    return sorted(n for n, s in _SPECS.items() if domain is None or s.domain == domain)


def make(name: str, **config: Any) -> Env:
    """Build the env registered as `name`; bad config raises ConfigError naming the field."""
    return spec(name).build(config)
