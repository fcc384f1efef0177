"""Sequences and series: arithmetic and geometric terms and sums, power sums, linear recurrences."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, nonzero, scale, tex

k = sympy.Symbol("k", integer=True)


def arithmetic_term(rng: random.Random, d: int) -> Problem:
    first, step = rng.randint(-scale(d, 10, 500), scale(d, 10, 500)), nonzero(rng, scale(d, 9, 99))
    n = rng.randint(10, scale(d, 30, 5000))
    terms = ", ".join(str(first + i * step) for i in range(4))
    if rng.random() < 0.5:
        return Problem(
            f"What is term number ${n}$ of the arithmetic sequence ${terms}, \\ldots$?",
            tex(first + (n - 1) * step),
            kind="arithmetic_term",
        )
    total = n * (2 * first + (n - 1) * step) // 2
    return Problem(
        f"Find the sum of the first ${n}$ terms of the arithmetic sequence ${terms}, \\ldots$.",
        tex(total),
        kind="arithmetic_sum",
    )


def geometric_sum(rng: random.Random, d: int) -> Problem:
    first = nonzero(rng, scale(d, 5, 30))
    ratio = sympy.Rational(nonzero(rng, 3), rng.randint(2, 3 + d))
    if d >= 3 and rng.random() < 0.5:
        value = first / (1 - ratio)
        return Problem(
            f"Find the sum of the infinite geometric series with first term ${first}$ and common ratio ${sympy.latex(ratio)}$.",
            tex(value),
            kind="geometric_series",
        )
    n = rng.randint(3, 4 + 2 * d)
    value = sum(first * ratio**i for i in range(n))
    return Problem(
        f"Find the sum of the first ${n}$ terms of the geometric sequence with first term ${first}$ and common ratio ${sympy.latex(ratio)}$.",
        tex(value),
        kind="geometric_sum",
    )


def power_sum(rng: random.Random, d: int) -> Problem:
    power = rng.randint(1, 1 + d // 2 + 1)
    n = rng.randint(10, scale(d, 40, 10_000))
    value = sympy.summation(k**power, (k, 1, n))
    return Problem(f"Compute $\\sum_{{k=1}}^{{{n}}} k^{{{power}}}$.", tex(value), kind="power_sum")


def recurrence(rng: random.Random, d: int) -> Problem:
    a0, a1 = rng.randint(0, 5), rng.randint(1, 5)
    p, q = rng.randint(1, 3), rng.randint(-2, 3)
    n = rng.randint(6, scale(d, 10, 60))
    terms = [a0, a1]
    while len(terms) <= n:
        terms.append(p * terms[-1] + q * terms[-2])
    question = f"A sequence has $a_0 = {a0}$, $a_1 = {a1}$ and $a_{{n}} = {p} a_{{n-1}} {'+' if q >= 0 else '-'} {abs(q)} a_{{n-2}}$ for $n \\ge 2$. Find $a_{{{n}}}$."
    return Problem(question, tex(terms[n]), kind="recurrence")


GENERATORS: list[Generator] = [arithmetic_term, geometric_sum, power_sum, recurrence]
