import random

TITLE = "Merge Overlapping Intervals"
DIFFICULTY = "medium"
TAGS = ["sorting", "intervals"]
KIND = "call"
FN_NAME = "merge"
STATEMENT = """
Write a Python function

```python
def merge(intervals: list[list[int]]) -> list[list[int]]
```

Each interval `[a, b]` (with `a <= b`) is closed. Merge every group of intervals that overlap or touch
(`[1, 3]` and `[3, 5]` merge into `[1, 5]`; `[1, 2]` and `[3, 4]` stay apart) and return the merged intervals
sorted by start. `0 <= len(intervals) <= 10^4`, `-10^9 <= a <= b <= 10^9`.
"""
EXAMPLES = [([[[1, 3], [8, 10], [2, 6], [15, 18]]], [[1, 6], [8, 10], [15, 18]])]
REFERENCE = r"""
def merge(intervals: list[list[int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for a, b in sorted(intervals):
        if out and a <= out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out
"""
ORACLE = r"""
def merge(intervals):
    # Sweep over events: +1 at a start, -1 after an end; starts sort before ends at the same point.
    events = []
    for a, b in intervals:
        events.append((a, 0))
        events.append((b, 1))
    events.sort()
    out = []
    depth = 0
    for x, kind in events:
        if kind == 0:
            if depth == 0:
                start = x
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                out.append([start, x])
    # Touching groups were closed then reopened at the same point only if the end came first: it did not.
    return out
"""
MUTANTS = [
    ("if out and a <= out[-1][1]:", "if out and a < out[-1][1]:"),
    ("out[-1][1] = max(out[-1][1], b)", "out[-1][1] = b"),
]


def inputs() -> list[list[object]]:
    rng = random.Random(173)

    def rand(k: int, span: int, length: int) -> list[list[int]]:
        out = []
        for _ in range(k):
            a = rng.randint(-span, span)
            out.append([a, a + rng.randint(0, length)])
        return out

    return [
        [[]],
        [[[5, 5]]],
        [[[1, 2], [3, 4]]],
        [[[1, 3], [3, 5]]],
        [[[1, 10], [2, 3], [4, 5]]],
        [[[-1000000000, 1000000000], [0, 0]]],
        [[[2, 2], [2, 2], [1, 1]]],
        [rand(3000, 10**9 - 10**6, 10**6)],
        [rand(2000, 10**4, 10)],
        [[[6, 8], [1, 9], [2, 4], [4, 7]]],
    ]
