"""Math scoring works under whichever antlr runtime is installed: 4.13.2 in .venv, 4.9.3 beside verl.

`make test` runs this (and the math suite) in both venvs. The verl venv must hold 4.9.3, because
verl's hydra/omegaconf cannot read 4.13 grammars; there verl itself must import as well.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util

import pytest

from verifiers import verify

SUPPORTED = ("4.9.3", "4.11", "4.13.2")


def test_installed_antlr_is_one_latex2sympy_ships_a_parser_for() -> None:
    version = importlib.metadata.version("antlr4-python3-runtime")
    assert version.startswith(SUPPORTED), version
    if importlib.util.find_spec("verl") is not None:
        assert version.startswith("4.9.3"), "the [verl] extra must resolve antlr 4.9.3 (hydra/omegaconf)"
        import omegaconf  # noqa: F401  (fails to import with a 4.13 runtime)


def test_latex_answers_go_through_the_antlr_parser() -> None:
    from latex2sympy2_extended.latex2sympy2 import latex2sympy

    assert str(latex2sympy(r"\frac{1}{2}+x")) == "x + 1/2"
    assert verify("math", r"So the answer is $\boxed{\frac{2}{4}}$.", "0.5").reward == 1.0
    assert verify("math", r"So the answer is $\boxed{\sqrt{2}}$.", r"2^{1/2}").reward == 1.0
    assert verify("math", r"So the answer is $\boxed{\frac{1}{3}}$.", "0.5").reward == 0.0


@pytest.mark.parametrize(
    ("answer", "gold", "reward"),
    [("50\\%", "0.5", 1.0), ("25\\%", "\\frac{1}{4}", 1.0), ("30\\%", "0.5", 0.0)],
)
def test_percent_answers_parse_under_every_antlr(answer: str, gold: str, reward: float) -> None:
    # latex2sympy's 4.9.3 parser lacks FUNC_GAMMA; without verifiers.math.antlr_compat every \% failed there.
    assert verify("math", f"The answer is $\\boxed{{{answer}}}$.", gold).reward == reward


@pytest.mark.skipif(importlib.util.find_spec("verl") is None, reason="needs verl 0.9 (.venv-verl)")
def test_verl_and_math_verify_import_together() -> None:
    import math_verify
    import verl

    assert verl.__version__.startswith("0.9")
    assert math_verify.verify(math_verify.parse(r"$\frac{1}{2}$"), math_verify.parse("$0.5$"))
