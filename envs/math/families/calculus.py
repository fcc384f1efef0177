"""Derivatives, integrals and limits with exact closed forms."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, nonzero, scale, tex

x = sympy.Symbol("x")


def _term(rng: random.Random, d: int) -> sympy.Expr:
    a = nonzero(rng, scale(d, 4, 9))
    k = rng.randint(1, 2 + d // 2)
    return rng.choice(
        [a * x**k, a * sympy.sin(k * x), a * sympy.exp(k * x), a * sympy.cos(k * x), a * x**k + k]
    )


def derivative_at(rng: random.Random, d: int) -> Problem:
    f = _term(rng, d) * (_term(rng, d) if d >= 3 else 1) + _term(rng, d)
    at = rng.randint(0, 2)
    value = sympy.simplify(sympy.diff(f, x).subs(x, at))
    question = f"Let $f(x) = {sympy.latex(f)}$. Compute $f'({at})$ exactly."
    return Problem(question, tex(value), kind="derivative")


def definite_integral(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 3, 8)
    integrand = (
        sum(rng.randint(-bound, bound) * x**k for k in range(1 + d // 2 + 1)) + nonzero(rng, bound) * x
    )
    if d >= 3:
        integrand += rng.choice([sympy.exp(x), sympy.cos(x), 1 / (x + 1)])
    lo, hi = 0, rng.randint(1, 3)
    value = sympy.simplify(sympy.integrate(integrand, (x, lo, hi)))
    question = f"Evaluate $\\int_{{{lo}}}^{{{hi}}} \\left({sympy.latex(integrand)}\\right)\\,dx$ exactly."
    return Problem(question, tex(value), kind="integral")


def limit(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 5, 15)
    if rng.random() < 0.5:
        degree = rng.randint(1, 2 + d // 2)
        num = sum(rng.randint(-bound, bound) * x**k for k in range(degree)) + nonzero(rng, bound) * x**degree
        den = sum(rng.randint(-bound, bound) * x**k for k in range(degree)) + nonzero(rng, bound) * x**degree
        expr, point, where = num / den, sympy.oo, "\\infty"
    else:
        a, b = nonzero(rng, bound), nonzero(rng, bound)
        expr, point, where = (
            sympy.sin(a * x) / sympy.tan(b * x) if d >= 3 else sympy.sin(a * x) / (b * x),
            0,
            "0",
        )
    value = sympy.limit(expr, x, point)
    question = f"Compute $\\lim_{{x \\to {where}}} {sympy.latex(expr)}$."
    return Problem(question, tex(value), kind="limit")


GENERATORS: list[Generator] = [derivative_at, definite_integral, limit]
