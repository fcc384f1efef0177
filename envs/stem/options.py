"""Multiple-choice options for a generated problem: the answer plus distractors from common mistakes.

Distractors must be wrong under the numeric verifier's rules too: each differs from the answer and
from every other option by more than `MIN_GAP` (relative) and by more than the answer's absolute
tolerance, and no two options print the same. When the problem's own mistakes run out, scaled
values (x10, /10, x2, /2, ...) fill the remaining slots.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from envs.stem.problems import Problem, fmt, round_sig

MIN_GAP = 0.05
FILLERS = ((10.0, "off by a factor of 10"), (0.1, "off by a factor of 10"), (2.0, "off by a factor of 2"),
           (0.5, "off by a factor of 2"), (3.0, "off by a factor of 3"), (1 / 3, "off by a factor of 3"),
           (100.0, "off by a factor of 100"), (0.01, "off by a factor of 100"), (1.5, "off by 50%"),
           (0.75, "off by 25%"))  # fmt: skip


@dataclass(frozen=True)
class Option:
    text: str
    value: float
    why: str | None  # None for the correct option


def show(value: float, unit: str, sig: int = 3) -> str:
    """How an option prints: "12.3 m/s", "0.25", "4.70 \\times 10^{-3} mol/L"."""
    label = {"degC": "degrees C", "": ""}.get(unit, unit)
    return f"{fmt(value, sig)} {label}".strip()


def _far(a: float, b: float, abs_tol: float) -> bool:
    gap = abs(a - b)
    return gap > MIN_GAP * max(abs(a), abs(b)) and gap > 2 * abs_tol


def build_options(problem: Problem, n: int, rng: random.Random) -> tuple[list[Option], int]:
    """`n` shuffled options (exactly one correct) and the index of the correct one."""
    correct = Option(show(problem.value, problem.unit), round_sig(problem.value, 3), None)
    chosen = [correct]
    candidates = [(m.value, m.why) for m in problem.mistakes]
    candidates += [(problem.value * k, why) for k, why in FILLERS]
    for value, why in candidates:
        if len(chosen) == n:
            break
        if not math.isfinite(value) or value < 0 <= problem.value and problem.unit not in ("degC",):
            continue
        shown = round_sig(value, 3)
        text = show(value, problem.unit)
        if all(_far(shown, o.value, problem.abs_tol) and text != o.text for o in chosen):
            chosen.append(Option(text, shown, why))
    if len(chosen) < n:
        raise ValueError(f"could not build {n} distinct options for {problem.topic!r}")
    order = list(range(n))
    rng.shuffle(order)
    options = [chosen[i] for i in order]
    return options, order.index(0)
