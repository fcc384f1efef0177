"""Find the answer a completion committed to: the last `\\boxed{}` by default, or a named fallback.

Only the final text (after `</think>`) is searched, and the phrase / number fallbacks only read its
tail, so a 16 KB reasoning trace costs one linear scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from verifiers.extract import boxed_all, last_answer_tag

TAIL_CHARS = 600
"""The phrase and last-number fallbacks read only this many trailing characters."""

_PHRASE = re.compile(
    r"(?:final answer|the answer|answer)\s*(?:is|:|=)\s*:?\s*(.+?)\s*(?:$|\n|(?<=[^\d\\])\.\s|\.$)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?(?:/\d+)?|-?\.\d+")


def boxed(text: str) -> list[str]:
    """Every outermost boxed answer in the final text, in order (several distinct ones are a hedge).

    A box inside a box (`\\boxed{\\boxed{10}}`) is one answer, not two.
    """
    found = [b.strip() for b in boxed_all(text)]
    wrappers = [b for b in found if "box" in b]  # only a box holding a box can wrap one: linear time
    outer = [b for b in found if not any(_wraps(other, b) for other in wrappers if other is not b)]
    return [_unwrap(b) for b in outer]


def _wraps(outer: str, inner: str) -> bool:
    return ("\\boxed{" + inner) in outer or ("\\fbox{" + inner) in outer


def _unwrap(content: str) -> str:
    """`\\boxed{10}` -> `10` when a box is all the content holds."""
    inner = boxed_all(content)
    while len(inner) >= 1 and content.replace(" ", "") in (
        "\\boxed{" + inner[0].replace(" ", "") + "}",
        "\\fbox{" + inner[0].replace(" ", "") + "}",
    ):
        content = inner[0].strip()
        inner = boxed_all(content)
    return content


def answer_tag(text: str) -> list[str]:
    tag = last_answer_tag(text)
    if tag is None:
        return []
    inner = boxed(tag)
    return inner or [tag]


def final_answer_phrase(text: str) -> list[str]:
    """`... the final answer is 42.` / `Answer: 42` near the end of the text."""
    tail = text[-TAIL_CHARS:]
    matches = list(_PHRASE.finditer(tail))
    if not matches:
        return []
    found = matches[-1].group(1).strip().strip("$").strip()
    return [found] if found else []


def last_number(text: str) -> list[str]:
    matches = _NUMBER.findall(text[-TAIL_CHARS:])
    return [matches[-1].replace(",", "")] if matches else []


STRATEGIES: dict[str, Callable[[str], list[str]]] = {
    "boxed": boxed,
    "answer_tag": answer_tag,
    "final_answer_phrase": final_answer_phrase,
    "last_number": last_number,
}
