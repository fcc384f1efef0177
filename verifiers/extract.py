"""Answer extraction shared by every verifier: find what the model committed to, and nothing else."""

from __future__ import annotations

import re

THINK_OPEN = "<think>"
THINK_CLOSE = "</think>"

_TAG = re.compile(r"<(/?)answer>", re.IGNORECASE)
# A box opener, an escape pair (skipped whole, so `\{` never counts) or a brace.
_BOX_TOKEN = re.compile(r"\\(?:boxed|fbox)\s*\{|\\.|[{}]", re.DOTALL)


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


def _tag_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every closed `<answer>` block's contents: an open tag pairs with the next close;
    opens inside a block and closes outside one are ignored. One regex pass, so linear on hostile input."""
    spans: list[tuple[int, int]] = []
    pending = -1
    for m in _TAG.finditer(text):
        if m.group(1):  # a close
            if pending >= 0:
                spans.append((pending, m.start()))
                pending = -1
        elif pending < 0:
            pending = m.end()
    return spans


def answer_tags(text: str, limit: int | None = None) -> list[str]:
    """Contents of every closed `<answer>...</answer>` pair, in order (only the last `limit` when given)."""
    spans = _tag_spans(text)
    return [text[start:end] for start, end in (spans if limit is None else spans[-limit:])]


def last_answer_tag(text: str) -> str | None:
    """The last closed `<answer>` block, stripped; None when there is none."""
    spans = _tag_spans(text)
    if not spans:
        return None
    start, end = spans[-1]
    return text[start:end].strip()


def boxed_all(text: str, limit: int | None = None) -> list[str]:
    """Contents of every `\\boxed{...}` / `\\fbox{...}` with balanced braces, in order of their start
    (only the last `limit` when given).

    Braces are matched by counting, so `\\boxed{\\frac{1}{2}}` yields `\\frac{1}{2}`; an unclosed box
    is ignored rather than guessed at; an escaped brace (`\\{`) never counts. One pass over the tokens
    with a stack, so thousands of unclosed boxes cost linear time.
    """
    if "box" not in text:
        return []
    stack: list[int] = []  # content start of each open brace; -1 for a brace that opens no box
    found: list[tuple[int, str]] = []
    for m in _BOX_TOKEN.finditer(text):
        token = m.group()
        if token == "{":
            stack.append(-1)
        elif token == "}":
            if stack and (start := stack.pop()) >= 0:
                found.append((start, text[start : m.start()]))
        elif len(token) > 2:  # \boxed{ or \fbox{ (an escape pair such as `\{` is two characters)
            stack.append(m.end())
    found.sort()
    return [content for _, content in (found if limit is None else found[-limit:])]


def last_boxed(text: str) -> str | None:
    """The last balanced `\\boxed{}` content, stripped; None when there is none."""
    boxes = boxed_all(text)
    return boxes[-1].strip() if boxes else None
