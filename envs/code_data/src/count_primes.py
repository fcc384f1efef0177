import random

TITLE = "Counting Primes"
DIFFICULTY = "medium"
TAGS = ["math", "number theory", "sieve"]
KIND = "stdio"
STATEMENT = """
Answer queries: how many primes lie in the closed interval `[l, r]`?

**Input:** the first line holds `q` (1 <= q <= 10^4). Each of the next `q` lines holds two integers `l r`
(1 <= l <= r <= 10^5).

**Output:** `q` lines, the number of primes `p` with `l <= p <= r` for each query.
"""
EXAMPLES = [("3\n1 10\n11 19\n1 1\n", "4\n4\n0\n")]
REFERENCE = r"""
import sys

data = sys.stdin.buffer.read().split()
q = int(data[0])
pairs = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
limit = max(r for _, r in pairs)
sieve = bytearray([1]) * (limit + 1)
sieve[0] = 0
if limit >= 1:
    sieve[1] = 0
for p in range(2, int(limit ** 0.5) + 1):
    if sieve[p]:
        sieve[p * p::p] = bytearray(len(range(p * p, limit + 1, p)))
prefix = [0] * (limit + 1)
running = 0
for i in range(limit + 1):
    running += sieve[i]
    prefix[i] = running
print("\n".join(str(prefix[r] - prefix[l - 1]) for l, r in pairs))
"""
ORACLE = r"""
import bisect

q = int(input())
queries = [tuple(map(int, input().split())) for _ in range(q)]
top = max(r for _, r in queries)
# Trial division by the primes found so far.
primes = []
for n in range(2, top + 1):
    for p in primes:
        if p * p > n:
            primes.append(n)
            break
        if n % p == 0:
            break
    else:
        primes.append(n)
for l, r in queries:
    print(bisect.bisect_right(primes, r) - bisect.bisect_left(primes, l))
"""
MUTANTS = [
    ("prefix[r] - prefix[l - 1]", "prefix[r] - prefix[l]"),
    ("int(limit ** 0.5) + 1", "int(limit ** 0.5)"),
]


def inputs() -> list[str]:
    rng = random.Random(13)
    qs = []
    for _ in range(2000):
        a, b = sorted((rng.randint(1, 100000), rng.randint(1, 100000)))
        qs.append(f"{a} {b}")
    return [
        "1\n2 2\n",
        "1\n1 2\n",
        "1\n4 4\n",
        "1\n1 100000\n",
        "2\n24 28\n121 121\n",
        "1\n49 49\n",
        "2000\n" + "\n".join(qs) + "\n",
        "3\n99990 100000\n99991 99991\n2 3\n",
        "1\n1 3\n",
    ]
