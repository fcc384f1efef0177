import random

TITLE = "Two Teams"
DIFFICULTY = "medium"
TAGS = ["graphs", "bfs", "bipartite"]
KIND = "call"
FN_NAME = "can_split"
STATEMENT = """
Write a Python function

```python
def can_split(n: int, rivals: list[list[int]]) -> bool
```

`n` people are numbered `0 .. n-1`; each pair `[a, b]` in `rivals` must end up in different teams. Return
whether the people can be split into two teams (either may be empty) so that no rivals share a team.
A pair `[a, a]` makes it impossible. `1 <= n <= 2000`, `0 <= len(rivals) <= 10^4`.
"""
EXAMPLES = [([4, [[0, 1], [1, 2], [2, 3]]], True), ([3, [[0, 1], [1, 2], [2, 0]]], False)]
REFERENCE = r"""
from collections import deque

def can_split(n: int, rivals: list[list[int]]) -> bool:
    adj: list[list[int]] = [[] for _ in range(n)]
    for a, b in rivals:
        adj[a].append(b)
        adj[b].append(a)
    color = [-1] * n
    for s in range(n):
        if color[s] != -1:
            continue
        color[s] = 0
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if color[v] == -1:
                    color[v] = 1 - color[u]
                    queue.append(v)
                elif color[v] == color[u]:
                    return False
    return True
"""
ORACLE = r"""
def can_split(n, rivals):
    # Union-find on 2n nodes: x means "x in team A", x + n means "x in team B".
    parent = list(range(2 * n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in rivals:
        parent[find(a)] = find(b + n)
        parent[find(a + n)] = find(b)
    return all(find(x) != find(x + n) for x in range(n))
"""
MUTANTS = [
    ("elif color[v] == color[u]:", "elif color[v] == color[u] and v != u:"),
    ("adj[b].append(a)", "pass"),
]


def inputs() -> list[list[object]]:
    rng = random.Random(127)
    left = list(range(0, 2000, 2))
    right = list(range(1, 2000, 2))
    bip = [[rng.choice(left), rng.choice(right)] for _ in range(3000)]
    odd = bip + [[0, 2], [2, 4], [4, 0]]
    return [
        [1, []],
        [1, [[0, 0]]],
        [2, [[0, 1], [1, 0]]],
        [5, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 0]]],
        [6, [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5], [5, 0]]],
        [2000, bip],
        [2000, odd],
        [4, [[2, 3]]],
        [7, [[0, 1], [2, 3], [4, 5], [5, 6], [6, 4]]],
        [100, [[rng.randrange(100), rng.randrange(100)] for _ in range(60)]],
    ]
