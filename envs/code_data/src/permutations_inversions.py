import random

TITLE = "Permutations With k Inversions"
DIFFICULTY = "hard"
TAGS = ["combinatorics", "dynamic programming"]
KIND = "stdio"
STATEMENT = """
Count the permutations of `1 .. n` that have exactly `k` inversions (pairs `i < j` with `p_i > p_j`), modulo
1000000007.

**Input:** one line with `n k` (1 <= n <= 300, 0 <= k <= 2000).

**Output:** the count modulo 1000000007 (0 if no permutation has `k` inversions). Enumerating the
permutations is far too slow.
"""
EXAMPLES = [("3 1\n", "2\n"), ("4 0\n", "1\n")]
REFERENCE = r"""
MOD = 10**9 + 7
n, k = map(int, input().split())
ways = [1] + [0] * k
for m in range(2, n + 1):
    # Inserting the largest of m values adds 0 .. m-1 inversions: a sliding window sum.
    nxt = [0] * (k + 1)
    window = 0
    for j in range(k + 1):
        window += ways[j]
        if j >= m:
            window -= ways[j - m]
        nxt[j] = window % MOD
    ways = nxt
print(ways[k])
"""
ORACLE = r"""
# Coefficient of x^k in prod_{m=1..n} (1 + x + ... + x^(m-1)), multiplying polynomial by polynomial.
MOD = 10**9 + 7
n, k = map(int, input().split())
poly = [1]
for m in range(1, n + 1):
    factor = [1] * m
    out = [0] * min(len(poly) + m - 1, k + 1)
    for i, a in enumerate(poly):
        if a:
            for j in range(min(m, len(out) - i)):
                out[i + j] = (out[i + j] + a) % MOD
    poly = out
print(poly[k] if k < len(poly) else 0)
"""
MUTANTS = [("if j >= m:", "if j > m:"), ("for m in range(2, n + 1):", "for m in range(2, n):")]


def inputs() -> list[str]:
    rng = random.Random(233)
    return [
        "1 0\n",
        "1 1\n",
        "2 1\n",
        "3 3\n",
        "3 4\n",
        "10 45\n",
        "50 1000\n",
        f"{rng.randint(20, 60)} {rng.randint(0, 500)}\n",
        "12 30\n",
        "60 600\n",
    ]
