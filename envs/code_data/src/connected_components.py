import random

TITLE = "Count Connected Components"
DIFFICULTY = "easy"
TAGS = ["graphs", "union find"]
KIND = "call"
FN_NAME = "count_components"
STATEMENT = """
Write a Python function

```python
def count_components(n: int, edges: list[list[int]]) -> int
```

The graph has `n` vertices numbered `0 .. n-1` and undirected edges `[u, v]` (self-loops and repeats allowed).
Return the number of connected components. `1 <= n <= 10^4`, `0 <= len(edges) <= 2*10^4`.
"""
EXAMPLES = [([5, [[0, 1], [1, 2], [3, 4]]], 2)]
REFERENCE = r"""
def count_components(n: int, edges: list[list[int]]) -> int:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    components = n
    for u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            components -= 1
    return components
"""
ORACLE = r"""
from collections import deque

def count_components(n, edges):
    adj = [[] for _ in range(n)]
    for u, v in edges:
        adj[u].append(v)
        adj[v].append(u)
    seen = [False] * n
    count = 0
    for s in range(n):
        if not seen[s]:
            count += 1
            seen[s] = True
            queue = deque([s])
            while queue:
                for v in adj[queue.popleft()]:
                    if not seen[v]:
                        seen[v] = True
                        queue.append(v)
    return count
"""
MUTANTS = [("if ru != rv:", "if u != v:"), ("components = n", "components = n - 1")]


def inputs() -> list[list[object]]:
    rng = random.Random(109)

    def edges(n: int, m: int) -> list[list[int]]:
        return [[rng.randrange(n), rng.randrange(n)] for _ in range(m)]

    return [
        [1, []],
        [1, [[0, 0]]],
        [3, []],
        [2, [[0, 1], [1, 0], [0, 1]]],
        [4, [[0, 1], [2, 3], [1, 2]]],
        [3000, edges(3000, 1500)],
        [3000, edges(3000, 6000)],
        [6, [[5, 5], [4, 4]]],
        [100, [[i, i + 1] for i in range(99)]],
    ]
