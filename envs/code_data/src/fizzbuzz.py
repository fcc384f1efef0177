TITLE = "FizzBuzz List"
DIFFICULTY = "easy"
TAGS = ["math", "simulation"]
KIND = "call"
FN_NAME = "fizzbuzz"
STATEMENT = """
Write a Python function

```python
def fizzbuzz(n: int) -> list[str]
```

that returns the list for `i = 1, 2, ..., n` of: `"FizzBuzz"` if `i` is divisible by 15, `"Fizz"` if it is
divisible by 3, `"Buzz"` if divisible by 5, and otherwise `str(i)`. `0 <= n <= 10^5` (for `n = 0` return `[]`).
"""
EXAMPLES = [([5], ["1", "2", "Fizz", "4", "Buzz"])]
REFERENCE = r"""
def fizzbuzz(n: int) -> list[str]:
    out = []
    for i in range(1, n + 1):
        if i % 15 == 0:
            out.append("FizzBuzz")
        elif i % 3 == 0:
            out.append("Fizz")
        elif i % 5 == 0:
            out.append("Buzz")
        else:
            out.append(str(i))
    return out
"""
ORACLE = r"""
def fizzbuzz(n):
    return [("Fizz" * (i % 3 == 0) + "Buzz" * (i % 5 == 0)) or str(i) for i in range(1, n + 1)]
"""
MUTANTS = [("range(1, n + 1)", "range(1, n)"), ("i % 15 == 0", "i % 10 == 0")]


def inputs() -> list[list[int]]:
    return [[0], [1], [3], [15], [16], [30], [100], [3000], [45]]
