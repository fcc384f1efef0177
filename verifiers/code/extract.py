"""Find the program in a completion: the last fenced block in the target language.

Rules, in order: the last closed block tagged with the language (```python / ```py / ```python3;
```cpp / ```c++ / ```cc / ```cxx); else the last closed untagged block; else nothing. A block tagged with another language is never run as this one, and an unclosed
fence (a truncated rollout) is not a program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LANGUAGE_TAGS: dict[str, frozenset[str]] = {
    "python": frozenset({"python", "py", "python3", "py3"}),
    "cpp": frozenset({"cpp", "c++", "cc", "cxx", "c++17", "c++20"}),
}
MAX_PROGRAM_CHARS = 200_000

_OPEN = re.compile(r"^ {0,3}(`{3,})[ \t]*([^`\s]*)[^`]*$")


@dataclass(frozen=True)
class Block:
    tag: str
    code: str


@dataclass(frozen=True)
class Extraction:
    """The program to run, or None with the reason there is none."""

    code: str | None
    reason: str
    blocks: int


def fenced_blocks(text: str) -> list[Block]:
    """Every closed ``` block, in order; a closing fence has at least as many backticks as its opening."""
    blocks: list[Block] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if not match:
            i += 1
            continue
        ticks, tag = match.group(1), match.group(2).lower()
        close = re.compile(rf"^ {{0,3}}`{{{len(ticks)},}}[ \t]*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if j >= len(lines):
            break  # unclosed: the rest of the text is not a block
        blocks.append(Block(tag, "\n".join(lines[i + 1 : j])))
        i = j + 1
    return blocks


def extract_program(text: str, language: str = "python") -> Extraction:
    """The program the completion commits to, by the rules in this module's docstring."""
    tags = LANGUAGE_TAGS.get(language, frozenset({language}))
    blocks = fenced_blocks(text)
    tagged = [b for b in blocks if b.tag in tags]
    chosen: Block | None = None
    if tagged:
        chosen = tagged[-1]
    elif untagged := [b for b in blocks if not b.tag]:
        chosen = untagged[-1]
    if chosen is None:
        if blocks:
            others = sorted({b.tag for b in blocks if b.tag})
            return Extraction(
                None, f"no ```{language} block (found blocks tagged {', '.join(others)})", len(blocks)
            )
        return Extraction(None, f"no closed ```{language} code block after the reasoning", 0)
    if not chosen.code.strip():
        return Extraction(None, "the code block is empty", len(blocks))
    if len(chosen.code) > MAX_PROGRAM_CHARS:
        return Extraction(None, f"the program is longer than {MAX_PROGRAM_CHARS} characters", len(blocks))
    return Extraction(chosen.code, "", len(blocks))
