"""Judge-side comparison: program output against expected output, and returned JSON against expected JSON.

Everything here runs in the judge on plain data (strings, parsed JSON); nothing the program made as a
Python object ever reaches a comparison.
"""

from __future__ import annotations

import math
from typing import Any


def output_lines(text: str) -> list[str]:
    """Lines with trailing whitespace dropped, `\\r\\n` read as `\\n`, and trailing blank lines removed."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _float(token: str) -> float | None:
    try:
        value = float(token)
    except ValueError:
        return None
    return value


def _close(a: float, b: float, tol: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) <= tol or abs(a - b) <= tol * abs(b)


def outputs_match(got: str, expected: str, float_tol: float | None = None) -> bool:
    """Strict by default: same lines after `output_lines`. With `float_tol`, lines are compared token by
    token and two numeric tokens match within that absolute-or-relative tolerance; every other token must
    be identical, and line and token counts must agree (no prefix or reordering passes)."""
    got_lines, want_lines = output_lines(got), output_lines(expected)
    if float_tol is None:
        return got_lines == want_lines
    if len(got_lines) != len(want_lines):
        return False
    for got_line, want_line in zip(got_lines, want_lines, strict=True):
        got_tokens, want_tokens = got_line.split(), want_line.split()
        if len(got_tokens) != len(want_tokens):
            return False
        for g, w in zip(got_tokens, want_tokens, strict=True):
            if g == w:
                continue
            gv, wv = _float(g), _float(w)
            if gv is None or wv is None or not _close(gv, wv, float_tol):
                return False
    return True


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def values_match(got: Any, expected: Any, abs_tol: float | None = None, rel_tol: float | None = None) -> bool:
    """Equality of two JSON values with types checked: bools only equal bools, strings strings, lists
    lists of the same length; ints and floats compare by value (exactly, unless a tolerance is given)."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(got) is type(expected) and got == expected
    if _number(expected) and _number(got):
        if abs_tol is None and rel_tol is None:
            return bool(got == expected) or (
                isinstance(got, float) and math.isnan(got) and math.isnan(expected)
            )
        return math.isclose(got, expected, rel_tol=rel_tol or 0.0, abs_tol=abs_tol or 0.0)
    if expected is None or isinstance(expected, str):
        return type(got) is type(expected) and got == expected
    if isinstance(expected, list):
        return (
            isinstance(got, list)
            and len(got) == len(expected)
            and all(values_match(g, e, abs_tol, rel_tol) for g, e in zip(got, expected, strict=True))
        )
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and got.keys() == expected.keys()
            and all(values_match(got[k], expected[k], abs_tol, rel_tol) for k in expected)
        )
    return False


def truthy(value: Any) -> bool:
    """Python truthiness of a JSON value (a tagged set is truthy when it has members)."""
    if isinstance(value, dict) and set(value) == {"__set__"}:
        return bool(value["__set__"])
    return bool(value)


def apply_op(
    op: str, left: Any, right: Any, abs_tol: float | None = None, rel_tol: float | None = None
) -> bool:
    """`left op right` on JSON values, as an `assert` would have judged it (typed equality for ==)."""
    if op == "==":
        return values_match(left, right, abs_tol, rel_tol)
    if op == "!=":
        return not values_match(left, right)
    if op == "is":
        return (left is None and right is None) or (isinstance(left, bool) and left is right)
    if op == "is not":
        return not apply_op("is", left, right)
    if op in ("in", "not in"):
        if isinstance(right, list):
            found = any(values_match(left, item) for item in right)
        elif isinstance(right, dict) and set(right) == {"__set__"}:
            found = any(values_match(left, item) for item in right["__set__"])
        elif isinstance(right, (dict, str)):
            found = isinstance(left, str) and left in right
        else:
            return False
        return found if op == "in" else not found
    if op == "truthy":
        return truthy(left)
    if op == "falsy":
        return not truthy(left)
    ordered = {
        "<": lambda a, b: a < b,
        "<=": lambda a, b: a <= b,
        ">": lambda a, b: a > b,
        ">=": lambda a, b: a >= b,
    }
    if op in ordered:
        comparable = (_number(left) and _number(right)) or (
            type(left) is type(right) and isinstance(left, str | list)
        )
        if not comparable:
            return False
        try:
            return bool(ordered[op](left, right))
        except TypeError:
            return False
    return False
