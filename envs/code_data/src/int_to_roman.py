TITLE = "Roman Numerals"
DIFFICULTY = "easy"
TAGS = ["strings", "greedy"]
KIND = "call"
FN_NAME = "to_roman"
STATEMENT = """
Write a Python function

```python
def to_roman(n: int) -> str
```

that returns `n` (1 <= n <= 3999) as a Roman numeral in the standard subtractive form, with the symbols
`I V X L C D M` (4 is `IV`, 9 is `IX`, 40 is `XL`, 90 is `XC`, 400 is `CD`, 900 is `CM`).
"""
EXAMPLES = [([1994], "MCMXCIV"), ([58], "LVIII")]
REFERENCE = r"""
def to_roman(n: int) -> str:
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, symbol in table:
        while n >= value:
            out.append(symbol)
            n -= value
    return "".join(out)
"""
ORACLE = r"""
def to_roman(n):
    ones = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
    tens = ["", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"]
    hundreds = ["", "C", "CC", "CCC", "CD", "D", "DC", "DCC", "DCCC", "CM"]
    return "M" * (n // 1000) + hundreds[n // 100 % 10] + tens[n // 10 % 10] + ones[n % 10]
"""
MUTANTS = [('(400, "CD"), ', ""), ("while n >= value:", "while n > value:")]


def inputs() -> list[list[int]]:
    return [[1], [4], [9], [14], [40], [90], [400], [444], [3999], [2024], [3888], [1000]]
