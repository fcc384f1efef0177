"""Boxed answers found in one linear pass, for the STEM verifiers.

`verifiers.extract.boxed_all` rescans the rest of the text from every `\\boxed{`, which is quadratic
when a completion holds thousands of unclosed boxes; this finder visits each brace once.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(r"\\(?:boxed|fbox)\s*\{|\\.|[{}]", re.DOTALL)


def find_boxes(text: str, limit: int = 16) -> list[str]:
    """Contents of the last `limit` balanced `\\boxed{...}` / `\\fbox{...}`, in order of their start."""
    stack: list[int] = []  # content start of each open brace; -1 for a brace that is not a box
    found: list[tuple[int, str]] = []
    for m in _TOKENS.finditer(text):
        token = m.group(0)
        if token == "{":
            stack.append(-1)
        elif token == "}":
            if stack:
                start = stack.pop()
                if start >= 0:
                    found.append((start, text[start : m.start()]))
        elif token.endswith("{"):
            stack.append(m.end())
    found.sort()
    return [content for _, content in found[-limit:]]


_TAGS = re.compile(r"<(/?)answer>", re.IGNORECASE)


def find_answer_tags(text: str, limit: int = 16) -> list[str]:
    """Contents of the last `limit` closed `<answer>...</answer>` pairs, innermost-last; linear time."""
    found: list[str] = []
    open_end = -1
    for m in _TAGS.finditer(text):
        if not m.group(1):
            open_end = m.end()
        elif open_end >= 0:
            found.append(text[open_end : m.start()])
            open_end = -1
    return found[-limit:]
