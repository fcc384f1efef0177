"""Polynomials and factoring: expand, factor (form-checked), evaluate, divide with remainder."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, nonzero, scale, tex

x = sympy.Symbol("x")


def _linear_factor(rng: random.Random, bound: int) -> sympy.Expr:
    return rng.randint(1, 2) * x + nonzero(rng, bound)


def expand(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 4, 12)
    factors = [_linear_factor(rng, bound) for _ in range(1 + (d + 1) // 2)]
    product = sympy.Mul(*factors, evaluate=False)
    question = f"Expand and simplify ${sympy.latex(product)}$."
    return Problem(question, tex(sympy.expand(sympy.Mul(*factors))), {"form": "expand"}, kind="expand")


def factor(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 5, 12)
    factors = [x + nonzero(rng, bound) for _ in range(2 + d // 3)]
    if d >= 3:
        factors.append(x**2 + rng.randint(1, bound))  # irreducible over the rationals
    poly = sympy.expand(sympy.Mul(*factors))
    question = f"Factor completely over the rationals: ${sympy.latex(poly)}$."
    return Problem(question, tex(sympy.factor(poly)), {"form": "factor"}, kind="factor")


def evaluate(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 5, 20)
    degree = 2 + d // 2
    poly = sum(rng.randint(-bound, bound) * x**k for k in range(degree + 1)) + x**degree
    at = rng.randint(-bound // 2 - 1, bound // 2 + 1)
    question = f"Let $p(x) = {sympy.latex(poly)}$. Compute $p({at})$."
    return Problem(question, tex(poly.subs(x, at)), kind="evaluate")


def remainder(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 5, 15)
    degree = 3 + d // 2
    poly = x**degree + sum(rng.randint(-bound, bound) * x**k for k in range(degree))
    a = nonzero(rng, bound // 2 + 1)
    question = f"Find the remainder when ${sympy.latex(poly)}$ is divided by ${sympy.latex(x - a)}$."
    return Problem(question, tex(sympy.rem(poly, x - a, x)), kind="remainder")


GENERATORS: list[Generator] = [expand, factor, evaluate, remainder]
