import random

TITLE = "Sliding Window Maximum"
DIFFICULTY = "medium"
TAGS = ["data structures", "deque", "sliding window"]
KIND = "call"
FN_NAME = "window_max"
STATEMENT = """
Write a Python function

```python
def window_max(nums: list[int], k: int) -> list[int]
```

that returns the maximum of every window of `k` consecutive elements of `nums`, from left to right
(`len(nums) - k + 1` values). `1 <= k <= len(nums) <= 10^5`, `|nums[i]| <= 10^9`.
"""
EXAMPLES = [([[1, 3, -1, -3, 5, 3, 6, 7], 3], [3, 3, 5, 5, 6, 7])]
REFERENCE = r"""
from collections import deque

def window_max(nums: list[int], k: int) -> list[int]:
    dq: deque[int] = deque()
    out = []
    for i, x in enumerate(nums):
        while dq and nums[dq[-1]] <= x:
            dq.pop()
        dq.append(i)
        if dq[0] <= i - k:
            dq.popleft()
        if i >= k - 1:
            out.append(nums[dq[0]])
    return out
"""
ORACLE = r"""
def window_max(nums, k):
    # Block decomposition: prefix maxima within blocks of k and suffix maxima, combined per window.
    n = len(nums)
    pre = nums[:]
    suf = nums[:]
    for i in range(1, n):
        if i % k:
            pre[i] = max(pre[i - 1], nums[i])
    for i in range(n - 2, -1, -1):
        if (i + 1) % k:
            suf[i] = max(suf[i + 1], nums[i])
    return [max(suf[i], pre[i + k - 1]) for i in range(n - k + 1)]
"""
MUTANTS = [("if dq[0] <= i - k:", "if dq[0] < i - k:"), ("if i >= k - 1:", "if i >= k:")]


def inputs() -> list[list[object]]:
    rng = random.Random(211)
    big = [rng.randint(-(10**9), 10**9) for _ in range(5000)]
    return [
        [[5], 1],
        [[1, 2], 2],
        [[2, 1], 1],
        [[4, 4, 4, 4], 2],
        [[9, 8, 7, 6, 5], 3],
        [[1, 2, 3, 4, 5], 3],
        [big, 700],
        [big[:3000], 3000],
        [[rng.randint(0, 3) for _ in range(200)], 7],
        [list(range(1000, 0, -1)) + list(range(1000)), 50],
    ]
