import random

TITLE = "Binomial Coefficients Modulo a Prime"
DIFFICULTY = "medium"
TAGS = ["combinatorics", "math", "number theory"]
KIND = "stdio"
STATEMENT = """
Answer queries `C(n, k) mod 1000000007`, the number of ways to choose `k` items out of `n`
(`C(n, k) = 0` when `k > n`).

**Input:** the first line holds `q` (1 <= q <= 10^4); each of the next `q` lines holds `n k`
(0 <= n, k <= 10^5).

**Output:** `q` lines, `C(n, k) mod 1000000007` for each query.
"""
EXAMPLES = [("3\n5 2\n10 0\n3 4\n", "10\n1\n0\n")]
REFERENCE = r"""
import sys

MOD = 10**9 + 7
data = sys.stdin.buffer.read().split()
q = int(data[0])
pairs = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
top = max(n for n, _ in pairs)
fact = [1] * (top + 1)
for i in range(1, top + 1):
    fact[i] = fact[i - 1] * i % MOD
inv = [1] * (top + 1)
inv[top] = pow(fact[top], MOD - 2, MOD)
for i in range(top, 0, -1):
    inv[i - 1] = inv[i] * i % MOD
out = []
for n, k in pairs:
    out.append(0 if k > n else fact[n] * inv[k] % MOD * inv[n - k] % MOD)
print("\n".join(map(str, out)))
"""
ORACLE = r"""
from math import comb

for _ in range(int(input())):
    n, k = map(int, input().split())
    print(comb(n, k) % (10**9 + 7))
"""
MUTANTS = [
    ("inv[i - 1] = inv[i] * i % MOD", "inv[i - 1] = inv[i] * (i - 1) % MOD"),
    ("0 if k > n else", "1 if k > n else"),
]


def inputs() -> list[str]:
    rng = random.Random(229)
    qs = [f"{n} {rng.randint(0, n + 2)}" for n in (rng.randint(0, 2000) for _ in range(300))]
    return [
        "1\n0 0\n",
        "1\n0 1\n",
        "1\n1 1\n",
        "2\n100000 50000\n100000 1\n",
        "1\n100000 100000\n",
        "300\n" + "\n".join(qs) + "\n",
        "3\n30 15\n31 15\n60 30\n",
        "2\n7 8\n99999 100000\n",
        "1\n2000 1000\n",
    ]
