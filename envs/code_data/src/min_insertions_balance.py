import random

TITLE = "Fix the Parentheses"
DIFFICULTY = "medium"
TAGS = ["strings", "greedy", "stack"]
KIND = "stdio"
STATEMENT = """
A string of `(` and `)` is balanced when every prefix has at least as many `(` as `)` and the whole string
has equally many of each. Find the minimum number of parentheses that must be inserted (anywhere) to
make the given string balanced.

**Input:** the first line holds `t` (1 <= t <= 100), the number of strings. Each of the next `t` lines holds
one string of 0 to 10^4 characters `(` and `)` (a line may be empty).

**Output:** for each string, the minimum number of insertions on its own line.
"""
EXAMPLES = [("3\n())\n(((\n()\n", "1\n3\n0\n")]
REFERENCE = r"""
import sys

lines = sys.stdin.read().split("\n")
t = int(lines[0])
out = []
for k in range(1, t + 1):
    open_count = inserted = 0
    for ch in lines[k].strip():
        if ch == "(":
            open_count += 1
        elif open_count:
            open_count -= 1
        else:
            inserted += 1
    out.append(str(inserted + open_count))
print("\n".join(out))
"""
ORACLE = r"""
import sys

lines = sys.stdin.read().split("\n")
t = int(lines[0])
for k in range(1, t + 1):
    s = lines[k].strip()
    # The answer is (deficit of the worst prefix) + (what stays open at the end after fixing it).
    depth = lowest = 0
    for ch in s:
        depth += 1 if ch == "(" else -1
        lowest = min(lowest, depth)
    print(-lowest + (depth - lowest))
"""
MUTANTS = [("str(inserted + open_count)", "str(inserted)"), ("elif open_count:", "elif open_count > 1:")]


def inputs() -> list[str]:
    rng = random.Random(8)
    many = ["".join(rng.choice("()") for _ in range(rng.randint(0, 40))) for _ in range(100)]
    return [
        "1\n\n",
        "1\n(\n",
        "1\n)\n",
        "2\n)(\n()()\n",
        "1\n" + ")" * 10000 + "\n",
        "1\n" + "(" * 5000 + ")" * 4000 + "\n",
        "100\n" + "\n".join(many) + "\n",
        "3\n))((\n(()))(\n((()))\n",
        "1\n" + "".join(rng.choice("()") for _ in range(10000)) + "\n",
    ]
