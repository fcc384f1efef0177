import random

TITLE = "Ways to Split a Word"
DIFFICULTY = "hard"
TAGS = ["dynamic programming", "strings"]
KIND = "call"
FN_NAME = "count_splits"
STATEMENT = """
Write a Python function

```python
def count_splits(s: str, words: list[str]) -> int
```

that returns, modulo 1000000007, the number of ways to write `s` as a concatenation of dictionary words
(each word usable any number of times; two ways differ if they cut `s` at different places).
`1 <= len(s) <= 3000`; `words` holds 1 to 100 distinct non-empty lowercase words of length at most 20.
The count can grow exponentially with `len(s)`, so enumerating the splits is too slow.
"""
EXAMPLES = [(["catsanddog", ["cat", "cats", "and", "sand", "dog"]], 2), (["abc", ["ab", "bc"]], 0)]
REFERENCE = r"""
def count_splits(s: str, words: list[str]) -> int:
    mod = 10**9 + 7
    vocab = set(words)
    longest = max(map(len, words))
    ways = [1] + [0] * len(s)
    for end in range(1, len(s) + 1):
        total = 0
        for start in range(max(0, end - longest), end):
            if ways[start] and s[start:end] in vocab:
                total += ways[start]
        ways[end] = total % mod
    return ways[len(s)]
"""
ORACLE = r"""
def count_splits(s, words):
    mod = 10**9 + 7
    n = len(s)
    # suffix[i]: number of ways to split s[i:].
    suffix = [0] * (n + 1)
    suffix[n] = 1
    for i in range(n - 1, -1, -1):
        suffix[i] = sum(suffix[i + len(w)] for w in words if s.startswith(w, i)) % mod
    return suffix[0]
"""
MUTANTS = [
    ("range(max(0, end - longest), end)", "range(max(0, end - longest + 1), end)"),
    ("ways = [1] + [0] * len(s)", "ways = [0] * (len(s) + 1)"),
]


def inputs() -> list[list[object]]:
    rng = random.Random(79)
    vocab = ["".join(rng.choice("ab") for _ in range(rng.randint(1, 4))) for _ in range(40)]
    vocab = sorted(set(vocab))
    return [
        ["a", ["a"]],
        ["a", ["b"]],
        ["aa", ["a", "aa"]],
        ["a" * 3000, ["a", "aa", "aaa"]],
        ["a" * 3000, ["a" * k for k in range(1, 21)]],
        ["".join(rng.choice("ab") for _ in range(2000)), vocab],
        ["pineapplepenapple", ["apple", "pen", "applepen", "pine", "pineapple"]],
        ["b" + "a" * 100, ["a", "aa"]],
        ["abcd" * 50, ["a", "b", "c", "d", "ab", "cd", "abcd", "bc"]],
    ]
