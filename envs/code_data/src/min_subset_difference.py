import random

TITLE = "Fair Split"
DIFFICULTY = "hard"
TAGS = ["dynamic programming", "bitmask"]
KIND = "stdio"
STATEMENT = """
Split `n` weights into two groups (either may be empty) so that the difference between the group totals is
as small as possible, and print that difference.

**Input:** the first line holds `n` (1 <= n <= 60); the second holds `n` integers `a_i` (1 <= a_i <= 500).

**Output:** the minimum possible absolute difference of the two totals. Trying all `2^n` splits is too slow.
"""
EXAMPLES = [("4\n1 6 11 5\n", "1\n")]
REFERENCE = r"""
n = int(input())
nums = list(map(int, input().split()))
total = sum(nums)
reachable = 1
for x in nums:
    reachable |= reachable << x
best = total
for s in range(total // 2, -1, -1):
    if reachable >> s & 1:
        best = total - 2 * s
        break
print(best)
"""
ORACLE = r"""
n = int(input())
nums = list(map(int, input().split()))
sums = {0}
for x in nums:
    sums |= {s + x for s in sums}
total = sum(nums)
print(min(abs(total - 2 * s) for s in sums))
"""
MUTANTS = [
    ("range(total // 2, -1, -1)", "range(total // 2 - 1, -1, -1)"),
    ("reachable |= reachable << x", "reachable |= 1 << x"),
]


def inputs() -> list[str]:
    rng = random.Random(83)

    def case(n: int, hi: int) -> str:
        return f"{n}\n" + " ".join(str(rng.randint(1, hi)) for _ in range(n)) + "\n"

    return [
        "1\n7\n",
        "2\n5 5\n",
        "2\n1 500\n",
        "3\n3 1 1\n",
        "5\n2 2 2 2 2\n",
        case(60, 500),
        "60\n" + " ".join(["500"] * 59 + ["1"]) + "\n",
        "60\n" + " ".join(str(2 * rng.randint(1, 250)) for _ in range(59)) + " 1\n",
        case(10, 100),
    ]
