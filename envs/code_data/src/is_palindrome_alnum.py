import random

TITLE = "Palindrome After Cleaning"
DIFFICULTY = "easy"
TAGS = ["strings", "two pointers"]
KIND = "call"
FN_NAME = "is_palindrome"
STATEMENT = """
Write a Python function

```python
def is_palindrome(s: str) -> bool
```

that returns `True` when `s` reads the same forwards and backwards after removing every character that is
not an ASCII letter or digit and lower-casing the letters, and `False` otherwise. The empty string (or a
string with no letters or digits) is a palindrome. `len(s) <= 10^5`; `s` holds printable ASCII characters.
"""
EXAMPLES = [(["A man, a plan, a canal: Panama"], True), (["race a car"], False)]
REFERENCE = r"""
def is_palindrome(s: str) -> bool:
    i, j = 0, len(s) - 1
    while i < j:
        if not (s[i].isascii() and s[i].isalnum()):
            i += 1
        elif not (s[j].isascii() and s[j].isalnum()):
            j -= 1
        elif s[i].lower() != s[j].lower():
            return False
        else:
            i += 1
            j -= 1
    return True
"""
ORACLE = r"""
import string

def is_palindrome(s):
    keep = string.ascii_letters + string.digits
    cleaned = [c.lower() for c in s if c in keep]
    return cleaned == cleaned[::-1]
"""
MUTANTS = [("s[i].lower() != s[j].lower()", "s[i] != s[j]"), ("while i < j:", "while i < j - 1:")]


def inputs() -> list[list[str]]:
    rng = random.Random(5)
    half = "".join(rng.choice("abcdefXYZ019") for _ in range(5000))
    return [
        [""],
        [",.!? "],
        ["a"],
        ["ab"],
        ["0P"],
        ["No 'x' in Nixon"],
        ["Abba"],
        ["ab_a"],
        [half + "#" + half[::-1].swapcase()],
        [half + "q" + half[::-1] + "r"],
    ]
