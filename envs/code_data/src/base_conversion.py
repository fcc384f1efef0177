import random

TITLE = "Convert Between Bases"
DIFFICULTY = "medium"
TAGS = ["math", "strings", "parsing"]
KIND = "stdio"
STATEMENT = """
Convert numbers from one base to another. Digits above 9 are the uppercase letters `A` (10) to `Z` (35).

**Input:** the first line holds `q` (1 <= q <= 1000). Each of the next `q` lines holds `a b s`: the source base
`a`, the target base `b` (2 <= a, b <= 36) and a number `s` written in base `a`, with 1 to 60 digits, no sign,
possibly with leading zeros; letters may be upper or lower case.

**Output:** for each query, the number written in base `b` with uppercase letters and no leading zeros (zero is
written `0`).
"""
EXAMPLES = [("3\n10 2 10\n16 10 ff\n2 36 000\n", "1010\n255\n0\n")]
REFERENCE = r"""
import sys

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
lines = sys.stdin.read().split("\n")
out = []
for line in lines[1:int(lines[0]) + 1]:
    a, b, s = line.split()
    a, b = int(a), int(b)
    value = 0
    for ch in s.upper():
        value = value * a + DIGITS.index(ch)
    digits = []
    while value:
        value, r = divmod(value, b)
        digits.append(DIGITS[r])
    out.append("".join(reversed(digits)) or "0")
print("\n".join(out))
"""
ORACLE = r"""
import string

symbols = string.digits + string.ascii_uppercase
for _ in range(int(input())):
    a, b, s = input().split()
    value = int(s, int(a))
    b = int(b)
    # Find the largest power of b not above value, then peel digits from the top.
    power = 1
    while power * b <= value:
        power *= b
    text = ""
    while power >= 1:
        text += symbols[value // power]
        value %= power
        power //= b
    print(text)
"""
MUTANTS = [
    ('or "0"', 'or ""'),
    ("value = value * a + DIGITS.index(ch)", "value = value * b + DIGITS.index(ch)"),
]


def inputs() -> list[str]:
    rng = random.Random(23)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    qs = []
    for _ in range(300):
        a, b = rng.randint(2, 36), rng.randint(2, 36)
        qs.append(f"{a} {b} " + "".join(rng.choice(digits[:a]) for _ in range(rng.randint(1, 60))))
    return [
        "1\n2 10 0\n",
        "1\n10 10 007\n",
        "1\n36 2 ZZ\n",
        "1\n2 36 " + "1" * 60 + "\n",
        "2\n10 16 255\n10 16 256\n",
        "1\n36 36 zyx\n",
        "300\n" + "\n".join(qs) + "\n",
        "1\n7 3 0000001\n",
        "1\n10 2 1\n",
    ]
