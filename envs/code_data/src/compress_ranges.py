import random

TITLE = "Summarise Ranges"
DIFFICULTY = "easy"
TAGS = ["arrays", "strings"]
KIND = "call"
FN_NAME = "summarize"
STATEMENT = """
Write a Python function

```python
def summarize(nums: list[int]) -> str
```

`nums` is sorted in strictly increasing order. Return a comma-separated summary where each maximal run of
consecutive integers `a, a+1, ..., b` is written `a-b` when it has at least two numbers and `a` when it has
one. Negative numbers keep their sign (`-3--1` is the run -3, -2, -1). An empty list gives `""`.
`len(nums) <= 10^4`, `|nums[i]| <= 10^9`.
"""
EXAMPLES = [([[0, 1, 2, 4, 5, 7]], "0-2,4-5,7")]
REFERENCE = r"""
def summarize(nums: list[int]) -> str:
    parts = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ",".join(parts)
"""
ORACLE = r"""
import itertools

def summarize(nums):
    out = []
    for _, group in itertools.groupby(enumerate(nums), key=lambda p: p[1] - p[0]):
        run = [v for _, v in group]
        out.append(str(run[0]) if len(run) == 1 else str(run[0]) + "-" + str(run[-1]))
    return ",".join(out)
"""
MUTANTS = [
    ("nums[j + 1] == nums[j] + 1", "nums[j + 1] <= nums[j] + 2"),
    ("str(nums[i]) if i == j", "str(nums[i]) if i >= j - 1"),
]


def inputs() -> list[list[list[int]]]:
    rng = random.Random(281)
    big = sorted(set(rng.randint(-5000, 5000) for _ in range(8000)))
    return [
        [[]],
        [[5]],
        [[-1, 0]],
        [[1, 3]],
        [[-3, -2, -1, 1]],
        [[-1000000000, 999999999, 1000000000]],
        [list(range(10000))],
        [big],
        [[2, 4, 6, 8]],
        [[0, 1, 3, 4, 5, 9]],
    ]
