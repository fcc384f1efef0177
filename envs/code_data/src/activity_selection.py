import random

TITLE = "Most Non-Overlapping Talks"
DIFFICULTY = "medium"
TAGS = ["greedy", "sorting", "intervals"]
KIND = "stdio"
STATEMENT = """
A hall has one stage and `n` proposed talks; talk `i` occupies the half-open time interval `[s_i, e_i)`.
Two talks can both be scheduled when their intervals do not overlap (one may start exactly when another
ends). Find the largest number of talks that can be scheduled.

**Input:** the first line holds `n` (1 <= n <= 2*10^4). Each of the next `n` lines holds `s_i e_i`
(0 <= s_i < e_i <= 10^9). Talks may be identical.

**Output:** the maximum number of talks.
"""
EXAMPLES = [("4\n1 3\n2 5\n3 9\n6 8\n", "2\n")]
REFERENCE = r"""
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
talks = sorted((int(data[2 + 2 * i]), int(data[1 + 2 * i])) for i in range(n))
count = 0
free_at = -1
for end, start in talks:
    if start >= free_at:
        count += 1
        free_at = end
print(count)
"""
ORACLE = r"""
import bisect

n = int(input())
talks = sorted(tuple(map(int, input().split())) for _ in range(n))
starts = [s for s, _ in talks]
# best[i]: most talks choosable among talks[i:] (sorted by start).
best = [0] * (n + 1)
for i in range(n - 1, -1, -1):
    nxt = bisect.bisect_left(starts, talks[i][1])
    best[i] = max(best[i + 1], 1 + best[nxt])
print(best[0])
"""
MUTANTS = [("if start >= free_at:", "if start > free_at:"), ("free_at = end", "free_at = start")]


def inputs() -> list[str]:
    rng = random.Random(37)

    def case(k: int, span: int, length: int) -> str:
        rows = []
        for _ in range(k):
            s = rng.randint(0, span)
            rows.append(f"{s} {s + rng.randint(1, length)}")
        return f"{k}\n" + "\n".join(rows) + "\n"

    return [
        "1\n0 1\n",
        "2\n0 5\n0 5\n",
        "3\n0 1\n1 2\n2 3\n",
        "3\n0 10\n1 2\n3 4\n",
        "2\n0 1000000000\n999999999 1000000000\n",
        case(50, 100, 20),
        case(5000, 10**9 - 10**6, 10**6),
        case(3000, 1000, 50),
        "4\n5 6\n1 6\n2 3\n4 5\n",
    ]
