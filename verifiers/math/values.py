"""Numbers compared as what they are: exact values exactly, a decimal to the precision it states,
and a non-finite value (oo, -oo, zoo, nan) only with the same non-finite value.

Math-Verify compares a float side by rounding both to `float_rounding` decimal places (absolute),
and our earlier relative check treated inf - inf against an inf scale as close; both gave false
rewards (`\\infty` for 5, `2^{2023}` for `2^{2023}-1`). Here a tolerance exists only where one side
is written as a decimal number, and it is the precision that number states.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy

NON_FINITE = {sympy.oo: "oo", -sympy.oo: "-oo", sympy.zoo: "zoo", sympy.nan: "nan"}
SELF_EQUAL = ("oo", "-oo")
"""Non-finite values that equal themselves by value. `zoo` and `nan` carry no identity (`12:00`
and `1:00` both read as 12/0 and 1/0 = zoo), so they equal only an identical answer text."""

_FLOAT = re.compile(
    r"^(?P<sign>[-+]?)\s*(?P<mant>\d{1,3}(?:,\d{3})+\.\d*|\d+\.\d*|\.\d+)"
    r"(?:\s*(?:\\times|\\cdot|\*)\s*10\s*\^\s*(?:\{\s*(?P<exp>[-+]?\s*\d{1,4})\s*\}|(?P<digit>\d)))?$"
)
_DECIMAL_LITERAL = re.compile(r"(?<![\d.])(\d*)\.(\d+)(?![\d.])")


@dataclass(frozen=True)
class Decimal:
    """A number written as a decimal: its exact value, one unit in its last place, its significant digits."""

    value: Fraction
    ulp: Fraction
    digits: int


def float_literal(s: str) -> Decimal | None:
    """`0.75`, `-1.50`, `6.02\\times10^{23}` as a Decimal; None for anything else (`3/4`, `1.5\\pi`)."""
    m = _FLOAT.match(s.strip())
    if not m:
        return None
    mantissa = m.group("mant").replace(",", "")
    whole, _, frac = mantissa.partition(".")
    exponent = int((m.group("exp") or m.group("digit") or "0").replace(" ", ""))
    scale = Fraction(10) ** exponent
    value = Fraction(mantissa) * scale * (-1 if m.group("sign") == "-" else 1)
    digits = len((whole + frac).lstrip("0"))
    return Decimal(value, Fraction(1, 10 ** len(frac)) * scale, digits)


_OPENS = re.compile(r"(?:^|[,&;(\[]|\\\\|\\\{|\\begin\{\w+\*?\})\s*[-+]?\s*$")
_CLOSES = re.compile(r"^\s*(?:$|[,&;)\]]|\\\\|\\\}|\\end(?![a-zA-Z]))")


def exactify(s: str) -> str:
    """Decimal literals inside a larger expression read as the exact numbers they write:
    `2^{2023}+0.0` -> `2^{2023}+(\\frac{0}{10})`, so a `+0.0` cannot turn an exact comparison into a
    tolerant one. A decimal that stands alone as an entry (`(0.333333, 2)`, a matrix cell) keeps the
    precision it states."""
    if "." not in s or "%" in s or "\\circ" in s or float_literal(s) is not None:
        return s

    def exact(m: re.Match[str]) -> str:
        if _OPENS.search(s[: m.start()]) and _CLOSES.match(s[m.end() :]):
            return m.group(0)
        return f"(\\frac{{{int(m.group(1) + m.group(2))}}}{{{10 ** len(m.group(2))}}})"

    return _DECIMAL_LITERAL.sub(exact, s)


@lru_cache(maxsize=4096)
def finiteness(value: Any) -> str | None:
    """None for a finite number; else `oo`, `-oo`, `zoo`, `nan`, or another label (equal to nothing)."""
    if value in NON_FINITE:
        return NON_FINITE[value]
    if value.is_Rational:
        return None
    try:
        done = value.doit()  # Math-Verify leaves tan(pi/2), log(0) unevaluated
        if done in NON_FINITE:
            return NON_FINITE[done]
        number = sympy.N(done, 20)
    except Exception:  # noqa: BLE001 - e.g. cot(0) divides by zero inside mpmath: not a finite number
        return "not evaluable"
    if number in NON_FINITE:
        return NON_FINITE[number]
    if number.has(*NON_FINITE) or number.is_finite is False:
        return f"non-finite {str(number)[:40]}"
    return None


def non_finite_atoms(value: Any) -> list[str]:
    """The non-finite atoms anywhere in a structure (an interval end, a tuple entry), sorted."""
    try:
        return sorted(NON_FINITE[a] for a in value.atoms() if a in NON_FINITE)
    except (AttributeError, TypeError):
        return []


def exact_same(a: sympy.Expr, b: sympy.Expr) -> bool | None:
    """Whether two exact numbers are equal, exactly; None when sympy cannot tell.

    The difference is formed exactly (2^2023 - (2^2023 - 1) is 1); an irrational difference is
    evaluated adaptively, which returns a zero without significant digits only for a true zero.
    """
    try:
        diff = a - b
        if diff == 0:
            return True
        if diff.is_Rational:
            return False
        size = sympy.Abs(diff).evalf(30)
    except Exception:  # noqa: BLE001 - sympy raises many types on odd input
        return None
    if size == 0:
        return True
    if not size.is_Float:
        return None
    return bool(size._prec <= 1)  # evalf could not find one significant digit: a zero


def _magnitude(value: Any, other: Fraction) -> Any:
    """|value - other|: exact for a rational value (a gap of exactly one unit in the last place must
    compare as one unit), else a 30-digit Float."""
    gap = sympy.Abs(value - _as_sympy(other))
    return gap if gap.is_Rational else gap.evalf(30)


def judge(
    gold: str, pred: str, gv: sympy.Expr, pv: sympy.Expr, float_rounding: int
) -> tuple[bool, str] | None:
    """Verdict for two scalar numbers (strings after clean-up, values from the parser); None when
    the pair cannot be decided here (then Math-Verify's verdict stands)."""
    gold_label, pred_label = finiteness(gv), finiteness(pv)
    if gold_label or pred_label:
        same = gold_label == pred_label and (gold_label in SELF_EQUAL or _same_text(gold, pred))
        return same, f"non-finite values: {pred_label or 'finite'} vs {gold_label or 'finite'}"
    gold_dec, pred_dec = float_literal(gold), float_literal(pred)
    try:
        if gold_dec is None and pred_dec is None:
            exact = exact_same(gv, pv)
            return None if exact is None else (exact, "exact values compared exactly")
        if gold_dec is not None and pred_dec is not None:
            if pred_dec.value == gold_dec.value:
                return True, "the same decimal"
            within = abs(pred_dec.value - gold_dec.value) * 2 <= gold_dec.ulp
            return within, "within the precision the gold states" if within else "a different decimal"
        if gold_dec is not None:
            within = bool(_magnitude(pv, gold_dec.value) * 2 <= _as_sympy(gold_dec.ulp))
            return within, "the same value to the gold's stated precision" if within else "the values differ"
        assert pred_dec is not None
        gap = _magnitude(gv, pred_dec.value)
        if gap == 0:
            return True, "the same value"
        if pred_dec.digits < float_rounding - 1:
            return False, f"a decimal with {pred_dec.digits} significant digits for an exact value"
        relative = sympy.Rational(1, 10 ** (float_rounding - 1)) * sympy.Abs(gv).evalf(30)
        within = bool(gap <= _as_sympy(pred_dec.ulp) and gap <= relative)
        return within, "the same value to the answer's precision" if within else "the values differ"
    except (TypeError, ValueError, ArithmeticError):
        return False, "the values cannot be compared"


def _same_text(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _as_sympy(x: Fraction) -> sympy.Rational:
    return sympy.Rational(x.numerator, x.denominator)
