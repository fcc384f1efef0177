import random

TITLE = "Paths Through a Blocked Grid"
DIFFICULTY = "medium"
TAGS = ["dynamic programming", "grid", "combinatorics"]
KIND = "stdio"
STATEMENT = """
A robot starts in the top-left cell of an `h x w` grid and must reach the bottom-right cell, moving only
right or down and never entering a blocked cell (`#`). Count the possible paths modulo 1000000007.

**Input:** the first line holds `h w` (1 <= h, w <= 200). Each of the next `h` lines holds `w` characters,
`.` (free) or `#` (blocked).

**Output:** the number of paths modulo 1000000007 (0 if the start or the goal is blocked).
"""
EXAMPLES = [("3 3\n...\n.#.\n...\n", "2\n")]
REFERENCE = r"""
MOD = 10**9 + 7
h, w = map(int, input().split())
grid = [input().strip() for _ in range(h)]
ways = [0] * w
ways[0] = 1 if grid[0][0] == "." else 0
for r in range(h):
    for c in range(w):
        if grid[r][c] == "#":
            ways[c] = 0
        elif c > 0:
            ways[c] = (ways[c] + ways[c - 1]) % MOD
print(ways[w - 1])
"""
ORACLE = r"""
MOD = 10**9 + 7
h, w = map(int, input().split())
grid = [input().strip() for _ in range(h)]
# Count paths backwards from the goal, walking anti-diagonals.
count = {}
for s in range(h + w - 2, -1, -1):
    for r in range(max(0, s - w + 1), min(h, s + 1)):
        c = s - r
        if grid[r][c] == "#":
            count[(r, c)] = 0
        elif (r, c) == (h - 1, w - 1):
            count[(r, c)] = 1
        else:
            count[(r, c)] = (count.get((r + 1, c), 0) + count.get((r, c + 1), 0)) % MOD
print(count[(0, 0)])
"""
MUTANTS = [("ways[c] = 0", "ways[c] = ways[c]"), ("(ways[c] + ways[c - 1]) % MOD", "(ways[c] + ways[c - 1])")]


def inputs() -> list[str]:
    rng = random.Random(71)

    def grid(h: int, w: int, p: float) -> str:
        rows = ["".join("#" if rng.random() < p else "." for _ in range(w)) for _ in range(h)]
        rows[0] = "." + rows[0][1:]
        rows[-1] = rows[-1][:-1] + "."
        return f"{h} {w}\n" + "\n".join(rows) + "\n"

    return [
        "1 1\n.\n",
        "1 1\n#\n",
        "2 2\n.#\n#.\n",
        "2 2\n..\n.#\n",
        "1 5\n.....\n",
        "5 1\n.\n.\n#\n.\n.\n",
        "200 200\n" + "\n".join("." * 200 for _ in range(200)) + "\n",
        grid(200, 200, 0.1),
        grid(30, 50, 0.3),
        "3 4\n....\n....\n....\n",
    ]
