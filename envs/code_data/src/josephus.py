import random

TITLE = "Last One Standing"
DIFFICULTY = "medium"
TAGS = ["math", "simulation", "recursion"]
KIND = "call"
FN_NAME = "survivor"
STATEMENT = """
Write a Python function

```python
def survivor(n: int, k: int) -> int
```

`n` people numbered `1 .. n` stand in a circle. Counting starts at person 1; every `k`-th person still in the
circle is removed (counting continues from the next person), until one person remains. Return that person's
number. `1 <= n <= 10^5`, `1 <= k <= 10^9`.
"""
EXAMPLES = [([5, 2], 3), ([7, 3], 4)]
REFERENCE = r"""
def survivor(n: int, k: int) -> int:
    pos = 0
    for size in range(2, n + 1):
        pos = (pos + k) % size
    return pos + 1
"""
ORACLE = r"""
def survivor(n, k):
    people = list(range(1, n + 1))
    i = 0
    while len(people) > 1:
        i = (i + k - 1) % len(people)
        people.pop(i)
    return people[0]
"""
MUTANTS = [
    ("for size in range(2, n + 1):", "for size in range(2, n):"),
    ("pos = (pos + k) % size", "pos = (pos + k - 1) % size"),
]


def inputs() -> list[list[int]]:
    rng = random.Random(191)
    return [
        [1, 1],
        [1, 1000000000],
        [2, 1],
        [2, 2],
        [10, 1],
        [41, 3],
        [6, 1000000000],
        [20000, 2],
        [20000, rng.randint(1, 10**9)],
        [1000, 999],
    ]
