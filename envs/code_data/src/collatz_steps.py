TITLE = "Collatz Steps"
DIFFICULTY = "easy"
TAGS = ["math", "simulation"]
KIND = "call"
FN_NAME = "collatz_steps"
STATEMENT = """
Write a Python function

```python
def collatz_steps(n: int) -> int
```

that returns how many steps the Collatz process needs to reach 1 from `n`: while the number is not 1,
halve it when it is even and replace it by `3x + 1` when it is odd. `collatz_steps(1) == 0`.
`1 <= n <= 10^12`.
"""
EXAMPLES = [([6], 8), ([1], 0)]
REFERENCE = r"""
def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps
"""
ORACLE = r"""
def collatz_steps(n):
    seq = [n]
    while seq[-1] > 1:
        x = seq[-1]
        seq.append(x >> 1 if x & 1 == 0 else 3 * x + 1)
    return len(seq) - 1
"""
MUTANTS = [("steps += 1", "steps += 1 if n > 1 else 0"), ("steps = 0", "steps = 1")]


def inputs() -> list[list[int]]:
    return [[2], [3], [7], [27], [97], [1024], [837799], [10**12], [989345275647], [63728127]]
