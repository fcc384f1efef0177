"""`prorl-gym verl-plan` (the staged ProRL run script) and `prorl-gym verl-export` (verl parquet)."""

from __future__ import annotations

import argparse
import json
import os
import stat
from pathlib import Path

from prorl_gym.errors import UsageError


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add `verl-plan` and `verl-export` to the main CLI."""
    plan = subparsers.add_parser(
        "verl-plan",
        help="write ProRL's staged verl runs as a script (each stage resets reference and optimizer)",
    )
    plan.add_argument(
        "--model", default="deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", help="base model (path or id)"
    )
    plan.add_argument("-o", "--out", default="prorl_plan.sh", help="script to write (default prorl_plan.sh)")
    plan.add_argument("--workdir", default="runs/prorl", help="where stages keep data and checkpoints")
    plan.add_argument(
        "--steps-per-stage", type=int, default=300, help="training steps per stage (run 8: 200)"
    )
    plan.add_argument("--save-freq", type=int, default=50, help="checkpoint (and validate) every N steps")
    plan.add_argument("--train-n", type=int, default=136_000, help="tasks exported per stage")
    plan.add_argument("--nodes", type=int, default=4)
    plan.add_argument("--gpus-per-node", type=int, default=8)
    plan.add_argument("--mix", default=None, help="stages 1-2 mixture (name=weight,... or a YAML file)")
    plan.add_argument("--mix-with-if", default=None, help="stages 3-8 mixture (adds instruction following)")
    plan.add_argument("--multi-turn-code", action="store_true", help="code rows use the feedback agent loop")
    plan.add_argument("--json", action="store_true", help="print the stages and their overrides as JSON too")
    plan.set_defaults(func=_plan)

    export = subparsers.add_parser("verl-export", help="write Tasks of an env or mixture as verl RL parquet")
    export.add_argument("env", help="env name, mixture (math=0.5,sudoku=0.5) or a YAML mixture file")
    export.add_argument("-n", type=int, required=True, help="number of tasks")
    export.add_argument("-o", "--out", required=True, help="output .parquet path")
    export.add_argument("--seed", type=int, default=0)
    export.add_argument("--split", default="train")
    export.add_argument(
        "--agents", default=None, help="env=agent_loop pairs, e.g. code=prorl_code_feedback (adds agent_name)"
    )
    export.set_defaults(func=_export)


def _positive(value: int, flag: str) -> None:
    if value < 1:
        raise UsageError(f"{flag} must be >= 1, got {value}")


def _plan(args: argparse.Namespace) -> int:
    from trainer_adapter.verl.plan import plan_script
    from trainer_adapter.verl.recipe import BASE_MIX, MIX_WITH_IF, prorl_stages

    for flag in ("steps_per_stage", "save_freq", "train_n", "nodes", "gpus_per_node"):
        _positive(getattr(args, flag), "--" + flag.replace("_", "-"))
    stages = prorl_stages(args.mix or BASE_MIX, args.mix_with_if or args.mix or MIX_WITH_IF)
    out = Path(args.out)
    text = plan_script(
        args.model,
        args.workdir,
        stages=stages,
        steps_per_stage=args.steps_per_stage,
        save_freq=args.save_freq,
        train_n=args.train_n,
        nodes=args.nodes,
        gpus_per_node=args.gpus_per_node,
        multi_turn_code=args.multi_turn_code,
        name=out.name,
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    os.chmod(out, os.stat(out).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    if args.json:
        print(
            json.dumps([{"name": s.name, "mix": s.mix, "overrides": s.overrides()} for s in stages], indent=2)
        )
    print(f"wrote {out}: {len(stages)} stages; run it on the GPU machine with `bash {out}`")
    return 0


def _export(args: argparse.Namespace) -> int:
    from trainer_adapter.verl.export import export_parquet

    _positive(args.n, "-n")
    if not args.out.endswith(".parquet"):
        raise UsageError(f"-o {args.out}: verl reads parquet; give the file a .parquet name")
    agents = None
    if args.agents:
        agents = {}
        for part in args.agents.split(","):
            env, sep, agent = part.partition("=")
            if not sep or not env.strip() or not agent.strip():
                raise UsageError(f"--agents part {part!r} must look like env=agent_loop")
            agents[env.strip()] = agent.strip()
    path = export_parquet(args.env, args.n, args.out, seed=args.seed, split=args.split, agents=agents)
    print(f"wrote {args.n} tasks to {path}")
    return 0
