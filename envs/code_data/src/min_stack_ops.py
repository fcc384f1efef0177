import random

TITLE = "Stack With Minimum"
DIFFICULTY = "medium"
TAGS = ["data structures", "stack"]
KIND = "stdio"
STATEMENT = """
Process operations on a stack of integers:

- `push x`: push `x` (|x| <= 10^9);
- `pop`: remove the top value (ignored when the stack is empty);
- `min`: print the smallest value currently in the stack, or `EMPTY`.

**Input:** the first line holds `q` (1 <= q <= 10^5); each of the next `q` lines holds one operation.

**Output:** one line for every `min` operation.
"""
EXAMPLES = [("6\npush 3\npush 1\nmin\npop\nmin\npop\n", "1\n3\n")]
REFERENCE = r"""
import sys

lines = sys.stdin.read().split("\n")
mins = []
out = []
for line in lines[1:int(lines[0]) + 1]:
    if line.startswith("push"):
        x = int(line.split()[1])
        mins.append(x if not mins or x < mins[-1] else mins[-1])
    elif line.startswith("pop"):
        if mins:
            mins.pop()
    else:
        out.append(str(mins[-1]) if mins else "EMPTY")
print("\n".join(out))
"""
ORACLE = r"""
from collections import Counter

q = int(input())
stack = []
counts = Counter()
for _ in range(q):
    parts = input().split()
    if parts[0] == "push":
        stack.append(int(parts[1]))
        counts[stack[-1]] += 1
    elif parts[0] == "pop":
        if stack:
            counts[stack[-1]] -= 1
            if counts[stack[-1]] == 0:
                del counts[stack[-1]]
            stack.pop()
    else:
        print(min(counts) if counts else "EMPTY")
"""
MUTANTS = [
    ("x < mins[-1]", "x > mins[-1]"),
    ("if mins:\n            mins.pop()", "if len(mins) > 1:\n            mins.pop()"),
]


def inputs() -> list[str]:
    rng = random.Random(199)

    def ops(k: int, vmax: int) -> str:
        out = []
        for _ in range(k):
            r = rng.random()
            out.append(f"push {rng.randint(-vmax, vmax)}" if r < 0.45 else "pop" if r < 0.75 else "min")
        return f"{k}\n" + "\n".join(out) + "\n"

    return [
        "1\nmin\n",
        "1\npop\n",
        "3\npush 5\npop\nmin\n",
        "4\npush 2\npush 2\npop\nmin\n",
        "5\npop\npop\npush -1000000000\nmin\nmin\n",
        ops(5000, 10**9),
        ops(2000, 5),
        "20000\n" + "push 1\n" * 10000 + "min\n" * 10000,
        ops(60, 100),
    ]
