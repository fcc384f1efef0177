"""The `logic` audit: adversarial answers against every reasoning-gym scorer, raw versus our verifier.

    .venv/bin/python bench/audit_logic.py [--tasks 3] [--json out.json]

Prints, per dataset, the adversarial variants that reasoning-gym's own scorer marks correct or gives
partial credit or raises on, and what our `logic` verifier gives the same text.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import envs  # noqa: E402
from tests.logic_adversarial import adversarial_answers, model_completion  # noqa: E402
from tests.logic_alternatives import right_answer  # noqa: E402
from verifiers import verify_local  # noqa: E402
from verifiers.logic_fixes import ENTRY_ADAPTERS  # noqa: E402
from verifiers.logic_rg import scorer  # noqa: E402

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=3)
    parser.add_argument("--only", nargs="*")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
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
