"""Sandbox throughput: executions/s of a trivial program per backend, against a cold `docker run --rm`
per program measured in the same run.

    .venv/bin/python -m bench.bench_sandbox [--n 400] [--cold-n 20] [--workers 2] [--write]

Goals (issue 4, 2 cores): docker warm pool >= 15x the cold run; bwrap >= 80/s; process >= 120/s.
Overhead per execution = mean single-worker latency minus a bare `python3 -S` subprocess measured in the
same rounds; the machine is shared, so every runner is measured interleaved with the others.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sandbox import Limits, availability, run
from sandbox.image import default_tag
from sandbox.program import host_python

PROGRAM = "print(input())"
LIMITS = Limits(wall_s=10, memory_mb=256)
GOALS = {"process": ("rate", 120.0), "bwrap": ("rate", 80.0), "docker": ("vs_cold", 15.0)}


def bare_spawn(i: int) -> None:
    """A plain subprocess running the same program: the floor every backend starts from."""
    done = subprocess.run(
        [host_python(), "-S", "-c", PROGRAM], input=f"{i}\n", capture_output=True, text=True
    )
    assert done.stdout == f"{i}\n"


def sandboxed(name: str) -> Callable[[int], None]:
    def one(i: int) -> None:
        r = run(PROGRAM, stdin=f"{i}\n", limits=LIMITS, backend=name)
        assert r.ok and r.stdout == f"{i}\n", r

    return one


def cold_docker() -> Callable[[int], None] | None:
    """`docker run --rm` with the same lock-down flags, one container per program."""
    cli = shutil.which("docker")
    if cli is None or not availability("docker")[0]:
        return None
    base = [
        cli, "run", "--rm", "-i", "--network", "none", "--read-only", "--pids-limit", "64",
        "--memory", "256m", "--cap-drop", "ALL", "--security-opt", "no-new-privileges",
        "--user", "65534:65534", default_tag(), "python3", "-S", "-c", PROGRAM,
    ]  # fmt: skip

    def one(i: int) -> None:
        done = subprocess.run(base, input=f"{i}\n", capture_output=True, text=True)
        assert done.stdout == f"{i}\n", done.stderr

    return one


class Meter:
    """Accumulates time for n calls of one runner, both sequential (latency) and over the workers (rate)."""

    def __init__(self, fn: Callable[[int], None]) -> None:
        self.fn = fn
        self.seq_s = self.par_s = 0.0
        self.seq_n = self.par_n = 0

    def measure(self, n: int, workers: int) -> None:
        start = time.perf_counter()
        for i in range(max(n // 4, 1)):
            self.fn(i)
        self.seq_s += time.perf_counter() - start
        self.seq_n += max(n // 4, 1)
        start = time.perf_counter()
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(self.fn, range(n)))
        self.par_s += time.perf_counter() - start
        self.par_n += n

    @property
    def rate(self) -> float:
        return self.par_n / self.par_s

    @property
    def latency_ms(self) -> float:
        return self.seq_s / self.seq_n * 1000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=400, help="programs per backend")
    parser.add_argument("--cold-n", type=int, default=20, help="cold docker runs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--write", action="store_true", help="write bench/results/sandbox.md")
    args = parser.parse_args()

    runners: dict[str, Callable[[int], None]] = {"bare python3 -S spawn (no sandbox)": bare_spawn}
    skipped = []
    for name in ("process", "bwrap", "docker"):
        usable, why = availability(name)
        if usable:
            runners[name] = sandboxed(name)
            runners[name](0)  # warm: backend choice, image check, first container
        else:
            skipped.append(f"| {name} | - | - | - | - | skipped: {why} |")
    if "docker" in runners:
        from sandbox.backends import get_backend

        get_backend("docker").warm(args.workers, LIMITS)  # type: ignore[attr-defined]
    cold_fn = cold_docker()
    meters = {name: Meter(fn) for name, fn in runners.items()}
    cold = Meter(cold_fn) if cold_fn else None
    # interleave the runners in rounds, so a shared machine's load drifts over all of them alike
    for _ in range(args.rounds):
        for meter in meters.values():
            meter.measure(args.n // args.rounds, args.workers)
        if cold is not None:
            cold.measure(args.cold_n // args.rounds, args.workers)
    bare = meters.pop("bare python3 -S spawn (no sandbox)")
    rows = []
    for name, meter in meters.items():
        kind, goal = GOALS[name]
        vs_cold = meter.rate / cold.rate if cold else None
        if kind == "rate":
            verdict = f">= {goal:.0f}/s: {'met' if meter.rate >= goal else 'NOT met'}"
        elif vs_cold is None:
            verdict = "no cold baseline"
        else:
            verdict = f">= {goal:.0f}x cold: {'met' if vs_cold >= goal else 'NOT met'}"
        rows.append(
            f"| {name} | {meter.rate:.1f} | {meter.rate / bare.rate:.2f} | {meter.latency_ms:.1f} | "
            f"{meter.latency_ms - bare.latency_ms:+.1f} | {f'{vs_cold:.1f}x' if vs_cold else '-'} | {verdict} |"
        )
    rows += skipped
    rows.append(
        f"| bare `python3 -S` spawn, no sandbox | {bare.rate:.1f} | 1.00 | {bare.latency_ms:.1f} | 0 | - | floor |"
    )
    if cold is not None:
        rows.append(
            f"| cold `docker run --rm` per program | {cold.rate:.2f} | {cold.rate / bare.rate:.2f} | "
            f"{cold.latency_ms:.0f} | {cold.latency_ms - bare.latency_ms:+.0f} | 1.0x | baseline |"
        )
    lines = [
        "# Sandbox throughput",
        "",
        f"Trivial program `{PROGRAM}` with stdin; per runner {args.n} programs over {args.workers} workers "
        f"(rate) and {args.n // 4} one at a time (latency), cold docker {args.cold_n}; runners interleaved in "
        f"{args.rounds} rounds. Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
        "(a shared machine: compare rows of one run, not runs).",
        "",
        "| runner | executions/s | vs bare spawn | latency ms | overhead ms vs bare spawn | vs cold docker | goal |",
        "|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Reproduce: `.venv/bin/python -m bench.bench_sandbox --write` (needs the engine and image for the "
        "docker rows: `.ci/sandbox_setup.sh`).",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        Path(__file__).with_name("results").joinpath("sandbox.md").write_text(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
