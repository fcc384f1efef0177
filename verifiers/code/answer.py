"""The `code` verifier's answer record (the Task's ground truth), validated with errors that say what to fix."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator


class IoTest(BaseModel):
    """Feed `stdin`, expect `stdout`. `public`: shown to the model (multi-turn feedback may quote it)."""

    model_config = ConfigDict(extra="forbid")

    stdin: str = ""
    stdout: str
    public: bool = False


class CallCase(BaseModel):
    """Call `fn_name(*args, **kwargs)`; the JSON of the return value must equal `expected` (types checked).

    `check`: "equal" (default), or "truthy" / "falsy" for `assert f(x)` / `assert not f(x)`.
    Tuples and sets in arguments are written `{"__tuple__": [...]}` / `{"__set__": [...]}`.
    """

    model_config = ConfigDict(extra="forbid")

    args: list[Any] = Field(default_factory=list)
    kwargs: dict[str, Any] = Field(default_factory=dict)
    expected: Any = None
    alternatives: list[Any] = Field(default_factory=list)  # other accepted values (APPS wraps some in a list)
    check: Literal["equal", "truthy", "falsy"] = "equal"
    abs_tol: float | None = Field(default=None, ge=0)
    rel_tol: float | None = Field(default=None, ge=0)
    public: bool = False


class CodeAnswer(BaseModel):
    """What a `code` task is scored against. See docs/code.md for every field."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["python", "cpp"] = "python"
    tests: list[IoTest] = Field(default_factory=list)
    fn_name: str | None = None
    cases: list[CallCase] = Field(default_factory=list)
    asserts: str | None = None  # assert-style test code (MBPP asserts, or a HumanEval `check` function)
    assert_entry: str | None = None  # the function in `asserts` that takes the candidate ("check")
    prompt: str | None = None  # HumanEval-style stub the completion finishes (its body or a full def)
    setup_code: str | None = None  # prepended to the program (imports the tests rely on)
    checker: str | None = None  # python checker: argv input_path output_path answer_path; exit 0 = accepted
    time_limit_s: float = Field(default=2.0, gt=0, le=60)
    total_time_limit_s: float = Field(default=5.0, gt=0, le=40)
    memory_mb: int = Field(default=1024, ge=32, le=16384)
    mode: Literal["fraction", "all"] | None = None  # None: "all" for assert-style tests, else "fraction"
    float_tol: float | None = Field(default=None, ge=0)

    @property
    def scoring(self) -> str:
        """The mode in force: as given, else the benchmark's own ("all" when the tests are asserts, as
        HumanEval and MBPP count a problem solved only when every assert holds)."""
        return self.mode or ("all" if self.asserts else "fraction")

    @model_validator(mode="after")
    def _consistent(self) -> CodeAnswer:
        if not (self.tests or self.cases or self.asserts):
            raise ValueError(
                "a code answer needs 'tests' (stdin/stdout), 'cases' (with fn_name) or 'asserts'"
            )
        if (self.cases or self.asserts) and not self.fn_name:
            raise ValueError("'cases' and 'asserts' need 'fn_name', the function they call")
        if self.language == "cpp" and (self.cases or self.asserts):
            raise ValueError("C++ answers support stdin/stdout 'tests' only")
        if self.checker is not None and not self.tests:
            raise ValueError("'checker' applies to stdin/stdout 'tests' only")
        return self


def parse_answer(answer: Any) -> CodeAnswer:
    """The validated answer; ValueError with every problem listed when it is not one."""
    if isinstance(answer, CodeAnswer):
        return answer
    if not isinstance(answer, dict):
        raise ValueError(f"a code answer must be a JSON object, got {type(answer).__name__}")
    try:
        return CodeAnswer.model_validate(answer)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(answer)'}: {err['msg']}" for err in exc.errors()
        )
        raise ValueError(f"invalid code answer: {problems}") from None
