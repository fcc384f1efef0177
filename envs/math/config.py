"""Config models of the math envs (light: the registry reads them without loading the generators)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from envs.datafiles import DataConfig

# The generator families, by name; each is the module envs/math/families/<name>.py.
FAMILY_NAMES = (
    "arithmetic",
    "equations",
    "polynomials",
    "calculus",
    "number_theory",
    "combinatorics",
    "sequences",
    "geometry",
)


class MathConfig(BaseModel):
    """Config of the procedural math env."""

    model_config = ConfigDict(extra="forbid")

    families: list[str] = Field(default_factory=lambda: list(FAMILY_NAMES))
    difficulty: int | dict[str, int] = 2  # 1 (easy) .. 5 (hard); a dict sets it per family
    verifier_options: dict[str, Any] = Field(default_factory=dict)  # added to every task's options

    @field_validator("families")
    @classmethod
    def _known_families(cls, value: list[str]) -> list[str]:
        unknown = [f for f in value if f not in FAMILY_NAMES]
        if unknown or not value:
            raise ValueError(
                f"families must be a non-empty list from {', '.join(FAMILY_NAMES)}; got {value!r}"
            )
        return value

    @field_validator("difficulty")
    @classmethod
    def _difficulty_range(cls, value: int | dict[str, int]) -> int | dict[str, int]:
        levels = value.values() if isinstance(value, dict) else [value]
        if any(not 1 <= level <= 5 for level in levels):
            raise ValueError(f"difficulty must be 1..5 (or a dict family -> 1..5), got {value!r}")
        if isinstance(value, dict) and (unknown := sorted(set(value) - set(FAMILY_NAMES))):
            raise ValueError(
                f"difficulty names unknown families {unknown}; families: {', '.join(FAMILY_NAMES)}"
            )
        return value


class MathDataConfig(DataConfig):
    """Config of `math` with data: DeepScaleR / MATH / GSM8K / AIME rows from files or the hub."""

    format: str | None = None  # gsm8k | deepscaler | aime | math; detected from the columns when None
    verifier_options: dict[str, Any] = Field(default_factory=dict)
