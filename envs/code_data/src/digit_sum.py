import random

TITLE = "Digit Sums of Huge Numbers"
DIFFICULTY = "easy"
TAGS = ["math", "strings"]
KIND = "stdio"
STATEMENT = """
For each given non-negative integer, print the sum of its decimal digits.

**Input:** the first line holds `t` (1 <= t <= 1000). Each of the next `t` lines holds one non-negative integer
with 1 to 1000 digits (no sign; it may have leading zeros).

**Output:** `t` lines, the digit sum of each number.
"""
EXAMPLES = [("3\n0\n12345\n999\n", "0\n15\n27\n")]
REFERENCE = r"""
import sys

data = sys.stdin.read().split()
t = int(data[0])
print("\n".join(str(sum(map(int, s))) for s in data[1:t + 1]))
"""
ORACLE = r"""
t = int(input())
for _ in range(t):
    n = int(input())
    total = 0
    while n:
        n, d = divmod(n, 10)
        total += d
    print(total)
"""
MUTANTS = [("data[1:t + 1]", "data[1:t]"), ("sum(map(int, s))", "sum(map(int, s[1:]))")]


def inputs() -> list[str]:
    rng = random.Random(2)
    big = ["".join(rng.choice("0123456789") for _ in range(rng.randint(1, 1000))) for _ in range(200)]
    return [
        "1\n0\n",
        "1\n7\n",
        "1\n" + "9" * 1000 + "\n",
        "2\n000123\n1000000000000000000000\n",
        "200\n" + "\n".join(big) + "\n",
        "4\n10\n19\n28\n37\n",
        "1\n5" + "0" * 999 + "\n",
        "3\n1\n11\n111\n",
    ]
