"""Adversarial answers for the `logic` audit: text a careful grader would never mark correct.

Shared by the tests and `python -m bench.audit_logic` (which writes the table in docs/logic_audit.md).
"""

from __future__ import annotations

import re

_SWAPS = {
    "yes": "no",
    "no": "yes",
    "true": "false",
    "false": "true",
    "valid": "invalid",
    "invalid": "valid",
    "possible": "impossible",
    "impossible": "possible",
    "knight": "knave",
    "knave": "knight",
    "peng": "chi",
    "chi": "pass",
    "pass": "peng",
}


def wrong_variant(gold: str) -> str:
    """A plausible wrong answer close to `gold`: one number changed, or a keyword flipped."""
    digits = list(re.finditer(r"\d", gold))
    if digits:
        m = digits[-1]
        d = str((int(m.group()) + 1) % 10)
        return gold[: m.start()] + d + gold[m.end() :]
    words = list(re.finditer(r"[A-Za-z]+", gold))
    for m in reversed(words):
        swap = _SWAPS.get(m.group().lower())
        if swap:
            if m.group()[0].isupper():
                swap = swap.capitalize()
            return gold[: m.start()] + swap + gold[m.end() :]
    return gold[::-1] + "x" if gold else "x"


def adversarial_answers(gold: str | None, *, heavy: bool = True) -> dict[str, str]:
    """Name -> answer text (the contents of `<answer>`); `gold` is a right answer or None when unknown.

    `heavy=False` drops the variants that cost the most scorer time, for the slow datasets.
    """
    out: dict[str, str] = {
        "empty": "",
        "whitespace": "  \n\t ",
        "garbage": "qwzx plorb 7?!",
        "dont_know": "I don't know",
        "none": "None",
        "json_junk": '{"answer": null, "x": [1, 2, {"y": "}"]}',
        "punctuation": "}])>;:,.!?'\"\\",
        "brackets": "[[[[((((",
        "nan_inf": "NaN inf -inf 1e309",
        "all_numbers": " ".join(str(i) for i in range(-100, 1001)),
        "true_false": "True False yes no valid invalid",
        "huge_garbage": "A" * 100_000,
        "code_dunder": "__import__('os').getpid()",
        "code_builtins": "len(chr(47) * 3)",
    }
    if gold is None:
        return out
    wrong = wrong_variant(gold)
    out.update(
        {
            "hedge_or": f"{gold} or {wrong}",
            "hedge_or_rev": f"{wrong} or {gold}",
            "hedge_list": f"{gold}, {wrong}",
            "hedge_lines": f"{wrong}\n{gold}",
            "embedded": f"The answer is {gold}, I think.",
            "not_gold": f"not {gold}",
            "gold_twice": f"{gold} {gold}",
            "huge_gold_padding": gold + " " + "x" * 100_000,
        }
    )
    if heavy:
        out["huge_gold_repeat"] = "\n".join([gold] * max(2, 100_000 // max(1, len(gold))))
        out["maybe"] = f"maybe {gold}?"
    return out


def model_completion(answer: str) -> str:
    """How a reasoning model writes an answer: reasoning in <think>, then the answer tag."""
    return f"<think>Let me work through this carefully.\nOkay, I have it.</think>\nFinal:\n<answer>{answer}</answer>"
