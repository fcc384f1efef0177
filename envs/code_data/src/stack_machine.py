import random

TITLE = "A Tiny Stack Machine"
DIFFICULTY = "medium"
TAGS = ["simulation", "stack", "parsing"]
KIND = "stdio"
STATEMENT = """
Run a program for a stack machine whose stack holds integers. Instructions, one per line:

- `PUSH x`: push the integer `x` (|x| <= 10^9);
- `POP`: remove the top value;
- `DUP`: push a copy of the top value;
- `SWAP`: exchange the two top values;
- `ADD`, `SUB`, `MUL`: pop `b` (the top), then pop `a`, and push `a + b`, `a - b` or `a * b`;
- `PRINT`: print the top value on its own line (the stack is unchanged).

If an instruction needs more values than the stack holds, print `ERROR` on its own line and stop at once.

**Input:** the first line holds `n` (1 <= n <= 10^4), the number of instructions; the next `n` lines hold them.
Every value the program computes satisfies |v| <= 10^18.

**Output:** the lines printed by the program.
"""
EXAMPLES = [("6\nPUSH 2\nPUSH 5\nSUB\nPRINT\nDUP\nMUL\n", "-3\n"), ("3\nPUSH 1\nADD\nPRINT\n", "ERROR\n")]
REFERENCE = r"""
import sys

lines = sys.stdin.read().split("\n")
n = int(lines[0])
stack = []
out = []
need = {"POP": 1, "DUP": 1, "PRINT": 1, "SWAP": 2, "ADD": 2, "SUB": 2, "MUL": 2, "PUSH": 0}
for line in lines[1:n + 1]:
    parts = line.split()
    op = parts[0]
    if len(stack) < need[op]:
        out.append("ERROR")
        break
    if op == "PUSH":
        stack.append(int(parts[1]))
    elif op == "POP":
        stack.pop()
    elif op == "DUP":
        stack.append(stack[-1])
    elif op == "SWAP":
        stack[-1], stack[-2] = stack[-2], stack[-1]
    elif op == "PRINT":
        out.append(str(stack[-1]))
    else:
        b = stack.pop()
        a = stack.pop()
        stack.append(a + b if op == "ADD" else a - b if op == "SUB" else a * b)
print("\n".join(out))
"""
ORACLE = r"""
import operator

n = int(input())
program = [input().split() for _ in range(n)]
stack = []
binary = {"ADD": operator.add, "SUB": operator.sub, "MUL": operator.mul}
try:
    for ins in program:
        op = ins[0]
        if op == "PUSH":
            stack = stack + [int(ins[1])]
        elif op in binary:
            if len(stack) < 2:
                raise IndexError
            stack = stack[:-2] + [binary[op](stack[-2], stack[-1])]
        elif op == "SWAP":
            if len(stack) < 2:
                raise IndexError
            stack = stack[:-2] + [stack[-1], stack[-2]]
        else:
            top = stack[-1]
            if op == "POP":
                stack = stack[:-1]
            elif op == "DUP":
                stack = stack + [top]
            else:
                print(top)
except IndexError:
    print("ERROR")
"""
MUTANTS = [("a - b if op", "b - a if op"), ('"SWAP": 2', '"SWAP": 1')]


def inputs() -> list[str]:
    rng = random.Random(193)

    def program(k: int) -> str:
        ops = []
        stack: list[int] = []
        for _ in range(k):
            choices = (
                ["PUSH"]
                + (["POP", "DUP", "PRINT"] if stack else [])
                + (["SWAP", "ADD", "SUB", "MUL"] if len(stack) >= 2 else [])
            )
            op = rng.choice(choices)
            if op == "PUSH":
                stack.append(rng.randint(-(10**9), 10**9))
                ops.append(f"PUSH {stack[-1]}")
                continue
            if op in ("ADD", "SUB", "MUL"):
                b, a = stack[-1], stack[-2]
                value = a + b if op == "ADD" else a - b if op == "SUB" else a * b
                if abs(value) > 10**18:
                    op = "POP"
                else:
                    stack[-2:] = [value]
            if op == "POP":
                stack.pop()
            elif op == "DUP":
                stack.append(stack[-1])
            elif op == "SWAP":
                stack[-1], stack[-2] = stack[-2], stack[-1]
            ops.append(op)
        return f"{k}\n" + "\n".join(ops) + "\n"

    return [
        "1\nPOP\n",
        "1\nPUSH 5\n",
        "2\nPUSH -7\nPRINT\n",
        "4\nPUSH 1\nPUSH 2\nSWAP\nPRINT\n",
        "5\nPUSH 3\nPRINT\nSWAP\nPRINT\nPRINT\n",
        "12\nPUSH 2\n" + "DUP\nMUL\n" * 5 + "PRINT\n",
        program(10000),
        program(300),
        "7\nPUSH 1000000000\nPUSH -1000000000\nMUL\nPRINT\nPOP\nPRINT\nPUSH 1\n",
    ]
