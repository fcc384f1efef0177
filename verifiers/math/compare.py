"""Is a predicted answer equivalent to the gold one? Math-Verify decides, then our checks overrule it
where it is known to be wrong (tiny numbers, anagrams of words, exactness, required form, order).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import sympy
from math_verify import ExprExtractionConfig, LatexExtractionConfig
from math_verify import parse as mv_parse
from math_verify import verify as mv_verify

from verifiers.math.normalize import (
    as_letter,
    as_words,
    clean,
    decimal_tolerance,
    degrees_to_radians,
    has_decimal,
    has_degrees,
    key,
    number_in_text,
    simple_number,
    split_top_level,
    strip_outer_brackets,
    too_costly,
    unevaluated,
    upright_constants,
)

# Timeouts are ours (a killed worker process), so Math-Verify's signal-based ones stay off, and
# the warning it logs about that on every call is noise.
logging.getLogger("math_verify").setLevel(logging.ERROR)

CONFIGS = (LatexExtractionConfig(boxed_match_priority=0), ExprExtractionConfig())
"""One module-level tuple: Math-Verify caches its compiled regexes per config object."""

FORMS = ("factor", "expand", "simplify")
MAX_UNORDERED_PARTS = 12


@dataclass(frozen=True)
class Options:
    """How strictly to compare; every field is a verifier option of kind `math`."""

    form: str | None = None  # "factor" | "expand" | "simplify": the answer must also have that form
    exact: bool = False  # a decimal approximation of an exact gold (3\pi vs 9.42477796) is wrong
    relations: bool = False  # `x < 3` and `(-\infty, 3)` match in both directions
    unordered: bool = False  # `(3, 2)` matches `(2, 3)`: the task says order does not matter
    float_rounding: int = 6  # Math-Verify's decimal places for numeric comparison
    strict: bool = True  # Math-Verify's strict mode: f(x) and f(y) differ


@dataclass(frozen=True)
class Outcome:
    equal: bool
    reason: str
    gold_parsed: bool = True


@lru_cache(maxsize=4096)
def parse_answer(s: str) -> tuple[Any, ...]:
    """Math-Verify's reading of one answer string (cached: GRPO scores many samples per gold)."""
    if "$" in s or "\\boxed" in s or "\\fbox" in s:
        text = s
    elif _balanced_braces(s):
        text = "\\boxed{" + s + "}"
    else:
        text = "$" + s + "$"
    return tuple(mv_parse(text, CONFIGS, parsing_timeout=None))  # type: ignore[arg-type]


TARGETS = {"math_verify": CONFIGS, "math_verify_latex": CONFIGS[:1], "math_verify_expr": CONFIGS[1:]}
"""The `math_verify*` strategies: Math-Verify's own extraction with these targets."""


def parse_text(text: str, strategy: str = "math_verify") -> tuple[Any, ...]:
    """Math-Verify's anchored extraction over a whole final text (the `math_verify*` strategies)."""
    return tuple(mv_parse(upright_constants(text), TARGETS[strategy], parsing_timeout=None))  # type: ignore[arg-type]


def _balanced_braces(s: str) -> bool:
    depth = 0
    i = 0
    while i < len(s):
        if s[i] == "\\":
            i += 2
            continue
        depth += {"{": 1, "}": -1}.get(s[i], 0)
        if depth < 0:
            return False
        i += 1
    return depth == 0


def equivalent(gold: str, pred: str, opts: Options, pred_parsed: tuple[Any, ...] | None = None) -> Outcome:
    """Compare two answer strings; `pred_parsed` skips re-parsing when Math-Verify extracted `pred`."""
    g, p = clean(gold), clean(pred)
    if pred_parsed is None and key(g) == key(p):
        return Outcome(True, "identical to the gold answer")
    letter = as_letter(g, strict=True)
    if letter is not None:
        got = as_letter(p, strict=False)
        return Outcome(got == letter, f"choice {got or p[:40]!r} vs {letter!r}")
    words = as_words(g)
    if words is not None and not _same_words_as_symbols(g):
        got_words = as_words(p)
        return Outcome(got_words == words, f"text answer {got_words or p[:40]!r} vs {words!r}")
    fast = _plain_numbers(g, p, opts) if pred_parsed is None and opts.form is None else None
    if fast is not None:
        return fast
    costly = too_costly(p)
    if costly:
        return Outcome(False, f"not evaluated: {costly}")
    hidden = number_in_text(p)
    if hidden and not number_in_text(g):
        return Outcome(False, f"the answer has a number inside text: {hidden[:60]}")
    left = unevaluated(p)
    if left and not unevaluated(g):
        return Outcome(False, f"the answer leaves {left} unevaluated")
    if has_degrees(p) and "\\pi" in g:
        p = degrees_to_radians(p)
    elif has_degrees(g) and "\\pi" in p:
        g = degrees_to_radians(g)

    gold_parsed = parse_answer(g)
    if not gold_parsed:
        return Outcome(False, f"the gold answer {gold[:80]!r} could not be parsed", gold_parsed=False)
    parsed = pred_parsed if pred_parsed is not None else parse_answer(p)
    if not parsed:
        return Outcome(False, "the answer could not be parsed")
    same = mv_verify(
        list(gold_parsed),
        list(parsed),
        float_rounding=opts.float_rounding,
        strict=opts.strict,
        allow_set_relation_comp=opts.relations,
        timeout_seconds=None,
    )
    if same:
        objection = _objection(gold_parsed, parsed, g, p, opts)
        if objection:
            return Outcome(False, objection)
        return Outcome(True, "equivalent to the gold answer")
    if "\\%" in g and "%" not in p and pred_parsed is None:  # `12.5\%` answered as `12.5`
        return equivalent(gold, p + "\\%", opts)
    gv, pv = _first_expr(gold_parsed), _first_expr(parsed)
    exactness_refused = opts.exact and has_decimal(p) and not has_decimal(g)
    numbers = _is_number(gv) and _is_number(pv) and "%" not in g + p
    # e.g. 6.02\times10^{23} against its digits: Math-Verify's rounding misses, the values agree
    if numbers and not exactness_refused and _close(gv, pv, _tolerance(g, p, opts), strict=True):
        return Outcome(True, "the same value")
    if opts.unordered:
        return _unordered(g, p, opts)
    return Outcome(False, "not equivalent to the gold answer")


def _plain_numbers(g: str, p: str, opts: Options) -> Outcome | None:
    """Decide plain-number pairs exactly, without the LaTeX parser; None when tolerance rules apply
    (a decimal against a value it does not equal exactly) or exactness is asked of a decimal."""
    gold_number, answer_number = simple_number(g), simple_number(p)
    if gold_number is None or answer_number is None:
        return None
    (gold_value, gold_decimal), (value, decimal) = gold_number, answer_number
    if opts.exact and decimal and not gold_decimal:
        return None
    if value == gold_value:
        return Outcome(True, "the same number")
    if decimal or gold_decimal:
        return None
    return Outcome(False, "a different number")


def _same_words_as_symbols(g: str) -> bool:
    """True for a bare one- or two-letter product like `ab`: that is algebra, not a word."""
    return len(g) <= 2 and g.isalpha() and g.islower()


def _first_expr(parsed: tuple[Any, ...]) -> Any:
    for item in parsed:
        if isinstance(item, sympy.Basic):
            return item
    return None


def _objection(
    gold_parsed: tuple[Any, ...], parsed: tuple[Any, ...], g: str, p: str, opts: Options
) -> str | None:
    """Why Math-Verify's "equal" is wrong here, or None when it stands."""
    gv, pv = _first_expr(gold_parsed), _first_expr(parsed)
    if opts.exact and has_decimal(p) and not has_decimal(g):
        return "an exact answer is required, got a decimal approximation"
    numbers = _is_number(gv) and _is_number(pv) and "%" not in g + p
    if numbers and not _close(gv, pv, _tolerance(g, p, opts)):
        return "the values differ (relative to their size)"
    if opts.form:
        return _form_problem(gv, pv, p, opts.form)
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, sympy.Expr) and bool(value.is_number)


def _tolerance(g: str, p: str, opts: Options) -> float:
    """Relative tolerance: the precision a decimal gold states, Math-Verify's rounding for a decimal
    answer to an exact gold, and none (30 digits) when both are exact."""
    stated = decimal_tolerance(g)
    if stated is not None:
        return max(stated, 1e-15)
    if has_decimal(p):
        return 10.0 ** -(opts.float_rounding - 1)
    return 1e-20


def _close(a: sympy.Expr, b: sympy.Expr, tol: float, strict: bool = False) -> bool:
    """Relative closeness at 30 digits; Math-Verify's absolute rounding calls 1/2^99 = 1/2^98.

    When the values cannot be compared, the answer is `not strict` (keep Math-Verify's verdict).
    """
    if a.is_Rational and b.is_Rational and tol < 1e-15:
        return bool(a == b)
    try:
        x, y = sympy.N(a, 30), sympy.N(b, 30)
        diff = abs(x - y)
        scale = max(abs(x), abs(y))
        if scale == 0:
            return True
        return bool(diff <= tol * scale)
    except (TypeError, ValueError, ArithmeticError):
        return not strict  # not a plain finite number after all


_UNREDUCED_FRAC = re.compile(r"\\frac\s*\{\s*(-?\d+)\s*\}\s*\{\s*(-?\d+)\s*\}")
_UNSIMPLIFIED_ROOT = re.compile(r"\\sqrt\s*\{\s*(\d+)\s*\}")


def _form_problem(gv: Any, pv: Any, p: str, form: str) -> str | None:
    if not isinstance(pv, sympy.Expr):
        return None
    if form == "factor":
        return None if _is_factored(pv) else "the answer is not fully factored"
    if form == "expand":
        return None if _is_expanded(pv) else "the answer is not expanded"
    if form == "simplify":
        for m in _UNREDUCED_FRAC.finditer(p):
            if sympy.gcd(int(m.group(1)), int(m.group(2))) > 1:
                return f"the fraction {m.group(0)} is not in lowest terms"
        for m in _UNSIMPLIFIED_ROOT.finditer(p):
            n = int(m.group(1))
            if n > 1 and any(n % (k * k) == 0 for k in range(2, min(int(n**0.5), 10_000) + 1)):
                return f"the radical {m.group(0)} is not simplified"
        if isinstance(gv, sympy.Expr) and sympy.count_ops(pv) > sympy.count_ops(gv):
            return "the answer is not simplified (it has more operations than the gold form)"
    return None


def _is_factored(e: sympy.Expr) -> bool:
    """Each non-constant factor is irreducible over the rationals (`(x-1)(x+1)`, not `x^2-1`)."""
    for factor in sympy.Mul.make_args(e):
        base = factor.base if factor.is_Pow and factor.exp.is_Integer and factor.exp > 0 else factor
        if base.is_number or not base.free_symbols:
            continue
        try:
            poly = sympy.Poly(base, *sorted(base.free_symbols, key=str))
        except sympy.PolynomialError:
            continue  # not a polynomial: nothing to factor over Q
        if poly.total_degree() > 1 and not poly.is_irreducible:
            return False
    return True


def _is_expanded(e: sympy.Expr) -> bool:
    """No product or power of a sum is left (`x^2+2x+1`, not `(x+1)^2`)."""
    for node in sympy.preorder_traversal(e):
        if node.is_Pow and node.base.is_Add and node.exp.is_Integer and node.exp > 1:
            return False
        if node.is_Mul and any(arg.is_Add for arg in node.args):
            return False
    return True


def _unordered(g: str, p: str, opts: Options) -> Outcome:
    """Match the answer's parts to the gold's parts in any order (tuples the task calls unordered)."""
    gold_parts = split_top_level(strip_outer_brackets(g))
    parts = split_top_level(strip_outer_brackets(p))
    if len(gold_parts) < 2 or len(parts) != len(gold_parts) or len(parts) > MAX_UNORDERED_PARTS:
        return Outcome(False, "not equivalent to the gold answer (unordered parts differ in number)")
    inner = Options(
        exact=opts.exact, relations=opts.relations, float_rounding=opts.float_rounding, strict=opts.strict
    )
    unused = list(parts)
    for gold_part in gold_parts:
        match = next((x for x in unused if equivalent(gold_part, x, inner).equal), None)
        if match is None:
            return Outcome(False, f"no part of the answer matches {gold_part[:40]!r}")
        unused.remove(match)
    return Outcome(True, "the same parts in another order")
