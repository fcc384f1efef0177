"""The generator families of env `math`, by name; each module lists its generators in GENERATORS."""

from __future__ import annotations

from envs.math.families import (
    arithmetic,
    calculus,
    combinatorics,
    equations,
    geometry,
    number_theory,
    polynomials,
    sequences,
)
from envs.math.problem import Generator

FAMILIES: dict[str, list[Generator]] = {
    "arithmetic": arithmetic.GENERATORS,
    "equations": equations.GENERATORS,
    "polynomials": polynomials.GENERATORS,
    "calculus": calculus.GENERATORS,
    "number_theory": number_theory.GENERATORS,
    "combinatorics": combinatorics.GENERATORS,
    "sequences": sequences.GENERATORS,
    "geometry": geometry.GENERATORS,
}
