"""Sampling + scoring throughput per logic env: prorl-gym versus calling reasoning-gym directly.

    .venv/bin/python -m bench.bench_logic [-n 20] [--repeats 3] [--only sudoku chain_sum]

Both sides do the same job, in this process and the same run: build the env, then per task make a chat
prompt and score model completions that reason and then give the gold in `<answer>` tags.
`direct` = reasoning-gym as its README uses it: `create_dataset`, `dataset[i]`, a user message around
`entry["question"]`, `reasoning_gym.utils.extract_answer`, `score_answer`.
`ours` = `envs.make`, `env.sample(n)` (Task records: JSON-normal entry, content id), `verify_local`
(think stripping, tag extraction, the audit's gates, the scorer, a Verdict).

Three workloads share the sampled tasks and differ in what is scored:
  minimal  one completion per task whose reasoning is one line: the fixed cost of our records alone;
  long     one completion per task with ~4k tokens (16 KB) of reasoning, half ProRL's 8k response cap;
  grpo16   sixteen such completions per task: ProRL's rollouts per prompt.
Each env is timed `--repeats` times, alternating the two sides; per phase each side keeps its fastest
round, so a burst of load from a neighbour on this shared machine does not land on one side only.
The bench runs under PYTHONHASHSEED=0 (it re-executes itself so): five reasoning-gym generators depend
on the hash seed, and only then do both sides generate the same entries. With another hash seed our env
routes those five through a helper process to stay reproducible; that path is timed separately.
Goal: median overhead <= 10%. The per-task part alone (dataset already built) is reported beside it.
The pool path (`verify_batch`, worker processes with hard timeouts) is timed separately, for information.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import reasoning_gym
from reasoning_gym.utils import extract_answer

import envs
from envs.logic import FINITE_SIZE, PROMPT
from envs.logic_generator_process import HASH_DEPENDENT
from tests.support.logic_adversarial import model_completion
from tests.support.logic_alternatives import right_answer
from verifiers import verify_batch, verify_local
from verifiers.logic.rg import scorer

SLOW = {
    "futoshiki",
    "knight_swap",
    "sokoban",
    "zebra_puzzles",
    "puzzle24",
    "intermediate_integration",
    "countdown",
}
LONG_CHARS = 16_000  # ~4k tokens of reasoning
ROLLOUTS = 16
WORKLOADS = ("minimal", "long", "grpo16")
_REASONING = (
    "so the first step is to check each case and compare it with the constraint we found before then "
    "count again because 12 and 7 give 19 which means the next value must be smaller wait let me verify"
)


_WORD_LIST = _REASONING.split(" ")


def long_completion(answer: str, rng: random.Random) -> str:
    """Reasoning of LONG_CHARS characters, then the answer as a model writes it."""
    words: list[str] = []
    size = 0
    while size < LONG_CHARS:
        word = rng.choice(_WORD_LIST)
        words.append(word)
        size += len(word) + 1
    return f"<think>{' '.join(words)}</think>\nSo the final answer is:\n<answer>{answer}</answer>"


def _direct(
    name: str, size: int, indices: list[int], completions: dict[str, list[list[str]]]
) -> dict[str, float]:
    """Seconds per phase, reasoning-gym alone."""
    out = {}
    t0 = time.perf_counter()
    ds = reasoning_gym.create_dataset(name, size=size, seed=0)
    out["build"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    entries = [ds[i] for i in indices]
    prompts = [[{"role": "user", "content": PROMPT.format(question=e["question"])}] for e in entries]
    out["sample"] = time.perf_counter() - t0
    assert len(prompts) == len(entries)
    for workload, per_task in completions.items():
        t0 = time.perf_counter()
        for entry, group in zip(entries, per_task, strict=True):
            for completion in group:
                ds.score_answer(extract_answer(completion), entry)
        out[workload] = time.perf_counter() - t0
    return out


def _ours(name: str, n: int, seed: int, completions: dict[str, list[list[str]]]) -> dict[str, float]:
    """Seconds per phase through prorl-gym."""
    out = {}
    t0 = time.perf_counter()
    env = envs.make(name)
    out["build"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    tasks = env.sample(n, seed=seed)
    out["sample"] = time.perf_counter() - t0
    for workload, per_task in completions.items():
        t0 = time.perf_counter()
        for task, group in zip(tasks, per_task, strict=True):
            for completion in group:
                verify_local("logic", completion, task.answer)
        out[workload] = time.perf_counter() - t0
    return out


def bench_env(name: str, n: int, seed: int, repeats: int) -> dict[str, float]:
    """Seconds per side and phase for n tasks (`direct_build`, `ours_sample`, `direct_long`, ...)."""
    probe_env = envs.make(name)
    probe = probe_env.sample(n, seed=seed)  # untimed: the same entries both sides generate
    indices = [probe_env.index(t.metadata["seed"]) for t in probe]  # type: ignore[attr-defined]
    golds = [right_answer(name, t.answer["entry"]) or "" for t in probe]
    rng = random.Random(seed)
    longs = [long_completion(g, rng) for g in golds]
    completions = {
        "minimal": [[model_completion(g)] for g in golds],
        "long": [[c] for c in longs],
        "grpo16": [[c] * ROLLOUTS for c in longs],
    }
    size = FINITE_SIZE.get(name, 2**32)
    scorer(name)  # our per-process scorer cache, warm as a long-running trainer's would be
    best: dict[str, float] = {}
    for _ in range(repeats):
        for side, times in (
            ("direct", _direct(name, size, indices, completions)),
            ("ours", _ours(name, n, seed, completions)),
        ):
            for phase, t in times.items():
                key = f"{side}_{phase}"
                best[key] = min(best.get(key, 1e9), t)
    for w in WORKLOADS:
        per_task = {side: best[f"{side}_sample"] + best[f"{side}_{w}"] for side in ("direct", "ours")}
        total = {side: best[f"{side}_build"] + per_task[side] for side in ("direct", "ours")}
        best[f"overhead_{w}"] = total["ours"] / total["direct"] - 1.0
        best[f"overhead_task_{w}"] = per_task["ours"] / per_task["direct"] - 1.0
    best["n"] = n
    return best


def _helper_path(seed: int) -> list[str]:
    """ms/task sampling the hash-dependent datasets in-process vs through the PYTHONHASHSEED=0 helper."""
    lines = []
    for name in sorted(HASH_DEPENDENT):
        n = 2 if name in SLOW else 20
        env = envs.make(name)
        t0 = time.perf_counter()
        env.sample(n, seed=seed)
        here = time.perf_counter() - t0
        env._in_helper = True  # type: ignore[attr-defined]  # what a process with another hash seed does
        env.sample(n, seed=seed)  # starts the helper and builds its dataset
        t0 = time.perf_counter()
        env.sample(n, seed=seed)
        helper = time.perf_counter() - t0
        lines.append(f"| {name} | {n} | {1e3 * here / n:.3f} | {1e3 * helper / n:.3f} |")
    return lines


def _pool_line(names: list[str], seed: int) -> str:
    """The minimal gold completions scored through verify_batch's worker processes vs in-process."""
    items: list[dict[str, Any]] = []
    for name in names:
        for task in envs.make(name).sample(5, seed=seed):
            items.append(
                {"task": task, "completion": model_completion(right_answer(name, task.answer["entry"]) or "")}
            )
    t0 = time.perf_counter()
    verify_batch(items)  # cold: each worker builds each dataset's scorer once
    cold_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    verify_batch(items)
    pool_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for item in items:
        verify_local("logic", item["completion"], item["task"].answer)
    local_s = time.perf_counter() - t0
    return (
        f"pool path, {len(items)} gold completions (5 per env): verify_batch {len(items) / pool_s:.0f} "
        f"verdicts/s warm ({len(items) / cold_s:.0f} cold, workers building scorers) vs verify_local "
        f"in-process {len(items) / local_s:.0f} verdicts/s (warm pool / in-process: {local_s / pool_s:.2f}x)"
    )


def _us(r: dict[str, float], key: str, per: int = 1) -> float:
    return 1e6 * r[key] / r["n"] / per


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":  # see the module docstring
        os.execve(
            sys.executable,
            [sys.executable, "-m", "bench.bench_logic", *sys.argv[1:]],
            {**os.environ, "PYTHONHASHSEED": "0"},
        )
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "-n", type=int, default=20, help="tasks per env (a quarter of that for the slow ones)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3, help="alternating rounds per env; fastest kept")
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "logic.md")
    args = parser.parse_args()
    names = args.only or [x for x in envs.list_envs(domain="logic") if x != "composite"]
    args.out = args.out.resolve()
    # reasoning-gym's codeio writes files to the working directory when used directly (the `direct` side).
    os.chdir(tempfile.mkdtemp(prefix="bench-logic-"))
    rows = {}
    for name in names:
        n = max(2, args.n // 4) if name in SLOW else args.n
        r = rows[name] = bench_env(name, n, args.seed, args.repeats)
        print(
            f"{name:26s} n={n:3d} sample us direct {_us(r, 'direct_sample'):9.1f} ours {_us(r, 'ours_sample'):9.1f}"
            f"  score us minimal {_us(r, 'direct_minimal'):8.1f} / {_us(r, 'ours_minimal'):8.1f}"
            f" long {_us(r, 'direct_long'):8.1f} / {_us(r, 'ours_long'):8.1f}  overhead "
            + " ".join(f"{w} {100 * r[f'overhead_{w}']:+6.1f}%" for w in WORKLOADS),
            flush=True,
        )

    def median(key: str) -> float:
        return statistics.median(r[key] for r in rows.values())

    def median_added(phase: str) -> float:
        return statistics.median(_us(r, f"ours_{phase}") - _us(r, f"direct_{phase}") for r in rows.values())

    summary = [
        f"median overhead over {len(rows)} envs, build + {args.n} tasks (goal <= +10%): "
        + ", ".join(f"{w} {100 * median(f'overhead_{w}'):+.1f}%" for w in WORKLOADS),
        "per-task part only (dataset already built): "
        + ", ".join(f"{w} {100 * median(f'overhead_task_{w}'):+.1f}%" for w in WORKLOADS),
        f"median added time per task: sampling {median_added('sample'):+.1f} us; scoring one completion "
        f"{median_added('minimal'):+.1f} us minimal, {median_added('long'):+.1f} us long",
    ]
    pool = _pool_line(names, args.seed)
    for line in [*summary, pool]:
        print(line)
    if args.only:
        return
    lines = [
        "# Logic envs: sampling + scoring throughput, prorl-gym vs reasoning-gym directly",
        "",
        "Measured by `bench/bench_logic.py` (method and workloads in its docstring): per env, build + n "
        "tasks; `direct` = reasoning-gym used as its README shows, `ours` = `envs.make` + `env.sample` + "
        f"`verify_local`. Fastest of {args.repeats} alternating rounds per side and phase, "
        "PYTHONHASHSEED=0. Shared 2-core machine: single-env ratios are noisy, the medians are the figures.",
        "",
        *(f"**{line}**" if i == 0 else line for i, line in enumerate(summary)),
        "",
        pool,
        "",
        "Per task, in us: sample = entry + prompt (ours: the Task record); score = one completion's "
        "extraction + scorer (ours: the audited verifier and its Verdict), minimal or long.",
        "",
        "| env | n | build direct ms | build ours ms | sample direct | sample ours | score minimal direct "
        "| score minimal ours | score long direct | score long ours | overhead minimal | overhead long "
        "| overhead grpo16 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        lines.append(
            f"| {name} | {r['n']:.0f} | {1e3 * r['direct_build']:.1f} | {1e3 * r['ours_build']:.1f} "
            f"| {_us(r, 'direct_sample'):.1f} | {_us(r, 'ours_sample'):.1f} "
            f"| {_us(r, 'direct_minimal'):.1f} | {_us(r, 'ours_minimal'):.1f} "
            f"| {_us(r, 'direct_long'):.1f} | {_us(r, 'ours_long'):.1f} "
            + "".join(f"| {100 * r[f'overhead_{w}']:+.1f}% " for w in WORKLOADS)
            + "|"
        )
    lines += [
        "",
        "Hash-dependent datasets with another PYTHONHASHSEED: sampling through the helper process",
        "",
        "| env | n | in-process ms/task | via helper ms/task |",
        "|---|---:|---:|---:|",
        *_helper_path(args.seed),
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
