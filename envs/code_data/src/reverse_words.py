import random

TITLE = "Reverse the Words"
DIFFICULTY = "easy"
TAGS = ["strings"]
KIND = "stdio"
STATEMENT = """
Read one line of text and print its words in reverse order, separated by single spaces.
A word is a maximal run of non-space characters; leading, trailing and repeated spaces are dropped.

**Input:** one line of at most 10^5 characters (letters, digits, punctuation and spaces). It may hold no word at all.

**Output:** the words in reverse order joined by single spaces, then a newline (an empty line if there are no words).
"""
EXAMPLES = [("the quick  brown fox\n", "fox brown quick the\n")]
REFERENCE = r"""
import sys

words = sys.stdin.readline().split()
print(" ".join(reversed(words)))
"""
ORACLE = r"""
line = input()
out = []
current = ""
for ch in line + " ":
    if ch == " ":
        if current:
            out.insert(0, current)
        current = ""
    else:
        current += ch
print(" ".join(out))
"""
MUTANTS = [("reversed(words)", "words"), ('" ".join', '"  ".join')]


def inputs() -> list[str]:
    rng = random.Random(11)
    words = ["".join(rng.choice("abcxyz!?0") for _ in range(rng.randint(1, 6))) for _ in range(300)]
    return [
        "hello\n",
        "   \n",
        "  leading and trailing  \n",
        "a b\n",
        "same same same\n",
        "one,two; three.\n",
        " ".join(words) + "\n",
        "   ".join(words[:50]) + "\n",
        "x\n",
    ]
