"""Combinatorics and probability: counting selections and arrangements, dice and urn probabilities."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import sympy

from envs.math.problem import Generator, Problem, scale, tex

_WORDS = ["LEVEL", "BANANA", "LETTER", "SUCCESS", "MISSISSIPPI", "COMMITTEE", "STATISTICS", "BOOKKEEPER"]


def choose(rng: random.Random, d: int) -> Problem:
    n = rng.randint(5, scale(d, 10, 60))
    k = rng.randint(2, max(2, min(n - 1, 3 + d * 2)))
    question = f"In how many ways can a committee of ${k}$ people be chosen from ${n}$ people?"
    return Problem(question, tex(sympy.binomial(n, k)), kind="choose")


def arrangements(rng: random.Random, d: int) -> Problem:
    word = rng.choice(_WORDS[: 3 + d])
    count = sympy.factorial(len(word))
    for repeats in Counter(word).values():
        count /= sympy.factorial(repeats)
    question = f"How many distinct arrangements of the letters of the word {word} are there?"
    return Problem(question, tex(count), kind="arrangements")


def dice_sum(rng: random.Random, d: int) -> Problem:
    dice = 2 if d < 3 else 3
    sides = 6 if d < 5 else 8
    target = rng.randint(dice + 1, dice * sides - 1)
    hits = sum(1 for roll in itertools.product(range(1, sides + 1), repeat=dice) if sum(roll) == target)
    value = sympy.Rational(hits, sides**dice)
    question = (
        f"${dice}$ fair ${sides}$-sided dice are rolled. What is the probability that the sum is ${target}$? "
        "Give the answer as a fraction in lowest terms."
    )
    return Problem(question, tex(value), kind="dice")


def urn(rng: random.Random, d: int) -> Problem:
    red, blue = rng.randint(2, scale(d, 6, 20)), rng.randint(2, scale(d, 6, 20))
    draws = 2 if d < 4 else 3
    value = sympy.binomial(red, draws) / sympy.binomial(red + blue, draws)
    question = (
        f"An urn holds ${red}$ red and ${blue}$ blue balls. ${draws}$ balls are drawn without replacement. "
        "What is the probability that all of them are red?"
    )
    return Problem(question, tex(value), kind="urn")


GENERATORS: list[Generator] = [choose, arrangements, dice_sum, urn]
