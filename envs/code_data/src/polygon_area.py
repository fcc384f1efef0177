import random

TITLE = "Twice the Polygon Area"
DIFFICULTY = "easy"
TAGS = ["geometry", "math"]
KIND = "stdio"
STATEMENT = """
A simple polygon (its sides do not cross) is given by its vertices in order, clockwise or
counter-clockwise. Print twice its area, which is always an integer for integer coordinates.

**Input:** the first line holds `n` (3 <= n <= 10^4); each of the next `n` lines holds a vertex `x y`
(|x|, |y| <= 10^9).

**Output:** twice the area of the polygon.
"""
EXAMPLES = [("4\n0 0\n4 0\n4 3\n0 3\n", "24\n")]
REFERENCE = r"""
import sys

data = sys.stdin.read().split()
n = int(data[0])
pts = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
twice = 0
for i in range(n):
    x1, y1 = pts[i]
    x2, y2 = pts[(i + 1) % n]
    twice += x1 * y2 - x2 * y1
print(abs(twice))
"""
ORACLE = r"""
# Trapezoid formula: sum of (x2 - x1) * (y1 + y2) over the edges.
n = int(input())
pts = [tuple(map(int, input().split())) for _ in range(n)]
total = sum((b[0] - a[0]) * (a[1] + b[1]) for a, b in zip(pts, pts[1:] + pts[:1]))
print(abs(total))
"""
MUTANTS = [("pts[(i + 1) % n]", "pts[min(i + 1, n - 1)]"), ("print(abs(twice))", "print(twice)")]


def inputs() -> list[str]:
    rng = random.Random(241)

    def star(n: int, rmax: int) -> str:
        # Vertices sorted by angle around the origin with random radii: a simple star-shaped polygon.
        import math

        pts = []
        for i in range(n):
            angle = 2 * math.pi * i / n
            r = rng.randint(rmax // 2, rmax)
            pts.append(f"{int(r * math.cos(angle))} {int(r * math.sin(angle))}")
        return f"{n}\n" + "\n".join(pts) + "\n"

    return [
        "3\n0 0\n1 0\n0 1\n",
        "3\n0 0\n0 1\n1 0\n",
        "3\n0 0\n1 1\n2 2\n",
        "4\n-1000000000 -1000000000\n1000000000 -1000000000\n1000000000 1000000000\n-1000000000 1000000000\n",
        "6\n0 0\n4 0\n4 4\n2 1\n0 4\n0 2\n",
        star(2000, 10**9),
        star(7, 100),
        "5\n3 4\n5 11\n12 8\n9 5\n5 6\n",
        "4\n0 0\n0 5\n5 5\n5 0\n",
    ]
