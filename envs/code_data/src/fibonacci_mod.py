import random

TITLE = "Huge Fibonacci Numbers"
DIFFICULTY = "medium"
TAGS = ["math", "matrix exponentiation", "divide and conquer"]
KIND = "stdio"
STATEMENT = """
The Fibonacci numbers are `F(0) = 0`, `F(1) = 1`, `F(k) = F(k-1) + F(k-2)`. For each query `n`, print
`F(n) mod 1000000007`.

**Input:** the first line holds `q` (1 <= q <= 1000); each of the next `q` lines holds one integer `n`
(0 <= n <= 10^18).

**Output:** `q` lines, `F(n) mod 1000000007` for each query.
"""
EXAMPLES = [("4\n0\n1\n10\n50\n", "0\n1\n55\n586268941\n")]
REFERENCE = r"""
import sys

MOD = 10**9 + 7

def fib_pair(n):
    # Fast doubling: returns (F(n), F(n+1)).
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * ((2 * b - a) % MOD) % MOD
    d = (a * a + b * b) % MOD
    return (d, (c + d) % MOD) if n & 1 else (c, d)

data = sys.stdin.read().split()
q = int(data[0])
print("\n".join(str(fib_pair(int(x))[0]) for x in data[1:q + 1]))
"""
ORACLE = r"""
MOD = 10**9 + 7

def mat_mul(x, y):
    return [[sum(x[i][k] * y[k][j] for k in range(2)) % MOD for j in range(2)] for i in range(2)]

def fib(n):
    result = [[1, 0], [0, 1]]
    base = [[1, 1], [1, 0]]
    while n:
        if n & 1:
            result = mat_mul(result, base)
        base = mat_mul(base, base)
        n >>= 1
    return result[0][1]

for _ in range(int(input())):
    print(fib(int(input())))
"""
MUTANTS = [
    ("if n == 0:\n        return 0, 1", "if n == 0:\n        return 1, 1"),
    ("data[1:q + 1]", "data[1:q]"),
]


def inputs() -> list[str]:
    rng = random.Random(19)
    many = [str(rng.randint(0, 10**18)) for _ in range(300)]
    return [
        "1\n0\n",
        "1\n1\n",
        "1\n2\n",
        "1\n1000000000000000000\n",
        "3\n44\n45\n46\n",
        "300\n" + "\n".join(many) + "\n",
        "2\n1000000006\n2000000016\n",
        "5\n3\n4\n5\n6\n7\n",
        "1\n999999999999999999\n",
    ]
