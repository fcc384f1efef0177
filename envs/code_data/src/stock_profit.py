import random

TITLE = "One Trade"
DIFFICULTY = "easy"
TAGS = ["arrays", "greedy"]
KIND = "call"
FN_NAME = "max_profit"
STATEMENT = """
Write a Python function

```python
def max_profit(prices: list[int]) -> int
```

`prices[i]` is a stock's price on day `i`. You may buy once and sell once on a later day. Return the
largest possible profit, or 0 if no trade makes money. `0 <= len(prices) <= 10^5`, `0 <= prices[i] <= 10^9`.
"""
EXAMPLES = [([[7, 1, 5, 3, 6, 4]], 5), ([[7, 6, 4, 3, 1]], 0)]
REFERENCE = r"""
def max_profit(prices: list[int]) -> int:
    best = 0
    lowest = None
    for p in prices:
        if lowest is None or p < lowest:
            lowest = p
        else:
            best = max(best, p - lowest)
    return best
"""
ORACLE = r"""
def max_profit(prices):
    best = 0
    n = len(prices)
    # Best sell price after each day, scanned from the right.
    top = -1
    for i in range(n - 1, -1, -1):
        if top >= 0:
            best = max(best, top - prices[i])
        top = max(top, prices[i])
    return best
"""
MUTANTS = [("best = 0", "best = -1"), ("best = max(best, p - lowest)", "best = max(best, p - prices[0])")]


def inputs() -> list[list[list[int]]]:
    rng = random.Random(47)
    return [
        [[]],
        [[5]],
        [[1, 2]],
        [[2, 1]],
        [[3, 3, 3]],
        [[0, 1000000000]],
        [[2, 4, 1, 3]],
        [[5, 9, 1, 6]],
        [[rng.randint(0, 10**9) for _ in range(1000)]],
        [list(range(20000, 0, -1))],
    ]
