"""The `logic` audit: adversarial answers against every reasoning-gym scorer, raw versus our verifier.

    .venv/bin/python -m bench.audit_logic [--tasks 3] [--json out.json]
    .venv/bin/python -m bench.audit_logic --baselines [--tasks 30] [--json out.json]

Prints, per dataset, the adversarial variants that reasoning-gym's own scorer marks correct or gives
partial credit or raises on, and what our `logic` verifier gives the same text.

`--baselines` measures no-effort answers instead: the mean reward of each constant answer, of the
prompt's own text echoed back (best echo per task), and of held-out no-effort answers the floor never
probes (other constants, echoes reversed or altered), before (`no_effort_guard=False`: no copy gate, no floor) and after; and checks that the gold still scores 1.0. It runs in a temporary working directory and
reports any file a generator or scorer leaves there.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import tempfile
from pathlib import Path
from typing import Any

import envs
from tests.support.logic_adversarial import adversarial_answers, model_completion
from tests.support.logic_alternatives import right_answer
from verifiers import verify_local
from verifiers.logic import score_answer
from verifiers.logic.fixes import ENTRY_ADAPTERS, compact
from verifiers.logic.no_effort import CONSTANTS, echo_answers
from verifiers.logic.rg import scorer

RAW_TIMEOUT_S = 5
MEMORY_LIMIT = 4 << 30


class _Late(Exception):
    pass


def _late(*_: object) -> None:
    raise _Late


signal.signal(signal.SIGALRM, _late)


# Raw scorers not run on the 100 KB variants: they exhaust memory (rubiks_cube expands every move).
RAW_UNSAFE = {"rubiks_cube": "exhausts memory (>12 GB) on 100 KB of moves"}


def _raw(score: Any, text: str, entry: dict[str, Any], *, unsafe: bool) -> float | str:
    """reasoning-gym's score, or why there is none ('slow: ...' / 'not run: ...' / the exception name)."""
    if unsafe:
        return "not run: memory"
    signal.alarm(RAW_TIMEOUT_S)
    try:
        return float(score(text, entry))
    except _Late:
        return f"slow: >{RAW_TIMEOUT_S}s"
    except Exception as exc:
        return f"raises {type(exc).__name__}"
    finally:
        signal.alarm(0)


def audit(name: str, n_tasks: int) -> dict[str, Any]:
    env = envs.make(name)
    rows: dict[str, Any] = {
        "raw_correct": {},
        "raw_partial": {},
        "raw_raises": {},
        "raw_slow": {},
        "ours_correct": {},
        "ours_partial": {},
        "ours_error": {},
        "gold_fail": 0,
    }
    for task in env.sample(n_tasks, seed=123):
        answer = task.answer
        gold = right_answer(answer["dataset"], answer["entry"])
        if gold is not None and verify_local("logic", model_completion(gold), answer).reward < 1.0:
            rows["gold_fail"] += 1
        score = scorer(answer["dataset"], answer.get("config"))
        raw_entry = ENTRY_ADAPTERS.get(answer["dataset"], dict)(answer["entry"])
        for variant, text in adversarial_answers(gold).items():
            raw = _raw(score, text, raw_entry, unsafe=variant.startswith("huge") and name in RAW_UNSAFE)
            if isinstance(raw, str):
                rows["raw_raises" if raw.startswith("raises") else "raw_slow"][variant] = raw
            elif raw >= 1.0:
                rows["raw_correct"][variant] = rows["raw_correct"].get(variant, 0) + 1
            elif raw > 0:
                rows["raw_partial"][variant] = round(max(rows["raw_partial"].get(variant, 0), raw), 3)
            verdict = verify_local("logic", model_completion(text), answer)
            if verdict.correct:
                rows["ours_correct"][variant] = rows["ours_correct"].get(variant, 0) + 1
            elif verdict.reward > 0:
                rows["ours_partial"][variant] = round(
                    max(rows["ours_partial"].get(variant, 0), verdict.reward), 3
                )
            if verdict.status == "error":
                rows["ours_error"][variant] = verdict.reason
    return rows


HELD_OUT_CONSTANTS = ("11", "15", "00:01", "B", "no answer", "1 1 1 1", "0, 0", "-")


def _held_out(question: str) -> list[str]:
    """No-effort answers the floor does not probe: other constants, and echoes reversed or altered."""
    out = list(HELD_OUT_CONSTANTS)
    for echo in echo_answers(question)[1:40]:
        for sep in (", ", " ", "\n"):
            parts = echo.split(sep)
            if len(parts) > 1:
                out.append(sep.join(reversed(parts)))
                break
        out.append(echo[::-1])
        out.append(echo.replace("_", "5").replace("1", "2"))
    return list(dict.fromkeys(out))


def _best(rows: list[tuple[float, str]]) -> tuple[float, str]:
    return max(rows, default=(0.0, ""))


def _means(values: list[float]) -> tuple[float, float]:
    """(mean reward, mean of the partial part: rewards strictly between 0 and 1, full credit as 0)."""
    n = max(1, len(values))
    return round(sum(values) / n, 3), round(sum(v for v in values if v < 1.0) / n, 3)


def baselines(name: str, n_tasks: int) -> dict[str, Any]:
    """Mean rewards of no-effort answers over `n_tasks` tasks, before and after the no-effort guard.

    const: the best single constant for the whole dataset; echo / held: the best probe per task.
    """
    tasks = envs.make(name).sample(n_tasks, seed=321)
    per_const: dict[str, list[float]] = {c: [] for c in CONSTANTS}
    const_after: dict[str, list[float]] = {c: [] for c in CONSTANTS}
    best: dict[str, list[float]] = {k: [] for k in ("echo_before", "echo_after", "held_before", "held_after")}
    gold_fail = 0
    for task in tasks:
        answer = task.answer
        gold = right_answer(answer["dataset"], answer["entry"])
        if gold is not None and verify_local("logic", model_completion(gold), answer).reward < 1.0:
            gold_fail += 1
        same = compact(gold or "")
        question = str(answer["entry"].get("question", ""))
        for const in CONSTANTS:
            per_const[const].append(score_answer(const, answer, no_effort_guard=False).reward)
            const_after[const].append(score_answer(const, answer).reward if per_const[const][-1] > 0 else 0.0)
        for group, probes in (("echo", echo_answers(question)), ("held", _held_out(question))):
            # A probe that is the gold itself is the answer, not a no-effort one (spell_backward's echo reversed).
            probes = [p for p in probes if p.strip() and compact(p) != same]
            before = sorted(
                ((score_answer(p, answer, no_effort_guard=False).reward, p) for p in probes), reverse=True
            )
            best[f"{group}_before"].append(before[0][0] if before else 0.0)
            # After: the answers that scored best before are re-scored with the guard on.
            best[f"{group}_after"].append(
                max((score_answer(p, answer).reward for _, p in before[:3]), default=0.0)
            )
    top = max(CONSTANTS, key=lambda c: sum(per_const[c]))
    top_after = max(CONSTANTS, key=lambda c: sum(const_after[c]))
    row: dict[str, Any] = {"tasks": len(tasks), "best_constant": top}
    row["const_before"], row["const_before_partial"] = _means(per_const[top])
    row["const_after"], row["const_after_partial"] = _means(const_after[top_after])
    for key, values in best.items():
        row[key], row[f"{key}_partial"] = _means(values)
    row["gold_fail"] = gold_fail
    return row


def _baselines_main(names: list[str], n_tasks: int, out: Path | None) -> None:
    report: dict[str, Any] = {}
    here = Path.cwd()
    with tempfile.TemporaryDirectory() as work:
        os.chdir(work)
        try:
            for name in names:
                report[name] = baselines(name, n_tasks)
                left = sorted(os.listdir(work))
                if left:
                    report[name]["files_left"] = left
                print(name, json.dumps(report[name]), flush=True)
        finally:
            os.chdir(here)
    if out:
        out.write_text(json.dumps(report, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=3)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--baselines", action="store_true", help="measure no-effort answers (see above)")
    args = parser.parse_args()
    if args.baselines:
        names = args.only or [n for n in envs.list_envs(domain="logic") if n != "composite"]
        _baselines_main(names, args.tasks, args.json)
        return
    # Some raw scorers grow without bound on hostile text (rubiks_cube): keep them from taking the machine.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    names = args.only or [n for n in envs.list_envs(domain="logic") if n != "composite"]
    report = {}
    for name in names:
        rows = audit(name, args.tasks)
        report[name] = rows
        flags = {k: v for k, v in rows.items() if v}
        print(name, json.dumps(flags, default=str)[:600], flush=True)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))


if __name__ == "__main__":
    main()
