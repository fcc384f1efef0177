import random

TITLE = "Runner-Up Score"
DIFFICULTY = "easy"
TAGS = ["sorting", "arrays"]
KIND = "stdio"
STATEMENT = """
Print the second largest distinct value among `n` scores.

**Input:** the first line holds `n` (1 <= n <= 10^5); the second holds `n` integers (-10^9 <= a_i <= 10^9).

**Output:** the largest value that is strictly smaller than the maximum, or `NONE` if all scores are equal.
"""
EXAMPLES = [("5\n2 3 6 6 5\n", "5\n"), ("3\n4 4 4\n", "NONE\n")]
REFERENCE = r"""
n = int(input())
nums = list(map(int, input().split()))
top = max(nums)
rest = [x for x in nums if x != top]
print(max(rest) if rest else "NONE")
"""
ORACLE = r"""
input()
values = sorted(set(int(x) for x in input().split()), reverse=True)
print(values[1] if len(values) > 1 else "NONE")
"""
MUTANTS = [
    ("rest = [x for x in nums if x != top]", "rest = sorted(nums)[:-1]"),
    ('if rest else "NONE"', 'if len(rest) > 1 else "NONE"'),
]


def inputs() -> list[str]:
    rng = random.Random(149)
    return [
        "1\n7\n",
        "2\n1 2\n",
        "2\n-5 -5\n",
        "4\n-1000000000 1000000000 -1000000000 1000000000\n",
        "3\n-3 -1 -2\n",
        "10000\n" + " ".join(str(rng.randint(-(10**9), 10**9)) for _ in range(10000)) + "\n",
        "6\n9 9 9 9 9 8\n",
        "5\n0 0 0 0 -1\n",
        "3\n1 3 3\n",
    ]
