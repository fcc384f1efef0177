import random

TITLE = "Modular Exponentiation"
DIFFICULTY = "easy"
TAGS = ["math", "number theory", "divide and conquer"]
KIND = "call"
FN_NAME = "mod_pow"
STATEMENT = """
Write a Python function

```python
def mod_pow(base: int, exp: int, mod: int) -> int
```

that returns `base ** exp mod mod` as a value in `[0, mod)`, where `0 <= base <= 10^18`,
`0 <= exp <= 10^18` and `1 <= mod <= 10^18`. By convention `0 ** 0 = 1` (so the result is `1 % mod`).
"""
EXAMPLES = [([2, 10, 1000], 24), ([3, 0, 7], 1)]
REFERENCE = r"""
def mod_pow(base: int, exp: int, mod: int) -> int:
    result = 1 % mod
    base %= mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result
"""
ORACLE = r"""
def mod_pow(base, exp, mod):
    # Left-to-right square-and-multiply over the binary digits.
    result = 1
    for bit in bin(exp)[2:]:
        result = result * result % mod
        if bit == "1":
            result = result * base % mod
    return result % mod
"""
MUTANTS = [("result = 1 % mod", "result = 1"), ("while exp > 0:", "while exp > 1:")]


def inputs() -> list[list[int]]:
    rng = random.Random(17)
    return [
        [0, 0, 1],
        [0, 0, 5],
        [5, 3, 1],
        [0, 10, 7],
        [10**18, 10**18, 10**18 - 11],
        [2, 10**18, 10**9 + 7],
        [rng.randint(0, 10**18), rng.randint(0, 10**18), rng.randint(1, 10**18)],
        [123456789, 1, 1000],
        [7, 2, 50],
        [999999999999, 999999999999, 2],
    ]
