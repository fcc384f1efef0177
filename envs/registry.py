"""The env registry: names -> EnvSpec, `make`, and listing. Families register themselves on import."""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable
from typing import Any

from envs.core import Env, EnvSpec

# Each family module calls `register` at import; they load on first registry access.
FAMILY_MODULES = ["envs.logic", "envs.math", "envs.code", "envs.ifeval", "envs.stem"]

_SPECS: dict[str, EnvSpec] = {}


class UnknownEnvError(KeyError):
    """No env of that name; the message lists the closest registered names."""

    def __str__(self) -> str:
        return str(self.args[0])


def register(
    name: str,
    entry_point: Callable[..., Env],
    *,
    domain: str,
    verifier: str,
    description: str = "",
    **kwargs: Any,
) -> EnvSpec:
    """Register an env: `make(name, **config)` will call `entry_point(**kwargs, **config)`."""
    if name in _SPECS:
        raise ValueError(f"env {name!r} is already registered (by {_SPECS[name].entry_point!r})")
    spec = EnvSpec(name, domain, verifier, description, entry_point, dict(kwargs))
    _SPECS[name] = spec
    return spec


_imported: set[str] = set()


def _import_family(module: str) -> None:
    if module in _imported:
        return
    _imported.add(module)
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:  # a family that exists but cannot import is a real error
            raise


def _load_families(name: str | None = None) -> None:
    """Import env families: all of them, or (for one `name`) the likeliest first until it is found.

    Families are heavy (sympy, reasoning-gym, the sandbox), so `make("ifeval")` should not pay for all.
    """
    if name is None:
        for module in FAMILY_MODULES:
            _import_family(module)
        return
    likely = [m for m in FAMILY_MODULES if name.startswith(m.rsplit(".", 1)[-1])]
    for module in [*likely, "envs.logic", *FAMILY_MODULES]:
        if name in _SPECS:
            return
        _import_family(module)


def spec(name: str) -> EnvSpec:
    _load_families(name)
    if name not in _SPECS:
        close = difflib.get_close_matches(name, list(_SPECS), n=5, cutoff=0.5)
        hint = f" Closest names: {', '.join(close)}." if close else ""
        raise UnknownEnvError(f"no env named {name!r}.{hint} `prorl-gym list` shows all {len(_SPECS)} envs.")
    return _SPECS[name]


def list_envs(domain: str | None = None) -> list[str]:
    """Registered env names, sorted; only those of `domain` when given."""
    _load_families()
    if domain is not None:
        domains = {s.domain for s in _SPECS.values()}
        if domain not in domains:
            raise ValueError(f"unknown domain {domain!r}; domains: {', '.join(sorted(domains))}")
    return sorted(n for n, s in _SPECS.items() if domain is None or s.domain == domain)


def make(name: str, **config: Any) -> Env:
    """Build the env registered as `name`; bad config raises ConfigError naming the field."""
    env_spec = spec(name)
    env = env_spec.entry_point(**env_spec.kwargs, **config)
    env.spec = env_spec
    return env
