"""Is a predicted answer equivalent to the gold one?

Cheap paths first (identical text, choice letters, words, plain numbers), then rewrites and
refusals, a relation judged as a whole, and two scalar numbers by our exact / stated-precision /
non-finite rules (values.py). Everything else is Math-Verify's verdict, overruled where it is known
to be wrong (anagrams of words, infinities, exactness, required form, order).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Any

import sympy
from math_verify import ExprExtractionConfig, LatexExtractionConfig
from math_verify import parse as mv_parse
from math_verify import verify as mv_verify
from sympy.logic.boolalg import Boolean

from verifiers.math.forms import form_problem
from verifiers.math.normalize import (
    as_letter,
    as_words,
    clean,
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
    unwrap_text,
    upright_constants,
)
from verifiers.math.relations import chain, has_relation
from verifiers.math.rewrite import (
    digit_groups,
    junk,
    modulus,
    number_from_words,
    repeating_decimals,
    scientific,
    unicode_to_latex,
)
from verifiers.math.values import SELF_EQUAL, exactify, finiteness, float_literal, judge, non_finite_atoms

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
    g = _words_as_number(g) or g
    words = as_words(g)
    if words is not None and not _same_words_as_symbols(g):
        got_words = as_words(p)
        return Outcome(got_words == words, f"text answer {got_words or p[:40]!r} vs {words!r}")
    costly = too_costly(p)
    if costly:
        return Outcome(False, f"not evaluated: {costly}")
    rewritten = _rewrite(g, p)
    if rewritten != p:
        p, pred_parsed = rewritten, None
        if key(g) == key(p):
            return Outcome(True, "identical to the gold answer")
    fast = _plain_numbers(g, p, opts) if pred_parsed is None and opts.form is None else None
    if fast is not None:
        return fast
    refusal = _refusal(g, p)
    if refusal:
        return Outcome(False, refusal)
    gold_relation = has_relation(g)
    stated = _chain_value(p, opts, gold_relation)
    if isinstance(stated, Outcome):
        return stated
    if stated != p and not gold_relation:  # a relation gold is compared with the whole relation
        return equivalent(gold, stated, opts)
    if has_degrees(p) and "\\pi" in g:
        p = degrees_to_radians(p)
    elif has_degrees(g) and "\\pi" in p:
        g = degrees_to_radians(g)
    return _compare_parsed(gold, g, p, opts, pred_parsed)


def _rewrite(g: str, p: str) -> str:
    """The answer in notation Math-Verify reads: unicode, `1e3`, `0.\\overline{3}`, `7 \\pmod{9}`
    (dropped unless the gold names another modulus), `1 000`, `two` (for a numeric gold)."""
    p = repeating_decimals(unicode_to_latex(p))
    p = digit_groups(scientific(p, g))
    words = _words_as_number(p) if simple_number(g) is not None else None
    p = words or p
    stripped, mod = modulus(p)
    if mod is not None and modulus(g)[1] in (None, mod):
        p = stripped
    return p


def _words_as_number(s: str) -> str | None:
    """`two` / `\\text{twenty-one}` -> the digits, when the whole answer is one English number."""
    words = as_words(s)
    if words is None:
        return None
    value = number_from_words(unwrap_text(s))
    return None if value is None else str(value)


def _refusal(g: str, p: str) -> str | None:
    """Why the answer is refused before parsing (hidden parts, unevaluated work), else None."""
    hidden = junk(p)
    if hidden and not junk(g):
        return f"the answer holds markup that hides a part: {hidden}"
    text = number_in_text(p)
    if text and not number_in_text(g):
        return f"the answer has a number inside text: {text[:60]}"
    left = unevaluated(p)
    if left and not unevaluated(g):
        return f"the answer leaves {left} unevaluated"
    return None


def _chain_value(p: str, opts: Options, gold_relation: bool) -> str | Outcome:
    """The value a relation in the answer states (`x = 5` -> `5`), the answer itself when it is no
    relation, or a refusal when the relation is false as a whole (`6 = 5`, `5 \\approx 7`).

    An equation between expressions with variables (`2x = 10`) is no value statement: against a
    relation gold Math-Verify compares it as an equation, against a value it is refused."""
    stated = chain(p)
    if stated is None:
        return p
    if not stated.exact and not stated.approx:
        return Outcome(False, "the answer is an unfinished relation")
    value = stated.value
    if any(not _is_number(_first_expr(parse_answer(part))) for part in stated.exact[:-1]):
        return p if gold_relation else Outcome(False, "the answer is an equation, not a value")
    inner = Options(float_rounding=opts.float_rounding, strict=opts.strict)
    for part in stated.exact[:-1]:
        if not equivalent(value, part, inner).equal:
            return Outcome(False, f"the answer's relation is false: {part[:40]} = {value[:40]}")
    for part in stated.approx:
        if part != value and not _approximates(value, part, inner):
            return Outcome(False, f"the answer's relation is false: {value[:40]} is not about {part[:40]}")
    return value


def _approximates(value: str, part: str, opts: Options) -> bool:
    """`\\pi \\approx 3.14`: a decimal is the value rounded or cut at its last written place; an
    integer is the value rounded (`\\sqrt{26} \\approx 5`, not `5 \\approx 6`)."""
    decimal = float_literal(part)
    integer = re.fullmatch(r"-?\d{1,30}", part.strip())
    parsed = parse_answer(value) if decimal is not None or integer else ()
    number = _first_expr(parsed)
    if not parsed or not _is_number(number) or finiteness(number) is not None:
        return equivalent(value, part, opts).equal
    target, allowed = (
        (sympy.Integer(part.strip()), sympy.Rational(1, 2))
        if decimal is None
        else (_rational(decimal.value), _rational(decimal.ulp))
    )
    try:
        return bool(sympy.Abs(number - target).evalf(30) <= allowed)
    except (TypeError, ValueError, ArithmeticError):
        return False


def _rational(x: Fraction) -> sympy.Rational:
    return sympy.Rational(x.numerator, x.denominator)


def _compare_parsed(gold: str, g: str, p: str, opts: Options, pred_parsed: tuple[Any, ...] | None) -> Outcome:
    """Parse both sides and compare: our number rules for two scalars, else Math-Verify + objections."""
    exact_refused = opts.exact and has_decimal(p) and not has_decimal(g)
    g_exact, p_exact = exactify(g), exactify(p)
    if p_exact != p:
        pred_parsed = None
    gold_parsed = parse_answer(g_exact)
    if not gold_parsed:
        return Outcome(False, f"the gold answer {gold[:80]!r} could not be parsed", gold_parsed=False)
    parsed = pred_parsed if pred_parsed is not None else parse_answer(p_exact)
    if not parsed:
        return Outcome(False, "the answer could not be parsed")
    gv, pv = _first_expr(gold_parsed), _first_expr(parsed)
    if _is_number(gv) and _is_number(pv):
        if exact_refused:
            return Outcome(False, "an exact answer is required, got a decimal approximation")
        verdict = _scalar_verdict(g_exact, p_exact, gv, pv, opts)
        if verdict is not None:
            if verdict.equal and opts.form:
                problem = form_problem(gv, pv, p, opts.form)
                return Outcome(False, problem) if problem else verdict
            return verdict
    same = mv_verify(
        list(gold_parsed),
        list(parsed),
        float_rounding=opts.float_rounding,
        strict=opts.strict,
        allow_set_relation_comp=opts.relations,
        timeout_seconds=None,
    )
    if same:
        objection = _objection(gv, pv, p, g, opts)
        return Outcome(False, objection) if objection else Outcome(True, "equivalent to the gold answer")
    if "\\%" in g and "%" not in p and pred_parsed is None:  # `12.5\%` answered as `12.5`
        return equivalent(gold, p + "\\%", opts)
    if opts.unordered:
        return _unordered(g, p, opts)
    return Outcome(False, "not equivalent to the gold answer")


def _scalar_verdict(g: str, p: str, gv: sympy.Expr, pv: sympy.Expr, opts: Options) -> Outcome | None:
    """Two plain numbers: non-finite ones only equal themselves; exact ones compare exactly; a
    decimal side brings the tolerance its digits state. None leaves the pair to Math-Verify."""
    if "%" in g + p:
        gold_label, pred_label = finiteness(gv), finiteness(pv)
        if gold_label or pred_label:
            return Outcome(gold_label == pred_label and gold_label in SELF_EQUAL, "non-finite values")
        return None  # percentages: Math-Verify reads `50\%` both as 50 and as 0.5
    decided = judge(g, p, gv, pv, opts.float_rounding)
    return None if decided is None else Outcome(*decided)


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


def _objection(gv: Any, pv: Any, p: str, g: str, opts: Options) -> str | None:
    """Why Math-Verify's "equal" is wrong here, or None when it stands."""
    if opts.exact and has_decimal(p) and not has_decimal(g):
        return "an exact answer is required, got a decimal approximation"
    relation = isinstance(gv, Boolean) or isinstance(pv, Boolean)  # `x < 3` vs `(-\infty, 3)`
    if not relation and non_finite_atoms(gv) != non_finite_atoms(pv):
        return "non-finite parts differ (an infinity equals only the same infinity)"
    if opts.form:
        return form_problem(gv, pv, p, opts.form)
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, sympy.Expr) and bool(value.is_number)


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
