"""The record every STEM generator returns, and the number formatting shared by questions and options."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Mistake:
    """A wrong answer a student would reach, and the slip that leads to it."""

    value: float
    why: str


@dataclass(frozen=True)
class Problem:
    """One generated question with its computed answer (in `unit`) and the common wrong answers."""

    area: str
    topic: str
    question: str
    value: float
    unit: str  # pint-readable ("m/s^2", "kPa", "degC"); "" for a pure number
    mistakes: tuple[Mistake, ...]
    abs_tol: float = 0.0


Generator = Callable[[random.Random, int], Problem]


@dataclass(frozen=True)
class Template:
    """A generator with the area/topic it covers and the lowest difficulty it appears at."""

    area: str
    topic: str
    min_difficulty: int
    make: Generator


def round_sig(x: float, sig: int) -> float:
    """`x` rounded to `sig` significant figures (0 stays 0)."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, sig - 1 - math.floor(math.log10(abs(x))))


def fmt(x: float, sig: int = 3) -> str:
    """A number as a question or option shows it: plain for ordinary sizes, `a \\times 10^{b}` otherwise."""
    x = round_sig(x, sig)
    if x == 0:
        return "0"
    exp = math.floor(math.log10(abs(x)))
    if -3 <= exp < 6:
        text = f"{x:.{max(0, sig - 1 - exp)}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    mant = f"{x / 10**exp:.{sig - 1}f}".rstrip("0").rstrip(".")
    return f"{mant} \\times 10^{{{exp}}}"


def given(rng: random.Random, lo: float, hi: float, difficulty: int) -> float:
    """A given quantity in [lo, hi]: whole numbers at difficulty 1, more significant figures above."""
    x = rng.uniform(lo, hi)
    return float(round(x)) if difficulty <= 1 and hi - lo >= 4 else round_sig(x, 2 if difficulty <= 2 else 3)
