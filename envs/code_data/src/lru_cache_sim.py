import random

TITLE = "LRU Cache"
DIFFICULTY = "medium"
TAGS = ["data structures", "hashing", "simulation"]
KIND = "stdio"
STATEMENT = """
Simulate a least-recently-used cache holding at most `c` keys:

- `GET k`: print the value stored for key `k`, or `-1` if it is not cached. A successful `GET` makes `k` the
  most recently used key.
- `PUT k v`: store value `v` for key `k` (replacing any old value) and make `k` the most recently used key.
  If this adds a key beyond the capacity, first evict the least recently used key.

**Input:** the first line holds `c q` (1 <= c <= 1000, 1 <= q <= 10^5); each of the next `q` lines holds an
operation. Keys and values are integers between 0 and 10^9.

**Output:** one line for every `GET`.
"""
EXAMPLES = [("2 7\nPUT 1 1\nPUT 2 2\nGET 1\nPUT 3 3\nGET 2\nGET 3\nGET 1\n", "1\n-1\n3\n1\n")]
REFERENCE = r"""
import sys
from collections import OrderedDict

lines = sys.stdin.read().split("\n")
cap, q = map(int, lines[0].split())
cache = OrderedDict()
out = []
for line in lines[1:q + 1]:
    parts = line.split()
    key = int(parts[1])
    if parts[0] == "GET":
        if key in cache:
            cache.move_to_end(key)
            out.append(str(cache[key]))
        else:
            out.append("-1")
    else:
        if key in cache:
            cache.move_to_end(key)
        cache[key] = int(parts[2])
        if len(cache) > cap:
            cache.popitem(last=False)
print("\n".join(out))
"""
ORACLE = r"""
cap, q = map(int, input().split())
values = {}
last_used = {}
clock = 0
for _ in range(q):
    parts = input().split()
    clock += 1
    key = int(parts[1])
    if parts[0] == "GET":
        if key in values:
            last_used[key] = clock
            print(values[key])
        else:
            print(-1)
    else:
        if key not in values and len(values) == cap:
            oldest = min(last_used, key=last_used.get)
            del values[oldest], last_used[oldest]
        values[key] = int(parts[2])
        last_used[key] = clock
"""
MUTANTS = [
    ("cache.move_to_end(key)\n            out.append", "out.append"),
    ("if len(cache) > cap:", "if len(cache) > cap + 1:"),
]


def inputs() -> list[str]:
    rng = random.Random(227)

    def ops(cap: int, q: int, keys: int) -> str:
        rows = []
        for _ in range(q):
            k = rng.randint(0, keys)
            rows.append(f"GET {k}" if rng.random() < 0.5 else f"PUT {k} {rng.randint(0, 10**9)}")
        return f"{cap} {q}\n" + "\n".join(rows) + "\n"

    return [
        "1 1\nGET 5\n",
        "1 3\nPUT 1 10\nPUT 2 20\nGET 1\n",
        "1 3\nPUT 1 10\nPUT 1 30\nGET 1\n",
        "2 5\nPUT 1 1\nPUT 2 2\nPUT 1 5\nPUT 3 3\nGET 2\n",
        "3 4\nPUT 0 0\nPUT 1000000000 1000000000\nGET 1000000000\nGET 0\n",
        ops(10, 5000, 30),
        ops(3, 500, 6),
        ops(200, 5000, 400),
        "2 6\nPUT 1 1\nPUT 2 2\nGET 3\nPUT 3 3\nGET 1\nGET 2\n",
    ]
