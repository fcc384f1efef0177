"""A relation inside the box is judged as a whole.

Math-Verify keeps the right-hand side of an equation (`6 = 5` reads as 5) and stops at `\\approx`
(`5 \\approx 7` reads as 5), so a false statement could carry the gold. Here a chain of `=` /
`\\approx` is split at its top level: a leading name (`x`, `f(3)`, `a_{n}`, `x+y`) may label the
value, every other exact part must equal the value, and every `\\approx` part must round it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EXACT_OPS = ("=", ":=", "\\equiv", "\\cong")
_APPROX_OPS = ("\\approx", "\\simeq", "\\sim", "\\doteq")
_TOKEN = re.compile(r":=|\\approx(?![a-zA-Z])|\\simeq(?![a-zA-Z])|\\sim(?![a-zA-Z])|\\doteq(?![a-zA-Z])"
                    r"|\\equiv(?![a-zA-Z])|\\cong(?![a-zA-Z])|(?<![<>!=\\])=(?!=)")  # fmt: skip
_OTHER_RELATION = re.compile(
    r"<|>|\\(?:le|ge|leq|geq|lt|gt|ne|neq|leqslant|geqslant|in|subset|subseteq)(?![a-zA-Z])"
)
_LABEL_NOISE = re.compile(
    r"\\[a-zA-Z]+|_\s*\{[^{}]*\}|_\s*\\?\w|\([^()]*\)|\[[^\[\]]*\]|\^\s*\{[^{}]*\}|\^\s*\w"
)


@dataclass(frozen=True)
class Chain:
    """`x = 2+3 = 5 \\approx 5.0`: label `x`, exact parts [`2+3`, `5`], approximations [`5.0`]."""

    label: str | None
    exact: list[str]
    approx: list[str]

    @property
    def value(self) -> str:
        """What the chain states: its last exact part, else its last approximation."""
        return self.exact[-1] if self.exact else self.approx[-1]


def has_relation(s: str) -> bool:
    return bool(_top_level_tokens(s)) or bool(_OTHER_RELATION.search(s))


def chain(s: str) -> Chain | None:
    """The `=` / `\\approx` chain `s` is at its top level, or None when it is no such chain (no
    relation, a system `x=1, y=2`, or an inequality, which Math-Verify compares as a relation)."""
    tokens = _top_level_tokens(s)
    if not tokens or _OTHER_RELATION.search(s) or _top_level_comma(s):
        return None
    parts, ops, start = [], [], 0
    for begin, end, op in tokens:
        parts.append(s[start:begin].strip())
        ops.append(op)
        start = end
    parts.append(s[start:].strip())
    items = list(zip(parts[1:], ops, strict=True))  # each later part with the operator before it
    label = None
    if not parts[0] or is_label(parts[0]):
        label = parts[0]
    else:
        items.insert(0, (parts[0], "="))
    if any(not part for part, _ in items):
        return Chain(label, [], [])  # `5 =`: an unfinished relation states nothing
    exact = [part for part, op in items if op in _EXACT_OPS]
    approx = [part for part, op in items if op in _APPROX_OPS]
    return Chain(label, exact, approx)


def is_label(part: str) -> bool:
    """A name for the value rather than a value: letters, no digits outside subscripts / arguments."""
    bare = _LABEL_NOISE.sub("", part)
    return any(ch.isalpha() for ch in bare) and not any(ch.isdigit() for ch in bare)


def _top_level_tokens(s: str) -> list[tuple[int, int, str]]:
    """(start, end, operator) of each `=` / `\\approx` / ... outside any brackets."""
    out = []
    depths = _depths(s)
    for m in _TOKEN.finditer(s):
        if depths[m.start()] == 0:
            op = m.group(0)
            out.append((m.start(), m.end(), "=" if op == ":=" else op))
    return out


def _top_level_comma(s: str) -> bool:
    depths = _depths(s)
    return any(ch in ",;" and depths[i] == 0 for i, ch in enumerate(s))


def _depths(s: str) -> list[int]:
    depth, out = 0, []
    for ch in s:
        if ch in ")]}":
            depth -= 1
        out.append(depth)
        if ch in "([{":
            depth += 1
    return out
