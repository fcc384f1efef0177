import random

TITLE = "Cheapest Flight With Few Stops"
DIFFICULTY = "hard"
TAGS = ["graphs", "shortest paths", "dynamic programming"]
KIND = "call"
FN_NAME = "cheapest_price"
STATEMENT = """
Write a Python function

```python
def cheapest_price(n: int, flights: list[list[int]], src: int, dst: int, k: int) -> int
```

There are `n` cities `0 .. n-1`; `flights[i] = [a, b, price]` is a one-way flight from `a` to `b`. Return the
cheapest total price of a trip from `src` to `dst` that uses at most `k` intermediate stops (at most `k + 1`
flights), or `-1` if there is none. If `src == dst` the answer is 0.
`1 <= n <= 200`, `0 <= len(flights) <= 5000`, `0 <= price <= 10^4`, `0 <= k < n`.
"""
EXAMPLES = [([4, [[0, 1, 100], [1, 2, 100], [2, 0, 100], [1, 3, 600], [2, 3, 200]], 0, 3, 1], 700)]
REFERENCE = r"""
def cheapest_price(n: int, flights: list[list[int]], src: int, dst: int, k: int) -> int:
    inf = float("inf")
    cost = [inf] * n
    cost[src] = 0
    for _ in range(k + 1):
        nxt = cost[:]
        for a, b, p in flights:
            if cost[a] + p < nxt[b]:
                nxt[b] = cost[a] + p
        cost = nxt
    return -1 if cost[dst] == inf else int(cost[dst])
"""
ORACLE = r"""
import heapq

def cheapest_price(n, flights, src, dst, k):
    out = [[] for _ in range(n)]
    for a, b, p in flights:
        out[a].append((b, p))
    # Dijkstra over states (city, flights taken so far).
    best = {}
    heap = [(0, src, 0)]
    while heap:
        price, city, used = heapq.heappop(heap)
        if city == dst:
            return price
        if (city, used) in best or used == k + 1:
            continue
        best[(city, used)] = price
        for b, p in out[city]:
            heapq.heappush(heap, (price + p, b, used + 1))
    return -1
"""
MUTANTS = [("for _ in range(k + 1):", "for _ in range(k):"), ("nxt = cost[:]", "nxt = cost")]


def inputs() -> list[list[object]]:
    rng = random.Random(137)

    def flights(n: int, m: int, pmax: int) -> list[list[int]]:
        return [[rng.randrange(n), rng.randrange(n), rng.randint(0, pmax)] for _ in range(m)]

    chain = [[i, i + 1, 1] for i in range(199)] + [[0, 199, 10**4]]
    return [
        [1, [], 0, 0, 0],
        [2, [], 0, 1, 1],
        [2, [[0, 1, 5]], 0, 1, 0],
        [3, [[0, 1, 1], [1, 2, 1], [0, 2, 5]], 0, 2, 0],
        [3, [[0, 1, 1], [1, 2, 1], [0, 2, 5]], 0, 2, 1],
        [3, [[0, 1, 1], [1, 2, 1]], 2, 0, 2],
        [200, chain, 0, 199, 198],
        [200, chain, 0, 199, 197],
        [200, flights(200, 5000, 10**4), 3, 77, 5],
        [60, flights(60, 400, 50), 0, 59, 59],
        [30, flights(30, 90, 100), 5, 5, 3],
    ]
