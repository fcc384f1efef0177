"""Mend latex2sympy2_extended's parser for antlr 4.9.3 (the runtime verl's hydra/omegaconf need).

Its generated 4.9.3 parser predates the `\\Gamma` token, yet the converter asks every atom for
`FUNC_GAMMA()`; the AttributeError turns each `\\%` answer into a parse failure, so `50\\%` stops
equalling 0.5. The 4.13.2 parser has the token. We give the old parser's atoms a `FUNC_GAMMA` that
answers "no such token" (what the newer parser returns for atoms without it). Applied once at import,
only when the 4.9 runtime is the one installed (importing the 4.9 parser under 4.13 would fail).
"""

from __future__ import annotations

from importlib import metadata


def mend_antlr_4_9() -> bool:
    """Patch the 4.9.3 parser if it is the active one; True when a patch was applied."""
    try:
        runtime = metadata.version("antlr4-python3-runtime")
    except metadata.PackageNotFoundError:
        return False
    if not runtime.startswith("4.9"):
        return False
    try:
        from latex2sympy2_extended.gen.antlr4_9_3.PSParser import PSParser
    except ImportError:
        return False
    atom = PSParser.AtomContext
    if hasattr(atom, "FUNC_GAMMA"):
        return False
    atom.FUNC_GAMMA = lambda self: None  # type: ignore[attr-defined]
    return True
