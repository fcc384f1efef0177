import random

TITLE = "GCD and LCM of a List"
DIFFICULTY = "easy"
TAGS = ["math", "number theory"]
KIND = "stdio"
STATEMENT = """
Print the greatest common divisor and the least common multiple of `n` positive integers.

**Input:** the first line holds `n` (1 <= n <= 1000); the second holds `n` integers `a_i` (1 <= a_i <= 10^6).

**Output:** one line with two integers: the gcd and the lcm of all the numbers (the lcm can be very large;
print it exactly).
"""
EXAMPLES = [("3\n4 6 10\n", "2 60\n")]
REFERENCE = r"""
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a

n = int(input())
nums = list(map(int, input().split()))
g, l = nums[0], nums[0]
for x in nums[1:]:
    g = gcd(g, x)
    l = l // gcd(l, x) * x
print(g, l)
"""
ORACLE = r"""
from collections import Counter

def factor(x):
    f = Counter()
    d = 2
    while d * d <= x:
        while x % d == 0:
            f[d] += 1
            x //= d
        d += 1
    if x > 1:
        f[x] += 1
    return f

input()
facs = [factor(int(v)) for v in input().split()]
primes = set().union(*facs)
g = l = 1
for p in primes:
    g *= p ** min(f[p] for f in facs)
    l *= p ** max(f[p] for f in facs)
print(g, l)
"""
MUTANTS = [("l = l // gcd(l, x) * x", "l = l * x"), ("for x in nums[1:]:", "for x in nums[2:]:")]


def inputs() -> list[str]:
    rng = random.Random(12)
    primes = [999983, 999979, 999961, 999959, 999953]
    return [
        "1\n1\n",
        "1\n999983\n",
        "2\n7 7\n",
        "2\n12 18\n",
        "5\n" + " ".join(map(str, primes)) + "\n",
        "4\n1000000 500000 250000 125000\n",
        "1000\n" + " ".join(str(rng.randint(1, 10**6)) for _ in range(1000)) + "\n",
        "6\n6 6 6 6 6 6\n",
        "300\n" + " ".join(["720720"] * 300) + "\n",
        "3\n1 1000000 1\n",
    ]
