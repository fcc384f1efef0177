"""The pass@k estimator against brute-force enumeration, the ks it accepts, and the regime rules."""

from __future__ import annotations

import itertools
import math

import pytest

from trainer_adapter.eval import EvalResult, TaskScore, classify, default_ks, mean_pass_at_k, pass_at_k
from trainer_adapter.eval.compare import boundary_k


def brute_force(n: int, c: int, k: int) -> float:
    """The fraction of all k-subsets of n samples (the first c correct) holding a correct one."""
    subsets = list(itertools.combinations(range(n), k))
    return sum(any(i < c for i in subset) for subset in subsets) / len(subsets)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 10])
def test_matches_enumeration_over_all_k_subsets(n: int) -> None:
    for c in range(n + 1):  # includes c = 0 and c = n
        for k in range(1, n + 1):
            assert pass_at_k(n, c, k) == pytest.approx(brute_force(n, c, k), abs=1e-12), (n, c, k)


def test_edges_are_exact() -> None:
    assert pass_at_k(16, 0, 1) == 0.0 and pass_at_k(16, 0, 16) == 0.0
    assert pass_at_k(16, 16, 1) == 1.0 and pass_at_k(16, 16, 16) == 1.0
    assert pass_at_k(16, 1, 16) == 1.0  # any correct sample is in the only 16-subset
    assert pass_at_k(16, 4, 1) == pytest.approx(0.25)


def test_stable_at_the_papers_scale() -> None:
    """n = 256 overflows naive binomials in floats; the product form agrees with exact integers."""
    for c, k in [(1, 128), (3, 128), (40, 64), (200, 2)]:
        exact = 1 - math.comb(256 - c, k) / math.comb(256, k)
        assert pass_at_k(256, c, k) == pytest.approx(exact, rel=1e-12)
    assert pass_at_k(256, 1, 128) == pytest.approx(0.5)


def test_k_above_n_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"pass@5 needs at least 5 samples.*n=4"):
        pass_at_k(4, 1, 5)
    with pytest.raises(ValueError, match="k must be >= 1"):
        pass_at_k(4, 1, 0)
    with pytest.raises(ValueError, match="c=5"):
        pass_at_k(4, 5, 1)


def test_result_rejects_k_above_its_fewest_samples() -> None:
    tasks = [
        TaskScore("a", "gcd", "logic", "logic", 8, 2, 2.0),
        TaskScore("b", "gcd", "logic", "logic", 4, 0, 0.0),
    ]
    with pytest.raises(ValueError, match=r"pass@8 .* fewest any task has is 4"):
        EvalResult("m", [1, 8], tasks)
    assert EvalResult("m", [4, 1, 2, 2], tasks).ks == [1, 2, 4]


def test_mean_over_tasks() -> None:
    assert mean_pass_at_k([(4, 0), (4, 4), (4, 2)], 1) == pytest.approx(0.5)
    assert mean_pass_at_k([(4, 0), (4, 4), (4, 2)], 4) == pytest.approx(2 / 3)
    with pytest.raises(ValueError, match="zero tasks"):
        mean_pass_at_k([], 1)


def test_default_ks() -> None:
    assert default_ks(1) == [1]
    assert default_ks(16) == [1, 2, 4, 8, 16]
    assert default_ks(256)[-2:] == [128, 256]
    assert default_ks(12) == [1, 2, 4, 8, 12]


def test_boundary_k_is_the_papers_pass_at_128_of_256() -> None:
    assert boundary_k(default_ks(256), 256) == 128
    assert boundary_k([1, 2, 4], 4) == 2
    assert boundary_k([4], 4) == 4


@pytest.mark.parametrize(
    ("d1", "dk", "late", "regime"),
    [
        (0.20, 0.00, None, "diminish"),
        (0.20, -0.10, None, "diminish"),
        (0.20, 0.15, None, "sustained"),
        (0.20, 0.15, 0.10, "sustained"),
        (0.20, 0.15, 0.00, "plateau"),
        (0.00, 0.15, None, "broaden"),
        (0.01, -0.01, None, "unchanged"),
        (-0.10, 0.30, None, "regress"),
        (0.00, -0.10, None, "regress"),
    ],
)
def test_regimes(d1: float, dk: float, late: float | None, regime: str) -> None:
    assert classify(d1, dk, eps=0.02, dk_late=late) == regime
