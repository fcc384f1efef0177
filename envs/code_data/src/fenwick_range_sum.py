import random

TITLE = "Point Updates, Range Sums"
DIFFICULTY = "hard"
TAGS = ["data structures", "fenwick tree"]
KIND = "stdio"
STATEMENT = """
Maintain an array `a_1 .. a_n` under two kinds of queries:

- `1 i x`: set `a_i = x`;
- `2 l r`: print `a_l + a_{l+1} + ... + a_r`.

**Input:** the first line holds `n q` (1 <= n, q <= 2*10^4). The second line holds the initial `n` values.
Each of the next `q` lines holds a query. All values satisfy |x| <= 10^9 and 1 <= i, l <= r <= n.

**Output:** the answer of every type-2 query on its own line.
"""
EXAMPLES = [("5 4\n1 2 3 4 5\n2 1 5\n1 3 10\n2 2 4\n2 3 3\n", "15\n16\n10\n")]
REFERENCE = r"""
import sys

data = sys.stdin.buffer.read().split()
n, q = int(data[0]), int(data[1])
a = [0] + [int(x) for x in data[2:2 + n]]
tree = [0] * (n + 1)
for i in range(1, n + 1):
    tree[i] += a[i]
    j = i + (i & -i)
    if j <= n:
        tree[j] += tree[i]

def prefix(i):
    s = 0
    while i > 0:
        s += tree[i]
        i -= i & -i
    return s

out = []
pos = 2 + n
for _ in range(q):
    t, x, y = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
    pos += 3
    if t == 1:
        delta = y - a[x]
        a[x] = y
        while x <= n:
            tree[x] += delta
            x += x & -x
    else:
        out.append(prefix(y) - prefix(x - 1))
print("\n".join(map(str, out)))
"""
ORACLE = r"""
# Square-root decomposition: blocks of about sqrt(n) values with cached sums.
n, q = map(int, input().split())
a = list(map(int, input().split()))
size = max(1, int(n ** 0.5))
blocks = [sum(a[i:i + size]) for i in range(0, n, size)]
for _ in range(q):
    t, x, y = map(int, input().split())
    if t == 1:
        blocks[(x - 1) // size] += y - a[x - 1]
        a[x - 1] = y
    else:
        l, r = x - 1, y - 1
        total = 0
        while l <= r and l % size:
            total += a[l]
            l += 1
        while l + size - 1 <= r:
            total += blocks[l // size]
            l += size
        while l <= r:
            total += a[l]
            l += 1
        print(total)
"""
MUTANTS = [
    ("out.append(prefix(y) - prefix(x - 1))", "out.append(prefix(y) - prefix(x))"),
    ("delta = y - a[x]\n        a[x] = y", "delta = y"),
]


def inputs() -> list[str]:
    rng = random.Random(223)

    def case(n: int, q: int, vmax: int) -> str:
        rows = []
        for _ in range(q):
            if rng.random() < 0.5:
                rows.append(f"1 {rng.randint(1, n)} {rng.randint(-vmax, vmax)}")
            else:
                lo, hi = sorted((rng.randint(1, n), rng.randint(1, n)))
                rows.append(f"2 {lo} {hi}")
        return (
            f"{n} {q}\n"
            + " ".join(str(rng.randint(-vmax, vmax)) for _ in range(n))
            + "\n"
            + "\n".join(rows)
            + "\n"
        )

    return [
        "1 1\n5\n2 1 1\n",
        "1 2\n5\n1 1 -3\n2 1 1\n",
        "3 1\n1 2 3\n1 2 7\n",
        "4 3\n0 0 0 0\n2 1 4\n1 4 1000000000\n2 4 4\n",
        "2 3\n-1000000000 -1000000000\n2 1 2\n1 1 1000000000\n2 1 2\n",
        case(5000, 5000, 10**9),
        case(100, 300, 10),
        case(7, 40, 5),
        "3 4\n1 1 1\n1 1 1\n1 1 2\n2 1 1\n2 1 3\n",
    ]
