"""Answer extraction shared by every verifier: find what the model committed to, and nothing else."""

from __future__ import annotations

import re

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"

_ANSWER_TAG = re.compile(r"<answer>(.*?)</answer>", re.DOTALL | re.IGNORECASE)
_BOX_START = re.compile(r"\\(?:boxed|fbox)\s*\{")


def final_text(completion: str | None, *, strip_think: bool = True) -> str | None:
    """The text after the last `</think>`; None when reasoning was never closed (a truncated rollout).

    Judging only this part stops a model from scattering candidate answers through its reasoning.
    """
    if not isinstance(completion, str):
        return None
    if not strip_think:
        return completion
    close = completion.rfind(THINK_CLOSE)
    if close >= 0:
        return completion[close + len(THINK_CLOSE) :]
    if THINK_OPEN in completion:
        return None
    return completion


def answer_tags(text: str) -> list[str]:
    """Contents of every closed `<answer>...</answer>` pair, in order."""
    return [m.group(1) for m in _ANSWER_TAG.finditer(text)]


def last_answer_tag(text: str) -> str | None:
    """The last closed `<answer>` block, stripped; None when there is none."""
    tags = answer_tags(text)
    return tags[-1].strip() if tags else None


def boxed_all(text: str) -> list[str]:
    """Contents of every `\\boxed{...}` / `\\fbox{...}` with balanced braces, in order.

    Braces are matched by counting, so `\\boxed{\\frac{1}{2}}` yields `\\frac{1}{2}`; an unclosed box
    is ignored rather than guessed at.
    """
    found: list[str] = []
    for match in _BOX_START.finditer(text):
        depth = 1
        i = match.end()
        while i < len(text) and depth:
            ch = text[i]
            if ch == "\\" and i + 1 < len(text):
                i += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            i += 1
        if depth == 0:
            found.append(text[match.end() : i - 1])
    return found


def last_boxed(text: str) -> str | None:
    """The last balanced `\\boxed{}` content, stripped; None when there is none."""
    boxes = boxed_all(text)
    return boxes[-1].strip() if boxes else None
