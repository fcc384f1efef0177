"""String-level clean-up of math answers, and the cheap checks that run before any sympy work.

Everything here is plain string processing: it must stay fast on hostile input, because it runs
on every answer before Math-Verify or sympy see it.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

MAX_ANSWER_CHARS = 2000
"""Longer "answers" are refused before parsing: no dataset answer is this long, and sympy could stall."""

_DELIMS = (("$$", "$$"), ("$", "$"), ("\\[", "\\]"), ("\\(", "\\)"))
_SPACING = re.compile(
    r"(?<!\\)\\[,;:! ]|\\quad|\\qquad|\\displaystyle|\\left(?![a-zA-Z])|\\right(?![a-zA-Z])|~"
)
_FRAC_VARIANT = re.compile(r"\\[dt]frac(?![a-zA-Z])")
_UPRIGHT_CONST = re.compile(r"\\(?:mathrm|operatorname|text|mathit)\s*\{\s*([ei])\s*\}")
_TEXT_WRAP = re.compile(
    r"\\(?:text|textbf|textit|textrm|mathrm|mathbf|mathit|mbox|operatorname)\s*\{([^{}]*)\}"
)
_LETTER = re.compile(r"^\(?\s*([A-Za-z])\s*\)?[.:]?$")
_WORDS = re.compile(r"^[A-Za-z][A-Za-z' \-]*$")
_DECIMAL = re.compile(r"(?<![\d.])\d*\.\d+")
_FACTORIAL = re.compile(r"(\d+)\s*!")
_UNEVALUATED = re.compile(r"\\(int|iint|oint|sum|prod|lim)(?![a-zA-Z])")
_DEGREES = re.compile(r"(\d+(?:\.\d+)?)\s*(?:\^\s*\{?\s*\\circ\s*\}?|\\degree|°)")


def strip_delimiters(s: str) -> str:
    """Drop one pair of enclosing `$...$` / `\\[...\\]` / `\\(...\\)` and surrounding whitespace."""
    s = s.strip()
    for left, right in _DELIMS:
        if len(s) >= len(left) + len(right) and s.startswith(left) and s.endswith(right):
            inner = s[len(left) : len(s) - len(right)]
            if "$" not in inner:  # `$1$ and $2$` is not one math span
                return inner.strip()
    return s


def upright_constants(s: str) -> str:
    """`\\mathrm{e}` -> `e` (Math-Verify stops reading at it and compares a truncated answer)."""
    return _UPRIGHT_CONST.sub(r"\1", s)


def clean(s: str) -> str:
    """Cosmetic normalisation that never changes the value: spacing commands, `\\dfrac`, `\\mathrm{e}`,
    the `{,}` thousands separator and a trailing full stop."""
    s = strip_delimiters(s)
    s = _SPACING.sub(" ", s)
    s = _FRAC_VARIANT.sub(r"\\frac", s)
    s = upright_constants(s)
    s = s.replace("{,}", "").replace("\\$", "").replace("**", "^").replace("\u2212", "-")
    s = s.replace("\\varnothing", "\\emptyset")
    s = s.strip().rstrip(".").strip()
    return s


_SIMPLE_NUMBER = re.compile(
    r"^(?P<sign>-?)\s*(?:(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?P<dec>\.\d+)?|(?P<lead>\.\d+)"
    r"|\\frac\s*\{\s*(?P<num>\d+)\s*\}\s*\{\s*(?P<den>\d+)\s*\}|(?P<n>\d+)\s*/\s*(?P<d>\d+))$"
)


def simple_number(s: str) -> tuple[Fraction, bool] | None:
    """(exact value, written as a decimal) for plain numbers: `-12`, `1,250`, `0.75`, `\\frac{3}{4}`,
    `3/4`. These need no LaTeX parser, and they are most answers in math RL data."""
    m = _SIMPLE_NUMBER.match(s.strip())
    if not m or len(s) > 200:
        return None
    sign = -1 if m.group("sign") else 1
    if m.group("num") is not None or m.group("n") is not None:
        num, den = (
            (int(m.group("num")), int(m.group("den")))
            if m.group("num")
            else (int(m.group("n")), int(m.group("d")))
        )
        return (sign * Fraction(num, den), False) if den else None
    if m.group("lead") is not None:
        return sign * Fraction(m.group("lead")), True
    digits = m.group("int").replace(",", "") + (m.group("dec") or "")
    return sign * Fraction(digits), m.group("dec") is not None


def key(s: str) -> str:
    """A whitespace-free form for the exact-string fast path."""
    return "".join(clean(s).split())


def unwrap_text(s: str) -> str:
    """`\\text{(B)}` -> `(B)`; nested wrappers are peeled one level at a time."""
    previous = None
    while previous != s:
        previous, s = s, _TEXT_WRAP.sub(r"\1", s)
    return s.strip()


def as_letter(s: str, *, strict: bool) -> str | None:
    """The choice letter an answer names (`B`, `(B)`, `\\text{B}`), else None.

    `strict` (used for gold answers) accepts only capitals A-J, since a lone lower-case letter is
    usually a variable.
    """
    m = _LETTER.match(unwrap_text(clean(s)))
    if not m:
        return None
    letter = m.group(1)
    if strict and not ("A" <= letter <= "J"):
        return None
    return letter.upper()


def as_words(s: str) -> str | None:
    """Lower-cased words when the answer is plain text (`\\text{Monday}`, `no solution`), else None.

    Math-Verify reads words as products of symbols, so anagrams would match; words compare as words.
    """
    text = unwrap_text(clean(s))
    if len(text) < 2 or not _WORDS.match(text) or len(text.replace(" ", "")) < 2:
        return None
    words = text.lower().replace("-", " ").split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words) or None


def has_decimal(s: str) -> bool:
    return _DECIMAL.search(s) is not None


_TEXT_CONTENT = re.compile(r"\\(?:text|textbf|textit|textrm|mbox|mathrm)\s*\{([^{}]*)\}")


def number_in_text(s: str) -> str | None:
    """A `\\text{...}` that mixes words with a number (`3 \\text{ (or maybe 4)}`), else None.

    Math-Verify drops trailing text as units, so a second answer could hide there.
    """
    for m in _TEXT_CONTENT.finditer(s):
        content = m.group(1).strip()
        if any(ch.isdigit() for ch in content) and simple_number(content) is None:
            return m.group(0)
    return None


def unevaluated(s: str) -> str | None:
    """The first integral / sum / product / limit command in `s`, if any."""
    m = _UNEVALUATED.search(s)
    return m.group(0) if m else None


def degrees_to_radians(s: str) -> str:
    """`45^\\circ` -> `\\frac{45\\pi}{180}`, so an answer in degrees compares with one in radians."""
    return _DEGREES.sub(lambda m: f"\\frac{{{m.group(1)}\\pi}}{{180}}", s)


def has_degrees(s: str) -> bool:
    return _DEGREES.search(s) is not None


def split_top_level(s: str, sep: str = ",") -> list[str]:
    """Split at `sep` outside any brackets: `(1,2), 3` -> [`(1,2)`, `3`]."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(s):
        ch = s[i]
        if ch == "\\" and s.startswith(("\\{", "\\}"), i):
            depth += 1 if s[i + 1] == "{" else -1
            i += 2
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(s[start:i].strip())
            start = i + 1
        i += 1
    parts.append(s[start:].strip())
    return parts


def strip_outer_brackets(s: str) -> str:
    """`(3, 2)` / `\\{3, 2\\}` / `[3, 2]` -> `3, 2` when the brackets enclose the whole answer."""
    s = s.strip()
    for left, right in (("\\{", "\\}"), ("(", ")"), ("[", "]")):
        if s.startswith(left) and s.endswith(right):
            inner = s[len(left) : len(s) - len(right)]
            if _balanced(inner):
                return inner.strip()
    return s


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


# --- cost guards ---------------------------------------------------------------------------

_POWER = re.compile(r"\^|\*\*")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_MAX_EXPONENT = 1e4
_MAX_GROUP_EXPONENT = 100  # (1+x)^{999} makes sympy expand a thousand-term polynomial
_COMMAND = re.compile(r"\\[a-zA-Z]+")
_MAX_FACTORIAL = 10_000


def _operand(s: str, i: int) -> tuple[str, int]:
    """The exponent that starts at s[i]: a balanced `{...}` group, a number, or one token."""
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s):
        return "", i
    if s[i] == "{" or s[i] == "(":
        close = "}" if s[i] == "{" else ")"
        depth = 0
        for j in range(i, len(s)):
            if s[j] in "{(":
                depth += 1
            elif s[j] in "})":
                depth -= 1
                if depth == 0 and s[j] == close:
                    return s[i + 1 : j], j + 1
        return s[i + 1 :], len(s)
    m = re.match(r"-?\d+(?:\.\d+)?", s[i:])
    if m:
        return m.group(0), i + m.end()
    return s[i], i + 1


def _magnitude(s: str, depth: int = 0) -> float | None:
    """The value of a purely numeric power chain (`9`, `9^9`, `9^{9^9}`), inf on overflow; None when
    symbolic. Used only to spot exponents too large to evaluate, never for the answer itself."""
    s = s.strip()
    if depth > 50:
        return math.inf
    if _NUMBER.match(s):
        return abs(float(s))
    m = _POWER.search(s)
    if not m or not _NUMBER.match(s[: m.start()].strip()):
        return None
    base = abs(float(s[: m.start()]))
    exponent_text, end = _operand(s, m.end())
    if s[end:].strip():
        return None
    exponent = _magnitude(exponent_text, depth + 1)
    if exponent is None:
        return None
    if base <= 1:
        return base
    try:
        return base**exponent if exponent * math.log10(base) < 300 else math.inf
    except OverflowError:
        return math.inf


def _symbolic_group_before(s: str, i: int) -> bool:
    """Whether a bracketed group holding a variable ends just before position `i`."""
    j = i - 1
    while j >= 0 and s[j] == " ":
        j -= 1
    if j < 0 or s[j] not in ")}]":
        return False
    depth = 0
    for k in range(j, -1, -1):
        depth += {")": 1, "}": 1, "]": 1, "(": -1, "{": -1, "[": -1}.get(s[k], 0)
        if depth == 0:
            group = _COMMAND.sub("", s[k : j + 1])
            return any(ch.isalpha() for ch in group)
    return False


def too_costly(s: str) -> str | None:
    """Why evaluating `s` could stall sympy (power towers, huge exponents or factorials), else None."""
    if len(s) > MAX_ANSWER_CHARS:
        return f"answer is {len(s)} characters long (limit {MAX_ANSWER_CHARS})"
    if s.count("^") + s.count("**") > 60:
        return "too many powers"
    for m in _POWER.finditer(s):
        exponent, _ = _operand(s, m.end())
        if len(exponent) > 200:
            continue  # a long symbolic exponent is not a tower of numbers
        value = _magnitude(exponent)
        if value is not None and value > _MAX_EXPONENT:
            return f"exponent {exponent[:40]!r} is too large to evaluate"
        if value is not None and value > _MAX_GROUP_EXPONENT and _symbolic_group_before(s, m.start()):
            return f"a power of a symbolic sum with exponent {exponent[:40]!r} is too large to expand"
    for m in _FACTORIAL.finditer(s):
        if len(m.group(1)) > 6 or int(m.group(1)) > _MAX_FACTORIAL:
            return f"factorial {m.group(0)!r} is too large to evaluate"
    return None
