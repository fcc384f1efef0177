import random

TITLE = "Smallest Task Order"
DIFFICULTY = "hard"
TAGS = ["graphs", "topological sort", "heap"]
KIND = "stdio"
STATEMENT = """
There are `n` tasks numbered 1 to `n` and `m` rules "`a` must be done before `b`". Print the order of all
tasks that respects every rule and is lexicographically smallest (compare orders by their first task,
then their second, and so on), or `IMPOSSIBLE` if no order respects the rules.

**Input:** the first line holds `n m` (1 <= n <= 10^4, 0 <= m <= 3*10^4). Each of the next `m` lines holds
`a b` (1 <= a, b <= n); rules may repeat, and `a = b` makes the order impossible.

**Output:** the `n` task numbers separated by spaces, or `IMPOSSIBLE`.
"""
EXAMPLES = [("4 3\n3 1\n2 1\n4 2\n", "3 4 2 1\n"), ("2 2\n1 2\n2 1\n", "IMPOSSIBLE\n")]
REFERENCE = r"""
import heapq
import sys

data = sys.stdin.buffer.read().split()
n, m = int(data[0]), int(data[1])
out_edges = [[] for _ in range(n + 1)]
indegree = [0] * (n + 1)
for i in range(m):
    a, b = int(data[2 + 2 * i]), int(data[3 + 2 * i])
    out_edges[a].append(b)
    indegree[b] += 1
ready = [v for v in range(1, n + 1) if indegree[v] == 0]
heapq.heapify(ready)
order = []
while ready:
    v = heapq.heappop(ready)
    order.append(v)
    for u in out_edges[v]:
        indegree[u] -= 1
        if indegree[u] == 0:
            heapq.heappush(ready, u)
print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")
"""
ORACLE = r"""
n, m = map(int, input().split())
rules = set(tuple(map(int, input().split())) for _ in range(m))
preds = {v: set() for v in range(1, n + 1)}
for a, b in rules:
    preds[b].add(a)
done = set()
order = []
remaining = list(range(1, n + 1))
while remaining:
    pick = next((v for v in remaining if preds[v] <= done), None)
    if pick is None:
        break
    remaining.remove(pick)
    done.add(pick)
    order.append(pick)
print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")
"""
MUTANTS = [("v = heapq.heappop(ready)", "v = ready.pop()"), ("if len(order) == n", "if len(order) >= n - 1")]


def inputs() -> list[str]:
    rng = random.Random(107)

    def dag(n: int, m: int) -> str:
        perm = list(range(1, n + 1))
        rng.shuffle(perm)
        rows = []
        for _ in range(m):
            i, j = sorted(rng.sample(range(n), 2))
            rows.append(f"{perm[i]} {perm[j]}")
        return f"{n} {m}\n" + "\n".join(rows) + "\n"

    chain = "\n".join(f"{i + 1} {i}" for i in range(1, 2000))
    return [
        "1 0\n",
        "1 1\n1 1\n",
        "3 0\n",
        "3 2\n3 2\n2 1\n",
        "3 3\n1 2\n1 2\n1 3\n",
        dag(2000, 6000),
        dag(30, 40),
        "2000 1999\n" + chain + "\n",
        "4 4\n1 2\n2 3\n3 4\n4 2\n",
        dag(2000, 3000).replace("2000 3000\n", "2000 3001\n", 1) + "1 1\n",
    ]
