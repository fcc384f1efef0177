import random

TITLE = "Longest Substring Without Repeats"
DIFFICULTY = "medium"
TAGS = ["strings", "sliding window", "hashing"]
KIND = "call"
FN_NAME = "longest_unique"
STATEMENT = """
Write a Python function

```python
def longest_unique(s: str) -> int
```

that returns the length of the longest contiguous substring of `s` in which no character appears twice.
`0 <= len(s) <= 10^5`; `s` holds printable ASCII characters.
"""
EXAMPLES = [(["abcabcbb"], 3), (["bbbbb"], 1)]
REFERENCE = r"""
def longest_unique(s: str) -> int:
    last: dict[str, int] = {}
    start = best = 0
    for i, ch in enumerate(s):
        if ch in last and last[ch] >= start:
            start = last[ch] + 1
        last[ch] = i
        best = max(best, i - start + 1)
    return best
"""
ORACLE = r"""
def longest_unique(s):
    # For each start, extend while characters stay distinct (at most 95 distinct printable chars).
    best = 0
    for i in range(len(s)):
        seen = set()
        for ch in s[i:i + 100]:
            if ch in seen:
                break
            seen.add(ch)
        best = max(best, len(seen))
    return best
"""
MUTANTS = [("last[ch] >= start", "last[ch] > start"), ("i - start + 1", "i - start")]


def inputs() -> list[list[str]]:
    rng = random.Random(7)
    return [
        [""],
        ["a"],
        ["pwwkew"],
        ["abba"],
        ["dvdf"],
        [" "],
        ["tmmzuxt"],
        ["".join(rng.choice("abcdefghij") for _ in range(3000))],
        ["".join(chr(33 + i) for i in range(90)) * 20],
        ["".join(rng.choice("ab") for _ in range(50000))],
    ]
