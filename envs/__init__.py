"""Environments: `envs.make(name)` yields tasks as chat prompts and scores completions."""

from envs.core import ConfigError, Env, EnvSpec, derive_seed, derive_seeds, validate_config
from envs.gold import gold_completion as gold_completion  # a correct reply per Task (demo, warm-start)
from envs.mix import MixEnv, is_mixture_spec, make_mix, parse_mix
from envs.recipes import prorl_mix
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
    "is_mixture_spec",
    "list_envs",
    "make",
    "make_mix",
    "parse_mix",
    "prorl_mix",
    "register",
    "spec",
    "validate_config",
]
