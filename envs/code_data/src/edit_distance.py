import random

TITLE = "Edit Distance"
DIFFICULTY = "medium"
TAGS = ["dynamic programming", "strings"]
KIND = "call"
FN_NAME = "edit_distance"
STATEMENT = """
Write a Python function

```python
def edit_distance(a: str, b: str) -> int
```

that returns the Levenshtein distance between `a` and `b`: the fewest single-character insertions,
deletions and substitutions that turn `a` into `b`. `0 <= len(a), len(b) <= 300`.
"""
EXAMPLES = [(["horse", "ros"], 3), (["", "abc"], 3)]
REFERENCE = r"""
def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
"""
ORACLE = r"""
from collections import deque

def edit_distance(a, b):
    # 0-1 BFS over positions (i, j): matching characters cost 0, every edit costs 1.
    n, m = len(a), len(b)
    dist = {(0, 0): 0}
    dq = deque([(0, 0)])
    while dq:
        i, j = dq.popleft()
        d = dist[(i, j)]
        if (i, j) == (n, m):
            return d
        moves = []
        if i < n and j < m:
            moves.append(((i + 1, j + 1), 0 if a[i] == b[j] else 1))
        if i < n:
            moves.append(((i + 1, j), 1))
        if j < m:
            moves.append(((i, j + 1), 1))
        for nxt, w in moves:
            if nxt not in dist or d + w < dist[nxt]:
                dist[nxt] = d + w
                if w == 0:
                    dq.appendleft(nxt)
                else:
                    dq.append(nxt)
"""
MUTANTS = [
    ("prev = list(range(len(b) + 1))", "prev = [0] * (len(b) + 1)"),
    ("prev[j - 1] + (ca != cb)", "prev[j - 1] + 1"),
]


def inputs() -> list[list[str]]:
    rng = random.Random(59)

    def word(k: int, alphabet: str = "abcd") -> str:
        return "".join(rng.choice(alphabet) for _ in range(k))

    return [
        ["", ""],
        ["a", ""],
        ["abc", "abc"],
        ["kitten", "sitting"],
        ["intention", "execution"],
        ["ab", "ba"],
        [word(300), word(300)],
        [word(300, "ab"), word(120, "ab")],
        ["a" * 200, "b" * 150],
        [word(40), word(35)],
    ]
