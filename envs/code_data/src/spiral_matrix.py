import random

TITLE = "Spiral Reading"
DIFFICULTY = "easy"
TAGS = ["simulation", "arrays"]
KIND = "stdio"
STATEMENT = """
Read an `h x w` matrix in clockwise spiral order: along the top row left to right, down the right column,
along the bottom row right to left, up the left column, then the same for the inner matrix, and so on.

**Input:** the first line holds `h w` (1 <= h, w <= 300); each of the next `h` lines holds `w` integers
(|a_ij| <= 10^9).

**Output:** the `h * w` values in spiral order on one line, separated by spaces.
"""
EXAMPLES = [("3 4\n1 2 3 4\n5 6 7 8\n9 10 11 12\n", "1 2 3 4 8 12 11 10 9 5 6 7\n")]
REFERENCE = r"""
h, w = map(int, input().split())
m = [input().split() for _ in range(h)]
out = []
top, bottom, left, right = 0, h - 1, 0, w - 1
while top <= bottom and left <= right:
    out += m[top][left:right + 1]
    out += [m[r][right] for r in range(top + 1, bottom + 1)]
    if top < bottom:
        out += m[bottom][left:right][::-1]
    if left < right:
        out += [m[r][left] for r in range(bottom - 1, top, -1)]
    top, bottom, left, right = top + 1, bottom - 1, left + 1, right - 1
print(" ".join(out))
"""
ORACLE = r"""
h, w = map(int, input().split())
m = [input().split() for _ in range(h)]
out = []
# Take the first row, then rotate what is left counter-clockwise, repeatedly.
while m:
    out += m[0]
    m = [list(row) for row in zip(*m[1:])][::-1]
print(" ".join(out))
"""
MUTANTS = [
    ("if top < bottom:", "if True:"),
    ("for r in range(bottom - 1, top, -1)", "for r in range(bottom, top, -1)"),
]


def inputs() -> list[str]:
    rng = random.Random(197)

    def matrix(h: int, w: int) -> str:
        return (
            f"{h} {w}\n"
            + "\n".join(" ".join(str(rng.randint(-(10**9), 10**9)) for _ in range(w)) for _ in range(h))
            + "\n"
        )

    return [
        "1 1\n42\n",
        "1 4\n1 2 3 4\n",
        "4 1\n1\n2\n3\n4\n",
        "2 2\n1 2\n3 4\n",
        "3 3\n1 2 3\n4 5 6\n7 8 9\n",
        matrix(60, 70),
        matrix(5, 2),
        matrix(2, 7),
        matrix(6, 9),
    ]
