"""The generator families of env `math`, by name; each module lists its generators in GENERATORS."""

from __future__ import annotations

import importlib

from envs.math.config import FAMILY_NAMES
from envs.math.problem import Generator

FAMILIES: dict[str, list[Generator]] = {
    name: importlib.import_module(f"envs.math.families.{name}").GENERATORS for name in FAMILY_NAMES
}
