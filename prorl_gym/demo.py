"""`make run`: sample a mixture, score gold and corrupted answers, and show that only gold earns reward."""

from __future__ import annotations

import time
from typing import Any

from rich.console import Console

import envs
from prorl_gym.report import summarize, verdict_table
from verifiers import Task, verify_batch

DEMO_MIX = {
    "sudoku": 1.0,
    "knights_knaves": 1.0,
    "countdown": 1.0,
    "zebra_puzzles": 1.0,
    "gcd": 1.0,
    "word_sorting": 1.0,
    "maze": 1.0,
    "basic_arithmetic": 1.0,
}


def gold_answer(task: Task) -> str | None:
    """The reference answer text of a logic task, when the dataset stores one."""
    entry = task.answer.get("entry", {}) if isinstance(task.answer, dict) else {}
    gold = entry.get("answer")
    return gold if isinstance(gold, str) and gold else None


def _corrupt(gold: str) -> str:
    digits = [i for i, c in enumerate(gold) if c.isdigit()]
    if digits:
        i = digits[-1]
        return gold[:i] + str((int(gold[i]) + 1) % 10) + gold[i + 1 :]
    words = gold.split()
    return " ".join(reversed(words)) + " extra" if len(words) > 1 else gold[::-1] + "x"


def completions_for(gold: str) -> dict[str, str]:
    """A model-like gold completion and the ways a policy could fail or try to game the reward."""
    think = "<think>Let me work through the puzzle step by step.</think>\n"
    wrong = _corrupt(gold)
    return {
        "gold": f"{think}The final answer is below.\n<answer>{gold}</answer>",
        "wrong": f"{think}<answer>{wrong}</answer>",
        "hedge": f"{think}<answer>{gold} or {wrong}</answer>",
        "gold in reasoning only": f"<think><answer>{gold}</answer></think>\nI am not sure.",
        "truncated": f"<think>Let me work through the puzzle... <answer>{gold}</answer>",
        "empty": "",
    }


def run_demo(n: int = 200, seed: int = 0, workers: int | None = None) -> int:
    console = Console()
    console.rule("prorl-gym demo")
    start = time.perf_counter()
    mix = envs.make_mix(DEMO_MIX, seed=seed)
    tasks = mix.sample(n, seed=seed)
    console.print(f"sampled {len(tasks)} tasks in {time.perf_counter() - start:.1f} s from {mix!r}")
    console.print("per-env counts: " + ", ".join(f"{k} {v}" for k, v in sorted(mix.counts.items())))

    items: list[dict[str, Any]] = []
    groups: list[str] = []
    for task in tasks:
        gold = gold_answer(task)
        if gold is None:
            continue
        for kind, completion in completions_for(gold).items():
            items.append({"task": task, "completion": completion})
            groups.append(kind)
    start = time.perf_counter()
    verdicts = verify_batch(items, workers=workers)
    elapsed = time.perf_counter() - start
    console.print(verdict_table(summarize(verdicts, groups), title=f"{len(items)} completions, by kind"))
    console.print(
        f"scored {len(items)} completions in {elapsed:.1f} s ({len(items) / max(elapsed, 1e-9):.0f}/s)"
    )
    gold_rewards = [v.reward for v, g in zip(verdicts, groups, strict=True) if g == "gold"]
    leaked = [g for v, g in zip(verdicts, groups, strict=True) if g != "gold" and g != "wrong" and v.correct]
    ok = bool(gold_rewards) and min(gold_rewards) == 1.0 and not leaked
    console.print(
        "[green]gold always earns 1.0 and no gamed completion is correct[/green]"
        if ok
        else f"[red]unexpected rewards: {len(leaked)} gamed completions judged correct[/red]"
    )
    mix.close()
    return 0 if ok else 1
