"""The `form` option: is an answer that equals the gold also factored / expanded / simplified?"""

from __future__ import annotations

import re
from typing import Any

import sympy

_UNREDUCED_FRAC = re.compile(r"\\frac\s*\{\s*(-?\d+)\s*\}\s*\{\s*(-?\d+)\s*\}")
_UNSIMPLIFIED_ROOT = re.compile(r"\\sqrt\s*\{\s*(\d+)\s*\}")


def form_problem(gv: Any, pv: Any, p: str, form: str) -> str | None:
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
