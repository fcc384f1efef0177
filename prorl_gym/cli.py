"""The `prorl-gym` command: list, show, sample and verify from the shell."""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import yaml

from prorl_gym import __version__
from prorl_gym.errors import UsageError, user_errors


def _parse_config(pairs: Sequence[str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(
                f"--config {pair!r} must look like key=value (value parsed as YAML, e.g. size=3)"
            )
        config[key.strip()] = yaml.safe_load(value)
    return config


def _make(target: str, config: dict[str, Any], seed: int):  # type: ignore[no-untyped-def]
    import envs

    if envs.is_mixture_spec(target):
        if config:
            raise UsageError("--config applies to a single env; give per-env config in a mixture YAML file")
        return envs.make_mix(envs.parse_mix(target), seed=seed)
    return envs.make(target, **config)


def cmd_list(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    import envs

    names = envs.list_envs(domain=args.domain)
    table = Table(title=f"{len(names)} environments")
    for column in ("name", "domain", "verifier", "description"):
        table.add_column(column, overflow="fold")
    for name in names:
        s = envs.spec(name)
        table.add_row(name, s.domain, s.verifier, s.description)
    Console().print(table)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    import envs

    console = Console()
    s = envs.spec(args.name)
    console.print(f"[bold]{s.name}[/bold]  domain={s.domain}  verifier={s.verifier}")
    console.print(s.description)
    fields = s.config_fields()
    console.print("\n[bold]config[/bold] (envs.make(name, **config)):" if fields else "\nno config fields")
    for key, default in fields.items():
        console.print(f"  {key} = {default!r}")
    env = envs.make(args.name, **_parse_config(args.config))
    task = env.sample(1, seed=args.seed)[0]
    console.print(f"\n[bold]example task[/bold] id={task.id}")
    for message in task.prompt:
        console.print(f"[{message['role']}]", style="bold cyan", markup=False)
        console.print(message["content"], markup=False, highlight=False)
    env.close()
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    env = _make(args.target, _parse_config(args.config), args.seed)
    tasks = env.sample(args.n, seed=args.seed)
    try:
        out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot write --output {args.output}: {exc.strerror}") from None
    try:
        for task in tasks:
            out.write(task.model_dump_json() + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    if args.output != "-":
        counts: dict[str, int] = {}
        for task in tasks:
            counts[task.env] = counts.get(task.env, 0) + 1
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
        print(f"wrote {len(tasks)} tasks to {args.output} ({summary})", file=sys.stderr)
    env.close()
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from prorl_gym.demo import run_demo

    return run_demo(n=args.n, seed=args.seed, workers=args.workers)


# Each command group lives in its own module with `add_subcommands(subparsers)`; heavy imports
# (torch, fastapi, ray) happen inside the command functions, so `prorl-gym list` stays fast.
SUBCOMMAND_MODULES: tuple[str, ...] = (
    "prorl_gym.cli_verify",
    "prorl_gym.cli_serve",
    "prorl_gym.doctor",
    "prorl_gym.cli_sandbox",
    "prorl_gym.cli_eval",
    "prorl_gym.cli_train",
    "prorl_gym.cli_verl",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prorl-gym", description=__doc__)
    parser.add_argument("--version", action="version", version=f"prorl-gym {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list registered environments")
    p.add_argument("--domain", help="only this domain (logic, math, code, stem, instruction_following)")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="an env's spec, config fields and one example prompt")
    p.add_argument("name")
    p.add_argument("-c", "--config", action="append", default=[], metavar="KEY=VALUE")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("sample", help="write tasks as JSONL from an env or a mixture")
    p.add_argument("target", help="env name, a mixture like math=0.5,sudoku=0.5, or a mixture YAML/JSON file")
    p.add_argument("-n", type=int, default=10, help="number of tasks (default 10)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "-c",
        "--config",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="env config, value parsed as YAML (repeatable)",
    )
    p.add_argument("-o", "--output", default="-", help="output JSONL file (default: stdout)")
    p.set_defaults(func=cmd_sample)

    p = sub.add_parser("demo", help="the end-to-end demo that `make run` runs")
    p.add_argument("-n", type=int, default=200, help="tasks to sample (default 200)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--workers", type=int, default=None)
    p.set_defaults(func=cmd_demo)

    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).add_subcommands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "n", 0) is not None and getattr(args, "n", 0) < 0:
        parser.error("-n must be >= 0")
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except user_errors() as exc:  # bad input: one line that says what to fix; anything else is a bug
        if args.debug:
            traceback.print_exc()
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"prorl-gym {args.command}: error: {message}", file=sys.stderr)
        return 2
