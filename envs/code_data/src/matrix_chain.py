import random

TITLE = "Matrix Chain Order"
DIFFICULTY = "hard"
TAGS = ["dynamic programming", "intervals"]
KIND = "stdio"
STATEMENT = """
Matrices `M_1, ..., M_n` have shapes `d_0 x d_1, d_1 x d_2, ..., d_{n-1} x d_n`. Multiplying a `p x q`
matrix by a `q x r` matrix costs `p*q*r` scalar multiplications. Find the minimum total cost of computing
the product `M_1 M_2 ... M_n` over all ways of placing the parentheses.

**Input:** the first line holds `n` (1 <= n <= 100); the second holds `n + 1` integers `d_0 ... d_n`
(1 <= d_i <= 1000).

**Output:** the minimum cost (0 when `n = 1`). The number of parenthesisations grows exponentially with `n`.
"""
EXAMPLES = [("3\n10 30 5 60\n", "4500\n")]
REFERENCE = r"""
n = int(input())
d = list(map(int, input().split()))
cost = [[0] * n for _ in range(n)]
for length in range(2, n + 1):
    for i in range(n - length + 1):
        j = i + length - 1
        cost[i][j] = min(cost[i][k] + cost[k + 1][j] + d[i] * d[k + 1] * d[j + 1] for k in range(i, j))
print(cost[0][n - 1])
"""
ORACLE = r"""
import sys
from functools import lru_cache

sys.setrecursionlimit(10000)
n = int(input())
d = list(map(int, input().split()))

@lru_cache(maxsize=None)
def best(i, j):
    # Cheapest way to multiply matrices i..j (0-based, inclusive).
    if i == j:
        return 0
    return min(best(i, k) + best(k + 1, j) + d[i] * d[k + 1] * d[j + 1] for k in range(i, j))

print(best(0, n - 1))
"""
MUTANTS = [
    ("d[i] * d[k + 1] * d[j + 1]", "d[i] * d[k] * d[j + 1]"),
    ("for k in range(i, j))", "for k in range(i, max(i + 1, j - 1)))"),
]


def inputs() -> list[str]:
    rng = random.Random(73)

    def case(n: int, hi: int) -> str:
        return f"{n}\n" + " ".join(str(rng.randint(1, hi)) for _ in range(n + 1)) + "\n"

    return [
        "1\n5 7\n",
        "2\n1 1000 1\n",
        "2\n1000 1 1000\n",
        "4\n40 20 30 10 30\n",
        "5\n1 1 1 1 1 1\n",
        case(100, 1000),
        case(100, 3),
        case(12, 50),
        "3\n1000 1000 1000 1000\n",
    ]
