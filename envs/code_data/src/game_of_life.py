import random

TITLE = "Life on a Small Board"
DIFFICULTY = "medium"
TAGS = ["simulation", "grid"]
KIND = "stdio"
STATEMENT = """
Run Conway's Game of Life on an `h x w` board for `k` generations. Cells outside the board are always dead.
In each generation every cell looks at its 8 neighbours: a live cell with 2 or 3 live neighbours stays alive,
a dead cell with exactly 3 live neighbours becomes alive, and every other cell is dead in the next
generation. All cells update at once.

**Input:** the first line holds `h w k` (1 <= h, w <= 30, 0 <= k <= 50). Each of the next `h` lines holds `w`
characters: `#` (alive) or `.` (dead).

**Output:** the board after `k` generations, in the same format (`h` lines of `w` characters).
"""
EXAMPLES = [("3 3 1\n...\n###\n...\n", ".#.\n.#.\n.#.\n")]
REFERENCE = r"""
h, w, k = map(int, input().split())
board = [[ch == "#" for ch in input().strip()] for _ in range(h)]
for _ in range(k):
    nxt = [[False] * w for _ in range(h)]
    for r in range(h):
        for c in range(w):
            alive = 0
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if (dr or dc) and 0 <= r + dr < h and 0 <= c + dc < w and board[r + dr][c + dc]:
                        alive += 1
            nxt[r][c] = alive == 3 or (board[r][c] and alive == 2)
    board = nxt
print("\n".join("".join("#" if cell else "." for cell in row) for row in board))
"""
ORACLE = r"""
from collections import Counter

h, w, k = map(int, input().split())
rows = [input().strip() for _ in range(h)]
live = {(r, c) for r in range(h) for c in range(w) if rows[r][c] == "#"}
for _ in range(k):
    counts = Counter((r + dr, c + dc) for r, c in live for dr in (-1, 0, 1) for dc in (-1, 0, 1) if dr or dc)
    live = {p for p, n in counts.items() if 0 <= p[0] < h and 0 <= p[1] < w and (n == 3 or (n == 2 and p in live))}
for r in range(h):
    print("".join("#" if (r, c) in live else "." for c in range(w)))
"""
MUTANTS = [
    ("nxt[r][c] = alive == 3 or (board[r][c] and alive == 2)", "nxt[r][c] = alive == 3 or alive == 2"),
    ("for dr in (-1, 0, 1):", "for dr in (0, 1):"),
]


def inputs() -> list[str]:
    rng = random.Random(181)

    def board(h: int, w: int, k: int, p: float) -> str:
        return (
            f"{h} {w} {k}\n"
            + "\n".join("".join("#" if rng.random() < p else "." for _ in range(w)) for _ in range(h))
            + "\n"
        )

    glider = ["." * 12 for _ in range(12)]
    glider[0] = ".#" + "." * 10
    glider[1] = "..#" + "." * 9
    glider[2] = "###" + "." * 9
    return [
        "1 1 0\n#\n",
        "1 1 1\n#\n",
        "2 2 5\n##\n##\n",
        "3 3 2\n.#.\n.#.\n.#.\n",
        "12 12 30\n" + "\n".join(glider) + "\n",
        board(30, 30, 25, 0.35),
        board(20, 33, 7, 0.5),
        board(1, 30, 3, 0.8),
        "4 5 0\n#.#.#\n.....\n##...\n....#\n",
    ]
