"""`prorl-gym demo`: sample a mixture of every domain, score gold and corrupted answers, show that only gold pays.

A reward that a wrong, hedged, hidden or truncated answer can earn is the bug that wastes a three-week
run; this job shows, per failure mode, the reward and status each one actually gets.
"""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console

import envs
from envs.gold import THINK, final_answers
from prorl_gym.report import summarize, verdict_table
from verifiers import Task, verify_batch

DEMO_MIX = {
    "sudoku": 1.0,
    "knights_knaves": 1.0,
    "countdown": 1.0,
    "zebra_puzzles": 1.0,
    "math": 2.0,
    "stem_mcq": 1.0,
    "stem_numeric": 1.0,
    "code": 1.0,
}


def completions_for(task: Task) -> dict[str, str]:
    """Model-like replies: the gold one and the ways a policy could fail or try to game the reward."""
    finals = final_answers(task)
    if finals is None:
        return {}
    replies = {kind: THINK + text for kind, text in finals.items()}
    gold = finals["gold"]
    replies["gold in reasoning only"] = f"<think>{gold}</think>\nI am not sure."
    replies["truncated"] = f"<think>Let me work through this... {gold}"
    replies["empty"] = ""
    return replies


def run_demo(n: int = 200, seed: int = 0, workers: int | None = None) -> int:
    console = Console()
    console.rule("prorl-gym demo")
    start = time.perf_counter()
    mix = envs.make_mix(DEMO_MIX, seed=seed)
    tasks = mix.sample(n, seed=seed)
    console.print(f"sampled {len(tasks)} tasks in {time.perf_counter() - start:.1f} s from {mix!r}")
    console.print("per-env counts: " + ", ".join(f"{k} {v}" for k, v in sorted(mix.counts.items())))

    items: list[dict[str, Any]] = []
    kinds: list[str] = []
    domains: list[str] = []
    for task in tasks:
        for kind, completion in completions_for(task).items():
            items.append({"task": task, "completion": completion})
            kinds.append(kind)
            domains.append(f"{task.domain} / {kind}" if kind == "gold" else kind)
    start = time.perf_counter()
    verdicts = verify_batch(items, workers=workers)
    elapsed = time.perf_counter() - start
    console.print(verdict_table(summarize(verdicts, domains), title=f"{len(items)} completions"))
    rate = len(items) / max(elapsed, 1e-9)
    console.print(f"scored {len(items)} completions in {elapsed:.1f} s ({rate:.0f}/s)")
    gold = [v for v, k in zip(verdicts, kinds, strict=True) if k == "gold"]
    gamed = [v for v, k in zip(verdicts, kinds, strict=True) if k not in ("gold", "wrong") and v.reward > 0]
    ok = bool(gold) and all(v.correct for v in gold) and not gamed
    if ok:
        console.print("[green]every gold answer earns 1.0 and no gamed reply earns any reward[/green]")
    else:
        bad = sum(not v.correct for v in gold)
        console.print(f"[red]{bad} gold answers below 1.0; {len(gamed)} gamed replies earned reward[/red]")
    mix.close()
    return 0 if ok else 1
