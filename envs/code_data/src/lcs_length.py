import random

TITLE = "Longest Common Subsequence"
DIFFICULTY = "medium"
TAGS = ["dynamic programming", "strings"]
KIND = "stdio"
STATEMENT = """
Find the length of the longest common subsequence of two strings (a subsequence keeps the order of the
characters but may skip some).

**Input:** two lines, each holding a string of 1 to 500 lowercase letters.

**Output:** the length of their longest common subsequence.
"""
EXAMPLES = [("abcde\nace\n", "3\n"), ("abc\ndef\n", "0\n")]
REFERENCE = r"""
a = input().strip()
b = input().strip()
prev = [0] * (len(b) + 1)
for ch in a:
    cur = [0]
    for j, other in enumerate(b):
        cur.append(prev[j] + 1 if ch == other else max(prev[j + 1], cur[j]))
    prev = cur
print(prev[-1])
"""
ORACLE = r"""
# Bit-parallel LCS (Allison-Dix / Hyyro): zero bits of V count the LCS length.
a = input().strip()
b = input().strip()
full = (1 << len(a)) - 1
match = {}
for i, ch in enumerate(a):
    match[ch] = match.get(ch, 0) | (1 << i)
v = full
for ch in b:
    u = v & match.get(ch, 0)
    v = ((v + u) | (v - u)) & full
print(len(a) - bin(v).count("1"))
"""
MUTANTS = [
    ("prev[j] + 1 if ch == other", "prev[j + 1] + 1 if ch == other"),
    ("max(prev[j + 1], cur[j])", "prev[j + 1]"),
]


def inputs() -> list[str]:
    rng = random.Random(53)

    def word(k: int, alphabet: str) -> str:
        return "".join(rng.choice(alphabet) for _ in range(k))

    return [
        "a\na\n",
        "a\nb\n",
        "aaaa\naa\n",
        "abcabc\ncba\n",
        word(500, "ab") + "\n" + word(500, "ab") + "\n",
        word(500, "abcdefghijklmnopqrstuvwxyz") + "\n" + word(400, "abcdefghijklmnopqrstuvwxyz") + "\n",
        "z" * 500 + "\n" + "z" * 500 + "\n",
        "xyz\nzyx\n",
        word(30, "abc") + "\n" + word(45, "abc") + "\n",
    ]
