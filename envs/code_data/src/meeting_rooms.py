import random

TITLE = "Meeting Rooms Needed"
DIFFICULTY = "medium"
TAGS = ["sorting", "sweep line", "heap"]
KIND = "stdio"
STATEMENT = """
Meetings occupy half-open intervals `[s, e)`: a room freed at time `t` can host a meeting starting at `t`.
Find the minimum number of rooms that can host all meetings.

**Input:** the first line holds `n` (0 <= n <= 10^4). Each of the next `n` lines holds `s e`
(0 <= s < e <= 10^9).

**Output:** the minimum number of rooms (0 when there are no meetings).
"""
EXAMPLES = [("3\n0 30\n5 10\n15 20\n", "2\n")]
REFERENCE = r"""
import heapq
import sys

data = sys.stdin.read().split()
n = int(data[0])
meetings = sorted((int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n))
ends = []
for s, e in meetings:
    if ends and ends[0] <= s:
        heapq.heapreplace(ends, e)
    else:
        heapq.heappush(ends, e)
print(len(ends))
"""
ORACLE = r"""
n = int(input())
meetings = [tuple(map(int, input().split())) for _ in range(n)]
# The answer is the largest number of meetings running at one instant; it peaks at some start time.
best = 0
for s, _ in meetings:
    best = max(best, sum(1 for a, b in meetings if a <= s < b))
print(best)
"""
MUTANTS = [
    ("if ends and ends[0] <= s:", "if ends and ends[0] < s:"),
    ("heapq.heapreplace(ends, e)", "heapq.heappush(ends, e)"),
]


def inputs() -> list[str]:
    rng = random.Random(43)

    def case(k: int, span: int, length: int) -> str:
        rows = []
        for _ in range(k):
            s = rng.randint(0, span)
            rows.append(f"{s} {s + rng.randint(1, length)}")
        return f"{k}\n" + "\n".join(rows) + "\n"

    return [
        "0\n",
        "1\n0 1\n",
        "2\n0 5\n5 10\n",
        "2\n0 5\n4 10\n",
        "4\n1 2\n1 2\n1 2\n1 2\n",
        "3\n0 1000000000\n0 1000000000\n999999999 1000000000\n",
        case(1000, 10**6, 10**4),
        case(1500, 100, 30),
        "5\n1 10\n2 3\n3 4\n4 5\n9 11\n",
    ]
