import random

TITLE = "Shortest Road Distances"
DIFFICULTY = "medium"
TAGS = ["graphs", "shortest paths", "dijkstra"]
KIND = "stdio"
STATEMENT = """
A country has `n` towns numbered 1 to `n` and `m` two-way roads with lengths. Print the shortest distance
from town 1 to every town.

**Input:** the first line holds `n m` (1 <= n <= 10^4, 0 <= m <= 3*10^4). Each of the next `m` lines holds
`u v w`: a road between towns `u` and `v` (1 <= u, v <= n; `u = v` and repeated roads are allowed) of length
`w` (0 <= w <= 10^9).

**Output:** one line with `n` integers separated by spaces: the distance from town 1 to town `i`, or `-1` if
town `i` cannot be reached.
"""
EXAMPLES = [("4 4\n1 2 5\n2 3 1\n1 3 9\n3 3 2\n", "0 5 6 -1\n")]
REFERENCE = r"""
import heapq
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
adj = [[] for _ in range(n + 1)]
for i in range(m):
    u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
    adj[u].append((v, w))
    adj[v].append((u, w))
dist = [-1] * (n + 1)
heap = [(0, 1)]
while heap:
    d, u = heapq.heappop(heap)
    if dist[u] != -1:
        continue
    dist[u] = d
    for v, w in adj[u]:
        if dist[v] == -1:
            heapq.heappush(heap, (d + w, v))
print(" ".join(map(str, dist[1:])))
"""
ORACLE = r"""
from collections import deque

n, m = map(int, input().split())
edges = [tuple(map(int, input().split())) for _ in range(m)]
adj = {i: [] for i in range(1, n + 1)}
for u, v, w in edges:
    adj[u].append((v, w))
    adj[v].append((u, w))
# Queue-based Bellman-Ford (SPFA).
dist = {1: 0}
queue = deque([1])
queued = {1}
while queue:
    u = queue.popleft()
    queued.discard(u)
    for v, w in adj[u]:
        if v not in dist or dist[u] + w < dist[v]:
            dist[v] = dist[u] + w
            if v not in queued:
                queued.add(v)
                queue.append(v)
print(" ".join(str(dist.get(i, -1)) for i in range(1, n + 1)))
"""
MUTANTS = [
    ("adj[v].append((u, w))", "pass"),
    ("heapq.heappush(heap, (d + w, v))", "heapq.heappush(heap, (w, v))"),
]


def inputs() -> list[str]:
    rng = random.Random(103)

    def graph(n: int, m: int, wmax: int) -> str:
        rows = [f"{rng.randint(1, n)} {rng.randint(1, n)} {rng.randint(0, wmax)}" for _ in range(m)]
        return f"{n} {m}\n" + "\n".join(rows) + "\n"

    path = "\n".join(f"{i} {i + 1} 1000000000" for i in range(1, 3000))
    return [
        "1 0\n",
        "2 0\n",
        "2 1\n2 1 7\n",
        "3 3\n1 2 0\n2 3 0\n1 3 1\n",
        "3 3\n1 2 4\n1 2 2\n2 3 1\n",
        graph(1000, 3000, 100),
        graph(3000, 9000, 10**9),
        "3000 2999\n" + path + "\n",
        graph(50, 40, 10),
    ]
