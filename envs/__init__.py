"""Environments: `envs.make(name)` yields tasks as chat prompts and scores completions."""

from envs.core import ConfigError, Env, EnvSpec, derive_seed, derive_seeds, validate_config
from envs.mix import MixEnv, make_mix, parse_mix
from envs.registry import UnknownEnvError, list_envs, make, register, spec
from verifiers import Status, Task, Verdict

__all__ = [
    "ConfigError",
    "Env",
    "EnvSpec",
    "MixEnv",
    "Status",
    "Task",
    "UnknownEnvError",
    "Verdict",
    "derive_seed",
    "derive_seeds",
    "list_envs",
    "make",
    "make_mix",
    "parse_mix",
    "register",
    "spec",
    "validate_config",
]
