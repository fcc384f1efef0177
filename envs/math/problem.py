"""What a generator family returns: one question with its exact answer and how to grade it."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import sympy


@dataclass(frozen=True)
class Problem:
    question: str
    answer: str  # LaTeX, computed by sympy
    verifier_options: dict[str, Any] = field(default_factory=dict)
    kind: str = ""  # the generator inside the family, for metadata and per-kind statistics


Generator = Callable[[random.Random, int], Problem]
"""generator(rng, difficulty 1..5) -> Problem; all randomness comes from `rng`."""


def tex(value: Any) -> str:
    """sympy's LaTeX for an exact value (what the gold answer is stored as)."""
    return sympy.latex(sympy.sympify(value))


def scale(difficulty: int, easy: int, hard: int) -> int:
    """A bound that grows geometrically from `easy` (difficulty 1) to `hard` (difficulty 5)."""
    ratio = (hard / easy) ** ((difficulty - 1) / 4)
    return max(1, round(easy * ratio))


def nonzero(rng: random.Random, bound: int) -> int:
    value = 0
    while value == 0:
        value = rng.randint(-bound, bound)
    return value
