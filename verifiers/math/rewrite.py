"""Value-preserving rewrites of answers Math-Verify misreads, and the junk it silently drops.

Each rewrite turns a notation into the LaTeX Math-Verify reads, and never changes the value:
unicode math (`√2`, `π`, `x²`, `½`), repeating decimals (`0.\\overline{3}`), scientific `1e3`, a
trailing modulus (`7 \\pmod{9}`), digit groups (`1 000 000`) and English number words. All of them
are linear-time string passes: they run on every hostile answer before any parser.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction

_SYMBOLS = {
    "π": "\\pi ", "×": "\\times ", "·": "\\cdot ", "⋅": "\\cdot ", "÷": "\\div ", "±": "\\pm ",
    "∓": "\\mp ", "∞": "\\infty ", "≤": "\\le ", "≥": "\\ge ", "≠": "\\ne ", "≈": "\\approx ",
    "≡": "\\equiv ", "–": "-", "—": "-", "⁄": "/", "∈": "\\in ", "∪": "\\cup ", "∩": "\\cap ",
    "∅": "\\emptyset ", "ℝ": "\\mathbb{R}", "′": "'", "θ": "\\theta ", "α": "\\alpha ",
    "β": "\\beta ", "γ": "\\gamma ", "λ": "\\lambda ", "μ": "\\mu ", "σ": "\\sigma ",
    "φ": "\\phi ", "ω": "\\omega ", "Δ": "\\Delta ", "∨": "\\lor ", "∧": "\\land ", "→": "\\to ",
    "⇒": "\\Rightarrow ", "⟹": "\\implies ", "⇔": "\\iff ", "↔": "\\iff ", "↦": "\\mapsto ", "∣": "\\mid ", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
}  # fmt: skip
_VULGAR = {
    "½": (1, 2), "⅓": (1, 3), "⅔": (2, 3), "¼": (1, 4), "¾": (3, 4), "⅕": (1, 5), "⅖": (2, 5),
    "⅗": (3, 5), "⅘": (4, 5), "⅙": (1, 6), "⅚": (5, 6), "⅐": (1, 7), "⅛": (1, 8), "⅜": (3, 8),
    "⅝": (5, 8), "⅞": (7, 8), "⅑": (1, 9), "⅒": (1, 10),
}  # fmt: skip
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUB = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")
_SUPER_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻]+")
_SUB_RUN = re.compile("[₀₁₂₃₄₅₆₇₈₉]+")
_ROOT = re.compile(r"([√∛∜])\s*(\d+(?:\.\d+)?|[A-Za-z]|\\[a-zA-Z]+)")
_ROOT_INDEX = {"√": "", "∛": "[3]", "∜": "[4]"}


def unicode_to_latex(s: str) -> str:
    """`√2` -> `\\sqrt{2}`, `x²` -> `x^{2}`, `2½` -> `2\\frac{1}{2}`, `π` -> `\\pi`, `×` -> `\\times`."""
    if s.isascii():
        return s
    for ch, latex in _SYMBOLS.items():
        if ch in s:
            s = s.replace(ch, latex)
    for ch, (num, den) in _VULGAR.items():
        if ch in s:
            s = s.replace(ch, f"\\frac{{{num}}}{{{den}}}")
    s = _SUPER_RUN.sub(lambda m: "^{" + m.group(0).translate(_SUPER) + "}", s)
    s = _SUB_RUN.sub(lambda m: "_{" + m.group(0).translate(_SUB) + "}", s)
    s = _root_groups(s)
    return _ROOT.sub(lambda m: f"\\sqrt{_ROOT_INDEX[m.group(1)]}{{{m.group(2)}}}", s)


def _root_groups(s: str) -> str:
    """`√(x+1)` / `√{x+1}` -> `\\sqrt{x+1}`: the bracketed operand of a root sign, balanced."""
    out: list[str] = []
    i = 0
    while i < len(s):
        ch = s[i]
        j = i + 1
        while j < len(s) and s[j] == " ":
            j += 1
        if ch in _ROOT_INDEX and j < len(s) and s[j] in "({":
            close = ")" if s[j] == "(" else "}"
            depth = 0
            for k in range(j, len(s)):
                depth += 1 if s[k] == s[j] else -1 if s[k] == close else 0
                if depth == 0:
                    out.append(f"\\sqrt{_ROOT_INDEX[ch]}{{{s[j + 1 : k]}}}")
                    i = k + 1
                    break
            else:
                out.append(ch)
                i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


_REPEATING = re.compile(r"(?<![\d.])(-?)(\d*)\.(\d*)\s*\\(?:overline|bar|dot)\s*(?:\{\s*(\d+)\s*\}|(\d))")


def repeating_decimals(s: str) -> str:
    """`0.\\overline{3}` -> `\\frac{1}{3}`, `0.1\\overline{6}` -> `\\frac{1}{6}` (exact rationals)."""
    if "\\overline" not in s and "\\bar" not in s and "\\dot" not in s:
        return s

    def exact(m: re.Match[str]) -> str:
        sign, whole, fixed, repeat = m.group(1), m.group(2) or "0", m.group(3), m.group(4) or m.group(5)
        if len(whole) + len(fixed) + len(repeat) > 60:
            return m.group(0)
        head = Fraction(int(whole + fixed), 10 ** len(fixed))
        tail = Fraction(int(repeat), (10 ** len(repeat) - 1) * 10 ** len(fixed))
        value = head + tail
        text = f"\\frac{{{value.numerator}}}{{{value.denominator}}}" if value.denominator > 1 else str(value)
        return f"-{text}" if sign else text

    return _REPEATING.sub(exact, s)


_SCIENTIFIC = re.compile(r"^(-?(?:\d+(?:\.\d*)?|\.\d+))[eE]([+-]?\d{1,4})$")
_EULER_E = re.compile(r"(?<![\\a-zA-Z])e(?![a-zA-Z])")


def scientific(pred: str, gold: str) -> str:
    """A whole answer `1e3` / `2.5E-4` -> `1\\times10^{3}`, unless the gold uses Euler's `e`
    (then `2e-1` may well mean 2e - 1, as Math-Verify reads it)."""
    m = _SCIENTIFIC.match(pred.strip())
    if not m or _EULER_E.search(gold):
        return pred
    return f"{m.group(1)}\\times10^{{{int(m.group(2))}}}"


_MODULUS = re.compile(
    r"\s*(?:\\pmod\s*\{?\s*(\d+)\s*\}?|\(\s*(?:\\bmod|\\mod|\\text\s*\{\s*mod\s*\}|\\mathrm\s*\{\s*mod\s*\}"
    r"|\\operatorname\s*\{\s*mod\s*\}|mod)\s*\{?\s*(\d+)\s*\}?\s*\))\s*$"
)


def modulus(s: str) -> tuple[str, str | None]:
    """(`s` without a trailing `\\pmod{9}` / `(\\text{mod } 9)`, the modulus or None). A bare
    `16 \\bmod 9` is an operation (= 7), which Math-Verify evaluates, so it stays."""
    s = s.rstrip()
    if "mod" not in s[-60:]:
        return s, None
    m = _MODULUS.search(s, max(0, len(s) - 60))  # a modulus is short: only the end is searched
    if not m or not s[: m.start()].strip():
        return s, None
    return s[: m.start()].strip(), next(g for g in m.groups() if g)


_GROUPED = re.compile(r"^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$")
_SIDE_BY_SIDE = re.compile(r"\d\s+(?:\\[,;: ]\s*|\\quad\s*|\\qquad\s*|\\phantom\s*\{[^{}]*\}\s*)*\d")


def digit_groups(s: str) -> str:
    """`1 000 000` -> `1000000` (thin-space grouping); Math-Verify reads it as 1*0*0."""
    return s.replace(" ", "") if _GROUPED.match(s) else s


_JUNK = re.compile(
    r"\\(?:phantom|hphantom|vphantom|not|sout|cancel|bcancel|xcancel|tag|label|ref|cr|hfill|lor|vee"
    r"|land|wedge|color|textcolor|overset|underset|stackrel|substack|underbrace|overbrace|boxed|fbox|to"
    r"|rightarrow|Rightarrow|longrightarrow|Longrightarrow|implies|iff|Leftrightarrow|mapsto)(?![a-zA-Z])"
    r"|\\operatorname\s*\{\s*(?:or|and|else|not|then)\s*\}"
)


def junk(s: str) -> str | None:
    """Markup that hides or drops part of an answer (`5 \\lor 6`, `\\phantom{6}5`, `5 \\\\ 6`, two
    numbers side by side, a box inside the answer with more beside it: `\\boxed{5} 6`), so
    Math-Verify keeps one part of several; None when there is none."""
    m = _JUNK.search(s)
    if m:
        return m.group(0)
    if not s.isascii():  # a symbol the rewrite does not know (`5 ⊕ 6`): Math-Verify drops it
        odd = next(
            (ch for ch in s if ord(ch) > 127 and ch != "°" and not unicodedata.category(ch).startswith("L")),
            None,
        )
        if odd:
            return f"an unknown symbol {odd!r}"
    if "\\\\" in _outside_environments(s):
        return "\\\\"
    if len(_BAR.findall(s)) % 2:  # `5 | 6` reads as 6; an absolute value `|x|` has two bars
        return "a lone |"
    m = _SIDE_BY_SIDE.search(s)
    if m and not _GROUPED.match(s):
        return f"two numbers side by side: {m.group(0)!r}"
    return None


_BAR = re.compile(r"(?<!\\)\||\\mid(?![a-zA-Z])")
_ENVIRONMENT = re.compile(r"\\begin\s*\{(\w+\*?)\}.*?\\end\s*\{\1\}", re.DOTALL)


def _outside_environments(s: str) -> str:
    return _ENVIRONMENT.sub(" ", s) if "\\begin" in s else s


_UNITS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)
}
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_NUMBER_WORDS = re.compile(r"^(?:negative |minus )?[a-z]+(?:[ -][a-z]+)*$")


def number_from_words(s: str) -> int | None:
    """The integer an English cardinal names (`two`, `twenty-one`, `three hundred and five`,
    `negative four`), or None unless every word is part of one well-formed number."""
    text = " ".join(s.lower().replace(",", " ").split())
    if len(text) > 120 or not _NUMBER_WORDS.match(text):
        return None
    words = text.replace("-", " - ").split()
    sign = 1
    if words[0] in ("negative", "minus"):
        sign, words = -1, words[1:]
    total, group, last_scale = 0, _Group(), None
    for index, word in enumerate(words):
        if word in _SCALES:
            scale = _SCALES[word]
            if group.empty or (last_scale is not None and scale >= last_scale):
                return None
            total, group, last_scale = total + group.value * scale, _Group(), scale
        elif not group.add(word, words[index - 1] if index else ""):
            return None
    if group.broken or (group.empty and last_scale is None):
        return None
    if "zero" in words and len(words) > 1:
        return None
    return sign * (total + group.value)


class _Group:
    """One group below a thousand: `three hundred and forty - five`."""

    def __init__(self) -> None:
        self.value, self.empty, self.broken = 0, True, False
        self.hundreds = self.tens = self.units = False

    def add(self, word: str, previous: str) -> bool:
        if word in ("and", "-"):  # a joint: valid after `hundred` / a tens word, and must be followed
            self.broken = True
            if word == "and":
                return self.hundreds and not (self.tens or self.units)
            return previous in _TENS
        self.broken = False
        if word == "hundred":
            if self.hundreds or self.tens or not self.units or self.value >= 10:
                return False
            self.value, self.hundreds, self.units = self.value * 100, True, False
            return True
        if word in _TENS and not (self.tens or self.units):
            self.value, self.tens, self.empty = self.value + _TENS[word], True, False
            return True
        if (
            word in _UNITS
            and not self.units
            and not (self.tens and _UNITS[word] >= 10)
            and not (self.tens and _UNITS[word] == 0)
        ):
            self.value, self.units, self.empty = self.value + _UNITS[word], True, False
            return True
        return False
