"""Arithmetic and fractions: exact rational results of mixed operations and percentages."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, nonzero, scale, tex


def fraction_expression(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 6, 40)
    terms = [sympy.Rational(nonzero(rng, bound), rng.randint(2, bound + 1)) for _ in range(1 + d // 2 + 1)]
    ops = [rng.choice("+-*") for _ in terms[1:]]
    text = sympy.latex(terms[0])
    expr_src = f"({terms[0]})"
    for op, term in zip(ops, terms[1:], strict=True):
        text += {"+": " + ", "-": " - ", "*": " \\times "}[op] + _paren(term)
        expr_src += f" {op} ({term})"
    value = sympy.sympify(expr_src)
    return Problem(
        f"Compute ${text}$. Give the result as a fraction in lowest terms.", tex(value), kind="fractions"
    )


def _paren(q: sympy.Rational) -> str:
    body = sympy.latex(q)
    return f"\\left({body}\\right)" if q < 0 else body


def percent_of(rng: random.Random, d: int) -> Problem:
    pct = rng.choice([5, 10, 12, 15, 20, 25, 35, 40, 60, 75, 120, 150]) if d < 3 else rng.randint(1, 250)
    base = rng.randint(2, scale(d, 200, 100_000))
    value = sympy.Rational(pct * base, 100)
    return Problem(f"What is ${pct}\\%$ of ${base}$? Give an exact answer.", tex(value), kind="percent")


def order_of_operations(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 9, 60)
    a, b, c, e = (rng.randint(1, bound) for _ in range(4))
    k = rng.randint(2, 3 if d < 4 else 4)
    value = a + b * c - e**k
    text = f"{a} + {b} \\cdot {c} - {e}^{{{k}}}"
    return Problem(f"Evaluate ${text}$.", tex(value), kind="order_of_operations")


GENERATORS: list[Generator] = [fraction_expression, percent_of, order_of_operations]
