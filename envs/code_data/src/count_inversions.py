import random

TITLE = "Counting Inversions"
DIFFICULTY = "medium"
TAGS = ["sorting", "divide and conquer"]
KIND = "stdio"
STATEMENT = """
An inversion of a sequence `a` is a pair of indices `i < j` with `a_i > a_j`. Count the inversions.

**Input:** the first line holds `n` (1 <= n <= 3*10^4); the second holds `n` integers (0 <= a_i <= 10^9;
repeats allowed, equal values never form an inversion).

**Output:** the number of inversions.
"""
EXAMPLES = [("5\n2 4 1 3 5\n", "3\n")]
REFERENCE = r"""
import sys

def sort_count(a):
    if len(a) <= 1:
        return a, 0
    mid = len(a) // 2
    left, x = sort_count(a[:mid])
    right, y = sort_count(a[mid:])
    merged = []
    count = x + y
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            merged.append(left[i])
            i += 1
        else:
            merged.append(right[j])
            j += 1
            count += len(left) - i
    merged += left[i:]
    merged += right[j:]
    return merged, count

data = sys.stdin.read().split()
print(sort_count([int(x) for x in data[1:int(data[0]) + 1]])[1])
"""
ORACLE = r"""
input()
a = list(map(int, input().split()))
# For each element, count the larger elements before it (list of earlier values kept sorted).
import bisect
seen = []
total = 0
for x in a:
    total += len(seen) - bisect.bisect_right(seen, x)
    bisect.insort(seen, x)
print(total)
"""
MUTANTS = [("if left[i] <= right[j]:", "if left[i] < right[j]:"), ("count += len(left) - i", "count += 1")]


def inputs() -> list[str]:
    rng = random.Random(157)
    return [
        "1\n5\n",
        "2\n1 2\n",
        "2\n2 1\n",
        "4\n7 7 7 7\n",
        "6\n6 5 4 3 2 1\n",
        "5\n0 1000000000 0 1000000000 0\n",
        "10000\n" + " ".join(str(rng.randint(0, 10**9)) for _ in range(10000)) + "\n",
        "5000\n" + " ".join(str(5000 - i) for i in range(5000)) + "\n",
        "3000\n" + " ".join(str(rng.randint(0, 5)) for _ in range(3000)) + "\n",
    ]
