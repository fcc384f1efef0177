import random

TITLE = "Pairs With a Given Sum"
DIFFICULTY = "easy"
TAGS = ["hashing", "counting", "arrays"]
KIND = "stdio"
STATEMENT = """
Count the pairs of positions `i < j` with `a_i + a_j = s`.

**Input:** the first line holds `n s` (1 <= n <= 10^5, |s| <= 2*10^9); the second holds `n` integers
(|a_i| <= 10^9).

**Output:** the number of pairs (it can exceed 2^32).
"""
EXAMPLES = [("5 6\n1 5 7 -1 5\n", "3\n")]
REFERENCE = r"""
from collections import Counter

n, s = map(int, input().split())
seen = Counter()
pairs = 0
for x in map(int, input().split()):
    pairs += seen[s - x]
    seen[x] += 1
print(pairs)
"""
ORACLE = r"""
from collections import Counter

n, s = map(int, input().split())
count = Counter(map(int, input().split()))
total = 0
for x, c in count.items():
    y = s - x
    if x < y:
        total += c * count.get(y, 0)
    elif x == y:
        total += c * (c - 1) // 2
print(total)
"""
MUTANTS = [
    ("pairs += seen[s - x]\n    seen[x] += 1", "seen[x] += 1\n    pairs += seen[s - x]"),
    ("pairs += seen[s - x]", "pairs += min(1, seen[s - x])"),
]


def inputs() -> list[str]:
    rng = random.Random(283)
    return [
        "1 2\n1\n",
        "2 2\n1 1\n",
        "2 0\n-5 5\n",
        "3 10\n1 2 3\n",
        "4 -2000000000\n-1000000000 -1000000000 -1000000000 1\n",
        "20000 0\n" + " ".join(["0"] * 20000) + "\n",
        "20000 7\n" + " ".join(str(rng.randint(-10, 17)) for _ in range(20000)) + "\n",
        "1000 12345\n" + " ".join(str(rng.randint(-(10**9), 10**9)) for _ in range(1000)) + "\n",
        "6 4\n2 2 2 2 1 3\n",
    ]
