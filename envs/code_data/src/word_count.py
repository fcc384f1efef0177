import random

TITLE = "Lines, Words, Characters"
DIFFICULTY = "easy"
TAGS = ["strings", "parsing"]
KIND = "stdio"
STATEMENT = """
Count the lines, words and characters of the input, like the Unix tool `wc`.

- lines: the number of newline characters `\\n`;
- words: the number of maximal runs of characters that are not spaces, tabs or newlines;
- characters: the total number of characters, newlines included.

**Input:** any ASCII text of at most 10^5 characters (possibly empty, possibly not ending with a newline).

**Output:** three integers on one line: lines, words, characters.
"""
EXAMPLES = [("hello world\nbye\n", "2 3 16\n")]
REFERENCE = r"""
import sys

text = sys.stdin.read()
print(text.count("\n"), len(text.split()), len(text))
"""
ORACLE = r"""
import sys

text = sys.stdin.read()
lines = words = 0
inside = False
for ch in text:
    if ch == "\n":
        lines += 1
    if ch in " \t\n":
        inside = False
    elif not inside:
        inside = True
        words += 1
print(lines, words, len(text))
"""
MUTANTS = [('text.count("\\n")', "len(text.splitlines())"), ("len(text.split())", 'len(text.split(" "))')]


def inputs() -> list[str]:
    rng = random.Random(271)
    return [
        "",
        "\n",
        "word",
        "  \t \n",
        "a b\tc\nd",
        "\n\n\nx\n\n",
        "".join(rng.choice("ab \t\n") for _ in range(100000)),
        "one two  three\n   four\n",
        "x" * 1000 + "\n",
    ]
