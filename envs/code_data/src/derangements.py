import random

TITLE = "Nobody Gets Their Own Hat"
DIFFICULTY = "medium"
TAGS = ["combinatorics", "dynamic programming", "math"]
KIND = "stdio"
STATEMENT = """
`n` people leave their hats at a party and each takes back a hat so that nobody gets their own. Count the
ways (permutations of `n` items with no fixed point), modulo 1000000007.

**Input:** the first line holds `q` (1 <= q <= 1000); each of the next `q` lines holds one `n`
(0 <= n <= 10^5). With no people there is exactly one way.

**Output:** `q` lines, the count modulo 1000000007 for each `n`.
"""
EXAMPLES = [("4\n1\n2\n3\n4\n", "0\n1\n2\n9\n")]
REFERENCE = r"""
import sys

MOD = 10**9 + 7
data = sys.stdin.read().split()
queries = [int(x) for x in data[1:int(data[0]) + 1]]
top = max(queries)
d = [1, 0] + [0] * max(0, top - 1)
for i in range(2, top + 1):
    d[i] = (i - 1) * (d[i - 1] + d[i - 2]) % MOD
print("\n".join(str(d[n]) for n in queries))
"""
ORACLE = r"""
# Inclusion-exclusion: D(n) = sum_{j=0..n} (-1)^j n! / j!, computed from the top as n!/j! products.
MOD = 10**9 + 7
for _ in range(int(input())):
    n = int(input())
    total = 0
    falling = 1
    for j in range(n, -1, -1):
        total += falling if j % 2 == 0 else -falling
        falling = falling * j % MOD
    print(total % MOD)
"""
MUTANTS = [
    ("d[i] = (i - 1) * (d[i - 1] + d[i - 2]) % MOD", "d[i] = i * (d[i - 1] + d[i - 2]) % MOD"),
    ("d = [1, 0]", "d = [0, 0]"),
]


def inputs() -> list[str]:
    rng = random.Random(239)
    return [
        "1\n0\n",
        "1\n1\n",
        "1\n5\n",
        "1\n100000\n",
        "3\n20\n21\n22\n",
        "20\n" + "\n".join(str(rng.randint(0, 3000)) for _ in range(20)) + "\n",
        "2\n99999\n2\n",
        "1\n13\n",
        "2\n4\n4\n",
    ]
