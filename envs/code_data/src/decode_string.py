import random

TITLE = "Expand Repetitions"
DIFFICULTY = "medium"
TAGS = ["parsing", "stack", "strings"]
KIND = "call"
FN_NAME = "expand"
STATEMENT = """
Write a Python function

```python
def expand(s: str) -> str
```

An encoded string is made of lowercase letters and groups `k[...]`, where `k` is a positive integer
(without leading zeros) and the brackets hold an encoded string that is repeated `k` times; groups may be
nested. Return the expanded string. The input is well formed, `len(s) <= 1000`, and the expanded string
has at most 10^5 characters.
"""
EXAMPLES = [(["3[a2[c]]"], "accaccacc"), (["2[abc]3[cd]ef"], "abcabccdcdcdef")]
REFERENCE = r"""
def expand(s: str) -> str:
    stack: list[tuple[list[str], int]] = []
    current: list[str] = []
    number = 0
    for ch in s:
        if ch.isdigit():
            number = number * 10 + int(ch)
        elif ch == "[":
            stack.append((current, number))
            current, number = [], 0
        elif ch == "]":
            outer, k = stack.pop()
            outer.append("".join(current) * k)
            current = outer
        else:
            current.append(ch)
    return "".join(current)
"""
ORACLE = r"""
import re

def expand(s):
    # Repeatedly expand an innermost group.
    pattern = re.compile(r"(\d+)\[([a-z]*)\]")
    while True:
        s, changes = pattern.subn(lambda m: m.group(2) * int(m.group(1)), s)
        if not changes:
            return s
"""
MUTANTS = [
    ("number = number * 10 + int(ch)", "number = int(ch)"),
    ('outer.append("".join(current) * k)', 'outer.append("".join(current) * (k - 1))'),
]


def inputs() -> list[list[str]]:
    rng = random.Random(269)

    def encoded(depth: int) -> str:
        parts = []
        for _ in range(rng.randint(1, 3)):
            if depth > 0 and rng.random() < 0.5:
                parts.append(f"{rng.randint(1, 4)}[{encoded(depth - 1)}]")
            else:
                parts.append("".join(rng.choice("xyz") for _ in range(rng.randint(1, 3))))
        return "".join(parts)

    return [
        [""],
        ["a"],
        ["1[a]"],
        ["10[b]"],
        ["2[]x"],
        ["100[ab]"],
        ["2[3[4[5[q]]]]"],
        [encoded(4)],
        [encoded(3)],
        ["a1[b1[c]]d"],
        ["99999[z]"],
    ]
