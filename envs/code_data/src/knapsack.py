import random

TITLE = "Zero-One Knapsack"
DIFFICULTY = "hard"
TAGS = ["dynamic programming"]
KIND = "stdio"
STATEMENT = """
Choose a subset of `n` items, each usable at most once, with total weight at most `W`, maximising the total
value.

**Input:** the first line holds `n W` (1 <= n <= 60, 0 <= W <= 5000). Each of the next `n` lines holds
`w_i v_i` (1 <= w_i <= 5000, 0 <= v_i <= 10^9).

**Output:** the largest total value. Trying all `2^n` subsets is too slow for the limits.
"""
EXAMPLES = [("3 50\n10 60\n20 100\n30 120\n", "220\n")]
REFERENCE = r"""
import sys

data = sys.stdin.read().split()
n, cap = int(data[0]), int(data[1])
best = [0] * (cap + 1)
for i in range(n):
    w, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    for c in range(cap, w - 1, -1):
        if best[c - w] + v > best[c]:
            best[c] = best[c - w] + v
print(best[cap])
"""
ORACLE = r"""
n, cap = map(int, input().split())
items = [tuple(map(int, input().split())) for _ in range(n)]
# Pareto frontier of (weight, value) pairs: drop any pair beaten by a lighter-or-equal, richer-or-equal one.
frontier = [(0, 0)]
for w, v in items:
    merged = sorted(frontier + [(fw + w, fv + v) for fw, fv in frontier if fw + w <= cap], key=lambda p: (p[0], -p[1]))
    frontier = []
    for fw, fv in merged:
        if not frontier or fv > frontier[-1][1]:
            frontier.append((fw, fv))
print(frontier[-1][1])
"""
MUTANTS = [("range(cap, w - 1, -1)", "range(w, cap + 1)"), ("range(cap, w - 1, -1)", "range(cap, w, -1)")]


def inputs() -> list[str]:
    rng = random.Random(61)

    def case(n: int, cap: int, wmax: int, vmax: int) -> str:
        rows = [f"{rng.randint(1, wmax)} {rng.randint(0, vmax)}" for _ in range(n)]
        return f"{n} {cap}\n" + "\n".join(rows) + "\n"

    return [
        "1 0\n1 5\n",
        "1 5\n5 7\n",
        "1 4\n5 7\n",
        "2 10\n5 10\n5 10\n",
        "3 4\n1 1\n3 4\n4 5\n",
        "3 6\n2 0\n3 0\n1 0\n",
        case(60, 5000, 500, 10**9),
        case(60, 5000, 5000, 100),
        case(30, 2000, 300, 1000),
        "4 5000\n5000 1000000000\n2500 600000000\n2500 600000000\n1 1\n",
    ]
