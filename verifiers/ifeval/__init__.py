"""Verifier kind `ifeval`: verifiable instructions (IFEval's 25 plus IFBench-style extras).

answer = {"instructions": [{"id": "length_constraints:number_words",
                            "kwargs": {"relation": "at least", "num_words": 300}}, ...],
          "strict": true,          # false: loose, as IFEval's loose metric (8 response variants)
          "mode": "fraction",      # or "all": 1 only when every instruction is followed
          "attempt": {...}}        # optional (env tasks): what makes a reply an attempt (see attempt.py)
The reward is the share of instructions followed (what ProRL trained on) or all-or-nothing;
`details["instructions"]` lists each one's id and whether it was followed. An unknown id or bad
kwargs is bad task data, not a model failure: the verdict is status `error` and says which.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from verifiers.ifeval import extra_checks, ifeval_checks  # noqa: F401  (register the checkers)
from verifiers.ifeval.attempt import Attempt, attempt_failure, parse_attempt
from verifiers.ifeval.spec import INSTRUCTIONS, Check, InstructionError, bind
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict

__all__ = [
    "EXTRA_IDS",
    "IFEVAL_IDS",
    "INSTRUCTIONS",
    "InstructionError",
    "bind",
    "parse_answer",
    "response_variants",
    "verify_ifeval",
]

IFEVAL_IDS = frozenset(i for i, spec in INSTRUCTIONS.items() if spec.fn.__module__ == ifeval_checks.__name__)
"""The 25 instruction ids of IFEval (Zhou et al. 2023)."""
EXTRA_IDS = frozenset(INSTRUCTIONS) - IFEVAL_IDS
"""The IFBench-style constraints added here."""

MODES = ("fraction", "all")


def response_variants(response: str) -> list[str]:
    """IFEval's loose variants: as is, without the first line, the last line, both; each also with `*` removed."""
    lines = response.split("\n")
    trimmed = [
        response,
        "\n".join(lines[1:]).strip(),
        "\n".join(lines[:-1]).strip(),
        "\n".join(lines[1:-1]).strip(),
    ]
    return [trimmed[0], trimmed[0].replace("*", ""), *trimmed[1:], *(t.replace("*", "") for t in trimmed[1:])]


def parse_answer(answer: Any) -> tuple[list[tuple[str, Check]], bool, str, Attempt | None]:
    """(id, predicate) per instruction, strict flag, reward mode and the attempt floor (None when the
    task has none); InstructionError on bad data."""
    if not isinstance(answer, Mapping):
        raise InstructionError(
            f"ifeval answer must be an object with 'instructions', got {type(answer).__name__}"
        )
    items = answer.get("instructions")
    if not isinstance(items, Sequence) or isinstance(items, str) or not items:
        raise InstructionError("ifeval answer needs a non-empty 'instructions' list")
    strict = answer.get("strict", True)
    if not isinstance(strict, bool):
        raise InstructionError(f"'strict' must be true or false, got {strict!r}")
    mode = answer.get("mode", "fraction")
    if mode not in MODES:
        raise InstructionError(f"'mode' must be one of {MODES}, got {mode!r}")
    checks = []
    for item in items:
        if not isinstance(item, Mapping) or "id" not in item:
            raise InstructionError(
                f"each instruction needs an 'id' (and optional 'kwargs'), got {item!r}"[:300]
            )
        checks.append((str(item["id"]), bind(item["id"], item.get("kwargs"))))
    return checks, strict, mode, parse_attempt(answer.get("attempt"))


def _followed(check: Check, variants: list[str]) -> bool:
    return any(v.strip() and check(v) for v in variants)


@register_verifier("ifeval")
def verify_ifeval(text: str, answer: Any, **options: Any) -> Verdict:
    """Share of the task's instructions the response follows (strict or loose)."""
    if options:
        return Verdict.fail(Status.ERROR, f"ifeval takes no options, got {', '.join(sorted(options))}")
    try:
        checks, strict, mode, attempt = parse_answer(answer)
    except InstructionError as exc:
        return Verdict.fail(Status.ERROR, f"bad ifeval task data: {exc}")
    if not text.strip():
        return Verdict.fail(
            Status.NO_ANSWER,
            "empty response",
            details={"instructions": [{"id": i, "followed": False} for i, _ in checks]},
        )
    unattempted = attempt_failure(text, attempt) if attempt is not None else None
    if unattempted:
        return Verdict.scored(
            0.0,
            details={"instructions": [{"id": i, "followed": False} for i, _ in checks], "attempt": False},
            reason=f"not an attempt at the writing task: {unattempted}",
        )
    variants = [text] if strict else response_variants(text)
    flags = [_followed(check, variants) for _, check in checks]
    results: list[dict[str, Any]] = [
        {"id": i, "followed": f} for (i, _), f in zip(checks, flags, strict=True)
    ]
    followed = sum(flags)
    reward = followed / len(results) if mode == "fraction" else float(followed == len(results))
    return Verdict.scored(
        reward,
        details={"instructions": results, "followed": followed, "total": len(results), "strict": strict},
        reason=None
        if all(flags)
        else "not followed: " + ", ".join(i for (i, _), f in zip(checks, flags, strict=True) if not f),
    )
