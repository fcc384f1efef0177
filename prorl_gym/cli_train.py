"""`prorl-gym train --config FILE [--set key=value ...]`: the thin ProRL loop on any env mix."""

from __future__ import annotations

import argparse
import sys


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add the `train` command to the main CLI's subparsers."""
    parser = subparsers.add_parser(
        "train",
        help="ProRL training (GRPO + clip-higher + dynamic sampling + KL + reference resets)",
        description="Train a policy with the ProRL loop. With no --config, the built-in "
        "configs/cpu-tiny.yaml runs a tiny model end to end on CPU in about 5 minutes.",
    )
    parser.add_argument("--config", default=None, help="training YAML (default: configs/cpu-tiny.yaml)")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one config value, e.g. --set algo.beta=0.001 --set optim.steps=10 (repeatable)",
    )
    parser.add_argument("--resume", default=None, help="continue from a checkpoint directory")
    parser.add_argument("--no-console", action="store_true", help="no live table (metrics still go to JSONL)")
    parser.add_argument("--print-config", action="store_true", help="print the resolved config and exit")
    parser.set_defaults(func=_train)


def _train(args: argparse.Namespace) -> int:
    from trainer_adapter.prorl.config import ConfigError, load_config

    overrides = list(args.overrides) + ([f"resume={args.resume}"] if args.resume else [])
    try:
        cfg = load_config(args.config, overrides)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.print_config:
        import yaml

        print(yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False), end="")
        return 0
    from trainer_adapter.prorl.train import train

    summary = train(cfg, console=False if args.no_console else None)
    return 0 if summary.get("learned") or not any(e["learnable"] for e in summary["envs"]) else 1
