"""The judge: plan the tests, run them all in one sandboxed harness execution, score in this process."""

from __future__ import annotations

import ast
import json
import os
import secrets
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from sandbox.bundle import SUPERVISE, join
from verifiers.code.answer import CallCase, CodeAnswer, IoTest
from verifiers.code.asserts import Residual, convert_tests
from verifiers.code.compare import apply_op, outputs_match, values_match

HARNESS_PATH = Path(__file__).with_name("harness_runtime.py")
WIRE_PATH = Path(__file__).with_name("wire.py")
CHECKER_PATH = Path(__file__).with_name("checker_runtime.py")
MAX_WALL_S = 45.0  # the whole sandbox run stays well inside the kind's 60 s hard timeout
COMPILE_ALLOWANCE_S = 20.0
_SHOW = 300


@cache
def harness_source() -> str:
    """The sandboxed program: the harness with the supervision loop and the wire format, as one file."""
    return join((SUPERVISE, WIRE_PATH, HARNESS_PATH))


@dataclass
class Planned:
    """One scored test: what the harness runs, and what the judge compares its outcome with."""

    kind: str  # io | call | asserts
    request: dict[str, Any]
    io: IoTest | None = None
    case: CallCase | None = None
    residual: Residual | None = None
    cap: int = 1 << 16


@dataclass
class TestResult:
    kind: str
    passed: bool
    status: str
    detail: dict[str, Any] = field(default_factory=dict)


def build_program(code: str, answer: CodeAnswer) -> str:
    """The source to run: setup code, then the HumanEval-style prompt finished by the completion."""
    parts = [answer.setup_code] if answer.setup_code else []
    if answer.prompt:
        if _defines(code, answer.fn_name):
            parts.extend([answer.prompt, code])
        else:  # a function body continuing the prompt's `def`
            parts.append(answer.prompt.rstrip("\n") + "\n" + textwrap.indent(textwrap.dedent(code), "    "))
    else:
        parts.append(code)
    return "\n\n".join(parts)


def _defined(code: str) -> set[str]:
    """Names the (trusted) setup code binds."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return set()
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return bound


def _defines(code: str, name: str | None) -> bool:
    """Whether `code` parses and defines `name` at top level (a full function, not a body)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return any(
        isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n.name == name
        for n in tree.body
    )


def plan(answer: CodeAnswer) -> list[Planned]:
    """Every scored test in order: stdin/stdout tests, call cases, converted asserts, residual statements."""
    planned: list[Planned] = []
    for test in answer.tests:
        cap = max(1 << 16, 2 * len(test.stdout.encode()) + 4096)
        planned.append(Planned("io", {"kind": "io", "stdin": test.stdin}, io=test, cap=cap))
    cases = list(answer.cases)
    residual: Residual | None = None
    if answer.asserts:
        assert answer.fn_name is not None
        converted = convert_tests(answer.asserts, answer.fn_name, answer.assert_entry)
        cases.extend(CallCase.model_validate(c) for c in converted.cases)
        residual = converted.residual
    for case in cases:
        planned.append(Planned("call", {"kind": "call", "args": case.args, "kwargs": case.kwargs}, case=case))
    if residual is not None:
        setup = "\n\n".join(p for p in (answer.setup_code, answer.prompt) if p)
        block: dict[str, Any] = {
            "kind": "asserts",
            "code": residual.code,
            "setup": setup,
            "count": residual.statements,
            # names the test code takes from the program (its classes): remote stand-ins in the evaluator
            "names": sorted(residual.free_names - _defined(setup)),
        }
        for _ in range(residual.statements):
            planned.append(Planned("asserts", block, residual=residual))
    return planned


def harness_request(program: str, answer: CodeAnswer, planned: list[Planned], nonce: str) -> dict[str, Any]:
    """The harness's stdin: inputs only. Residual statements share one execution (sent once)."""
    tests: list[dict[str, Any]] = []
    caps: list[int] = []
    for item in planned:
        if item.kind == "asserts" and tests and tests[-1] is item.request:
            continue
        tests.append(item.request)
        caps.append(item.cap)
    total = answer.total_time_limit_s
    return {
        "nonce": nonce,
        "language": answer.language,
        "source": program,
        "fn_name": answer.fn_name,
        "tests": tests,
        "caps": caps,
        "time_limit_s": answer.time_limit_s,
        "total_cpu_s": total,
        "total_wall_s": min(3.0 * total + 1.0, MAX_WALL_S - COMPILE_ALLOWANCE_S),
        "memory_mb": answer.memory_mb,
        "compile_s": COMPILE_ALLOWANCE_S,
    }


def read_frames(stdout: str, nonce: str) -> tuple[dict[str, Any] | None, dict[int, dict[str, Any]], bool]:
    """(compile frame, per-execution results, done) from the harness output; unframed lines are ignored."""
    prefix = nonce + " "
    compiled: dict[str, Any] | None = None
    results: dict[int, dict[str, Any]] = {}
    done = False
    for line in stdout.split("\n"):
        if not line.startswith(prefix):
            continue
        try:
            frame = json.loads(line[len(prefix) :])
        except (ValueError, RecursionError):
            continue
        if not isinstance(frame, dict):
            continue
        if "compile" in frame and compiled is None:
            compiled = frame["compile"]
        elif frame.get("done"):
            done = True
        elif isinstance(frame.get("i"), int) and frame["i"] not in results:
            results[frame["i"]] = frame
    return compiled, results, done


def _records(text: str) -> list[tuple[str, str]]:
    out = []
    for line in text.split("\n"):
        if len(line) >= 1:
            out.append((line[:1], line[2:]))
    return out


def _loads(text: str) -> tuple[bool, Any]:
    try:
        return True, json.loads(text)
    except (ValueError, RecursionError):
        return False, None


def _short(value: Any) -> Any:
    try:
        text = value if isinstance(value, str) else json.dumps(value, default=str)
    except (ValueError, RecursionError):
        text = "<a value too large to show>"
    return text if len(text) <= _SHOW else text[:_SHOW] + "..."


def judge_call(case: CallCase, outcome: dict[str, Any]) -> TestResult:
    """A call test passes only on a returned value (`R` record, clean exit) equal to the expected JSON."""
    last = None
    for tag, body in _records(outcome.get("result", "")):
        if tag in ("R", "E"):
            last = (tag, body)
    if outcome.get("status") != "ok" or last is None or last[0] != "R":
        error = _loads(last[1])[1] if last and last[0] == "E" else None
        status = outcome.get("status", "no_result")
        if status == "ok":
            status = "runtime_error" if error else "no_result"
        reason = error or outcome.get("reason") or "the program exited without returning a value"
        return TestResult(
            "call", False, status, {"error": _short(str(reason)), "stderr": _short(outcome.get("stderr", ""))}
        )
    ok, got = _loads(last[1])
    if not ok:
        return TestResult("call", False, "wrong", {"error": "the return value is not valid JSON"})
    passed = _call_passes(case, got)
    return TestResult("call", passed, "passed" if passed else "wrong", {} if passed else {"got": _short(got)})


def _call_passes(case: CallCase, got: Any) -> bool:
    """Whatever the program returned, a bool: a value no comparison can handle (an int too large for
    a float tolerance, say) is simply not the expected one."""
    try:
        if case.check in ("truthy", "falsy"):
            return apply_op(case.check, got, None)
        accepted = [case.expected, *case.alternatives]
        return any(values_match(got, want, case.abs_tol, case.rel_tol) for want in accepted)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        return False


def judge_io(test: IoTest, outcome: dict[str, Any], float_tol: float | None) -> TestResult:
    status = outcome.get("status", "no_result")
    got = outcome.get("stdout", "")
    if status != "ok":
        detail = {"stderr": _short(outcome.get("stderr", "")), "exit_code": outcome.get("exit_code")}
        if outcome.get("reason"):
            detail["error"] = outcome["reason"]
        return TestResult("io", False, status, detail)
    passed = outputs_match(got, test.stdout, float_tol)
    return TestResult("io", passed, "passed" if passed else "wrong", {} if passed else {"got": _short(got)})


def judge_residual(residual: Residual, outcome: dict[str, Any]) -> list[TestResult]:
    """One result per residual statement: it passes iff it finished, raised nothing, and every assert
    it evaluated (at least one) holds when the judge applies the operator to the reported JSON sides."""
    finished: set[int] = set()
    errors: dict[int, str] = {}
    evaluated: dict[int, int] = {}
    failed: dict[int, str] = {}
    fatal = ""
    for tag, body in _records(outcome.get("result", "")):
        if tag == "T":
            ok, stmt = _loads(body)
            if ok and isinstance(stmt, int):
                finished.add(stmt)
        elif tag == "X":
            ok, data = _loads(body)
            if ok and isinstance(data, list) and len(data) == 2 and isinstance(data[0], int):
                errors.setdefault(data[0], str(data[1]))
        elif tag == "E":
            fatal = str(_loads(body)[1])
        elif tag == "C":
            _judge_cmp(residual, body, evaluated, failed)
    results = []
    for stmt in range(residual.statements):
        if stmt in errors:
            results.append(TestResult("asserts", False, "runtime_error", {"error": _short(errors[stmt])}))
        elif stmt in failed:
            results.append(TestResult("asserts", False, "wrong", {"error": failed[stmt]}))
        elif stmt not in finished or not evaluated.get(stmt):
            reason = fatal or outcome.get("reason") or "the statement did not run to completion"
            results.append(
                TestResult("asserts", False, outcome.get("status", "no_result"), {"error": _short(reason)})
            )
        else:
            results.append(TestResult("asserts", True, "passed"))
    return results


def _judge_cmp(residual: Residual, body: str, evaluated: dict[int, int], failed: dict[int, str]) -> None:
    head, _, sides = body.partition(" ")
    stmt_text, _, node_text = head.partition(",")
    if not (stmt_text.isdigit() and node_text.isdigit()):
        return
    stmt, node = int(stmt_text), int(node_text)
    check = residual.checks.get(node)
    if check is None or check["stmt"] != stmt:
        return
    left_text, _, right_text = sides.partition("\t")
    ok_left, left = _loads(left_text)
    ok_right, right = _loads(right_text)
    right = check.get("literal", right)
    evaluated[stmt] = evaluated.get(stmt, 0) + 1
    try:
        holds = ok_left and ok_right and apply_op(check["op"], left, right)
    except (ArithmeticError, ValueError, TypeError, RecursionError):
        holds = False
    if not holds:
        failed.setdefault(
            stmt,
            f"assert failed: {_short(left)} {check['op']} {_short(right) if right is not None else ''}".strip(),
        )


def new_nonce() -> str:
    return secrets.token_hex(16)


def sandbox_backend(option: str | None) -> str:
    return option or os.environ.get("PRORL_CODE_BACKEND", "auto")
