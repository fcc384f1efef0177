"""The unbiased pass@k estimator (Chen et al. 2021), as the ProRL paper uses it for its boundary plots.

With n samples of which c are correct, pass@k = 1 - C(n-c, k) / C(n, k): the chance that a random
k-subset of the n samples holds at least one correct one. The binomials overflow floats long before
n = 256, so it is computed as the product 1 - prod_{i=n-c+1}^{n} (1 - k/i).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


class EvalInputError(ValueError):
    """Bad input to an evaluation (a k above n, a malformed completions line): the message says what to fix."""


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k for one task from `n` samples with `c` correct; k > n is an error, not a guess."""
    if n < 1:
        raise EvalInputError(f"pass@k needs at least one sample per task, got n={n}")
    if not 0 <= c <= n:
        raise EvalInputError(f"correct count c={c} must lie in [0, n={n}]")
    if k < 1:
        raise EvalInputError(f"k must be >= 1, got k={k}")
    if k > n:
        raise EvalInputError(
            f"pass@{k} needs at least {k} samples per task, but this task has n={n}; "
            f"sample more (-n {k}) or use k <= {n}"
        )
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def mean_pass_at_k(counts: Iterable[tuple[int, int]], k: int) -> float:
    """pass@k averaged over tasks, each given as (n samples, c correct)."""
    values = [pass_at_k(n, c, k) for n, c in counts]
    if not values:
        raise EvalInputError("pass@k over zero tasks is undefined; give at least one task")
    return math.fsum(values) / len(values)


def default_ks(n: int) -> list[int]:
    """k = 1, 2, 4, ... up to n, and n itself when it is not a power of two (the paper: 1..256)."""
    if n < 1:
        raise EvalInputError(f"n must be >= 1, got {n}")
    ks = [1 << i for i in range(n.bit_length()) if 1 << i <= n]
    if ks[-1] != n:
        ks.append(n)
    return ks


def check_ks(ks: Sequence[int], n: int) -> list[int]:
    """Sorted unique ks, each in [1, n]; a clear error naming the first one out of range."""
    if not ks:
        raise EvalInputError("give at least one k")
    for k in ks:
        if not isinstance(k, int) or isinstance(k, bool) or k < 1:
            raise EvalInputError(f"k must be a positive integer, got {k!r}")
        if k > n:
            raise EvalInputError(
                f"pass@{k} needs at least {k} samples per task, but the fewest any task has is {n}; "
                f"raise -n to {k} or drop k={k}"
            )
    return sorted({int(k) for k in ks})


__all__ = ["check_ks", "default_ks", "mean_pass_at_k", "pass_at_k"]
