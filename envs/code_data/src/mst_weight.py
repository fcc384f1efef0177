import random

TITLE = "Cheapest Network"
DIFFICULTY = "medium"
TAGS = ["graphs", "minimum spanning tree", "union find"]
KIND = "stdio"
STATEMENT = """
`n` computers can be linked by `m` possible two-way cables, each with a cost. Find the minimum total cost of
a set of cables that connects all computers (directly or through others).

**Input:** the first line holds `n m` (1 <= n <= 500, 0 <= m <= 2*10^4). Each of the next `m` lines holds `u v c`
(1 <= u, v <= n, 0 <= c <= 10^6); self-loops and parallel cables may appear.

**Output:** the minimum total cost, or `IMPOSSIBLE` if the computers cannot all be connected. A single
computer costs 0.
"""
EXAMPLES = [("4 5\n1 2 1\n2 3 2\n3 4 3\n1 4 4\n1 3 1\n", "5\n")]
REFERENCE = r"""
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
edges = sorted((int(data[4 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])) for i in range(m))
parent = list(range(n + 1))

def find(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x

total = used = 0
for c, u, v in edges:
    ru, rv = find(u), find(v)
    if ru != rv:
        parent[ru] = rv
        total += c
        used += 1
print(total if used == n - 1 else "IMPOSSIBLE")
"""
ORACLE = r"""
n, m = map(int, input().split())
INF = float("inf")
cost = [[INF] * (n + 1) for _ in range(n + 1)]
for _ in range(m):
    u, v, c = map(int, input().split())
    if u != v and c < cost[u][v]:
        cost[u][v] = cost[v][u] = c
# Prim's algorithm on the adjacency matrix.
in_tree = [False] * (n + 1)
best = [INF] * (n + 1)
best[1] = 0
total = 0
for _ in range(n):
    u = min((v for v in range(1, n + 1) if not in_tree[v]), key=lambda v: best[v])
    if best[u] == INF:
        total = None
        break
    in_tree[u] = True
    total += best[u]
    for v in range(1, n + 1):
        if not in_tree[v] and cost[u][v] < best[v]:
            best[v] = cost[u][v]
print("IMPOSSIBLE" if total is None else total)
"""
MUTANTS = [("if used == n - 1", "if used >= n - 2"), ("edges = sorted(", "edges = list(")]


def inputs() -> list[str]:
    rng = random.Random(113)

    def graph(n: int, m: int, cmax: int) -> str:
        rows = [f"{rng.randint(1, n)} {rng.randint(1, n)} {rng.randint(0, cmax)}" for _ in range(m)]
        return f"{n} {m}\n" + "\n".join(rows) + "\n"

    return [
        "1 0\n",
        "2 0\n",
        "2 1\n1 1 5\n",
        "2 2\n1 2 9\n2 1 3\n",
        "3 3\n1 2 0\n2 3 0\n1 3 0\n",
        graph(300, 5000, 10**6),
        graph(500, 600, 100),
        graph(300, 5000, 3),
        "4 2\n1 2 1\n3 4 1\n",
    ]
