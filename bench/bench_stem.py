"""Verdicts per second for the `mcq` and `numeric` verifiers, in process and through verify_batch.

Baseline, measured in the same run on the same completions: Math-Verify 0.9 (`parse` + `verify`),
the ecosystem's standard rule-based answer checker (it strips units rather than converting them).

    .venv/bin/python -m bench.bench_stem [--n 2000] [--out bench/results/stem.md]
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import envs
from envs.stem.options import show
from verifiers import verify_batch
from verifiers.registry import verify_local

REASONING = (
    "<think>Let me write down what is given and what is asked. "
    + "We apply the relevant relation step by step, keeping track of units. " * 12
    + "</think>\n"
)


def completions(n: int, seed: int = 0) -> dict[str, list[tuple[str, Any, str]]]:
    """(completion, answer, gold as a string) per kind; half correct, half a common mistake."""
    rng = random.Random(seed)
    out: dict[str, list[tuple[str, Any, str]]] = {"mcq": [], "numeric": []}
    for task in envs.make("stem", difficulty=4).sample(4 * n, seed=seed):
        kind = task.verifier
        if len(out[kind]) >= n:
            continue
        if kind == "mcq":
            letter = task.answer["letter"]
            pick = letter if rng.random() < 0.5 else rng.choice(list(task.metadata["distractors"]))
            text = f"{REASONING}The correct option is therefore shown below.\n\n**Answer:** \\boxed{{{pick}}}"
            out[kind].append((text, task.answer, letter))
        else:
            a = task.answer
            shown = show(a["value"], a["unit"] or "", 4).replace("degrees C", "°C")
            if task.metadata["mistakes"] and rng.random() < 0.5:
                shown = rng.choice(task.metadata["mistakes"])["answer"].replace("degrees C", "°C")
            text = f"{REASONING}Substituting the values gives the result.\n\n\\boxed{{{shown}}}"
            out[kind].append((text, a, show(a["value"], a["unit"] or "", 4)))
    return out


def rate(fn: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    fn()
    return count / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="completions per kind")
    parser.add_argument("--out", default="bench/results/stem.md")
    args = parser.parse_args()

    from math_verify import parse as mv_parse
    from math_verify import verify as mv_verify

    data = completions(args.n)
    verify_batch(
        [{"verifier": k, "answer": v[0][1], "completion": v[0][0]} for k, v in data.items()], workers=2
    )
    rows = []
    for kind, items in data.items():
        verify_local(kind, items[0][0], items[0][1])  # import the kind's module before timing
        local = rate(
            lambda items=items, kind=kind: [verify_local(kind, c, a) for c, a, _ in items], len(items)
        )
        batch_items = [{"verifier": kind, "answer": a, "completion": c} for c, a, _ in items]
        pooled = rate(lambda b=batch_items: verify_batch(b, workers=2), len(items))
        baseline = rate(
            lambda items=items: [
                mv_verify(mv_parse(g), mv_parse(c), timeout_seconds=None) for c, _, g in items
            ],
            len(items),
        )
        rewards = [verify_local(kind, c, a).reward for c, a, _ in items]
        rows.append((kind, len(items), local, pooled, baseline, sum(rewards) / len(rewards)))

    lines = [
        "# STEM verifiers: verdicts per second",
        "",
        f"`python -m bench.bench_stem --n {args.n}` on {platform.machine()} with {_cores()} cores, Python "
        f"{platform.python_version()}. Completions: generated `stem` tasks at difficulty 4 with ~1 KB of "
        "reasoning, half answered correctly and half with a common-mistake answer. Baseline: Math-Verify "
        "`parse` + `verify` in process on the same completions (it does not convert units).",
        "",
        "| kind | completions | in process (/s) | verify_batch, 2 workers (/s) | Math-Verify in process (/s) "
        "| in process vs Math-Verify | mean reward |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, n, local, pooled, baseline, mean in rows:
        lines.append(
            f"| {kind} | {n} | {local:,.0f} | {pooled:,.0f} | {baseline:,.0f} | {local / baseline:.1f}x | {mean:.2f} |"
        )
    report = "\n".join(lines) + "\n"
    print(report)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(report)


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
