import random

TITLE = "First Position of a Value"
DIFFICULTY = "easy"
TAGS = ["binary search", "arrays"]
KIND = "call"
FN_NAME = "first_index"
STATEMENT = """
Write a Python function

```python
def first_index(nums: list[int], target: int) -> int
```

`nums` is sorted in non-decreasing order and may contain repeats. Return the smallest index `i` with
`nums[i] == target`, or `-1` if `target` does not occur. `0 <= len(nums) <= 10^5`; values fit in
`-10^9 .. 10^9`.
"""
EXAMPLES = [([[1, 2, 2, 2, 5], 2], 1), ([[1, 3], 2], -1)]
REFERENCE = r"""
def first_index(nums: list[int], target: int) -> int:
    lo, hi = 0, len(nums)
    while lo < hi:
        mid = (lo + hi) // 2
        if nums[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(nums) and nums[lo] == target else -1
"""
ORACLE = r"""
def first_index(nums, target):
    for i, x in enumerate(nums):
        if x == target:
            return i
    return -1
"""
MUTANTS = [
    ("if nums[mid] < target:", "if nums[mid] <= target:"),
    ("return lo if lo < len(nums) and", "return lo if lo < len(nums) - 1 and"),
]


def inputs() -> list[list[object]]:
    rng = random.Random(151)
    big = sorted(rng.randint(-(10**9), 10**9) for _ in range(5000))
    dup = sorted(rng.randint(0, 50) for _ in range(1000))
    return [
        [[], 3],
        [[3], 3],
        [[3], 4],
        [[5, 5, 5, 5], 5],
        [[1, 2, 3], 3],
        [[1, 2, 3], 0],
        [[1, 2, 3], 4],
        [big, big[3777]],
        [big, big[-1]],
        [dup, 25],
        [dup, 51],
    ]
