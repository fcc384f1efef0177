"""Verifier kind `logic`: the reasoning-gym task's scorer on the `<answer>` text, hardened.

reasoning-gym's scorers are written for cooperative answers; ours also face hostile ones. Before a
scorer runs, an answer is capped in length and passed through the gates in `fixes` (hedges, the
gold's content plus anything else, glued or spaced); datasets whose scorer is wrong in other ways use
the replacement in `fixes.FIXES`. Text headed for a scorer that evaluates it as Python (n_queens'
`eval`, sympy's `parse_expr`) must pass `eval_gate` first. Partial credit counts only above what
no-effort answers (constants, the prompt echoed back) earn on the same task (`no_effort`). A scorer
that raises on odd text yields `malformed`, not `error`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from reasoning_gym.factory import DATASETS  # imported at the top so forkserver workers start warm

from verifiers.extract import last_answer_tag
from verifiers.logic.fixes import (
    ENTRY_ADAPTERS,
    EXACT_FIXES,
    FIXES,
    answer_cap,
    eval_gate,
    format_gate,
    gate,
    hedge_gate,
)
from verifiers.logic.no_effort import above_floor, cached_floor, copied_from_prompt, no_effort_floor
from verifiers.logic.rg import scorer
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict


def _malformed_answer(answer: Any) -> str:
    if not isinstance(answer, dict) or not isinstance(answer.get("dataset"), str):
        return "answer must be {'dataset': name, 'entry': {...}}"
    return "answer['entry'] must be the reasoning-gym entry (a dict)"


def _gate_reason(dataset: str, extracted: str, gold: str | None, question: Any = None) -> str | None:
    if gold is None:
        return hedge_gate(extracted, "") or format_gate(dataset, extracted)
    reason = gate(extracted, gold) or format_gate(dataset, extracted)
    if reason is None and isinstance(question, str) and copied_from_prompt(extracted, gold, question):
        reason = "the answer is copied from the prompt"
    return reason


def _as_score(result: Any) -> float:
    return result.reward if isinstance(result, Verdict) else float(result)


def _probe_scorer(dataset: str, score_fn: Callable[..., Any], cap: int) -> Callable[[str, Any], float]:
    """The scorer as the floor's probes meet it: text a model could not send (too long, or refused by
    the eval gate) scores 0 without being scored."""

    def score(text: str, entry: Any) -> float:
        if len(text) > cap or eval_gate(dataset, text):
            return 0.0
        return _as_score(score_fn(text, entry))

    return score


def score_answer(extracted: str, answer: dict[str, Any], *, no_effort_guard: bool = True) -> Verdict:
    """Score one extracted answer for a well-formed task record. `no_effort_guard=False` skips the
    copied-from-the-prompt gate and the no-effort floor (bench/audit_logic.py measures both ways)."""
    dataset, entry = answer["dataset"], answer["entry"]
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
    why = (
        None
        if fix in EXACT_FIXES
        else _gate_reason(dataset, extracted, gold, entry.get("question") if no_effort_guard else None)
    )
    if why:
        return Verdict.scored(0.0, extracted=extracted, reason=why)
    if fix is None:
        try:
            score_fn: Callable[..., Any] = scorer(dataset, answer.get("config"))
        except Exception as exc:
            return Verdict.fail(
                Status.ERROR, f"cannot build the {dataset} scorer from the task's config: {exc}"[:500]
            )
    else:
        score_fn = fix
    if dataset in ENTRY_ADAPTERS:
        entry = ENTRY_ADAPTERS[dataset](entry)
    try:
        result = score_fn(extracted, entry)
        if isinstance(result, Verdict) and not 0.0 < result.reward < 1.0:
            return result
        score = _as_score(result)
        if score <= 0.0 and fix in EXACT_FIXES:
            return Verdict.scored(0.0, extracted=extracted, reason=_gate_reason(dataset, extracted, gold))
        if math.isnan(score):
            score = 0.0
        if no_effort_guard and 0.0 < score < 1.0:
            key = (
                dataset,
                json.dumps(answer.get("config"), sort_keys=True),
                str(entry.get("question")),
                str(gold),
            )
            base = cached_floor(key, lambda: no_effort_floor(_probe_scorer(dataset, score_fn, cap), entry))
            if base > 0.0:
                scaled = above_floor(score, base)
                reason = f"{score:g} less the {base:g} that a no-effort answer earns on this task"
                details = result.details if isinstance(result, Verdict) else None
                return Verdict.scored(scaled, extracted=extracted, reason=reason, details=details)
    except Exception as exc:  # reasoning-gym scorers raise on text they cannot parse
        return Verdict.fail(
            Status.MALFORMED,
            f"the scorer could not read this answer ({type(exc).__name__}: {exc})"[:500],
            extracted=extracted,
        )
    if isinstance(result, Verdict):
        return result
    return Verdict.scored(score, extracted=extracted)


@register_verifier("logic")
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
    return score_answer(extracted, answer)
