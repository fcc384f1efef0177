"""Recipes: ready-made mixtures. `prorl_mix()` is ProRL's five-domain training data (arXiv 2505.24864,
Table 4) by the public dataset ids, with the paper's sizes as both row limits and mixture weights.

Where the paper's data is not public, our generators stand in: logic is reasoning-gym itself (the
paper's 96-task list is not published, so every reasoning-gym task except the three the paper holds out
for out-of-distribution evaluation), and the synthetic IFEval-style prompts of the Llama-Nemotron
post-training data are replaced by env `ifeval`'s generator. configs/prorl-data.yaml holds the same
mixture for `prorl-gym sample` and trainer configs (a test keeps the two equal).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from envs.core import ConfigError
from envs.mix import MixEnv, make_mix

# reasoning-gym tasks the paper evaluates out of distribution (never trained on).
LOGIC_HELD_OUT = ("acre", "boxnet", "game_of_life_halting")


@dataclass(frozen=True)
class Domain:
    """One domain of a recipe: which env, which public data, how many problems (also its weight)."""

    name: str
    env: str
    size: int
    dataset: str | None = None  # a public hub id; None = the env generates its tasks
    split: str | None = None
    config: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""  # what the paper used, for the docs


PRORL_DATA: tuple[Domain, ...] = (
    Domain(
        "math",
        "math",
        40_000,
        "agentica-org/DeepScaleR-Preview-Dataset",
        "train",
        {"format": "deepscaler"},
        "DeepScaleR-Preview-Dataset",
    ),
    Domain(
        "code",
        "code",
        24_000,
        "PRIME-RL/Eurus-2-RL-Data",
        "train",
        {"format": "eurus", "total_time_limit_s": 5.0},  # the paper: over 5 s in total scores 0
        "Eurus-2-RL-Data (code rows: APPS, CodeContests, TACO, Codeforces)",
    ),
    Domain("stem", "stem", 25_000, "EricLu/SCP-116K", "train", {"format": "scp"}, "SCP-116K"),
    Domain("logic", "composite", 37_000, source="reasoning-gym"),
    Domain("ifeval", "ifeval", 10_000, source="env ifeval's generator (stands in for Llama-Nemotron's)"),
)


def logic_tasks() -> list[str]:
    """The reasoning-gym tasks of the logic domain: all of them but the held-out ones."""
    from reasoning_gym.factory import DATASETS

    return sorted(n for n in DATASETS if n != "composite" and n not in LOGIC_HELD_OUT)


def prorl_mix_spec(
    *,
    data: Mapping[str, str | list[str]] | None = None,
    sizes: Mapping[str, int] | None = None,
    streaming: bool = False,
) -> dict[str, Any]:
    """The `make_mix` mapping of ProRL's data (what configs/prorl-data.yaml holds, under `mix:`).

    `data` replaces a domain's public id by another source (a mirror's id, a local dataset directory
    or files); `sizes` replaces the paper's counts (row limits and weights alike).
    """
    data, sizes = dict(data or {}), dict(sizes or {})
    names = {d.name for d in PRORL_DATA}
    unknown = sorted((set(data) | set(sizes)) - names)
    if unknown:
        raise ConfigError(f"prorl_mix: unknown domain(s) {unknown}; domains: {', '.join(sorted(names))}")
    spec: dict[str, Any] = {}
    for domain in PRORL_DATA:
        size = int(sizes.get(domain.name, domain.size))
        if size < 0:
            raise ConfigError(f"prorl_mix: size of {domain.name!r} must be >= 0, got {size}")
        config = dict(domain.config)
        if domain.dataset is not None:
            if domain.name in data:  # files, a dataset directory, or another hub id
                config["data_files"] = data[domain.name]
            else:
                config.update({"dataset": domain.dataset, "split": domain.split})
            config["limit"] = size
            if streaming:
                config["streaming"] = True
        elif domain.name in data:
            raise ConfigError(f"prorl_mix: domain {domain.name!r} is generated and takes no data")
        if domain.env == "composite":
            config["datasets"] = logic_tasks()
        spec[domain.name] = {"env": domain.env, "weight": size, "config": config}
    return spec


def prorl_mix(
    *,
    data: Mapping[str, str | list[str]] | None = None,
    sizes: Mapping[str, int] | None = None,
    streaming: bool = False,
    seed: int = 0,
) -> MixEnv:
    """ProRL's five-domain mixture as one Env (math 40K, code 24K, STEM 25K, logic 37K, IF 10K).

    Hub sets load through `datasets` on first use (and from its cache afterwards); see `prorl_mix_spec`
    for `data` and `sizes`. A domain of size 0 is left out.
    """
    return make_mix(prorl_mix_spec(data=data, sizes=sizes, streaming=streaming), seed=seed)
