import random

TITLE = "Longest Palindromic Subsequence"
DIFFICULTY = "medium"
TAGS = ["dynamic programming", "strings"]
KIND = "call"
FN_NAME = "longest_palindrome_subseq"
STATEMENT = """
Write a Python function

```python
def longest_palindrome_subseq(s: str) -> int
```

that returns the length of the longest subsequence of `s` that is a palindrome (a subsequence keeps the
order of characters but may skip some). `1 <= len(s) <= 500`, lowercase letters only.
"""
EXAMPLES = [(["bbbab"], 4), (["cbbd"], 2)]
REFERENCE = r"""
def longest_palindrome_subseq(s: str) -> int:
    n = len(s)
    dp = [0] * n
    for i in range(n - 1, -1, -1):
        new = [0] * n
        new[i] = 1
        for j in range(i + 1, n):
            if s[i] == s[j]:
                new[j] = dp[j - 1] + 2
            else:
                new[j] = max(dp[j], new[j - 1])
        dp = new
    return dp[n - 1]
"""
ORACLE = r"""
def longest_palindrome_subseq(s):
    # A longest palindromic subsequence is a longest common subsequence of s and its reverse.
    t = s[::-1]
    n = len(s)
    table = [[0] * (n + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(n):
            table[i + 1][j + 1] = table[i][j] + 1 if s[i] == t[j] else max(table[i][j + 1], table[i + 1][j])
    return table[n][n]
"""
MUTANTS = [("new[j] = dp[j - 1] + 2", "new[j] = dp[j - 1] + 1"), ("max(dp[j], new[j - 1])", "dp[j]")]


def inputs() -> list[list[str]]:
    rng = random.Random(89)
    return [
        ["a"],
        ["ab"],
        ["aa"],
        ["abcba"],
        ["character"],
        ["".join(rng.choice("abc") for _ in range(500))],
        ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(400))],
        ["z" * 500],
        ["abcdefghij"],
        ["agbdba"],
    ]
