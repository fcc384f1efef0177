"""The `prorl-gym` command: list, show, sample and verify from the shell."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from prorl_gym import __version__
from prorl_gym.report import summarize, verdict_table


def _parse_config(pairs: Sequence[str]) -> dict[str, Any]:
    config: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(
                f"--config {pair!r} must look like key=value (value parsed as YAML, e.g. size=3)"
            )
        config[key.strip()] = yaml.safe_load(value)
    return config


def _is_mix(target: str) -> bool:
    return "=" in target or "," in target or target.endswith((".yaml", ".yml"))


def _make(target: str, config: dict[str, Any], seed: int):  # type: ignore[no-untyped-def]
    import envs

    if _is_mix(target):
        if config:
            raise ValueError("--config applies to a single env; give per-env config in a mixture YAML file")
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
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
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


def _read_items(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, item) per non-blank line; a line that is not JSON becomes a marker scored malformed."""
    with path.open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, {"_bad_line": number, "_error": f"line {number} is not valid JSON: {exc}"}


def _chunks(pairs: Iterator[tuple[int, Any]], size: int) -> Iterator[list[tuple[int, Any]]]:
    chunk: list[tuple[int, Any]] = []
    for pair in pairs:
        chunk.append(pair)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _group(item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("task"), dict):
        return str(item["task"].get("env") or "?")
    if isinstance(item, dict) and item.get("verifier"):
        return str(item["verifier"])
    return "?"


def cmd_verify(args: argparse.Namespace) -> int:
    """Stream the file chunk by chunk, so memory stays bounded and every line's verdict is written in order."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from verifiers import Status, Verdict, verify_batch

    path = Path(args.file)
    if not path.is_file():
        raise FileNotFoundError(
            f'{path} does not exist; pass a JSONL file of {{"task": ..., "completion": ...}} lines'
        )
    if args.chunk < 1:
        raise ValueError(f"--chunk must be >= 1, got {args.chunk}")
    output = Path(args.output) if args.output else path.with_suffix(".verdicts.jsonl")
    if output.resolve() == path.resolve():
        raise ValueError(f"--output {output} would overwrite the input file; choose another path")
    with path.open(encoding="utf-8", errors="replace") as f:
        total = sum(1 for line in f if line.strip())
    slim: list[Verdict] = []  # what the summary needs, without details
    groups: list[str] = []
    console = Console(stderr=True)
    progress = Progress(
        TextColumn("verifying"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=args.quiet,
    )
    index = 0
    with progress, output.open("w", encoding="utf-8") as out:
        bar = progress.add_task("verify", total=total)
        for chunk in _chunks(_read_items(path), args.chunk):
            good = [item for _, item in chunk if not (isinstance(item, dict) and "_bad_line" in item)]
            scored = iter(
                verify_batch(
                    good,
                    workers=args.workers,
                    timeout_s=args.timeout,
                    progress=lambda k: progress.advance(bar, k),
                )
            )
            for number, item in chunk:
                if isinstance(item, dict) and "_bad_line" in item:
                    verdict = Verdict.fail(Status.MALFORMED, item["_error"])
                    progress.advance(bar, 1)
                else:
                    verdict = next(scored)
                task = item.get("task") if isinstance(item, dict) else None
                row = {
                    "index": index,
                    "line": number,
                    "task_id": task.get("id") if isinstance(task, dict) else None,
                    "env": task.get("env") if isinstance(task, dict) else None,
                    "verdict": verdict.model_dump(mode="json"),
                }
                out.write(json.dumps(row) + "\n")
                slim.append(verdict.model_copy(update={"details": {}, "extracted": None, "reason": None}))
                groups.append(_group(item))
                index += 1
    Console().print(verdict_table(summarize(slim, groups), title=f"{index} verdicts"))
    console.print(f"wrote {index} verdicts to {output}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from prorl_gym.demo import run_demo

    return run_demo(n=args.n, seed=args.seed, workers=args.workers)


# Each command group lives in its own module with `add_subcommands(subparsers)`; heavy imports
# (torch, fastapi, ray) happen inside the command functions, so `prorl-gym list` stays fast.
SUBCOMMAND_MODULES: tuple[str, ...] = ("prorl_gym.cli_sandbox",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="prorl-gym", description=__doc__)
    parser.add_argument("--version", action="version", version=f"prorl-gym {__version__}")
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
    p.add_argument("target", help="env name, a mixture like math=0.5,sudoku=0.5, or a mixture YAML file")
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

    p = sub.add_parser("verify", help="score a JSONL file of {task, completion} lines")
    p.add_argument("file")
    p.add_argument("-o", "--output", help="verdict JSONL (default: FILE with .verdicts.jsonl)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    p.add_argument("--timeout", type=float, default=None, help="hard timeout per item in seconds")
    p.add_argument("--chunk", type=int, default=512, help="items scored per batch (bounds memory)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_verify)

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
    except (KeyError, ValueError, FileNotFoundError, OSError) as exc:
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"prorl-gym {args.command}: error: {message}", file=sys.stderr)
        return 2
