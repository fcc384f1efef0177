import random

TITLE = "Count the Shortest Routes"
DIFFICULTY = "hard"
TAGS = ["graphs", "bfs", "combinatorics", "dynamic programming"]
KIND = "stdio"
STATEMENT = """
An undirected graph has `n` vertices numbered 1 to `n` and `m` edges, all of length 1 (no self-loops, no
repeated edges). Count the shortest paths from vertex 1 to vertex `n`, modulo 1000000007.

**Input:** the first line holds `n m` (2 <= n <= 2000, 0 <= m <= 10^4). Each of the next `m` lines holds `u v`.

**Output:** the number of shortest paths modulo 1000000007, or 0 if `n` cannot be reached. The number of
paths can grow exponentially, so listing them is too slow.
"""
EXAMPLES = [("4 4\n1 2\n2 4\n1 3\n3 4\n", "2\n")]
REFERENCE = r"""
import sys
from collections import deque

MOD = 10**9 + 7
data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
adj = [[] for _ in range(n + 1)]
for i in range(m):
    u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    adj[u].append(v)
    adj[v].append(u)
dist = [-1] * (n + 1)
ways = [0] * (n + 1)
dist[1], ways[1] = 0, 1
queue = deque([1])
while queue:
    u = queue.popleft()
    for v in adj[u]:
        if dist[v] == -1:
            dist[v] = dist[u] + 1
            ways[v] = ways[u]
            queue.append(v)
        elif dist[v] == dist[u] + 1:
            ways[v] = (ways[v] + ways[u]) % MOD
print(ways[n])
"""
ORACLE = r"""
# Walks of the shortest possible length are exactly the shortest paths: count walks of length k
# (exact integers) for k = 1, 2, ... until vertex n is hit.
n, m = map(int, input().split())
edges = [tuple(map(int, input().split())) for _ in range(m)]
walks = [0] * (n + 1)
walks[1] = 1
answer = 1 if n == 1 else 0
for _ in range(n):
    nxt = [0] * (n + 1)
    for u, v in edges:
        nxt[v] += walks[u]
        nxt[u] += walks[v]
    walks = nxt
    if walks[n]:
        answer = walks[n] % (10**9 + 7)
        break
print(answer)
"""
MUTANTS = [
    ("ways[v] = (ways[v] + ways[u]) % MOD", "ways[v] = max(ways[v], ways[u])"),
    ("elif dist[v] == dist[u] + 1:", "elif dist[v] >= dist[u]:"),
]


def inputs() -> list[str]:
    rng = random.Random(131)

    def layered(layers: int, width: int, keep: float) -> str:
        ids = [[1]]
        nxt = 2
        for _ in range(layers):
            ids.append(list(range(nxt, nxt + width)))
            nxt += width
        ids.append([nxt])
        rows = []
        for a, b in zip(ids, ids[1:], strict=False):
            for u in a:
                for v in b:
                    if rng.random() < keep:
                        rows.append(f"{u} {v}")
        return f"{nxt} {len(rows)}\n" + "\n".join(rows) + "\n"

    def random_graph(n: int, m: int) -> str:
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < m:
            u, v = rng.sample(range(1, n + 1), 2)
            pairs.add((min(u, v), max(u, v)))
        return f"{n} {m}\n" + "\n".join(f"{u} {v}" for u, v in sorted(pairs)) + "\n"

    return [
        "2 0\n",
        "2 1\n1 2\n",
        "3 1\n1 2\n",
        "3 3\n1 2\n2 3\n1 3\n",
        layered(60, 4, 1.0),
        layered(40, 12, 0.8),
        random_graph(2000, 10000),
        random_graph(200, 150),
        "5 6\n1 2\n1 3\n2 4\n3 4\n4 5\n2 3\n",
    ]
