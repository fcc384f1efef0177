import random

TITLE = "Fewest Jumps to the End"
DIFFICULTY = "medium"
TAGS = ["greedy", "bfs", "arrays"]
KIND = "call"
FN_NAME = "min_jumps"
STATEMENT = """
Write a Python function

```python
def min_jumps(nums: list[int]) -> int
```

You stand on index 0 of `nums`; from index `i` you may jump forward to any index `i + 1 ... i + nums[i]`.
Return the fewest jumps needed to reach the last index, or `-1` if it cannot be reached.
`1 <= len(nums) <= 10^4`, `0 <= nums[i] <= 10^4`. With one element the answer is 0.
"""
EXAMPLES = [([[2, 3, 1, 1, 4]], 2), ([[3, 2, 1, 0, 4]], -1)]
REFERENCE = r"""
def min_jumps(nums: list[int]) -> int:
    jumps = 0
    reach = 0
    frontier = 0
    for i in range(len(nums) - 1):
        if i > reach:
            return -1
        reach = max(reach, i + nums[i])
        if i == frontier:
            jumps += 1
            frontier = reach
    return jumps if reach >= len(nums) - 1 or len(nums) == 1 else -1
"""
ORACLE = r"""
def min_jumps(nums):
    n = len(nums)
    dist = [-1] * n
    dist[0] = 0
    for i in range(n):
        if dist[i] < 0:
            continue
        for j in range(i + 1, min(n, i + nums[i] + 1)):
            if dist[j] < 0:
                dist[j] = dist[i] + 1
    return dist[n - 1]
"""
MUTANTS = [("if i > reach:", "if i > reach + 1:"), ("jumps = 0", "jumps = 1")]


def inputs() -> list[list[list[int]]]:
    rng = random.Random(41)
    return [
        [[0]],
        [[5]],
        [[0, 1]],
        [[1, 0]],
        [[1, 1, 1, 1]],
        [[2, 0, 0]],
        [[1, 0, 3]],
        [[rng.randint(1, 3) for _ in range(2000)]],
        [[rng.randint(0, 4) for _ in range(2000)]],
        [[10000] + [0] * 9999],
        [[1] * 9999 + [0]],
    ]
