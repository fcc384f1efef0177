import random

TITLE = "Sort by Frequency"
DIFFICULTY = "easy"
TAGS = ["sorting", "counting", "hashing"]
KIND = "stdio"
STATEMENT = """
Reorder a list of integers so that values occurring more often come first; values occurring equally often
are ordered from smallest to largest. Equal values stay together.

**Input:** the first line holds `n` (1 <= n <= 10^5); the second holds `n` integers (-10^9 <= a_i <= 10^9).

**Output:** the reordered `n` integers on one line, separated by spaces.
"""
EXAMPLES = [("7\n4 6 2 6 4 4 2\n", "4 4 4 2 2 6 6\n")]
REFERENCE = r"""
from collections import Counter

input()
nums = list(map(int, input().split()))
count = Counter(nums)
print(" ".join(map(str, sorted(nums, key=lambda x: (-count[x], x)))))
"""
ORACLE = r"""
input()
nums = list(map(int, input().split()))
groups = {}
for x in nums:
    groups.setdefault(x, []).append(x)
order = sorted(groups.values(), key=lambda g: g[0])
order.sort(key=len, reverse=True)
print(" ".join(str(x) for g in order for x in g))
"""
MUTANTS = [("(-count[x], x)", "(-count[x], -x)"), ("(-count[x], x)", "(count[x], x)")]


def inputs() -> list[str]:
    rng = random.Random(167)
    return [
        "1\n5\n",
        "2\n3 -3\n",
        "3\n1 1 1\n",
        "5\n-1 -2 -2 -1 -3\n",
        "4\n1000000000 -1000000000 1000000000 -1000000000\n",
        "10000\n" + " ".join(str(rng.randint(-50, 50)) for _ in range(10000)) + "\n",
        "1000\n" + " ".join(str(rng.randint(-(10**9), 10**9)) for _ in range(1000)) + "\n",
        "6\n3 3 2 2 1 1\n",
        "9\n5 4 5 4 5 4 3 3 3\n",
    ]
