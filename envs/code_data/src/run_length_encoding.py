import random

TITLE = "Run-Length Encoding"
DIFFICULTY = "easy"
TAGS = ["strings"]
KIND = "stdio"
STATEMENT = """
Compress a string by replacing every maximal run of one repeated character with the character followed by
the length of the run (in decimal, always written, even when it is 1).

**Input:** one line holding a string of 1 to 10^5 lowercase letters.

**Output:** the encoded string on one line.
"""
EXAMPLES = [("aaabccddddd\n", "a3b1c2d5\n")]
REFERENCE = r"""
s = input().strip()
parts = []
i = 0
while i < len(s):
    j = i
    while j < len(s) and s[j] == s[i]:
        j += 1
    parts.append(s[i] + str(j - i))
    i = j
print("".join(parts))
"""
ORACLE = r"""
import itertools
import sys

s = sys.stdin.read().strip()
sys.stdout.write("".join(f"{k}{len(list(g))}" for k, g in itertools.groupby(s)) + "\n")
"""
MUTANTS = [
    ("str(j - i)", "str(j - i - 1)"),
    ("    i = j\n", "    i = j + 1\n"),
]


def inputs() -> list[str]:
    rng = random.Random(3)
    return [
        "a\n",
        "ab\n",
        "zzzzzzzzzzzz\n",
        "abababab\n",
        "a" * 100000 + "\n",
        "".join(rng.choice("ab") * rng.randint(1, 12) for _ in range(2000)) + "\n",
        "aabbaa\n",
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(1000)) + "\n",
        "qqqqqqqqqqw\n",
    ]
