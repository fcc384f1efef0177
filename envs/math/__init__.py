"""Math environments: `math` (procedural families, or the user's data) and one env per family.

Registration only: the generators (sympy) load when `make` first builds a math env.
"""

from __future__ import annotations

from envs.math.config import FAMILY_NAMES
from envs.registry import register

register(
    "math",
    "envs.math.procedural:MathEnv",
    config="envs.math.config:MathConfig",
    data=("envs.math.dataset:MathDatasetEnv", "envs.math.config:MathDataConfig"),
    domain="math",
    verifier="math",
    description="procedural math across 8 families (exact sympy answers), or data_files=... / dataset=... "
    "(DeepScaleR/MATH/GSM8K/AIME files or hub ids)",
)
for _family in FAMILY_NAMES:
    register(
        f"math_{_family}",
        "envs.math.procedural:MathEnv",
        config="envs.math.config:MathConfig",
        domain="math",
        verifier="math",
        description=f"procedural math, {_family.replace('_', ' ')} family",
        env_name=f"math_{_family}",
        families=[_family],
    )
