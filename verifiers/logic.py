"""Verifier kind `logic`: reasoning-gym's own scorer on the `<answer>` text (audit fixes: later)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from verifiers.extract import last_answer_tag
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict


@lru_cache(maxsize=None)
def _scorer(dataset: str):  # type: ignore[no-untyped-def]
    import reasoning_gym

    return reasoning_gym.get_score_answer_fn(dataset)


@register_verifier("logic", timeout_s=10.0)
def verify_logic(text: str, answer: Any, **options: Any) -> Verdict:
    """Score the last `<answer>` block with the reasoning-gym task's scorer."""
    extracted = last_answer_tag(text)
    if extracted is None:
        return Verdict.fail(Status.NO_ANSWER, "no <answer>...</answer> block after the reasoning")
    score = _scorer(answer["dataset"])(extracted, answer["entry"])
    return Verdict.scored(float(score), extracted=extracted)
