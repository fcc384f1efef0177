"""`prorl-gym eval`: pass@k of a model (or of completions generated elsewhere), against a base.

Each side comes from a model directory (sampled here through the rollout engine), a completions
JSONL, or a saved result JSON; the tasks for a model come from `--tasks FILE.jsonl` or `--env SPEC`.
"""

from __future__ import annotations

import argparse
import gc
from pathlib import Path
from typing import Any

from prorl_gym.errors import UsageError


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    """Add the `eval` command to the main CLI's subparsers."""
    p = subparsers.add_parser(
        "eval",
        help="pass@k and the reasoning-boundary plot (passk.png/.json/.md), base against trained",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    trained = p.add_mutually_exclusive_group(required=True)
    trained.add_argument("--model", type=Path, help="trained model directory (save_pretrained)")
    trained.add_argument("--completions", type=Path, help="JSONL of trained-model completions")
    trained.add_argument("--result", type=Path, help="a result.json from an earlier `prorl-gym eval`")
    base = p.add_mutually_exclusive_group()
    base.add_argument("--base", type=Path, help="base model directory")
    base.add_argument("--base-completions", type=Path, help="JSONL of base-model completions")
    base.add_argument("--base-result", type=Path, help="the base's result.json from an earlier run")
    mid = p.add_mutually_exclusive_group()
    mid.add_argument(
        "--intermediate", type=Path, help="an intermediate checkpoint (separates plateau from sustained)"
    )
    mid.add_argument(
        "--intermediate-completions", type=Path, help="JSONL of intermediate-checkpoint completions"
    )
    mid.add_argument("--intermediate-result", type=Path, help="the intermediate checkpoint's result.json")
    tasks = p.add_mutually_exclusive_group()
    tasks.add_argument(
        "--tasks", type=Path, help="tasks JSONL (`prorl-gym sample`); also resolves task_id lines"
    )
    tasks.add_argument("--env", help="env name or mixture (math=0.5,sudoku=0.5) to sample tasks from")
    p.add_argument("--num-tasks", type=int, default=100, help="tasks to sample with --env (default 100)")
    p.add_argument("--seed", type=int, default=0, help="task sampling seed with --env")
    p.add_argument(
        "-c", "--config", action="append", default=[], metavar="KEY=VALUE", help="env config (--env)"
    )
    p.add_argument(
        "-n", type=int, default=None, help="samples per task (the paper: 16 for pass@1, 256 for pass@k)"
    )
    p.add_argument("--k", type=int, nargs="+", default=None, help="ks to report (default 1, 2, 4, ... n)")
    p.add_argument("--temperature", type=float, default=0.6, help="sampling temperature (paper: 0.6)")
    p.add_argument("--top-p", type=float, default=0.95, help="nucleus sampling (paper: 0.95)")
    p.add_argument("--max-new-tokens", type=int, default=1024, help="response limit (paper: 32768)")
    p.add_argument("--sample-seed", type=int, default=0, help="sampling seed")
    p.add_argument("--engine", choices=["hf", "vllm"], default="hf", help="rollout engine (default hf)")
    p.add_argument("--device", default=None, help="hf engine device (default cuda when available, else cpu)")
    p.add_argument("--gpu-memory-utilization", type=float, default=0.9, help="vllm engine (default 0.9)")
    p.add_argument("--max-model-len", type=int, default=None, help="vllm engine context (prompt + response)")
    p.add_argument("--batch-size", type=int, default=32, help="prompts per generate call (default 32)")
    p.add_argument("--workers", type=int, default=None, help="verifier worker processes (default: per core)")
    p.add_argument("--timeout", type=float, default=None, help="hard verifier timeout per sample, seconds")
    p.add_argument("--eps", type=float, default=None, help="regime threshold on pass@k deltas (default 0.02)")
    p.add_argument(
        "--boundary-k", type=int, default=None, help="k for the reasoning boundary (default <= n/2)"
    )
    p.add_argument("--label", default=None, help="trained curve label")
    p.add_argument("--base-label", default=None, help="base curve label")
    p.add_argument("-o", "--output", type=Path, required=True, help="output directory")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p.set_defaults(func=cmd_eval)


def _tasks(args: argparse.Namespace) -> list[Any]:
    import yaml

    import envs
    from trainer_adapter.eval import load_tasks

    if args.tasks is not None:
        return load_tasks(args.tasks)
    if args.env is None:
        raise UsageError("a model needs tasks: give --tasks FILE.jsonl or --env SPEC")
    if args.num_tasks < 1:
        raise UsageError(f"--num-tasks must be >= 1, got {args.num_tasks}")
    config = {}
    for pair in args.config:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--config {pair!r} must look like key=value")
        config[key.strip()] = yaml.safe_load(value)
    mix = envs.is_mixture_spec(args.env)
    if mix and config:
        raise UsageError("--config applies to a single env; give per-env config in a mixture YAML file")
    env = envs.make_mix(envs.parse_mix(args.env), seed=args.seed) if mix else envs.make(args.env, **config)
    try:
        return env.sample(args.num_tasks, seed=args.seed)
    finally:
        env.close()


def _engine(path: Path, args: argparse.Namespace) -> Any:
    from types import SimpleNamespace

    from transformers import AutoModelForCausalLM, AutoTokenizer

    from trainer_adapter.prorl.rollout import make_engine

    if not (path / "config.json").is_file():
        raise FileNotFoundError(
            f"{path} is not a model directory (no config.json); pass a save_pretrained dir"
        )
    tokenizer = AutoTokenizer.from_pretrained(path)
    if args.engine == "vllm":  # vLLM loads the weights from the directory itself
        return make_engine(
            "vllm", SimpleNamespace(name_or_path=str(path)), tokenizer, seed=args.sample_seed,
            gpu_memory_utilization=args.gpu_memory_utilization, max_model_len=args.max_model_len,
        )  # fmt: skip
    import torch

    device = args.device or ("cuda" if torch.cuda.is_available() else "cpu")
    model: Any = AutoModelForCausalLM.from_pretrained(path, dtype="auto")
    return make_engine("hf", model.to(device), tokenizer, device=device)


def _evaluate(
    model: Path | None,
    completions: Path | None,
    result: Path | None,
    label: str | None,
    tasks: list[Any] | None,
    args: argparse.Namespace,
) -> Any:
    """One side's EvalResult, from a saved result, a completions file or a model sampled on `tasks`."""
    from trainer_adapter.eval import EvalResult, evaluate, evaluate_completions
    from trainer_adapter.prorl.rollout import SamplingParams

    if result is not None:
        if not result.is_file():
            raise FileNotFoundError(
                f"{result} does not exist; pass a result.json written by `prorl-gym eval`"
            )
        loaded = EvalResult.from_json(result)
        return loaded if label is None else EvalResult(label, loaded.ks, loaded.tasks, loaded.settings)
    if completions is not None:
        return evaluate_completions(
            completions, args.k, tasks=args.tasks, label=label, workers=args.workers,
            timeout_s=args.timeout, show_progress=not args.quiet,
        )  # fmt: skip
    assert model is not None and tasks is not None and args.n is not None
    params = SamplingParams(
        n=args.n, temperature=args.temperature, top_p=args.top_p,
        max_new_tokens=args.max_new_tokens, seed=args.sample_seed,
    )  # fmt: skip
    engine = _engine(model, args)
    try:
        return evaluate(
            engine, tasks, args.n, args.k, params, label=label or model.name,
            batch_size=args.batch_size, workers=args.workers, timeout_s=args.timeout,
            show_progress=not args.quiet,
        )  # fmt: skip
    finally:
        del engine
        gc.collect()  # the next model may need this one's memory


def _print_summary(comparison: Any, result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    if comparison is None:
        table = Table(title=f"pass@k: {result.label}")
        for column in ["env", "tasks", *(f"pass@{k}" for k in result.ks), "mean reward"]:
            table.add_column(column)
        for name, g in result.envs().items():
            table.add_row(
                name, str(g.tasks), *(f"{100 * v:.1f}" for v in g.pass_at_k.values()), f"{g.mean_reward:.3f}"
            )
    else:
        k = comparison.boundary_k
        table = Table(title=f"pass@k: {comparison.labels['trained']} against {comparison.labels['base']}")
        for column in ["env", "pass@1 base → trained", f"pass@{k} base → trained", "regime"]:
            table.add_column(column)
        for name, d in comparison.envs.items():
            k1 = comparison.ks[0]
            table.add_row(
                name,
                f"{100 * d.base[k1]:.1f} → {100 * d.trained[k1]:.1f}",
                f"{100 * d.base[k]:.1f} → {100 * d.trained[k]:.1f}",
                d.regime + (" (beyond base)" if d.beyond_base else ""),
            )
    Console().print(table)


def cmd_eval(args: argparse.Namespace) -> int:
    from trainer_adapter.eval import EvalInputError

    try:
        return _run(args)
    except (EvalInputError, FileNotFoundError) as exc:  # bad input, reported as one line
        raise UsageError(str(exc)) from exc


def _run(args: argparse.Namespace) -> int:
    from trainer_adapter.eval import DEFAULT_EPS, compare, write_report

    if args.n is not None and args.n < 1:
        raise UsageError(f"-n must be >= 1, got {args.n}")
    sampling = any(m is not None for m in (args.model, args.base, args.intermediate))
    if sampling and args.n is None:
        raise UsageError("sampling from a model needs -n (samples per task), e.g. -n 16")
    has_base = args.base or args.base_completions or args.base_result
    has_mid = args.intermediate or args.intermediate_completions or args.intermediate_result
    if has_mid and not has_base:
        raise UsageError("an intermediate checkpoint needs a base to compare against (--base ...)")
    tasks = _tasks(args) if sampling else None  # every model answers the same tasks
    out: Path = args.output
    out.mkdir(parents=True, exist_ok=True)
    trained = _evaluate(args.model, args.completions, args.result, args.label, tasks, args)
    trained.to_json(out / "result.json")
    if not has_base:
        paths = write_report(trained, out)
        _print_summary(None, trained)
        print(f"wrote {', '.join(str(p) for p in paths.values())} and {out / 'result.json'}")
        return 0
    base = _evaluate(
        args.base, args.base_completions, args.base_result, args.base_label or "base", tasks, args
    )
    base.to_json(out / "base_result.json")
    mid = None
    if has_mid:
        sources = (args.intermediate, args.intermediate_completions, args.intermediate_result)
        mid = _evaluate(*sources, "intermediate", tasks, args)
        mid.to_json(out / "intermediate_result.json")
    eps = DEFAULT_EPS if args.eps is None else args.eps
    comparison = compare(base, trained, out, eps=eps, intermediate=mid, k=args.boundary_k)
    _print_summary(comparison, trained)
    print(f"wrote {', '.join(str(p) for p in comparison.paths.values())}, result.json and base_result.json")
    return 0
