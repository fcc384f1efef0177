"""Verifier kind `logic`: the reasoning-gym task's scorer on the `<answer>` text, hardened.

reasoning-gym's scorers are written for cooperative answers; ours also face hostile ones. Before a
scorer runs, an answer is capped in length and passed through the gates in `logic_fixes` (hedges,
the gold padded with other content); datasets whose scorer is wrong in other ways use the
replacement in `logic_fixes.FIXES`. Text headed for a scorer that evaluates it as Python (n_queens'
`eval`, sympy's `parse_expr`) must pass `eval_gate` first. A scorer that raises on odd text yields
`malformed`, not `error`.
"""

from __future__ import annotations

import math
from typing import Any

from reasoning_gym.factory import DATASETS  # imported at the top so forkserver workers start warm

from verifiers.extract import last_answer_tag
from verifiers.logic_fixes import (
    ENTRY_ADAPTERS,
    EXACT_FIXES,
    FIXES,
    JUNK_PROBES,
    answer_cap,
    eval_gate,
    format_gate,
    gate,
    hedge_gate,
)
from verifiers.logic_rg import scorer
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict


def _malformed_answer(answer: Any) -> str:
    if not isinstance(answer, dict) or not isinstance(answer.get("dataset"), str):
        return "answer must be {'dataset': name, 'entry': {...}}"
    return "answer['entry'] must be the reasoning-gym entry (a dict)"


def _junk_score(score_fn: Any, entry: dict[str, Any]) -> float:
    best = 0.0
    for probe in JUNK_PROBES:
        try:
            best = max(best, float(score_fn(probe, entry)))
        except Exception:
            continue
    return best


def _gate_reason(dataset: str, extracted: str, gold: str | None) -> str | None:
    if gold is not None:
        return gate(extracted, gold)
    return hedge_gate(extracted, "") or format_gate(dataset, extracted)


@register_verifier("logic", timeout_s=10.0)
def verify_logic(text: str, answer: Any, **options: Any) -> Verdict:
    """Score the last `<answer>` block with the reasoning-gym task's scorer, hardened against hacks."""
    try:
        dataset, entry = answer["dataset"], answer["entry"]
        ok = isinstance(dataset, str) and isinstance(entry, dict)
    except Exception:  # not a mapping, or one without those keys
        ok = False
    if not ok:
        return Verdict.fail(Status.ERROR, f"bad task answer record: {_malformed_answer(answer)}")
    if dataset not in DATASETS:
        return Verdict.fail(Status.ERROR, f"unknown reasoning-gym dataset {dataset!r}")
    extracted = last_answer_tag(text)
    if extracted is None:
        return Verdict.fail(Status.NO_ANSWER, "no <answer>...</answer> block after the reasoning")
    if not extracted.strip():
        return Verdict.fail(Status.NO_ANSWER, "the <answer> block is empty")
    gold = entry.get("answer") if isinstance(entry.get("answer"), str) else None
    cap = answer_cap(gold)
    if len(extracted) > cap:
        return Verdict.fail(
            Status.MALFORMED,
            f"answer is {len(extracted)} characters; the limit for this task is {cap}",
            extracted=extracted[:200],
        )
    unsafe = eval_gate(dataset, extracted)
    if unsafe:
        return Verdict.fail(Status.MALFORMED, unsafe, extracted=extracted)
    fix = FIXES.get(dataset)
    # An exact matcher makes the gates moot for the answers it accepts: they only name why it refused.
    why = None if fix in EXACT_FIXES else _gate_reason(dataset, extracted, gold)
    if why:
        return Verdict.scored(0.0, extracted=extracted, reason=why)
    if fix is None:
        try:
            score_fn = scorer(dataset, answer.get("config"))
        except Exception as exc:
            return Verdict.fail(
                Status.ERROR, f"cannot build the {dataset} scorer from the task's config: {exc}"[:500]
            )
    if dataset in ENTRY_ADAPTERS:
        entry = ENTRY_ADAPTERS[dataset](entry)
    try:
        if fix is not None:
            result = fix(extracted, entry)
            if isinstance(result, Verdict):
                return result
            score = float(result)
            if score <= 0.0 and fix in EXACT_FIXES:
                return Verdict.scored(0.0, extracted=extracted, reason=_gate_reason(dataset, extracted, gold))
        else:
            score = float(score_fn(extracted, entry))
            if 0.0 < score < 1.0 and score <= _junk_score(score_fn, entry):
                return Verdict.scored(
                    0.0, extracted=extracted, reason=f"{score:g} is the floor this scorer gives junk"
                )
    except Exception as exc:  # reasoning-gym scorers raise on text they cannot parse
        return Verdict.fail(
            Status.MALFORMED,
            f"the scorer could not read this answer ({type(exc).__name__}: {exc})"[:500],
            extracted=extracted,
        )
    if math.isnan(score):
        score = 0.0
    return Verdict.scored(score, extracted=extracted)
