"""The `code` verifier: extraction, comparison, assert conversion, and scoring through the sandbox."""

from __future__ import annotations

import json

import pytest
from code_backends import HAS_GPP, fence

from verifiers import Status, verify, verify_batch
from verifiers.code import verify_code
from verifiers.code.answer import parse_answer
from verifiers.code.asserts import convert_tests
from verifiers.code.compare import apply_op, outputs_match, values_match
from verifiers.code.extract import extract_program
from verifiers.code.judge import plan
from verifiers.code.wire import encode, plain

ADD_IO = {
    "tests": [
        {"stdin": "1 2\n", "stdout": "3\n"},
        {"stdin": "5 5\n", "stdout": "10\n"},
        {"stdin": "-1 1\n", "stdout": "0\n"},
    ]
}
ADD_CALL = {"fn_name": "add", "cases": [{"args": [1, 2], "expected": 3}, {"args": [5, 5], "expected": 10}]}


def score(program: str, answer: dict, tag: str = "python", **options: object) -> object:
    return verify_code(fence(program, tag), answer, backend="process", **options)


# --- extraction --------------------------------------------------------------------------------------------
def test_last_tagged_block_wins_and_other_languages_are_ignored() -> None:
    text = "```python\nprint(1)\n```\nthen\n```bash\nls\n```\n```py\nprint(2)\n```\n```text\nout\n```"
    assert extract_program(text).code == "print(2)"
    assert extract_program("```cpp\nint main(){}\n```\n```c++\nint x;\n```", "cpp").code == "int x;"


def test_untagged_block_is_only_a_fallback() -> None:
    assert extract_program("```\nprint(1)\n```").code == "print(1)"
    assert (
        extract_program("```\nprint(1)\n```\n```python\nprint(2)\n```\n```\nprint(3)\n```").code == "print(2)"
    )


def test_missing_unclosed_and_empty_blocks_are_no_program() -> None:
    assert extract_program("just prose").code is None
    assert extract_program("```python\nprint(1)\n").code is None  # truncated rollout
    assert extract_program("```python\n\n```").code is None
    assert "bash" in extract_program("```bash\nls\n```").reason


def test_longer_fences_may_contain_shorter_ones() -> None:
    text = "````python\ns = '''\n```\n'''\nprint(s)\n````"
    assert extract_program(text).code == "s = '''\n```\n'''\nprint(s)"


def test_no_block_and_unclosed_think_give_no_answer() -> None:
    verdict = verify_code("I think the answer is print(3)", ADD_IO, backend="process")
    assert verdict.status is Status.NO_ANSWER and verdict.reward == 0.0
    unclosed = verify("code", "<think>```python\nprint(3)\n```", ADD_IO, backend="process")
    assert unclosed.status is Status.NO_ANSWER


# --- comparison -------------------------------------------------------------------------------------------
def test_output_comparison_is_strict_up_to_trailing_whitespace() -> None:
    assert outputs_match("3  \n4\n\n", "3\n4")
    assert outputs_match("a b\r\n", "a b\n")
    assert not outputs_match("3\n", "3\n4\n")  # a prefix is not the answer
    assert not outputs_match("3\n4\n5\n", "3\n4\n")  # extra lines are not ignored
    assert not outputs_match("4 3\n", "3 4\n")  # order matters
    assert not outputs_match(" 3\n", "3\n")  # leading spaces matter
    assert not outputs_match("YES\n", "yes\n")


def test_float_tolerance_is_opt_in_and_token_wise() -> None:
    assert not outputs_match("0.3333333\n", "0.333333333\n")
    assert outputs_match("0.3333333\n", "0.333333333\n", float_tol=1e-6)
    assert not outputs_match("0.3334\n", "0.333333333\n", float_tol=1e-6)
    assert not outputs_match("0.3333333 x\n", "0.333333333 y\n", float_tol=1e-6)
    assert not outputs_match("1 2\n", "1\n", float_tol=1e-6)


def test_values_are_compared_with_types() -> None:
    assert values_match(3, 3) and values_match(2.0, 2)
    assert not values_match(True, 1) and not values_match(1, True)
    assert not values_match("3", 3) and not values_match(None, 0)
    assert values_match([1, [2, "a"]], [1, [2, "a"]]) and not values_match([1, 2], [1, 2, 3])
    assert values_match({"a": [1]}, {"a": [1]}) and not values_match({"a": 1}, {"a": 1, "b": 2})
    assert not values_match(0.1 + 0.2, 0.3) and values_match(0.1 + 0.2, 0.3, abs_tol=1e-9)
    assert apply_op("<", 1e-7, 1e-4) and not apply_op("<", "1", 2)
    assert apply_op("in", 2, [1, 2]) and apply_op("not in", 5, {"__set__": [1, 2]})


def test_plain_strips_subclasses_and_refuses_objects() -> None:
    class Loud(int):
        def __eq__(self, other: object) -> bool:
            return True

        __hash__ = int.__hash__

    value = plain([Loud(4), (1, "x"), {"k": {2, 1}}])
    assert type(value[0]) is int and value[0] == 4
    assert json.loads(encode((1, {2, 1}))) == [1, {"__set__": [1, 2]}]
    with pytest.raises(TypeError):
        plain(object())


# --- assert conversion -------------------------------------------------------------------------------------
CHECK = """
import math
def check(candidate):
    assert candidate([1, 2]) == 3
    assert 7 == candidate([3, 4])
    assert candidate([]) is None
    assert abs(candidate([0.5]) - 0.5) < 1e-6
    assert math.isclose(candidate([1.5]), 1.5, rel_tol=1e-3)
    assert candidate([1])
    assert not candidate([0])
    assert True
    for n in range(3):
        assert candidate([n]) == n
    assert sorted([candidate([9])]) == [9]
"""


def test_known_assert_shapes_become_call_cases() -> None:
    converted = convert_tests(CHECK, "total", "check")
    assert [c.get("expected") for c in converted.cases] == [3, 7, None, 0.5, 1.5, None, None]
    assert converted.cases[3]["abs_tol"] == 1e-6 and converted.cases[4]["rel_tol"] == 1e-3
    assert [c.get("check") for c in converted.cases][-2:] == ["truthy", "falsy"]
    residual = converted.residual
    assert residual is not None and residual.statements == 2
    assert [c.get("literal") for c in residual.checks.values()] == [None, [9]]
    assert "== [9]" not in residual.code  # the expected side stays in the judge


def test_expected_literals_never_reach_the_sandbox() -> None:
    residual = convert_tests(
        "assert set(f(1)) == {424242}\nx = 5\nassert f(x) in [777777, 888888]", "f"
    ).residual
    assert residual is not None
    assert "424242" not in residual.code and "777777" not in residual.code


def test_mbpp_style_asserts_and_humaneval_check_score(tmp_path: object) -> None:
    answer = {"fn_name": "total", "asserts": CHECK, "assert_entry": "check"}
    good = "def total(xs):\n    return sum(xs) if xs else None"
    verdict = score(good, answer)
    assert verdict.reward == 1.0, verdict.details
    assert len(verdict.details["tests"]) == 9
    wrong = score("def total(xs):\n    return (sum(xs) + 1) if xs else None", answer)
    assert 0.0 <= wrong.reward < 1.0


def test_humaneval_prompt_accepts_a_body_or_a_full_function() -> None:
    prompt = 'def double(x: int) -> int:\n    """Twice x."""\n'
    answer = {
        "fn_name": "double",
        "prompt": prompt,
        "asserts": "def check(candidate):\n    assert candidate(2) == 4\n",
        "assert_entry": "check",
    }
    assert score("    return 2 * x", answer).reward == 1.0
    assert score("def double(x):\n    return x + x", answer).reward == 1.0
    assert score("    return x", answer).reward == 0.0


# --- scoring ----------------------------------------------------------------------------------------------
def test_fraction_all_and_per_test_details() -> None:
    half = "a, b = map(int, input().split())\nprint(a + b if a != 5 else 0)"
    verdict = score(half, ADD_IO)
    assert verdict.status is Status.PARTIAL and verdict.reward == pytest.approx(2 / 3)
    assert [t["passed"] for t in verdict.details["tests"]] == [True, False, True]
    assert verdict.details["tests"][1]["got"] == "0\n"
    assert score(half, {**ADD_IO, "mode": "all"}).reward == 0.0
    assert score(half, ADD_IO, mode="all").reward == 0.0


def test_syntax_and_runtime_errors_have_their_own_status() -> None:
    bad = score("def f(:\n  pass", ADD_IO)
    assert bad.status is Status.MALFORMED and "SyntaxError" in bad.details["compile_error"]
    crash = score("raise ValueError('boom')", ADD_IO)
    assert crash.reward == 0.0
    assert {t["status"] for t in crash.details["tests"]} == {"runtime_error"}
    assert "boom" in crash.details["tests"][0]["stderr"]
    missing = score("def plus(a, b):\n    return a + b", ADD_CALL)
    assert missing.reward == 0.0 and "add" in missing.details["tests"][0]["error"]


def test_exit_code_zero_without_output_and_nonzero_with_output() -> None:
    assert score("import sys\nsys.exit(0)", ADD_IO).reward == 0.0
    late = "a, b = map(int, input().split())\nprint(a + b)\nraise SystemExit(3)"
    assert score(late, ADD_IO).reward == 0.0  # a crash after the right output is still a crash


def test_time_limits_per_test_and_in_total() -> None:
    slow_one = "import time\na, b = map(int, input().split())\nwhile a == 5:\n    pass\nprint(a + b)"
    verdict = score(slow_one, {**ADD_IO, "time_limit_s": 0.5})
    assert [t["status"] for t in verdict.details["tests"]] == ["passed", "timeout", "passed"]
    spin = "x = 0\nwhile True:\n    x += 1"
    total = score(spin, {**ADD_IO, "time_limit_s": 0.6, "total_time_limit_s": 1.0})
    assert total.status is Status.TIMEOUT
    assert "total time budget" in total.details["tests"][2]["error"]


def test_sleeping_program_hits_the_wall_limit() -> None:
    verdict = score("import time\ntime.sleep(30)", {**ADD_IO, "time_limit_s": 0.3, "total_time_limit_s": 1.0})
    assert verdict.status is Status.TIMEOUT


def test_checker_accepts_any_right_output() -> None:
    checker = (
        "import sys\n"
        "n = int(open(sys.argv[1]).read())\n"
        "got = open(sys.argv[2]).read().split()\n"
        "ok = len(got) == 2 and all(t.lstrip('-').isdigit() for t in got) and sum(map(int, got)) == n\n"
        "sys.exit(0 if ok else 1)\n"
    )
    answer = {
        "tests": [{"stdin": "5\n", "stdout": "2 3\n"}, {"stdin": "10\n", "stdout": "5 5\n"}],
        "checker": checker,
    }
    assert score("n = int(input())\nprint(1, n - 1)", answer).reward == 1.0
    assert score("n = int(input())\nprint(1, n)", answer).reward == 0.0


def test_bad_answers_are_reported_not_raised() -> None:
    for answer in (
        {},
        {"tests": "x"},
        {"cases": [{"args": []}]},
        {"language": "cpp", "fn_name": "f", "cases": [{"args": []}]},
        7,
    ):
        verdict = score("print(1)", answer)  # type: ignore[arg-type]
        assert verdict.status is Status.ERROR and verdict.reason
    assert score("print(1)", ADD_IO, colour="red").status is Status.ERROR


def test_real_path_through_the_pool_keeps_order() -> None:
    items = [
        {
            "verifier": "code",
            "answer": ADD_CALL,
            "completion": fence("def add(a, b):\n    return a + b"),
            "options": {"backend": "process"},
        },
        {
            "verifier": "code",
            "answer": ADD_CALL,
            "completion": fence("def add(a, b):\n    return a - b"),
            "options": {"backend": "process"},
        },
        {"verifier": "code", "answer": ADD_IO, "completion": "no code", "options": {"backend": "process"}},
    ]
    verdicts = verify_batch(items)
    assert [v.reward for v in verdicts] == [1.0, 0.0, 0.0]
    assert verdicts[2].status is Status.NO_ANSWER


@pytest.mark.skipif(not HAS_GPP, reason="g++ is not installed")
def test_cpp_programs_through_the_same_api() -> None:
    answer = {**ADD_IO, "language": "cpp"}
    good = '#include <iostream>\nint main(){long long a,b; std::cin>>a>>b; std::cout<<a+b<<"\\n";}'
    assert score(good, answer, tag="cpp").reward == 1.0
    assert score(good.replace("a+b", "a*b"), answer, tag="cpp").reward < 1.0
    broken = score("int main( {", answer, tag="cpp")
    assert broken.status is Status.MALFORMED and "error" in broken.details["compile_error"]
    assert score(good, answer, tag="python").status is Status.NO_ANSWER


def test_sandbox_failures_are_retried_once_then_reported_never_scored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import verifiers.code as code
    from sandbox import Result, RunStatus

    calls: list[str] = []

    def out_of_processes(program: str, stdin: str, **kwargs: object) -> Result:
        nonce = json.loads(stdin)["nonce"]
        calls.append(nonce)
        frames = [
            {"compile": {"ok": True}},
            {"i": 0, "status": "infra", "reason": "could not fork", "cpu_s": 0.0},
        ]
        text = "".join(f"{nonce} {json.dumps(f)}\n" for f in frames)
        return Result(text, "", 0, RunStatus.OK, 0.1, 0.1, 10.0)

    monkeypatch.setattr(code, "sandbox_run", out_of_processes)
    verdict = score("print(3)", {"tests": [{"stdin": "", "stdout": "3\n"}]})
    assert verdict.status is Status.SANDBOX_ERROR and verdict.reward == 0.0
    assert len(calls) == 2


def test_residual_asserts_run_apart_from_the_program_even_when_they_use_its_names() -> None:
    apart = {"fn_name": "f", "asserts": "assert sorted(f([3, 1])) == [1, 3]"}
    assert plan(parse_answer(apart))[-1].request["names"] == []
    assert score("def f(xs):\n    return list(reversed(sorted(xs)))[::-1]", apart).reward == 1.0
    uses_class = {
        "fn_name": "longest",
        "asserts": "assert longest([Pair(1, 2), Pair(3, 4), Pair(2, 5)]) == 2\nassert longest([Pair(1, 9)]) == 1",
    }
    assert plan(parse_answer(uses_class))[-1].request["names"] == ["Pair"]  # remote stand-ins
    program = (
        "class Pair:\n    def __init__(self, a, b):\n        self.a, self.b = a, b\n"
        "def longest(pairs):\n    pairs = sorted(pairs, key=lambda p: p.b)\n    n, end = 0, None\n"
        "    for p in pairs:\n        if end is None or p.a > end:\n            n, end = n + 1, p.b\n    return n"
    )
    assert score(program, uses_class).reward == 1.0


def test_output_limits_apply_to_answers_only() -> None:
    chatty = "import sys\ndef add(a, b):\n    print('debug ' * 200000)\n    sys.stderr.write('x' * 3000000)\n    return a + b"
    assert score(chatty, ADD_CALL).reward == 1.0  # prints of a function under test are drained, not judged
    flood = score("print('9' * 5000000)", ADD_IO)
    assert flood.reward == 0.0
    assert {t["status"] for t in flood.details["tests"]} == {"output_limit"}


def test_mode_option_is_validated() -> None:
    verdict = score("print(3)", ADD_IO, mode="most")
    assert verdict.status is Status.ERROR and "mode" in (verdict.reason or "")
