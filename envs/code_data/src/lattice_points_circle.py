TITLE = "Lattice Points in a Disc"
DIFFICULTY = "medium"
TAGS = ["geometry", "math"]
KIND = "call"
FN_NAME = "lattice_points"
STATEMENT = """
Write a Python function

```python
def lattice_points(r: int) -> int
```

that returns the number of integer points `(x, y)` with `x*x + y*y <= r*r`. `0 <= r <= 10^5`. Use exact integer
arithmetic (floating-point square roots go wrong for large `r`).
"""
EXAMPLES = [([1], 5), ([2], 13)]
REFERENCE = r"""
from math import isqrt

def lattice_points(r: int) -> int:
    return sum(2 * isqrt(r * r - x * x) + 1 for x in range(-r, r + 1))
"""
ORACLE = r"""
def lattice_points(r):
    # Walk the boundary of the first quadrant: y shrinks as x grows.
    quarter = 0
    y = r
    for x in range(1, r + 1):
        while x * x + y * y > r * r:
            y -= 1
        quarter += y
    # 4 open quadrants of points with x, y >= 1, the 4 half-axes, and the origin.
    return 4 * quarter + 4 * r + 1
"""
MUTANTS = [("2 * isqrt(r * r - x * x) + 1", "2 * isqrt(r * r - x * x)"), ("range(-r, r + 1)", "range(-r, r)")]


def inputs() -> list[list[int]]:
    return [[0], [3], [5], [10], [25], [1000], [99991], [100000], [7], [65]]
