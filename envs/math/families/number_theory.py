"""Number theory: gcd / lcm, modular powers and inverses, divisor counts and sums."""

from __future__ import annotations

import random

import sympy

from envs.math.problem import Generator, Problem, scale, tex


def gcd_lcm(rng: random.Random, d: int) -> Problem:
    bound = scale(d, 60, 100_000)
    common = rng.randint(2, max(3, bound // 20))
    a, b = common * rng.randint(2, 30), common * rng.randint(2, 30)
    if rng.random() < 0.5:
        return Problem(f"Find $\\gcd({a}, {b})$.", tex(sympy.gcd(a, b)), kind="gcd")
    return Problem(f"Find the least common multiple of ${a}$ and ${b}$.", tex(sympy.lcm(a, b)), kind="lcm")


def modular_power(rng: random.Random, d: int) -> Problem:
    base = rng.randint(2, scale(d, 9, 500))
    exponent = rng.randint(10, scale(d, 50, 10**9))
    modulus = rng.randint(7, scale(d, 30, 10**6))
    question = f"What is the remainder when ${base}^{{{exponent}}}$ is divided by ${modulus}$?"
    return Problem(question, tex(pow(base, exponent, modulus)), kind="modular_power")


def modular_inverse(rng: random.Random, d: int) -> Problem:
    modulus = sympy.prime(rng.randint(4, scale(d, 15, 2000)))
    a = rng.randint(2, modulus - 1)
    question = (
        f"Find the integer $x$ with $0 \\le x < {modulus}$ such that ${a}x \\equiv 1 \\pmod{{{modulus}}}$."
    )
    return Problem(question, tex(pow(a, -1, modulus)), kind="modular_inverse")


def divisors(rng: random.Random, d: int) -> Problem:
    n = rng.randint(12, scale(d, 200, 10**7))
    if rng.random() < 0.5:
        return Problem(
            f"How many positive divisors does ${n}$ have?", tex(sympy.divisor_count(n)), kind="divisor_count"
        )
    return Problem(
        f"What is the sum of all positive divisors of ${n}$?", tex(sympy.divisor_sigma(n)), kind="divisor_sum"
    )


GENERATORS: list[Generator] = [gcd_lcm, modular_power, modular_inverse, divisors]
