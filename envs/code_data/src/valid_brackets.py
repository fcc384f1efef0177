import random

TITLE = "Balanced Brackets"
DIFFICULTY = "easy"
TAGS = ["strings", "stack"]
KIND = "call"
FN_NAME = "is_balanced"
STATEMENT = """
Write a Python function

```python
def is_balanced(s: str) -> bool
```

that returns whether the brackets in `s` are balanced: every `(`, `[` and `{` is closed by the matching
`)`, `]` or `}` in the right order. Every other character is ignored. An empty string is balanced.
`len(s) <= 10^5`.
"""
EXAMPLES = [(["{[()()]}"], True), (["([)]"], False)]
REFERENCE = r"""
def is_balanced(s: str) -> bool:
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for ch in s:
        if ch in "([{":
            stack.append(ch)
        elif ch in pairs:
            if not stack or stack.pop() != pairs[ch]:
                return False
    return not stack
"""
ORACLE = r"""
def is_balanced(s):
    t = "".join(c for c in s if c in "()[]{}")
    while True:
        shorter = t.replace("()", "").replace("[]", "").replace("{}", "")
        if shorter == t:
            return t == ""
        t = shorter
"""
MUTANTS = [("return not stack", "return True"), ("if not stack or stack.pop()", "if stack and stack.pop()")]


def inputs() -> list[list[str]]:
    rng = random.Random(4)
    deep = "".join(rng.choice("([{") for _ in range(3000))
    closing = deep[::-1].translate(str.maketrans("([{", ")]}"))
    return [
        [""],
        ["abc"],
        ["("],
        [")"],
        ["(]"],
        ["a(b[c]{d}e)f"],
        ["())("],
        ["((("],
        [deep + closing],
        [deep + closing[:-1] + "]"],
        ["{" * 500 + "}" * 499],
    ]
