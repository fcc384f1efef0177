import random

TITLE = "Caesar Shift"
DIFFICULTY = "easy"
TAGS = ["strings", "math"]
KIND = "call"
FN_NAME = "caesar"
STATEMENT = """
Write a Python function

```python
def caesar(text: str, shift: int) -> str
```

that shifts every ASCII letter of `text` by `shift` places through the alphabet, wrapping around and
keeping its case (`'z'` shifted by 1 is `'a'`, `'A'` shifted by -1 is `'Z'`). Every other character is
kept as it is. `-10^9 <= shift <= 10^9`, `len(text) <= 10^4`.
"""
EXAMPLES = [(["Hello, World!", 3], "Khoor, Zruog!"), (["abc", -1], "zab")]
REFERENCE = r"""
def caesar(text: str, shift: int) -> str:
    out = []
    for ch in text:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + shift) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + shift) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)
"""
ORACLE = r"""
import string

def caesar(text, shift):
    k = shift % 26
    lo, up = string.ascii_lowercase, string.ascii_uppercase
    table = str.maketrans(lo + up, lo[k:] + lo[:k] + up[k:] + up[:k])
    return text.translate(table)
"""
MUTANTS = [("% 26 + 65", "% 25 + 65"), ('elif "A" <= ch <= "Z":', 'elif "A" < ch <= "Z":')]


def inputs() -> list[list[object]]:
    rng = random.Random(9)
    blob = "".join(rng.choice("abcXYZ mnoPQR,.-09") for _ in range(2000))
    return [
        ["", 5],
        ["xyz XYZ", 3],
        ["Zebra", 26],
        ["Zebra", 0],
        ["Ab!", -27],
        ["Mixed CASE 123", 1000000000],
        ["wrap", -1000000000],
        ["AZaz", 25],
        [blob, 13],
        [blob, -7],
    ]
