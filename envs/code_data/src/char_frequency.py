import random

TITLE = "Letter Frequencies"
DIFFICULTY = "easy"
TAGS = ["strings", "counting", "sorting"]
KIND = "stdio"
STATEMENT = """
Count how often each lowercase letter occurs in the input text (other characters are ignored) and print
the letters that occur, sorted by count from most to least frequent; letters with equal counts are
printed in alphabetical order.

**Input:** any text, possibly over several lines, at most 10^5 characters in total.

**Output:** one line `letter count` per occurring letter, in the order above. Print nothing if no lowercase
letter occurs.
"""
EXAMPLES = [("hello world\n", "l 3\no 2\nd 1\ne 1\nh 1\nr 1\nw 1\n")]
REFERENCE = r"""
import sys
from collections import Counter

counts = Counter(ch for ch in sys.stdin.read() if "a" <= ch <= "z")
for letter, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
    print(letter, n)
"""
ORACLE = r"""
import sys

text = sys.stdin.read()
counts = [text.count(chr(97 + i)) for i in range(26)]
for n in range(max(counts), 0, -1):
    for i in range(26):
        if counts[i] == n:
            print(chr(97 + i) + " " + str(n))
"""
MUTANTS = [("(-kv[1], kv[0])", "(-kv[1], -ord(kv[0]))"), ('"a" <= ch <= "z"', '"a" <= ch < "z"')]


def inputs() -> list[str]:
    rng = random.Random(21)
    return [
        "",
        "1234 !!! ABC\n",
        "z\n",
        "aaaa\nbbbb\ncccc\n",
        "The Quick Brown Fox Jumps Over The Lazy Dog\n",
        "zzz yyy a\n",
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz \n") for _ in range(50000)),
        "".join(rng.choice("xyzXYZ\n") for _ in range(300)),
        "mississippi\n",
    ]
