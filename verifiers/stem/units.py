"""Quantities in model answers: LaTeX/Unicode clean-up, number + unit parsing, and one pint registry.

The registry is built once at import (pint takes ~0.3 s to load its definitions), so the verifier
pool's forkserver, which preloads `verifiers.stem.numeric`, hands every worker a warm registry.
Every parse is bounded: text is capped, exponents beyond ±300 are refused before any float or pint
arithmetic, and unit strings are length-capped and restricted to unit-like characters.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import pint

UREG: pint.UnitRegistry = pint.UnitRegistry(autoconvert_offset_to_baseunit=False)
Quantity = UREG.Quantity

MAX_EXPONENT = 300
MAX_DIGITS = 40
MAX_UNIT_CHARS = 60
MAX_UNIT_POWER = 12

# Words that end a unit: English prose after a number, some of which pint would otherwise read as
# units ("at" = technical atmosphere, "a" = year, "in" = inch, "are" = 100 m^2, "as" = attosecond).
_STOP = "in at a an as are is was to of for and or the which so with from when this that because since \
approximately about roughly by on it its we if then thus hence therefore where while be would will than \
respectively each"
STOP_WORDS = frozenset(_STOP.split())

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_SUPER_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+")
_TEXT_MACRO = re.compile(
    r"\\(?:text|mathrm|textrm|mathit|mathsf|mathbf|textbf|textit|operatorname|textnormal|mbox|rm|unit|si)"
    r"\s*\{([^{}]*)\}"
)
_SIUNITX = re.compile(r"\\(?:SI|qty)\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_FRAC = re.compile(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_SPACES = re.compile(r"\\[,;:! ]|\\quad|\\qquad|~|\u2009|\u202f|\u00a0")
_THIN_THOUSANDS = re.compile(r"(?<=\d)(?:\\,|\{,\}|\u2009|\u202f)(?=\d{3}(?!\d))")
_DEGREE = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|\\circ|\\degree|º")
_BRACED_POWER = re.compile(r"\^\s*\{([^{}]*)\}")
_PAREN_INT_POWER = re.compile(r"\^\s*\(\s*([-+]?\d+)\s*\)")
_LATEX_DROP = re.compile(r"\\(?:left|right|displaystyle|big|Big|bigg|Bigg)\b|\$")
_REPLACEMENTS = (
    (r"\times", "*"),
    (r"\cdot", "*"),
    (r"\ast", "*"),
    ("×", "*"),
    ("·", "*"),
    ("⋅", "*"),
    ("∙", "*"),
    ("−", "-"),
    ("–", "-"),
    (r"\mu", "µ"),
    ("μ", "µ"),
    (r"\Omega", "Ω"),
    (r"\ohm", "Ω"),
    ("Ω", "Ω"),
    (r"\AA", "Å"),
    (r"\mathring{A}", "Å"),
    ("Å", "Å"),
    (r"\%", "%"),
    (r"\pm", "±"),
    (r"\approx", "≈"),
    (r"\simeq", "≈"),
    (r"\sim", "≈"),
    ("≃", "≈"),
    ("≅", "≈"),
    (r"\ell", "l"),
)

_NUMBER = re.compile(
    r"(?P<sign>[-+]?)[ \t]*"
    r"(?:(?P<pow10>10[ \t]*\^[ \t]*\(?[ \t]*(?P<p>[-+]?\d+)[ \t]*\)?)"
    r"|(?P<mant>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)"
    r"(?:[ \t]*[eE][ \t]*(?P<e1>[-+]?\d+)(?![\d.])"
    r"|[ \t]*(?:\*|x|X)[ \t]*10[ \t]*(?:\^[ \t]*\(?[ \t]*(?P<e2>[-+]?\d+)[ \t]*\)?|\*\*[ \t]*(?P<e3>[-+]?\d+)))?)"
)
_UNIT_CUT = re.compile(r"[,;:!?\n]|\.(?:\s|$)|\s\(|\s-\s")
_LETTER_POWER = re.compile(r"(?<=[A-Za-zµΩÅ°%)])(-?\d+)(?![\d.])")
_UNIT_OK = re.compile(r"^[A-Za-zµΩÅ°%_ */^()\d.+-]*$")
_POWERS = re.compile(r"(?:\^|\*\*)\s*\(?\s*([-+]?\d+(?:\.\d+)?)")


class UnitError(ValueError):
    """A unit string that is not a unit (or not a safe one)."""


def normalize(text: str) -> str:
    """LaTeX and Unicode spellings of numbers and units, rewritten to the plain forms pint reads."""
    s = _THIN_THOUSANDS.sub("", text)
    s = _SIUNITX.sub(r"\1 \2", s)
    for old, new in _REPLACEMENTS:
        s = s.replace(old, new)
    s = _DEGREE.sub("°", s)
    s = _SPACES.sub(" ", s)
    s = _LATEX_DROP.sub("", s)
    for _ in range(6):  # innermost-first, bounded: nested macros rarely go deeper
        t = _BRACED_POWER.sub(r"^(\1)", s)
        t = _TEXT_MACRO.sub(r" \1 ", t)
        t = _FRAC.sub(r"(\1)/(\2)", t)
        if t == s:
            break
        s = t
    s = _PAREN_INT_POWER.sub(r"^\1", s)
    s = _SUPER_RUN.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), s)
    s = s.replace("{", " ").replace("}", " ").replace("\\", " ")
    s = re.sub(r"°\s*([CF])\b", r"deg\1", s)
    s = re.sub(r"\bdeg\s+([CF])\b", r"deg\1", s)
    s = re.sub(r"µ\s+(?=[A-Za-zΩ])", "µ", s)
    s = re.sub(r"(?<![A-Za-z])([kMGTmnp])\s+Ω", r"\1Ω", s)  # "\text{k}\Omega"
    s = re.sub(r"(?<=[\w)])\s*\*\*\s*(?=[-+(]?\d)", "^", s)  # "m**3", "10**-5": powers
    s = s.replace("**", " ").replace("__", " ")  # what is left is markdown emphasis
    s = re.sub(r"\s*\^\s*", "^", s)
    return re.sub(r"[ \t]+", " ", s).strip()


@dataclass(frozen=True)
class NumberMatch:
    value: float
    start: int
    end: int


def numbers(text: str) -> list[NumberMatch]:
    """Every number in normalized text that is a value (not a unit exponent or part of a name).

    Raises ValueError for absurd numbers (exponent beyond ±300, too many digits, overflow).
    """
    found: list[NumberMatch] = []
    for m in _NUMBER.finditer(text):
        body = m.start("pow10") if m.group("pow10") else m.start("mant")
        prev = text[body - 1] if body > 0 else " "
        if prev.isalnum() or prev in "^_.°µ" or text[max(0, body - 2) : body] in ("^(", "^-", "^+", "**"):
            continue
        before = text[m.start() - 1] if m.start() > 0 else " "
        if m.group("sign") and (before in "^*" or before.isalpha()):  # "10^-5", "s-1": an exponent
            continue
        found.append(NumberMatch(_to_float(m), m.start(), m.end()))
    return found


def _to_float(m: re.Match[str]) -> float:
    exp_text = m.group("p") or m.group("e1") or m.group("e2") or m.group("e3")
    exponent = int(exp_text) if exp_text and len(exp_text) <= 6 else (10**6 if exp_text else 0)
    if abs(exponent) > MAX_EXPONENT:
        raise ValueError(f"exponent {exp_text} is out of range (limit ±{MAX_EXPONENT})")
    mant = "1" if m.group("pow10") else m.group("mant").replace(",", "")
    if len(mant) > MAX_DIGITS:
        raise ValueError(f"number with {len(mant)} digits is too long (limit {MAX_DIGITS})")
    value = float(f"{mant}e{exponent}")
    if m.group("sign") == "-":
        value = -value
    if not math.isfinite(value):
        raise ValueError(f"number {m.group(0).strip()!r} is not finite")
    return value


def _unit_string(words: list[str]) -> str:
    s = " ".join(words).strip(" *")
    s = _LETTER_POWER.sub(r"^\1", s)  # "m s-1" -> "m s^-1", "cm3" -> "cm^3"
    s = re.sub(r"\^\s*-", "^-", s)
    return s.strip()


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    """A pint unit for a normalized unit string ("" is dimensionless); UnitError when it is none.

    Cached: gold units repeat across a batch, and pint's parser is most of the verifier's time.
    """
    s = _unit_string(text.split()) if text.strip() else ""
    if not s:
        return UREG.dimensionless
    if len(s) > MAX_UNIT_CHARS or not _UNIT_OK.match(s):
        raise UnitError(f"{text!r} is not a unit")
    for power in _POWERS.findall(s):
        if abs(float(power)) > MAX_UNIT_POWER:
            raise UnitError(f"unit power {power} in {text!r} is out of range")
    try:
        unit = UREG.parse_units(s)
    except Exception as exc:
        raise UnitError(f"{text!r} is not a unit ({type(exc).__name__})") from None
    if not isinstance(unit, pint.Unit):
        raise UnitError(f"{text!r} is not a unit")
    return unit


def leading_unit(text: str) -> tuple[pint.Unit | None, str, str]:
    """The unit at the start of `text` (the words right after a number) and the prose that follows.

    Returns (unit or None when no unit is written, the unit text used, the remainder). The longest
    run of words before punctuation or an English stop word that pint reads as a unit wins; a first
    word that is neither a unit nor prose raises UnitError.
    """
    head = _UNIT_CUT.split(text, maxsplit=1)[0].rstrip()
    while head.endswith((")", "]")) and head.count(head[-1]) > head.count("(" if head[-1] == ")" else "["):
        head = head[:-1].rstrip()
    words: list[str] = []
    for word in head.split()[:8]:
        if word in STOP_WORDS or (len(word) > 2 and word.lower() in STOP_WORDS):  # "A" is the ampere
            break
        words.append(word)
    for n in range(len(words), 0, -1):
        try:
            unit = parse_unit(" ".join(words[:n]))
        except UnitError:
            continue
        used = " ".join(words[:n])
        return unit, used, text[text.find(words[n - 1]) + len(words[n - 1]) :]
    if words and words[0] not in "*)":
        raise UnitError(f"unknown unit {words[0]!r}")
    return None, "", text


def quantity(value: float, unit: pint.Unit | str) -> pint.Quantity:
    """A pint Quantity; offset units (°C, °F) are fine here because nothing is multiplied."""
    return Quantity(value, unit)


@lru_cache(maxsize=4096)
def unit_name(unit: pint.Unit) -> str:
    """pint's long name for a unit ("meter / second"); cached because pint's formatter is slow."""
    return str(unit)
