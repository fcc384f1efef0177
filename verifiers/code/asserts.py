"""Assert-style tests (HumanEval `check(candidate)`, MBPP `test_list`) turned into call cases.

`assert f(<literals>) == <literal>` (either side), `f(...) is True/False/None`, `abs(f(...) - v) < tol`,
`math.isclose(f(...), v, ...)`, `assert f(...)` and `assert not f(...)` become plain call cases that
the judge compares. Every other statement holding an assert stays Python and runs in the sandbox as a
*residual* block, rewritten so that each assert reports its two sides as JSON and the judge applies the
operator; a side that is a literal (the expected value, usually) is cut out of the code sent to the
sandbox and supplied by the judge, so the program cannot read it.
"""

from __future__ import annotations

import ast
import builtins
import json
from dataclasses import dataclass, field
from typing import Any

from verifiers.code.wire import plain, to_json

_OPS: dict[type, str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
_SWAPPED = {
    "==": "==",
    "!=": "!=",
    "<": ">",
    "<=": ">=",
    ">": "<",
    ">=": "<=",
    "is": "is",
    "is not": "is not",
}


class AssertConversionError(ValueError):
    """The test code cannot be used at all (it does not parse, or names no function to test)."""


@dataclass
class Residual:
    """Test code to run in the sandbox: `code` (expected literals removed), per-assert `checks`."""

    code: str
    statements: int
    checks: dict[int, dict[str, Any]] = field(default_factory=dict)
    free_names: set[str] = field(default_factory=set)  # names the test code expects from elsewhere


@dataclass
class Converted:
    cases: list[dict[str, Any]]
    residual: Residual | None


def _literal(node: ast.AST) -> tuple[bool, Any]:
    """(True, JSON value) when `node` is a literal whose value JSON can carry."""
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False, None
    try:
        encoded = to_json(plain(value))
        json.dumps(encoded, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        return False, None
    return True, encoded


def _arg(value: Any) -> tuple[bool, Any]:
    """An argument as JSON that restores its Python type in the sandbox (tuples and sets are tagged)."""
    if isinstance(value, tuple):
        items = [_arg(v) for v in value]
        return all(ok for ok, _ in items), {"__tuple__": [v for _, v in items]}
    if isinstance(value, set | frozenset):
        items = [_arg(v) for v in value]
        return all(ok for ok, _ in items), {"__set__": [v for _, v in items]}
    if isinstance(value, list):
        items = [_arg(v) for v in value]
        return all(ok for ok, _ in items), [v for _, v in items]
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            return False, None
        pairs = {k: _arg(v) for k, v in value.items()}
        return all(ok for ok, _ in pairs.values()), {k: v for k, (_, v) in pairs.items()}
    if value is None or isinstance(value, bool | int | float | str):
        return True, value
    return False, None


def _call_case(node: ast.AST, callees: set[str]) -> dict[str, Any] | None:
    """`f(<literals>)` with f one of the tested names -> {"args": [...], "kwargs": {...}}."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in callees):
        return None
    args: list[Any] = []
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            return None
        try:
            value = ast.literal_eval(arg)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        ok, encoded = _arg(value)
        if not ok:
            return None
        args.append(encoded)
    kwargs: dict[str, Any] = {}
    for keyword in node.keywords:
        if keyword.arg is None:
            return None
        try:
            value = ast.literal_eval(keyword.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return None
        ok, encoded = _arg(value)
        if not ok:
            return None
        kwargs[keyword.arg] = encoded
    case: dict[str, Any] = {"args": args}
    if kwargs:
        case["kwargs"] = kwargs
    return case


def _number_literal(node: ast.AST) -> float | None:
    ok, value = _literal(node)
    if ok and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return None


def convert_assert(node: ast.Assert, callees: set[str]) -> dict[str, Any] | None:
    """The call case equivalent to this assert, or None when it is not one of the known shapes."""
    test = node.test
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        case = _call_case(test.operand, callees)
        return {**case, "check": "falsy"} if case else None
    case = _call_case(test, callees)
    if case is not None:
        return {**case, "check": "truthy"}
    if isinstance(test, ast.Compare) and len(test.ops) == 1:
        op = _OPS.get(type(test.ops[0]))
        left, right = test.left, test.comparators[0]
        if op in ("==", "is"):
            for call, other in ((left, right), (right, left)):
                case = _call_case(call, callees)
                ok, expected = _literal(other)
                if case is not None and ok and (op == "==" or expected is None or isinstance(expected, bool)):
                    return {**case, "expected": expected}
        if op in ("<", "<=") and isinstance(left, ast.Call) and isinstance(left.func, ast.Name):
            tol = _number_literal(right)
            inner = (
                left.args[0] if left.func.id == "abs" and len(left.args) == 1 and not left.keywords else None
            )
            if tol is not None and isinstance(inner, ast.BinOp) and isinstance(inner.op, ast.Sub):
                for call, other in ((inner.left, inner.right), (inner.right, inner.left)):
                    case = _call_case(call, callees)
                    ok, expected = _literal(other)
                    if (
                        case is not None
                        and ok
                        and isinstance(expected, int | float)
                        and not isinstance(expected, bool)
                    ):
                        return {**case, "expected": expected, "abs_tol": tol}
    if (
        isinstance(test, ast.Call)
        and isinstance(test.func, ast.Attribute)
        and test.func.attr == "isclose"
        and isinstance(test.func.value, ast.Name)
        and test.func.value.id == "math"
        and len(test.args) == 2
    ):
        tolerances = {"rel_tol": 1e-9, "abs_tol": 0.0}
        for keyword in test.keywords:
            value = _number_literal(keyword.value)
            if keyword.arg not in tolerances or value is None:
                return None
            tolerances[keyword.arg] = value
        for call, other in ((test.args[0], test.args[1]), (test.args[1], test.args[0])):
            case = _call_case(call, callees)
            ok, expected = _literal(other)
            if (
                case is not None
                and ok
                and isinstance(expected, int | float)
                and not isinstance(expected, bool)
            ):
                return {**case, "expected": expected, **tolerances}
    return None


def _is_noop_assert(node: ast.stmt) -> bool:
    return isinstance(node, ast.Assert) and isinstance(node.test, ast.Constant) and bool(node.test.value)


class _Probe(ast.NodeTransformer):
    """Rewrites each `assert` inside one counted statement into a `__probe__.cmp(...)` call."""

    def __init__(self, statement: int, checks: dict[int, dict[str, Any]]) -> None:
        self.statement = statement
        self.checks = checks

    def visit_Assert(self, node: ast.Assert) -> ast.AST:
        node_id = len(self.checks)
        check: dict[str, Any] = {"stmt": self.statement, "op": "truthy"}
        left: ast.expr = node.test
        right: ast.expr | None = None
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _OPS:
            op = _OPS[type(test.ops[0])]
            left, right = test.left, test.comparators[0]
            if _literal(left)[0] and not _literal(right)[0] and op in _SWAPPED:
                left, right, op = right, left, _SWAPPED[op]
            check["op"] = op
            ok, value = _literal(right)
            if ok:  # the expected side stays in the judge
                check["literal"] = value
                right = None
        self.checks[node_id] = check
        lam = [
            ast.Lambda(args=_no_args(), body=left),
            ast.Lambda(args=_no_args(), body=right) if right else ast.Constant(None),
        ]
        call = ast.Call(
            func=ast.Attribute(value=ast.Name("__probe__", ast.Load()), attr="cmp", ctx=ast.Load()),
            args=[ast.Constant(self.statement), ast.Constant(node_id), *lam],
            keywords=[],
        )
        return ast.copy_location(ast.Expr(call), node)


def _no_args() -> ast.arguments:
    return ast.arguments(
        posonlyargs=[], args=[], vararg=None, kwonlyargs=[], kw_defaults=[], kwarg=None, defaults=[]
    )


def _guard(statement: int, body: ast.stmt) -> ast.stmt:
    source = (
        "try:\n"
        f"    __probe__.begin({statement})\n"
        "    pass\n"
        "except BaseException as __probe_exc__:\n"
        f"    __probe__.error({statement}, __probe_exc__)\n"
        "else:\n"
        f"    __probe__.end({statement})\n"
    )
    guard = ast.parse(source).body[0]
    assert isinstance(guard, ast.Try)
    guard.body[1] = body
    return guard


def convert_tests(test_code: str, fn_name: str, entry: str | None = None) -> Converted:
    """Split assert tests into call cases and a residual block (see the module docstring).

    `entry`: the name of a function that takes the candidate (HumanEval's `check`); None for
    module-level asserts that call `fn_name` directly (MBPP).
    """
    try:
        tree = ast.parse(test_code)
    except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
        raise AssertConversionError(f"the test code does not parse: {exc}") from None
    callees = {fn_name}
    preamble: list[ast.stmt] = []
    scope: list[ast.stmt] = tree.body
    holder: ast.FunctionDef | None = None
    if entry is not None:
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == entry:
                holder = node
        if holder is None:
            raise AssertConversionError(f"the test code defines no function {entry!r}")
        if holder.args.args:
            callees.add(holder.args.args[0].arg)
        preamble = [n for n in tree.body if n is not holder]
        scope = holder.body
    cases: list[dict[str, Any]] = []
    kept: list[ast.stmt] = []
    checks: dict[int, dict[str, Any]] = {}
    counted = 0
    for stmt in scope:
        if _is_noop_assert(stmt):
            continue
        case = convert_assert(stmt, callees) if isinstance(stmt, ast.Assert) else None
        if case is not None:
            cases.append(case)
            continue
        if any(isinstance(n, ast.Assert) for n in ast.walk(stmt)):
            rewritten = _Probe(counted, checks).visit(stmt)
            kept.append(_guard(counted, rewritten))
            counted += 1
        else:
            kept.append(stmt)
    if not counted:
        return Converted(cases, None)
    if holder is not None and entry is not None:
        holder.body = kept or [ast.Pass()]
        body = [
            *preamble,
            holder,
            ast.Expr(ast.Call(ast.Name(entry, ast.Load()), [ast.Name("candidate", ast.Load())], [])),
        ]
    else:
        body = kept
    module = ast.fix_missing_locations(ast.Module(body=body, type_ignores=[]))
    free = free_names(module) - {fn_name, "candidate", "__probe__"}
    return Converted(cases, Residual(ast.unparse(module), counted, checks, free))


def free_names(tree: ast.AST) -> set[str]:
    """Names read in `tree` that it never binds and that are not built-ins (a rough, scope-blind count)."""
    bound: set[str] = set()
    loaded: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return loaded - bound - set(dir(builtins))
