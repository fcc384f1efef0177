import random

TITLE = "Can Every Course Be Taken"
DIFFICULTY = "medium"
TAGS = ["graphs", "topological sort", "cycle detection"]
KIND = "call"
FN_NAME = "can_finish"
STATEMENT = """
Write a Python function

```python
def can_finish(n: int, prereqs: list[list[int]]) -> bool
```

There are `n` courses `0 .. n-1`; `[a, b]` in `prereqs` means course `b` must be taken before course `a`.
Return whether all courses can be taken in some order (i.e. the requirements contain no cycle; `[a, a]` is
a cycle). `1 <= n <= 500`, `0 <= len(prereqs) <= 5000`.
"""
EXAMPLES = [([2, [[1, 0]]], True), ([2, [[1, 0], [0, 1]]], False)]
REFERENCE = r"""
from collections import deque

def can_finish(n: int, prereqs: list[list[int]]) -> bool:
    after: list[list[int]] = [[] for _ in range(n)]
    indegree = [0] * n
    for a, b in prereqs:
        after[b].append(a)
        indegree[a] += 1
    queue = deque(i for i in range(n) if indegree[i] == 0)
    taken = 0
    while queue:
        c = queue.popleft()
        taken += 1
        for nxt in after[c]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                queue.append(nxt)
    return taken == n
"""
ORACLE = r"""
def can_finish(n, prereqs):
    # Transitive closure with bitsets (Warshall); a cycle means some course reaches itself.
    reach = [0] * n
    for a, b in prereqs:
        reach[b] |= 1 << a
    for k in range(n):
        bit = 1 << k
        for i in range(n):
            if reach[i] & bit:
                reach[i] |= reach[k]
    return all(not (reach[i] >> i) & 1 for i in range(n))
"""
MUTANTS = [("return taken == n", "return taken >= n - 1"), ("indegree[a] += 1", "indegree[a] = 1")]


def inputs() -> list[list[object]]:
    rng = random.Random(139)

    def dag(n: int, m: int) -> list[list[int]]:
        perm = list(range(n))
        rng.shuffle(perm)
        out = []
        for _ in range(m):
            i, j = sorted(rng.sample(range(n), 2))
            out.append([perm[j], perm[i]])
        return out

    big = dag(500, 5000)
    return [
        [1, []],
        [1, [[0, 0]]],
        [3, [[1, 0], [2, 1]]],
        [3, [[1, 0], [2, 1], [0, 2]]],
        [4, [[1, 0], [1, 0], [2, 0]]],
        [500, big],
        [500, big[:-1] + [[big[0][1], big[0][0]]]],
        [500, [[i + 1, i] for i in range(499)] + [[0, 499]]],
        [6, [[1, 0], [3, 2], [2, 3]]],
        [500, [[i + 1, i] for i in range(499)]],
    ]
