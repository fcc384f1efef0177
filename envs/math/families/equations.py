"""Equations and systems: linear and quadratic equations, linear systems, with exact solutions."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, nonzero, scale, tex

x, y, z = sympy.symbols("x y z")


def linear(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 9, 60)
    a, b, c, e = (
        nonzero(rng, bound),
        rng.randint(-bound, bound),
        nonzero(rng, bound),
        rng.randint(-bound, bound),
    )
    if a == c:
        c += 1
    equation = sympy.Eq(a * x + b, c * x + e)
    (root,) = sympy.solve(equation, x)
    question = f"Solve for $x$: ${sympy.latex(a * x + b)} = {sympy.latex(c * x + e)}$."
    return Problem(question, tex(root), kind="linear")


def quadratic(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 6, 25)
    lead = 1 if d < 3 else nonzero(rng, 3)
    r1, r2 = rng.randint(-bound, bound), rng.randint(-bound, bound)
    while r2 == r1:
        r2 = rng.randint(-bound, bound)
    if d >= 4:  # rational roots
        r1 = sympy.Rational(r1, rng.randint(1, 4))
    poly = sympy.expand(lead * (x - r1) * (x - r2))
    roots = sorted(sympy.solve(poly, x))
    question = (
        f"Find all real solutions of ${sympy.latex(poly)} = 0$. List them separated by commas, in any order."
    )
    return Problem(question, ", ".join(tex(r) for r in roots), {"unordered": True}, kind="quadratic")


def system(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 5, 20)
    names = [x, y] if d < 4 else [x, y, z]
    while True:
        coeffs = sympy.Matrix([[rng.randint(-bound, bound) for _ in names] for _ in names])
        if coeffs.det() != 0:
            break
    solution = [rng.randint(-bound, bound) for _ in names]
    rhs = coeffs * sympy.Matrix(solution)
    lines = [
        sympy.latex(sympy.Eq(sum(c * v for c, v in zip(row, names, strict=True)), r))
        for row, r in zip(coeffs.tolist(), rhs, strict=True)
    ]
    tuple_names = ", ".join(str(v) for v in names)
    question = (
        "Solve the system\n$$" + " \\\\ ".join(lines) + "$$\n"
        f"Give the solution as an ordered tuple $({tuple_names})$."
    )
    return Problem(question, "(" + ", ".join(tex(v) for v in solution) + ")", kind="system")


GENERATORS: list[Generator] = [linear, quadratic, system]
