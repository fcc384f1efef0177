import random

TITLE = "Evaluate an Expression"
DIFFICULTY = "hard"
TAGS = ["parsing", "recursion", "stack"]
KIND = "stdio"
STATEMENT = """
Evaluate integer arithmetic expressions with `+`, `-`, `*`, parentheses and unary minus. `*` binds tighter
than `+` and `-`; operators of equal precedence group from left to right (`8-3-2` is 3). A unary minus
applies to the factor right after it (`-2*3` is -6, `--4` is 4). Spaces may appear anywhere between tokens.

**Input:** the first line holds `t` (1 <= t <= 100); each of the next `t` lines holds one valid expression of
at most 2000 characters, with non-negative integer literals of at most 9 digits and nesting depth at most 100.

**Output:** the value of each expression on its own line (values may be large; print them exactly).
"""
EXAMPLES = [("3\n1 + 2 * 3\n(1 + 2) * 3\n8-3-2\n", "7\n9\n3\n"), ("1\n-(2 - 5) * -4\n", "-12\n")]
REFERENCE = r"""
import sys

def tokenize(s):
    tokens = []
    i = 0
    while i < len(s):
        ch = s[i]
        if ch.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            tokens.append(int(s[i:j]))
            i = j
        else:
            if ch != " ":
                tokens.append(ch)
            i += 1
    return tokens

def evaluate(tokens):
    pos = 0

    def expr():
        nonlocal pos
        value = term()
        while pos < len(tokens) and tokens[pos] in ("+", "-"):
            op = tokens[pos]
            pos += 1
            rhs = term()
            value = value + rhs if op == "+" else value - rhs
        return value

    def term():
        nonlocal pos
        value = factor()
        while pos < len(tokens) and tokens[pos] == "*":
            pos += 1
            value *= factor()
        return value

    def factor():
        nonlocal pos
        tok = tokens[pos]
        pos += 1
        if tok == "-":
            return -factor()
        if tok == "(":
            value = expr()
            pos += 1
            return value
        return tok

    return expr()

sys.setrecursionlimit(10000)
lines = sys.stdin.read().split("\n")
print("\n".join(str(evaluate(tokenize(line))) for line in lines[1:int(lines[0]) + 1]))
"""
ORACLE = r"""
import ast
import re

# Python's own parser has the same precedence and associativity for these operators.
def value(node):
    if isinstance(node, ast.Expression):
        return value(node.body)
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -value(node.operand)
    if isinstance(node, ast.BinOp):
        a, b = value(node.left), value(node.right)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
    raise ValueError(ast.dump(node))

for _ in range(int(input())):
    text = re.sub(r"\d+", lambda m: str(int(m.group())), input()).strip()
    print(value(ast.parse(text, mode="eval")))
"""
MUTANTS = [
    (
        'value = value + rhs if op == "+" else value - rhs',
        'value = value + rhs if op == "+" else rhs - value',
    ),
    ("value = expr()\n            pos += 1", "value = expr()"),
]


def inputs() -> list[str]:
    rng = random.Random(257)

    def expression(depth: int) -> str:
        if depth == 0 or rng.random() < 0.25:
            text = str(rng.randint(0, 10**9 - 1))
        elif rng.random() < 0.3:
            text = "(" + expression(depth - 1) + ")"
        else:
            text = expression(depth - 1) + rng.choice(["+", "-", "*", " - ", " + "]) + expression(depth - 1)
        return ("-" if rng.random() < 0.1 else "") + text

    nested = "(" * 100 + "1" + ")" * 100
    many = [e for e in (expression(6) for _ in range(60)) if len(e) <= 2000]
    return [
        "1\n0\n",
        "1\n42\n",
        "1\n-7\n",
        "1\n--7\n",
        "1\n2*-3\n",
        "1\n1-2-3-4\n",
        "1\n" + nested + "\n",
        f"{len(many)}\n" + "\n".join(many) + "\n",
        "2\n 12 * ( 3 + 4 ) - 5 \n999999999*999999999*999999999\n",
        "1\n007 + 1\n",
    ]
