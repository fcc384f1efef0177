"""Benchmark of the `ifeval` verifier: checks per second per instruction, and the time to re-score
GPT-4's 541 IFEval responses (strict + loose) in-process and through `verify_batch`.

Baselines measured in the same run: in-process scoring for the pool figures, and the reference's
regexes (`\\[.*?\\]`, `<<[^\\n]+>>`, `^\\s*\\*[^\\*].*$`) on hostile completions for our linear scanners.

    .venv/bin/python -m bench.bench_ifeval [--repeat 3] [--out bench/results/ifeval.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import time
from pathlib import Path

from verifiers import verify_batch, verify_local
from verifiers.ifeval import EXTRA_IDS, bind, language
from verifiers.ifeval.ifeval_checks import count_bracketed, number_bullet_lists, title
from verifiers.pool import VerifierPool
from verifiers.worker import Job

ROOT = Path(__file__).resolve().parents[1]

EXTRA_KWARGS: dict[str, dict[str, object]] = {
    "count:word_count_range": {"min_words": 100, "max_words": 300},
    "count:keyword_exact": {"keyword": "the", "count": 3},
    "count:char_count_range": {"min_chars": 500, "max_chars": 2000},
    "count:min_numbers": {"num_numbers": 2},
    "count:no_digits": {},
    "sentence:max_words": {"max_words": 25},
    "sentence:count_range": {"min_sentences": 5, "max_sentences": 20},
    "format:numbered_list": {"num_items": 5},
    "format:json_schema": {"required_keys": ["title", "points"], "key_types": {"points": "array"}},
    "format:line_count": {"num_lines": 10},
    "paragraphs:first_letters": {"letters": "ABC"},
    "ratio:unique_words": {"min_ratio": 0.5},
    "words:start_end_same": {},
    "words:max_word_length": {"max_length": 12},
    "startend:ends_with_question": {},
}


def data_dir() -> Path:
    root = os.environ.get("PRORL_GYM_SHARED")
    return (Path(root) if root else ROOT.parent / "shared") / "data" / "ifeval"


def load() -> list[tuple[dict, str]]:
    folder = data_dir()
    responses = {}
    for line in (folder / "input_response_data_gpt4.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        responses[record["prompt"]] = record["response"]
    rows = [
        json.loads(line) for line in (folder / "input_data.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    return [(row, responses[row["prompt"]]) for row in rows]


def answer(row: dict, strict: bool) -> dict:
    items = [{"id": i, "kwargs": k} for i, k in zip(row["instruction_id_list"], row["kwargs"], strict=True)]
    return {"instructions": items, "strict": strict}


def best(fn, repeat: int, clock=time.perf_counter) -> float:
    """Best of `repeat` runs on `clock` (wall by default), in seconds: the least disturbed run."""
    times = []
    for _ in range(repeat):
        start = clock()
        fn()
        times.append(clock() - start)
    return min(times)


def per_instruction(data: list[tuple[dict, str]], repeat: int) -> list[tuple[str, int, float]]:
    """(id, checks timed, mean microseconds per check) on the GPT-4 responses."""
    calls: dict[str, list] = {}
    for row, response in data:
        for iid, kw in zip(row["instruction_id_list"], row["kwargs"], strict=True):
            calls.setdefault(iid, []).append((bind(iid, kw), response))
    responses = [r for _, r in data]
    for iid in sorted(EXTRA_IDS):
        check = bind(iid, EXTRA_KWARGS[iid])
        calls[iid] = [(check, r) for r in responses]
    out = []
    for iid in sorted(calls):
        pairs = calls[iid]
        if iid.startswith(("language:", "change_case:english")):

            def run(pairs=pairs) -> None:
                language._cached.cache_clear()
                for check, text in pairs:
                    check(text)
        else:

            def run(pairs=pairs) -> None:
                for check, text in pairs:
                    check(text)

        seconds = best(run, repeat, clock=time.process_time)  # CPU time: other load on the machine excluded
        out.append((iid, len(pairs), 1e6 * seconds / len(pairs)))
    return out


def rescore_in_process(data: list[tuple[dict, str]]) -> None:
    language._cached.cache_clear()  # every pass detects afresh, as new completions would
    for strict in (True, False):
        for row, response in data:
            verify_local("ifeval", response, answer(row, strict), strip_think=False)


def jobs(data: list[tuple[dict, str]]) -> list[Job]:
    return [
        Job("ifeval", r, answer(row, s), {"strip_think": False}, 10.0)
        for s in (True, False)
        for row, r in data
    ]


def hostile(repeat: int) -> list[tuple[str, int, float, float]]:
    """(case, size, reference regex seconds, ours seconds) on inputs that are quadratic for the regex."""
    cases = [
        ("placeholders `[` x n", "[" * 20_000, lambda t: len(re.findall(r"\[.*?\]", t)), count_bracketed),
        ("title `<` x n", "<" * 20_000, lambda t: re.findall(r"<<[^\n]+>>", t), title),
        (
            "bullets: n blank lines",
            "\n" * 20_000 + "x",
            lambda t: len(re.findall(r"^\s*\*[^\*].*$", t, flags=re.MULTILINE)),
            lambda t: number_bullet_lists(t, 1),
        ),
    ]
    out = []
    for name, text, ref, ours in cases:
        out.append(
            (
                name,
                len(text),
                best(lambda r=ref, t=text: r(t), repeat),
                best(lambda o=ours, t=text: o(t), repeat),
            )
        )
    return out


VACUOUS = {
    "ok": "ok",
    "yes": "yes",
    "one sentence": "i have nothing to add here",
    "one word x80": " ".join(["fine"] * 80),
}


def env_attempt(n: int = 300) -> list[str]:
    """Env tasks: what vacuous replies earn with the attempt record ignored (IFEval's rules alone) and
    kept, and the time per verdict of an honest-length reply with and without the record."""
    import envs

    tasks = envs.make("ifeval").sample(n, seed=11)
    bare = [{k: v for k, v in t.answer.items() if k != "attempt"} for t in tasks]
    lines = [
        "| reply | mean reward, IFEval rules only | share at 1.0 | mean reward, env | share at 1.0 |",
        "|---|---|---|---|---|",
    ]
    for name, text in VACUOUS.items():
        before = [verify_local("ifeval", text, a).reward for a in bare]
        after = [verify_local("ifeval", text, t.answer).reward for t in tasks]
        lines.append(
            f"| `{name}` | {statistics.mean(before):.3f} | {sum(r == 1.0 for r in before) / n:.3f} | "
            f"{statistics.mean(after):.3f} | {sum(r == 1.0 for r in after) / n:.3f} |"
        )
    # An honest-length reply: 300 distinct words, the task's subject among the first ones.
    body = " ".join(f"word{i}" for i in range(300))
    replies = [" ".join(t.answer["attempt"]["topic"][:1]) + " " + body for t in tasks]
    cost = {"without": float("inf"), "with": float("inf")}
    for _ in range(5):  # alternating rounds, fastest kept: the machine is shared
        for label, answers in (("without", bare), ("with", [t.answer for t in tasks])):
            start = time.process_time()
            for reply, answer in zip(replies, answers, strict=True):
                verify_local("ifeval", reply, answer)
            cost[label] = min(cost[label], (time.process_time() - start) / n * 1e6)
    lines += [
        "",
        f"CPU time per env verdict on a 300-word reply (fastest of 5 rounds): {cost['without']:.0f} µs without the attempt check, "
        f"{cost['with']:.0f} µs with it ({cost['with'] / cost['without'] - 1:+.1%}).",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "ifeval.md")
    args = parser.parse_args()
    data = load()
    n_checks = sum(len(row["instruction_id_list"]) for row, _ in data)

    rows = per_instruction(data, args.repeat)
    total_calls = sum(n for _, n, _ in rows)
    total_us = sum(n * us for _, n, us in rows)
    non_lang = [(n, us) for iid, n, us in rows if not iid.startswith(("language:", "change_case:english"))]
    checks_per_s = total_calls / (total_us / 1e6)
    checks_per_s_no_lang = sum(n for n, _ in non_lang) / (sum(n * us for n, us in non_lang) / 1e6)

    in_process = best(lambda: rescore_in_process(data), args.repeat)
    cpu_start = time.process_time()
    rescore_in_process(data)
    in_process_cpu = time.process_time() - cpu_start
    job_list = jobs(data)
    pool_times = {}
    for workers in (1, 2):
        with VerifierPool(workers) as pool:
            start = time.perf_counter()
            pool.map(jobs([(row, "warm-up") for row, _ in data[:4]]))  # start the workers, other texts
            cold = time.perf_counter() - start
            start = time.perf_counter()  # one pass: a repeat would hit the workers' language caches
            pool.map(job_list)
            warm = time.perf_counter() - start
        pool_times[workers] = (cold, warm)
    start = time.perf_counter()
    verdicts = verify_batch(
        [
            {"verifier": j.kind, "answer": j.answer, "completion": j.completion, "options": j.options}
            for j in job_list
        ]
    )
    batch_s = time.perf_counter() - start
    assert len(verdicts) == len(job_list)
    hostile_rows = hostile(1)

    lines = [
        "# ifeval verifier benchmark",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores (shared). "
        f"Best of {args.repeat} runs. Command: `.venv/bin/python -m bench.bench_ifeval`.",
        "",
        "## Re-scoring GPT-4's 541 IFEval responses (834 instructions), strict + loose = 1082 verdicts",
        "",
        "| path | seconds | verdicts/s | vs in-process |",
        "|---|---|---|---|",
        f"| in-process `verify_local` | {in_process:.2f} | {1082 / in_process:.0f} | 1.00 |",
    ]
    cpu_note = f"In-process CPU time for the same pass: {in_process_cpu:.2f} s (wall above this = other load on the machine)."
    for workers, (cold, warm) in pool_times.items():
        lines.append(
            f"| `VerifierPool({workers})`, started (start-up {cold:.2f} s not included) | {warm:.2f} | "
            f"{1082 / warm:.0f} | {in_process / warm:.2f} |"
        )
    lines += [
        f"| `verify_batch` (shared pool, default workers, cold start included) | {batch_s:.2f} | {1082 / batch_s:.0f} | "
        f"{in_process / batch_s:.2f} |",
        "",
        cpu_note,
        "",
        f"Overall (CPU time): {checks_per_s:,.0f} checks/s on one core ({checks_per_s_no_lang:,.0f} checks/s without the "
        f"langdetect-based instructions); {n_checks} IFEval instructions per pass.",
        "",
        "## Cost per check on the GPT-4 responses (mean CPU microseconds, one core)",
        "",
        "| instruction | checks | µs/check | checks/s |",
        "|---|---|---|---|",
    ]
    for iid, n, us in rows:
        lines.append(f"| `{iid}` | {n} | {us:.1f} | {1e6 / us:,.0f} |")
    lines += [
        "",
        f"Median over instructions: {statistics.median(us for _, _, us in rows):.1f} µs. Reference figure "
        "(anchors §4.1, lm-eval classes, ~3 KB response): every checker < 0.6 ms except langdetect (8.8 ms).",
        "",
        "## Hostile completions: reference regex vs our linear scan (same run)",
        "",
        "| input | size | reference regex s | ours s | speed-up |",
        "|---|---|---|---|---|",
    ]
    for name, size, ref_s, ours_s in hostile_rows:
        lines.append(
            f"| {name} | {size:,} | {ref_s:.3f} | {ours_s:.5f} | {ref_s / max(ours_s, 1e-9):,.0f}x |"
        )
    lines += [
        "",
        f"## Env tasks: vacuous replies ({300} tasks of `envs.make('ifeval')`)",
        "",
        *env_attempt(),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
