"""Verifier kind `math`: the last `\\boxed{}` answer against a LaTeX / plain gold string.

Options (keyword arguments, or `task.metadata["verifier_options"]`):
  extract: list of strategies tried in order, default ["boxed"]; also "answer_tag",
           "final_answer_phrase", "last_number", and "math_verify" / "math_verify_latex" /
           "math_verify_expr" (Math-Verify's own extraction with those targets).
  form: "factor" | "expand" | "simplify"  the answer must also be in that form.
  exact: bool                            a decimal approximation of an exact gold is wrong.
  relations: bool                        intervals and inequalities match both ways.
  unordered: bool                        tuple / list parts may come in any order.
  float_rounding: int                    Math-Verify's decimal places (default 6).
  strict: bool                           Math-Verify's strict symbol comparison (default True).
Several different boxed answers (a hedge) score 0; the same answer boxed twice is fine.
"""

from __future__ import annotations

import contextlib
from typing import Any

from verifiers.math.antlr_compat import mend_antlr_4_9
from verifiers.math.compare import FORMS, TARGETS, Options, equivalent, parse_text
from verifiers.math.extraction import STRATEGIES
from verifiers.math.normalize import clean, key, split_top_level, strip_outer_brackets, too_costly
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict

mend_antlr_4_9()

__all__ = ["Options", "equivalent", "verify_math"]

DEFAULT_EXTRACT = ("boxed",)
MAX_HEDGE_CHECK = 4
_OPTION_NAMES = ("extract", "form", "exact", "relations", "unordered", "float_rounding", "strict")


def _read_options(options: dict[str, Any]) -> tuple[Options, tuple[str, ...]]:
    unknown = sorted(set(options) - set(_OPTION_NAMES))
    if unknown:
        raise ValueError(
            f"unknown math verifier option(s) {unknown}; valid options: {', '.join(_OPTION_NAMES)}"
        )
    extract = options.get("extract", DEFAULT_EXTRACT)
    if isinstance(extract, str):
        extract = (extract,)
    valid = (*STRATEGIES, *TARGETS)
    bad = [name for name in extract if name not in valid]
    if bad or not extract:
        raise ValueError(f"extract must list strategies from {', '.join(valid)}; got {list(extract)!r}")
    form = options.get("form")
    if form is not None and form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)} (or None), got {form!r}")
    opts = Options(
        form=form,
        exact=bool(options.get("exact", False)),
        relations=bool(options.get("relations", False)),
        unordered=bool(options.get("unordered", False)),
        float_rounding=int(options.get("float_rounding", 6)),
        strict=bool(options.get("strict", True)),
    )
    return opts, tuple(extract)


@register_verifier("math")
def verify_math(text: str, answer: Any, **options: Any) -> Verdict:
    """1 when the completion's final answer equals the gold math answer, else 0 with a reason."""
    try:
        opts, strategies = _read_options(options)
    except ValueError as exc:
        return Verdict.fail(Status.ERROR, str(exc))
    if isinstance(answer, bool) or not isinstance(answer, str | int | float):
        return Verdict.fail(
            Status.ERROR, f"math answer must be a string (or number), got {type(answer).__name__}"
        )
    gold = str(answer)
    if not isinstance(text, str):
        return Verdict.fail(Status.MALFORMED, f"completion must be a string, got {type(text).__name__}")

    for strategy in strategies:
        if strategy in TARGETS:
            parsed = parse_text(text, strategy)
            if parsed:
                extracted = str(parsed[-1])
                return _judge(gold, extracted, opts, strategy, parsed)
            continue
        found = STRATEGIES[strategy](text)
        if not found:
            continue
        non_empty = [f for f in found if clean(f)]
        if not non_empty:
            return Verdict.fail(Status.MALFORMED, f"empty answer ({strategy})", extracted="")
        pred, hedge = _resolve(gold, non_empty, opts)
        if hedge:
            return Verdict.fail(
                Status.WRONG, hedge, extracted=" ; ".join(non_empty)[:500], details={"strategy": strategy}
            )
        return _judge(gold, pred, opts, strategy, None)
    return Verdict.fail(Status.NO_ANSWER, f"no final answer found (tried: {', '.join(strategies)})")


def _resolve(gold: str, found: list[str], opts: Options) -> tuple[str, str | None]:
    """One answer from several candidates, or the reason they are a hedge."""
    distinct: list[str] = []
    seen: set[str] = set()
    for candidate in found:  # one key per candidate: thousands of boxes cost linear time
        candidate_key = key(candidate)
        if candidate_key not in seen:
            seen.add(candidate_key)
            distinct.append(candidate)
    if len(distinct) == 1:
        return distinct[0], None
    gold_parts = split_top_level(strip_outer_brackets(clean(gold)))
    if len(gold_parts) == len(found):  # one box per part of a multi-part answer
        return ", ".join(found), None
    if len(distinct) <= MAX_HEDGE_CHECK and not any(too_costly(d) for d in distinct):
        last = distinct[-1]
        if all(equivalent(last, d, Options(float_rounding=opts.float_rounding)).equal for d in distinct[:-1]):
            return last, None
    return "", f"hedged: {len(distinct)} different final answers"


_WARM_UP = (
    "\\frac{\\sqrt{3}}{2} + \\pi", "x^{2} - 4 x + 3", "\\left(x - 1\\right) \\left(x + 2\\right)", "(1, -2)",
    "[0, \\infty) \\cup \\{5\\}", "\\begin{pmatrix}1 & 2\\\\3 & 4\\end{pmatrix}", "y = 2x + 3", "x \\le 5",
    "e^{-2} \\sin{\\left(1 \\right)}", "3 + 4i", "10\\%", "45^\\circ", "1.5 \\times 10^{3}", "\\log_{2} 8",
)  # fmt: skip


def _warm_up() -> None:
    """Parse a spread of answers once at import. The LaTeX parser (ANTLR) builds its prediction
    cache lazily and the first parses are several times slower; verifier workers are forked from a
    process that imported this module, so each one, replacements included, starts warm."""
    for text in _WARM_UP:
        with contextlib.suppress(Exception):  # a warm-up must never make the kind unimportable
            equivalent(text, text + " + 1", Options())


_warm_up()


def _judge(gold: str, pred: str, opts: Options, strategy: str, parsed: tuple[Any, ...] | None) -> Verdict:
    outcome = equivalent(gold, pred, opts, parsed)
    details = {"strategy": strategy}
    if not outcome.gold_parsed:
        return Verdict.fail(Status.ERROR, outcome.reason, extracted=pred, details=details)
    return Verdict.scored(
        1.0 if outcome.equal else 0.0, extracted=pred, reason=outcome.reason, details=details
    )
