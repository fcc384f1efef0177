import random

TITLE = "Split a CSV Line"
DIFFICULTY = "medium"
TAGS = ["parsing", "strings"]
KIND = "call"
FN_NAME = "split_csv"
STATEMENT = """
Write a Python function

```python
def split_csv(line: str) -> list[str]
```

that splits one line of comma-separated values into its fields. A field is either unquoted (any characters
except `,` and `"`, kept exactly, spaces included) or quoted: it starts with `"` right after the start of the
line or a comma, ends with the matching `"` right before a comma or the end of the line, and inside it a
doubled quote `""` stands for one `"` and commas are ordinary characters. The quotes around a quoted field
are not part of its value. An empty line has one empty field. Every line given is well formed.
`len(line) <= 10^4`.
"""
EXAMPLES = [(['a,"b,c",d'], ["a", "b,c", "d"]), (['"say ""hi""",,x '], ['say "hi"', "", "x "])]
REFERENCE = r"""
def split_csv(line: str) -> list[str]:
    fields = []
    field: list[str] = []
    i = 0
    quoted = False
    while i < len(line):
        ch = line[i]
        if quoted:
            if ch == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    field.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                field.append(ch)
        elif ch == ",":
            fields.append("".join(field))
            field = []
        elif ch == '"':
            quoted = True
        else:
            field.append(ch)
        i += 1
    fields.append("".join(field))
    return fields
"""
ORACLE = r"""
import csv

def split_csv(line):
    return next(csv.reader([line], strict=True)) if line else [""]
"""
MUTANTS = [
    ("field.append('\"')\n                    i += 1", "i += 1"),
    ('fields.append("".join(field))\n    return fields', "return fields"),
]


def inputs() -> list[list[str]]:
    rng = random.Random(263)

    def field() -> str:
        text = "".join(rng.choice('ab ,"') for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.5 or "," in text or '"' in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    return [
        [""],
        [","],
        ['""'],
        ['"",""'],
        ["a"],
        [" a , b "],
        ['"x""y"'],
        ['"a,b",,"c"'],
        [",".join(field() for _ in range(500))],
        [",".join(field() for _ in range(5))],
    ]
