TITLE = "Climbing Stairs With Step Sizes"
DIFFICULTY = "easy"
TAGS = ["dynamic programming", "combinatorics"]
KIND = "call"
FN_NAME = "count_climbs"
STATEMENT = """
Write a Python function

```python
def count_climbs(n: int, steps: list[int]) -> int
```

that returns the number of ordered sequences of step sizes taken from `steps` (each size usable any number
of times) that add up to exactly `n`, modulo 1000000007. `0 <= n <= 10^4`; `steps` holds 1 to 10 distinct
integers between 1 and 100. For `n = 0` there is exactly one (empty) sequence.
"""
EXAMPLES = [([4, [1, 2]], 5), ([3, [2]], 0)]
REFERENCE = r"""
def count_climbs(n: int, steps: list[int]) -> int:
    mod = 10**9 + 7
    ways = [1] + [0] * n
    for i in range(1, n + 1):
        ways[i] = sum(ways[i - s] for s in steps if s <= i) % mod
    return ways[n]
"""
ORACLE = r"""
def count_climbs(n, steps):
    mod = 10**9 + 7
    # Push counts forward from each reachable height.
    ways = [0] * (n + 1)
    ways[0] = 1
    for i in range(n + 1):
        if ways[i]:
            for s in steps:
                if i + s <= n:
                    ways[i + s] = (ways[i + s] + ways[i]) % mod
    return ways[n]
"""
MUTANTS = [("if s <= i", "if s < i"), ("ways = [1] + [0] * n", "ways = [0] * (n + 1)")]


def inputs() -> list[list[object]]:
    return [
        [0, [1]],
        [1, [1]],
        [1, [2]],
        [10, [1, 2]],
        [10, [3, 5]],
        [100, [1, 2, 3]],
        [10000, [1, 2, 3, 5, 8, 13, 21, 34, 55, 89]],
        [9999, [2, 4, 100]],
        [7, [7]],
        [50, [100, 1]],
    ]
