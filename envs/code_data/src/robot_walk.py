import random

TITLE = "Robot on a Plane"
DIFFICULTY = "easy"
TAGS = ["simulation", "strings"]
KIND = "stdio"
STATEMENT = """
A robot starts at `(0, 0)` and follows a string of commands: `U` adds 1 to `y`, `D` subtracts 1 from `y`,
`R` adds 1 to `x`, `L` subtracts 1 from `x`; any other character is ignored.

**Input:** one line of at most 10^5 characters (it may be empty).

**Output:** three integers on one line: the final `x`, the final `y`, and the largest Manhattan distance
`|x| + |y|` from the origin reached at any moment (including the start).
"""
EXAMPLES = [("UURDDDLL?\n", "-1 -1 3\n")]
REFERENCE = r"""
import sys

moves = {"U": (0, 1), "D": (0, -1), "R": (1, 0), "L": (-1, 0)}
x = y = far = 0
for ch in sys.stdin.readline().rstrip("\n"):
    if ch in moves:
        dx, dy = moves[ch]
        x += dx
        y += dy
        far = max(far, abs(x) + abs(y))
print(x, y, far)
"""
ORACLE = r"""
import sys

line = sys.stdin.read().split("\n")[0]
xs = [0]
ys = [0]
for ch in line:
    xs.append(xs[-1] + (ch == "R") - (ch == "L"))
    ys.append(ys[-1] + (ch == "U") - (ch == "D"))
print(xs[-1], ys[-1], max(abs(a) + abs(b) for a, b in zip(xs, ys)))
"""
MUTANTS = [("far = max(far, abs(x) + abs(y))", "far = max(far, abs(x + y))"), ('"L": (-1, 0)', '"L": (1, 0)')]


def inputs() -> list[str]:
    rng = random.Random(179)
    return [
        "\n",
        "U\n",
        "L\n",
        "xyz\n",
        "UDUDUDLRLR\n",
        "RRRRLLLLLLLL\n",
        "".join(rng.choice("UDLR") for _ in range(20000)) + "\n",
        "R" * 10000 + "U" * 10000 + "\n",
        "".join(rng.choice("UUDLRx ") for _ in range(500)) + "\n",
    ]
