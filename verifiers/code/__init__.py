"""Verifier kind `code`: run the completion's program against hidden tests in the sandbox.

One sandboxed execution per completion runs every test (a fresh forked child per test inside it); the
sandbox receives the program and the test inputs, never an expected output; the judge (this process)
compares outputs and return values as plain data. See docs/code.md.
"""

from __future__ import annotations

import json
from typing import Any

from sandbox import Limits, RunStatus, SandboxError
from sandbox import run as sandbox_run
from verifiers.code.answer import CodeAnswer, parse_answer
from verifiers.code.compare import output_lines
from verifiers.code.extract import extract_program
from verifiers.code.judge import (
    CHECKER_PATH,
    COMPILE_ALLOWANCE_S,
    MAX_WALL_S,
    Planned,
    TestResult,
    build_program,
    harness_request,
    harness_source,
    judge_call,
    judge_io,
    judge_residual,
    new_nonce,
    plan,
    read_frames,
    sandbox_backend,
)
from verifiers.registry import register_verifier
from verifiers.types import Status, Verdict

__all__ = ["CodeAnswer", "extract_program", "parse_answer", "verify_code"]

_OPTIONS = {"backend", "mode"}
# A sandbox failure is retried once, and only when it came fast: two runs stay inside the 60 s hard timeout.
RETRY_WITHIN_S = 10.0


@register_verifier("code", description="run the program's last code block against hidden tests")
def verify_code(text: str, answer: Any, **options: Any) -> Verdict:
    """Fraction (or all) of the tests passed by the last ```python / ```cpp block of `text`.

    Options: `backend` (sandbox backend, default $PRORL_CODE_BACKEND or "auto"), `mode` ("fraction" | "all",
    overriding the answer's; by default "all" for assert-style tests, "fraction" otherwise). A program
    that gives the same answer on every test while the expected answers differ earns nothing.
    """
    unknown = sorted(set(options) - _OPTIONS)
    if unknown:
        return Verdict.fail(
            Status.ERROR, f"unknown code verifier option(s) {unknown}; valid: {sorted(_OPTIONS)}"
        )
    try:
        spec = parse_answer(answer)
        if options.get("mode") is not None:
            spec = parse_answer({**spec.model_dump(exclude_unset=True), "mode": options["mode"]})
        planned = plan(spec)
    except ValueError as exc:
        return Verdict.fail(Status.ERROR, str(exc))
    if not planned:
        return Verdict.fail(Status.ERROR, "the answer has no runnable tests (its asserts test nothing)")
    extraction = extract_program(text, spec.language)
    if extraction.code is None:
        return Verdict.fail(Status.NO_ANSWER, extraction.reason)
    program = build_program(extraction.code, spec)
    backend = sandbox_backend(options.get("backend"))
    nonce = new_nonce()
    request = harness_request(program, spec, planned, nonce)
    wall = float(request["total_wall_s"]) + (COMPILE_ALLOWANCE_S if spec.language == "cpp" else 0.0) + 3.0
    output = sum(2 * p.cap + 4096 for p in planned) + (1 << 20)
    limits = Limits(
        wall_s=min(wall, MAX_WALL_S),
        memory_mb=max(spec.memory_mb + 256, 2048 if spec.language == "cpp" else 0),
        output_bytes=min(output, 1 << 28),
        processes=64,
        file_size_mb=64,
    )
    try:
        for _attempt in range(2):  # one retry when the sandbox itself failed (a recycled container, no pids)
            run = sandbox_run(harness_source(), stdin=json.dumps(request), limits=limits, backend=backend)
            compiled, frames, done = read_frames(run.stdout, nonce)
            infra = [str(f.get("reason")) for f in frames.values() if f.get("status") == "infra"]
            if not (run.sandbox_error or infra) or run.wall_s > RETRY_WITHIN_S:
                break
    except SandboxError as exc:
        return Verdict.fail(Status.SANDBOX_ERROR, f"sandbox unavailable: {exc}", extracted=extraction.code)
    if infra:
        return Verdict.fail(Status.SANDBOX_ERROR, f"sandbox failure: {infra[0]}", extracted=extraction.code)
    if compiled is None:
        reason = run.reason or run.stderr[-500:] or "the test harness produced no output"
        return Verdict.fail(
            Status.SANDBOX_ERROR, f"test harness failed ({run.status}): {reason}", extracted=extraction.code
        )
    if not compiled.get("ok"):
        if compiled.get("infra"):
            return Verdict.fail(Status.SANDBOX_ERROR, str(compiled.get("message")), extracted=extraction.code)
        message = str(compiled.get("message", ""))
        return Verdict.fail(
            Status.MALFORMED,
            "compile error" if spec.language == "cpp" else "syntax error",
            extracted=extraction.code,
            details={"compile_error": message, "backend": run.backend},
        )
    results = _judge_all(spec, planned, frames, backend)
    constant = _constant_answer(planned, frames)
    complete = run.status is RunStatus.OK and done
    return _verdict(spec, results, extraction.code, run.backend, complete, constant)


def _judge_all(
    spec: CodeAnswer, planned: list[Planned], frames: dict[int, dict[str, Any]], backend: str
) -> list[TestResult]:
    results: list[TestResult] = []
    io: list[tuple[int, str, str]] = []  # (result index, program output, expected output) per io test
    execution = -1
    residual_done = False
    missing = {"status": "no_result", "reason": "the test runner stopped before this test"}
    for item in planned:
        if item.kind == "asserts":
            if residual_done:
                continue
            execution += 1
            assert item.residual is not None
            results.extend(judge_residual(item.residual, frames.get(execution, missing)))
            residual_done = True
            continue
        execution += 1
        outcome = frames.get(execution, missing)
        if item.kind == "io":
            assert item.io is not None
            io.append((len(results), str(outcome.get("stdout", "")), item.io.stdout))
            results.append(judge_io(item.io, outcome, spec.float_tol if spec.checker is None else None))
        else:
            assert item.case is not None
            results.append(judge_call(item.case, outcome))
    if spec.checker is not None:
        _apply_checker(spec, planned, frames, results, backend)
    _fail_silent_program(io, results)
    return results


def _constant_answer(planned: list[Planned], frames: dict[int, dict[str, Any]]) -> bool:
    """Whether the program answered every stdin/stdout and call test (two or more) the same way while
    their expected answers differ: a constant answer, which earns nothing even where it is right.

    io and call tests come first in the plan, so their plan index is also their execution index."""
    got: set[str] = set()
    want: set[str] = set()
    for i, item in enumerate(planned):
        outcome = frames.get(i, {})
        status = str(outcome.get("status"))
        if item.io is not None:
            text = "\n".join(output_lines(str(outcome.get("stdout", ""))))
            got.add(text if status == "ok" else "status " + status)
            want.add("\n".join(output_lines(item.io.stdout)))
        elif item.case is not None:
            records = [
                line for line in str(outcome.get("result", "")).split("\n") if line[:2] in ("R ", "E ")
            ]
            got.add(records[-1] if status == "ok" and records else "status " + status)
            case = item.case
            expected = case.check if case.check != "equal" else json.dumps(case.expected, sort_keys=True)
            want.add(expected)
    return len(got) == 1 and len(want) > 1


def _fail_silent_program(io: list[tuple[int, str, str]], results: list[TestResult]) -> None:
    """A program that prints nothing on any test earns nothing, even where a test expects no output.

    Otherwise `os._exit(0)` (or an empty program) collects the tests whose right answer is empty.
    """
    if not io or any(got.strip() for _, got, _ in io) or not any(want.strip() for _, _, want in io):
        return
    for index, _, _ in io:
        if results[index].passed:
            results[index] = TestResult(
                "io", False, "no_output", {"error": "the program printed nothing on any test"}
            )


def _apply_checker(
    spec: CodeAnswer,
    planned: list[Planned],
    frames: dict[int, dict[str, Any]],
    results: list[TestResult],
    backend: str,
) -> None:
    """Re-judge io tests that ran cleanly with the problem's checker (a second, trusted sandbox run).

    io tests come first in the plan, so their plan index is also their execution and result index."""
    todo = [
        i for i, item in enumerate(planned) if item.kind == "io" and frames.get(i, {}).get("status") == "ok"
    ]
    if not todo:
        return
    cases = []
    for i in todo:
        test = planned[i].io
        assert test is not None
        cases.append({"input": test.stdin, "output": frames[i].get("stdout", ""), "answer": test.stdout})
    per_case = max(2.0, spec.time_limit_s)
    request = {"checker": spec.checker, "cases": cases, "time_limit_s": per_case}
    limits = Limits(wall_s=min(MAX_WALL_S / 2, 2.0 + len(cases) * per_case), memory_mb=2048)
    try:
        run = sandbox_run(
            CHECKER_PATH.read_text(encoding="utf-8"),
            stdin=json.dumps(request),
            limits=limits,
            backend=backend,
        )
        lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    except (SandboxError, ValueError) as exc:
        lines = []
        for i in todo:
            results[i] = TestResult("io", False, "checker_error", {"error": str(exc)[:300]})
        return
    verdicts = {v.get("i"): v for v in lines if isinstance(v, dict)}
    for position, i in enumerate(todo):
        verdict = verdicts.get(position)
        if verdict is None:
            results[i] = TestResult("io", False, "checker_error", {"error": "the checker did not report"})
        elif verdict.get("accepted"):
            results[i] = TestResult("io", True, "passed")
        else:
            results[i] = TestResult("io", False, "wrong", {"checker": str(verdict.get("message", ""))[:300]})


def _verdict(
    spec: CodeAnswer, results: list[TestResult], code: str, backend: str, complete: bool, constant: bool
) -> Verdict:
    passed = sum(r.passed for r in results)
    total = len(results)
    tests = [
        {"i": i, "kind": r.kind, "passed": r.passed, "status": r.status, **r.detail}
        for i, r in enumerate(results)
    ]
    details = {
        "passed": passed,
        "total": total,
        "mode": spec.scoring,
        "backend": backend,
        "complete": complete,
        "tests": tests,
    }
    if any(r.status == "checker_error" for r in results):
        return Verdict.fail(
            Status.SANDBOX_ERROR, "the checker could not judge every test", extracted=code, details=details
        )
    reward = passed / total if total else 0.0
    if spec.scoring == "all":
        reward = 1.0 if passed == total else 0.0
    reason = f"{passed}/{total} tests passed"
    if constant:
        details["constant_answer"] = True
        reward, reason = 0.0, reason + "; the same answer on every test, whose expected answers differ"
    verdict = Verdict.scored(reward, extracted=code, details=details, reason=reason)
    if reward == 0.0 and results and all(r.status == "timeout" for r in results if not r.passed):
        verdict.status = Status.TIMEOUT
    return verdict
