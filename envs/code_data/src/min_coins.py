import random

TITLE = "Fewest Coins"
DIFFICULTY = "medium"
TAGS = ["dynamic programming"]
KIND = "stdio"
STATEMENT = """
Given coin denominations (each available in unlimited supply) and an amount, find the fewest coins whose
values add up to exactly the amount, or report that it cannot be done.

**Input:** the first line holds `n x` (1 <= n <= 50, 0 <= x <= 5000). The second line holds `n` coin values
`c_i` (1 <= c_i <= 5000; values may repeat).

**Output:** the minimum number of coins, or `-1` if the amount cannot be formed. Forming `0` takes 0 coins.
"""
EXAMPLES = [("3 11\n1 2 5\n", "3\n"), ("1 3\n2\n", "-1\n")]
REFERENCE = r"""
n, x = map(int, input().split())
coins = list(map(int, input().split()))
INF = float("inf")
best = [0] + [INF] * x
for amount in range(1, x + 1):
    for c in coins:
        if c <= amount and best[amount - c] + 1 < best[amount]:
            best[amount] = best[amount - c] + 1
print(best[x] if best[x] != INF else -1)
"""
ORACLE = r"""
from collections import deque

n, x = map(int, input().split())
coins = sorted(set(map(int, input().split())))
dist = {0: 0}
queue = deque([0])
while queue:
    cur = queue.popleft()
    if cur == x:
        break
    for c in coins:
        nxt = cur + c
        if nxt <= x and nxt not in dist:
            dist[nxt] = dist[cur] + 1
            queue.append(nxt)
print(dist.get(x, -1))
"""
MUTANTS = [
    ("if c <= amount and", "if c < amount and"),
    ("best[amount - c] + 1 < best[amount]", "best[amount - c] + 1 > best[amount]"),
]


def inputs() -> list[str]:
    rng = random.Random(31)
    return [
        "1 0\n7\n",
        "1 7\n7\n",
        "2 7\n2 4\n",
        "3 6\n1 3 4\n",
        "4 5000\n1 5000 2500 2500\n",
        "3 4999\n2 4 6\n",
        "50 5000\n" + " ".join(str(rng.randint(50, 400)) for _ in range(50)) + "\n",
        "2 4997\n13 17\n",
        "5 63\n1 5 10 21 25\n",
        "3 1\n2 3 4\n",
    ]
