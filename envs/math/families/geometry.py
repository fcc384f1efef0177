"""Geometry formulas: exact lengths, areas and volumes (radicals and pi kept symbolic)."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, scale, tex


def triangle_area(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 8, 40)
    while True:
        a, b, c = sorted(rng.randint(2, bound) for _ in range(3))
        if a + b > c:
            break
    s = sympy.Rational(a + b + c, 2)
    area = sympy.sqrt(s * (s - a) * (s - b) * (s - c))
    question = f"A triangle has side lengths ${a}$, ${b}$ and ${c}$. Find its exact area."
    return Problem(question, tex(sympy.nsimplify(area)), kind="heron")


def hypotenuse(rng: random.Random, d: int) -> Problem:
    a, b = rng.randint(1, scale(d, 12, 200)), rng.randint(1, scale(d, 12, 200))
    question = f"A right triangle has legs ${a}$ and ${b}$. Find the exact length of its hypotenuse."
    return Problem(question, tex(sympy.sqrt(a * a + b * b)), kind="hypotenuse")


def solid_volume(rng: random.Random, d: int) -> Problem:
    r, h = rng.randint(1, scale(d, 9, 60)), rng.randint(1, scale(d, 9, 60))
    shape = rng.choice(["sphere", "cone", "cylinder"])
    volume = {
        "sphere": sympy.Rational(4, 3) * sympy.pi * r**3,
        "cone": sympy.Rational(1, 3) * sympy.pi * r**2 * h,
        "cylinder": sympy.pi * r**2 * h,
    }[shape]
    sized = (
        f"a sphere of radius ${r}$" if shape == "sphere" else f"a {shape} of radius ${r}$ and height ${h}$"
    )
    return Problem(
        f"Find the exact volume of {sized}, in terms of $\\pi$.", tex(volume), {"exact": True}, kind=shape
    )


def distance(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 9, 99)
    p = [rng.randint(-bound, bound) for _ in range(2 if d < 4 else 3)]
    q = [rng.randint(-bound, bound) for _ in p]
    value = sympy.sqrt(sum((u - v) ** 2 for u, v in zip(p, q, strict=True)))
    fmt = lambda point: "(" + ", ".join(map(str, point)) + ")"  # noqa: E731
    return Problem(f"Find the exact distance between ${fmt(p)}$ and ${fmt(q)}$.", tex(value), kind="distance")


def polygon_angle(rng: random.Random, d: int) -> Problem:
    n = rng.randint(5, scale(d, 12, 360))
    value = sympy.Rational(180 * (n - 2), n)
    question = (
        f"What is the measure, in degrees, of each interior angle of a regular polygon with ${n}$ sides?"
    )
    return Problem(question, tex(value), kind="polygon_angle")


GENERATORS: list[Generator] = [triangle_area, hypotenuse, solid_volume, distance, polygon_angle]
