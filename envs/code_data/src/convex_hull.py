import random

TITLE = "Convex Hull Size and Area"
DIFFICULTY = "hard"
TAGS = ["geometry", "convex hull", "sorting"]
KIND = "stdio"
STATEMENT = """
Find the convex hull of a set of points: the smallest convex polygon containing them all. Its vertices are
the corners only (points lying in the middle of a hull side are not vertices).

**Input:** the first line holds `n` (1 <= n <= 10^4); each of the next `n` lines holds a point `x y`
(|x|, |y| <= 10^6). Points may repeat.

**Output:** two integers: the number of hull vertices and twice the hull's area. If all points coincide the
hull has 1 vertex; if they are collinear (and not all equal) it has 2 vertices; the area is then 0.
"""
EXAMPLES = [("5\n0 0\n2 0\n1 1\n2 2\n0 2\n", "4 8\n"), ("3\n0 0\n1 1\n2 2\n", "2 0\n")]
REFERENCE = r"""
import sys

data = sys.stdin.read().split()
n = int(data[0])
pts = sorted(set((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)))

def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

if len(pts) <= 2:
    hull = pts
else:
    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    hull = lower[:-1] + upper[:-1]
area = 0
for i in range(len(hull)):
    x1, y1 = hull[i]
    x2, y2 = hull[(i + 1) % len(hull)]
    area += x1 * y2 - x2 * y1
print(len(hull), abs(area))
"""
ORACLE = r"""
# Gift wrapping (Jarvis march), taking the farthest point among collinear candidates.
n = int(input())
pts = sorted(set(tuple(map(int, input().split())) for _ in range(n)))

def cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

def dist2(a, b):
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2

if len(pts) == 1:
    hull = pts
else:
    hull = []
    current = pts[0]
    while True:
        hull.append(current)
        candidate = pts[0] if pts[0] != current else pts[1]
        for p in pts:
            if p == current:
                continue
            c = cross(current, candidate, p)
            if c < 0 or (c == 0 and dist2(current, p) > dist2(current, candidate)):
                candidate = p
        current = candidate
        if current == hull[0]:
            break
area = abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(hull, hull[1:] + hull[:1])))
print(len(hull), area)
"""
MUTANTS = [
    ("cross(lower[-2], lower[-1], p) <= 0", "cross(lower[-2], lower[-1], p) < 0"),
    ("hull = lower[:-1] + upper[:-1]", "hull = lower + upper[:-1]"),
]


def inputs() -> list[str]:
    rng = random.Random(251)

    def cloud(n: int, span: int) -> str:
        return (
            f"{n}\n"
            + "\n".join(f"{rng.randint(-span, span)} {rng.randint(-span, span)}" for _ in range(n))
            + "\n"
        )

    grid = [f"{x} {y}" for x in range(0, 50) for y in range(0, 50)]
    return [
        "1\n5 5\n",
        "2\n1 1\n1 1\n",
        "2\n0 0\n3 4\n",
        "4\n0 0\n1 0\n2 0\n3 0\n",
        "3\n0 0\n1000000 0\n0 1000000\n",
        cloud(3000, 10**6),
        cloud(300, 5),
        f"{len(grid)}\n" + "\n".join(grid) + "\n",
        "6\n0 0\n2 0\n4 0\n4 4\n2 2\n0 4\n",
    ]
