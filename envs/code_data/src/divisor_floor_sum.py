import random

TITLE = "Sum of Floor Quotients"
DIFFICULTY = "medium"
TAGS = ["math", "number theory"]
KIND = "stdio"
STATEMENT = """
For each query `n`, compute `S(n) = floor(n/1) + floor(n/2) + ... + floor(n/n)` (equivalently, the total number
of divisors of all integers from 1 to `n`).

**Input:** the first line holds `q` (1 <= q <= 10); each of the next `q` lines holds one integer `n`
(1 <= n <= 10^10).

**Output:** `q` lines, `S(n)` for each query. A loop over all `i` up to `n` is far too slow for the limits.
"""
EXAMPLES = [("3\n1\n5\n10\n", "1\n10\n27\n")]
REFERENCE = r"""
import sys

def floor_sum(n):
    total = 0
    i = 1
    while i <= n:
        q = n // i
        j = n // q
        total += q * (j - i + 1)
        i = j + 1
    return total

data = sys.stdin.read().split()
print("\n".join(str(floor_sum(int(x))) for x in data[1:int(data[0]) + 1]))
"""
ORACLE = r"""
from math import isqrt

# Dirichlet hyperbola: count pairs (a, b) with a * b <= n.
for _ in range(int(input())):
    n = int(input())
    r = isqrt(n)
    print(2 * sum(n // a for a in range(1, r + 1)) - r * r)
"""
MUTANTS = [("total += q * (j - i + 1)", "total += q * (j - i)"), ("while i <= n:", "while i < n:")]


def inputs() -> list[str]:
    rng = random.Random(29)
    return [
        "1\n2\n",
        "1\n3\n",
        "1\n10000000000\n",
        "2\n9999999999\n4\n",
        "3\n100\n101\n102\n",
        "4\n" + "\n".join(str(rng.randint(1, 10**10)) for _ in range(4)) + "\n",
        "1\n9999800001\n",
        "1\n16\n",
        "1\n1\n",
    ]
