import random

TITLE = "Count the Islands"
DIFFICULTY = "easy"
TAGS = ["graphs", "dfs", "grid"]
KIND = "stdio"
STATEMENT = """
A map is an `h x w` grid of `#` (land) and `.` (water). Land cells that share a side belong to the same
island. Count the islands.

**Input:** the first line holds `h w` (1 <= h, w <= 200); each of the next `h` lines holds `w` characters.

**Output:** the number of islands.
"""
EXAMPLES = [("3 5\n##..#\n#...#\n..#..\n", "3\n")]
REFERENCE = r"""
h, w = map(int, input().split())
grid = [list(input().strip()) for _ in range(h)]
islands = 0
for r in range(h):
    for c in range(w):
        if grid[r][c] == "#":
            islands += 1
            grid[r][c] = "."
            stack = [(r, c)]
            while stack:
                y, x = stack.pop()
                for ny, nx in ((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1)):
                    if 0 <= ny < h and 0 <= nx < w and grid[ny][nx] == "#":
                        grid[ny][nx] = "."
                        stack.append((ny, nx))
print(islands)
"""
ORACLE = r"""
h, w = map(int, input().split())
grid = [input().strip() for _ in range(h)]
parent = {}

def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x

for r in range(h):
    for c in range(w):
        if grid[r][c] == "#":
            parent[(r, c)] = (r, c)
for (r, c) in list(parent):
    for nb in ((r + 1, c), (r, c + 1)):
        if nb in parent:
            parent[find(nb)] = find((r, c))
print(len({find(p) for p in parent}))
"""
MUTANTS = [
    ("((y + 1, x), (y - 1, x), (y, x + 1), (y, x - 1))", "((y + 1, x), (y, x + 1))"),
    ("0 <= ny < h and 0 <= nx < w", "0 <= ny < h - 1 and 0 <= nx < w"),
]


def inputs() -> list[str]:
    rng = random.Random(101)

    def world(h: int, w: int, p: float) -> str:
        return (
            f"{h} {w}\n"
            + "\n".join("".join("#" if rng.random() < p else "." for _ in range(w)) for _ in range(h))
            + "\n"
        )

    return [
        "1 1\n.\n",
        "1 1\n#\n",
        "2 2\n#.\n.#\n",
        "2 2\n##\n##\n",
        "3 3\n###\n#.#\n###\n",
        "1 7\n#.#.#.#\n",
        world(200, 200, 0.45),
        world(200, 200, 0.6),
        "200 200\n" + "\n".join("#" * 200 for _ in range(200)) + "\n",
        world(10, 40, 0.3),
    ]
