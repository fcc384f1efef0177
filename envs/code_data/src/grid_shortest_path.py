import random

TITLE = "Escape the Maze"
DIFFICULTY = "medium"
TAGS = ["graphs", "bfs", "grid"]
KIND = "stdio"
STATEMENT = """
A maze is an `h x w` grid of cells: `.` is open floor, `#` is a wall, `S` is the start and `E` the exit (both
open). Each move goes to one of the four side-adjacent open cells. Find the fewest moves from `S` to `E`.

**Input:** the first line holds `h w` (1 <= h, w <= 100). Each of the next `h` lines holds `w` characters from
`.#SE`; there is exactly one `S` and exactly one `E`.

**Output:** the minimum number of moves, or `-1` if `E` cannot be reached.
"""
EXAMPLES = [("3 4\nS.#.\n.##E\n....\n", "6\n")]
REFERENCE = r"""
from collections import deque

h, w = map(int, input().split())
grid = [input().strip() for _ in range(h)]
start = next((r, c) for r in range(h) for c in range(w) if grid[r][c] == "S")
dist = {start: 0}
queue = deque([start])
answer = -1
while queue:
    r, c = queue.popleft()
    if grid[r][c] == "E":
        answer = dist[(r, c)]
        break
    for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
        if 0 <= nr < h and 0 <= nc < w and grid[nr][nc] != "#" and (nr, nc) not in dist:
            dist[(nr, nc)] = dist[(r, c)] + 1
            queue.append((nr, nc))
print(answer)
"""
ORACLE = r"""
import heapq

h, w = map(int, input().split())
grid = [input().strip() for _ in range(h)]
cells = {(r, c): grid[r][c] for r in range(h) for c in range(w)}
start = [p for p, v in cells.items() if v == "S"][0]
goal = [p for p, v in cells.items() if v == "E"][0]
best = {start: 0}
heap = [(0, start)]
while heap:
    d, (r, c) = heapq.heappop(heap)
    if d > best[(r, c)]:
        continue
    for dr, dc in ((0, 1), (1, 0), (0, -1), (-1, 0)):
        nxt = (r + dr, c + dc)
        if cells.get(nxt, "#") != "#" and d + 1 < best.get(nxt, float("inf")):
            best[nxt] = d + 1
            heapq.heappush(heap, (d + 1, nxt))
print(best.get(goal, -1))
"""
MUTANTS = [
    ("dist[(nr, nc)] = dist[(r, c)] + 1", "dist[(nr, nc)] = dist[(r, c)] + 2"),
    ("0 <= nr < h and 0 <= nc < w", "0 <= nr < h and 0 <= nc < w - 1"),
]


def inputs() -> list[str]:
    rng = random.Random(97)

    def maze(h: int, w: int, p: float) -> str:
        cells = [["#" if rng.random() < p else "." for _ in range(w)] for _ in range(h)]
        cells[0][0] = "S"
        cells[h - 1][w - 1] = "E"
        return f"{h} {w}\n" + "\n".join("".join(row) for row in cells) + "\n"

    snake = []
    for r in range(99):
        if r % 2 == 0:
            snake.append("." * 99)
        elif r % 4 == 1:
            snake.append("#" * 98 + ".")
        else:
            snake.append("." + "#" * 98)
    snake[0] = "S" + snake[0][1:]
    snake[-1] = snake[-1][:-1] + "E"
    return [
        "1 2\nSE\n",
        "1 3\nS#E\n",
        "2 2\nS#\n#E\n",
        "2 2\nS.\n.E\n",
        "3 3\nE..\n.#.\n..S\n",
        maze(100, 100, 0.25),
        maze(100, 100, 0.45),
        "99 99\n" + "\n".join(snake) + "\n",
        maze(7, 30, 0.2),
    ]
