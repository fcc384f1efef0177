import random

TITLE = "K-th Smallest Pair Distance"
DIFFICULTY = "hard"
TAGS = ["binary search", "sorting", "two pointers"]
KIND = "call"
FN_NAME = "kth_distance"
STATEMENT = """
Write a Python function

```python
def kth_distance(nums: list[int], k: int) -> int
```

Consider the distances `|nums[i] - nums[j]|` of all pairs `i < j` and sort them. Return the `k`-th smallest
(1-based). `2 <= len(nums) <= 10^4`, `0 <= nums[i] <= 10^6`, `1 <= k <= len(nums) * (len(nums) - 1) / 2`.
Listing all pairs is too slow for the largest inputs.
"""
EXAMPLES = [([[1, 3, 1], 1], 0), ([[1, 6, 1], 3], 5)]
REFERENCE = r"""
def kth_distance(nums: list[int], k: int) -> int:
    a = sorted(nums)
    n = len(a)

    def pairs_within(d: int) -> int:
        count = 0
        left = 0
        for right in range(n):
            while a[right] - a[left] > d:
                left += 1
            count += right - left
        return count

    lo, hi = 0, a[-1] - a[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs_within(mid) >= k:
            hi = mid
        else:
            lo = mid + 1
    return lo
"""
ORACLE = r"""
from collections import Counter

def kth_distance(nums, k):
    # Count pairs per distance from the histogram of values, then walk the distances upwards.
    count = Counter(nums)
    values = sorted(count)
    per_distance = Counter()
    per_distance[0] = sum(c * (c - 1) // 2 for c in count.values())
    for i, u in enumerate(values):
        for v in values[i + 1:]:
            per_distance[v - u] += count[u] * count[v]
    for d in sorted(per_distance):
        k -= per_distance[d]
        if k <= 0:
            return d
"""
MUTANTS = [
    ("if pairs_within(mid) >= k:", "if pairs_within(mid) > k:"),
    ("count += right - left", "count += right - left + 1"),
]


def inputs() -> list[list[object]]:
    rng = random.Random(163)
    mid = [rng.randint(0, 10**6) for _ in range(600)]
    dup = [rng.randint(0, 30) for _ in range(900)]
    wide = [rng.randint(0, 1500) for _ in range(10000)]
    return [
        [[0, 0], 1],
        [[0, 1000000], 1],
        [[5, 1, 9], 3],
        [[5, 1, 9], 2],
        [[4, 4, 4, 4], 6],
        [mid, 1],
        [mid, 600 * 599 // 2],
        [mid, 123456],
        [dup, 300000],
        [wide, 31415926],
        [wide, 10000 * 9999 // 2],
        [[1, 2, 4, 8, 16, 32], 10],
    ]
