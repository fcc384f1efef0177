import random

TITLE = "Longest Increasing Subsequence"
DIFFICULTY = "medium"
TAGS = ["dynamic programming", "binary search"]
KIND = "call"
FN_NAME = "lis_length"
STATEMENT = """
Write a Python function

```python
def lis_length(nums: list[int]) -> int
```

that returns the length of the longest strictly increasing subsequence of `nums` (elements in their original
order, not necessarily adjacent). `0 <= len(nums) <= 10^5`, `-10^9 <= nums[i] <= 10^9`.
"""
EXAMPLES = [([[10, 9, 2, 5, 3, 7, 101, 18]], 4), ([[7, 7, 7]], 1)]
REFERENCE = r"""
import bisect

def lis_length(nums: list[int]) -> int:
    tails: list[int] = []
    for x in nums:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)
"""
ORACLE = r"""
def lis_length(nums):
    best = [1] * len(nums)
    for i in range(len(nums)):
        for j in range(i):
            if nums[j] < nums[i] and best[j] + 1 > best[i]:
                best[i] = best[j] + 1
    return max(best, default=0)
"""
MUTANTS = [("bisect.bisect_left(tails, x)", "bisect.bisect_right(tails, x)"), ("tails[k] = x", "pass")]


def inputs() -> list[list[list[int]]]:
    rng = random.Random(67)
    return [
        [[]],
        [[5]],
        [[1, 2]],
        [[2, 1]],
        [[1, 3, 2, 3]],
        [[-1000000000, 1000000000]],
        [[rng.randint(-(10**9), 10**9) for _ in range(1500)]],
        [[rng.randint(0, 20) for _ in range(1500)]],
        [list(range(1000, 0, -1))],
        [[3, 1, 2, 1, 2, 3, 0, 4]],
    ]
