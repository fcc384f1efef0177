"""Env `code`: the bundled problem set, or the user's files in the public code datasets' formats.

`envs.make("code")` samples the bundled problems; `envs.make("code", data_files="HumanEval.jsonl.gz")`
loads a public format (detected, or `format=`), as does a hub id (`dataset="PRIME-RL/Eurus-2-RL-Data"`). `max_turns > 1` makes it multi-turn: a wrong program
gets the first failing public test back as the next user message until it passes or the turns run out;
the last turn's verdict is the reward.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from pydantic import Field

from envs.code.formats import NotCode, Problem, RowError, codecontests, problems
from envs.core import ConfigError, Env, Messages, configure, wants_data
from envs.datafiles import DataConfig, Source, sources
from verifiers import Task, Verdict

BUNDLED = Path(__file__).resolve().parent.parent / "code_data" / "problems.jsonl"
Split = Literal["public", "private", "generated"]
SPLITS: tuple[Split, ...] = ("public", "private", "generated")

STDIO_PROMPT = (
    "{statement}\n\nWrite a complete {lang_name} program that reads the input from standard input and "
    "writes the answer to standard output. Reason about the problem first, then give your final program "
    "in a single ```{tag} code block."
)
CALL_PROMPT = (
    "{statement}\n\n{starter}Implement `{fn_name}` in Python 3; the tests call it directly (do not read "
    "input or print the result). Reason about the problem first, then give your complete code in a single "
    "```python code block."
)
STUB_PROMPT = (
    "Complete the following Python function.\n\n```python\n{prompt}```\n\nReason about it first, then give "
    "the complete function (with any imports it needs) in a single ```python code block."
)
FEEDBACK_PUBLIC = (
    "Your program fails this public test.\n\n{case}\n\nFix the program and give the complete corrected "
    "version in a single ```{tag} code block."
)
FEEDBACK_OTHER = (
    "{reason}\n\nFix the program and give the complete corrected version in a single ```{tag} code block."
)


class CodeConfig(DataConfig):
    """Config of `code`: no data_files / dataset means the bundled problem set."""

    format: str | None = None  # apps|taco|eurus|prime|codecontests|livecodebench|humaneval|mbpp|bundled|tasks
    max_turns: int = Field(default=1, ge=1, le=10)
    language: Literal["python", "cpp"] = "python"  # cpp applies to stdin/stdout problems
    difficulty: str | list[str] | None = None  # keep only these difficulties (rows that record one)
    test_splits: list[Split] = Field(default_factory=lambda: list(SPLITS))  # CodeContests
    max_tests: int | None = Field(default=None, ge=1)  # keep the first N tests (public ones come first)
    mode: Literal["fraction", "all"] | None = None
    time_limit_s: float | None = Field(default=None, gt=0, le=60)
    total_time_limit_s: float | None = Field(default=None, gt=0, le=40)
    skip_bad_rows: bool = False
    verifier_options: dict[str, Any] = Field(default_factory=dict)  # e.g. {"backend": "docker"}


class CodeEnv(Env):
    """Programs judged by the `code` verifier in the sandbox; single- or multi-turn."""

    name = "code"
    domain = "code"
    verifier = "code"
    dataset_backed = True

    def __init__(self, config: CodeConfig | None = None, **options: Any) -> None:
        super().__init__()
        cfg = configure(CodeConfig, config, options, self.name)
        self.config = cfg
        if wants_data(cfg.model_dump(include={"data_files", "dataset"})):
            self.sources = sources(cfg, self.name)
        elif not BUNDLED.exists():
            raise ConfigError(
                f"the bundled code problems are missing ({BUNDLED}); build them with "
                "`python envs/code_data/build_problems.py`, or pass data_files=..."
            )
        else:
            self.sources = [Source(str(BUNDLED))]
        self._messages: Messages = []
        self._turn = 0

    # --- tasks -------------------------------------------------------------------------------------------
    def tasks(self) -> Iterator[Task]:
        return islice(self._tasks(), self.config.limit)

    def _tasks(self) -> Iterator[Task]:
        wanted = self.config.difficulty
        wanted_set = {wanted} if isinstance(wanted, str) else set(wanted or [])
        for path in self.sources:
            fmt_name = self.config.format or ("bundled" if path.path == BUNDLED else None)
            for i, row, fmt in problems(path, fmt_name):
                if fmt.convert is None:
                    yield self._imported(row, path, i)
                    continue
                try:
                    problem = (
                        codecontests(row, tuple(self.config.test_splits))
                        if fmt.name == "codecontests"
                        else fmt.convert(row)
                    )
                except NotCode:
                    continue
                except (RowError, KeyError, TypeError, ValueError) as exc:
                    if self.config.skip_bad_rows:
                        continue
                    what = f"missing column {exc}" if isinstance(exc, KeyError) else str(exc)
                    raise ConfigError(
                        f"{path}: row {i} ({fmt.name} format): {what}. Fix the row, or pass skip_bad_rows=True"
                    ) from None
                if wanted_set and str(problem.metadata.get("difficulty", "")).lower() not in wanted_set:
                    continue
                problem.metadata.update({"source": path.name, "format": fmt.name, "row": i})
                yield self._to_task(problem)

    def _imported(self, row: dict[str, Any], path: Source, i: int) -> Task:
        try:
            return Task.model_validate(row)
        except ValueError as exc:
            raise ConfigError(f"{path}: row {i} is not a valid Task record: {exc}") from None

    def _to_task(self, problem: Problem) -> Task:
        answer = self._adjust(dict(problem.answer))
        language = answer.get("language", "python")
        if problem.messages is not None:
            prompt = problem.messages
        elif answer.get("prompt"):
            prompt = [{"role": "user", "content": STUB_PROMPT.format(prompt=answer["prompt"])}]
        elif answer.get("fn_name"):
            starter = (
                f"Starter code:\n```python\n{problem.starter_code.rstrip()}\n```\n\n"
                if problem.starter_code.strip()
                else ""
            )
            content = CALL_PROMPT.format(
                statement=problem.statement.strip(), starter=starter, fn_name=answer["fn_name"]
            )
            prompt = [{"role": "user", "content": content}]
        else:
            lang_name, tag = ("C++17", "cpp") if language == "cpp" else ("Python 3", "python")
            content = STDIO_PROMPT.format(statement=problem.statement.strip(), lang_name=lang_name, tag=tag)
            prompt = [{"role": "user", "content": content}]
        metadata = dict(problem.metadata)
        if self.config.verifier_options:
            metadata["verifier_options"] = dict(self.config.verifier_options)
        return Task(
            env=self.name,
            domain=self.domain,
            prompt=prompt,
            verifier="code",
            answer=answer,
            metadata=metadata,
        )

    def _adjust(self, answer: dict[str, Any]) -> dict[str, Any]:
        cfg = self.config
        if (
            cfg.language == "cpp"
            and answer.get("tests")
            and not (answer.get("cases") or answer.get("asserts"))
        ):
            answer["language"] = "cpp"
        for key in ("mode", "time_limit_s", "total_time_limit_s"):
            if getattr(cfg, key) is not None:
                answer[key] = getattr(cfg, key)
        if cfg.max_tests is not None:
            tests = list(answer.get("tests") or [])[: cfg.max_tests]
            cases = list(answer.get("cases") or [])[: max(0, cfg.max_tests - len(tests))]
            if tests:
                answer["tests"] = tests
            if "cases" in answer:
                answer["cases"] = cases
        return answer

    # --- multi-turn ----------------------------------------------------------------------------------------
    def reset(
        self, *, seed: int | None = None, options: Mapping[str, Any] | None = None
    ) -> tuple[Messages, dict[str, Any]]:
        obs, info = super().reset(seed=seed, options=options)
        self._messages = list(obs)
        self._turn = 0
        return obs, {**info, "turn": 0, "max_turns": self.config.max_turns}

    def step(self, completion: str) -> tuple[Messages, float, bool, bool, dict[str, Any]]:
        if self._current is None:
            raise RuntimeError("code: call reset() before step() (the episode has ended)")
        task = self._current
        verdict = self.score(task, completion)
        self._turn += 1
        self._messages.append(
            {"role": "assistant", "content": completion if isinstance(completion, str) else ""}
        )
        info: dict[str, Any] = {"verdict": verdict, "task": task, "turn": self._turn}
        if verdict.correct or self._turn >= self.config.max_turns:
            self._current = None
            # single-turn: every episode terminates; multi-turn: running out of turns is a truncation
            terminated = verdict.correct or self.config.max_turns == 1
            return list(self._messages), verdict.reward, terminated, not terminated, info
        self._messages.append({"role": "user", "content": feedback(task, verdict)})
        return list(self._messages), 0.0, False, False, info


def feedback(task: Task, verdict: Verdict) -> str:
    """The next user message after a wrong program: the first failing public test, else the reason."""
    answer = task.answer if isinstance(task.answer, dict) else {}
    tag = "cpp" if answer.get("language") == "cpp" else "python"
    tests = list(answer.get("tests") or [])
    cases = list(answer.get("cases") or [])
    for result in verdict.details.get("tests", []):
        if result.get("passed"):
            continue
        i = int(result.get("i", -1))
        shown = _show_public(tests, cases, answer.get("fn_name"), i, result)
        if shown:
            return FEEDBACK_PUBLIC.format(case=shown, tag=tag)
    if verdict.details.get("compile_error"):
        reason = f"Your program does not compile:\n```\n{str(verdict.details['compile_error'])[-1500:]}\n```"
    elif verdict.details.get("tests"):
        reason = f"Your program fails some hidden tests ({verdict.details.get('passed')}/{verdict.details.get('total')} passed)."
    else:
        reason = f"Your answer could not be run: {verdict.reason}."
    return FEEDBACK_OTHER.format(reason=reason, tag=tag)


def _show_public(tests: list[Any], cases: list[Any], fn_name: Any, i: int, result: dict[str, Any]) -> str:
    got = result.get("got") or result.get("error") or result.get("status", "")
    if 0 <= i < len(tests):
        test = tests[i]
        if not test.get("public"):
            return ""
        return f"Input:\n```\n{test.get('stdin', '')}\n```\nExpected output:\n```\n{test['stdout']}\n```\nYour result: {result.get('status')}\n```\n{got}\n```"
    j = i - len(tests)
    if 0 <= j < len(cases) and cases[j].get("public"):
        call = f"{fn_name}(" + ", ".join(json.dumps(a) for a in cases[j].get("args", [])) + ")"
        return f"Call: `{call}`\nExpected: `{json.dumps(cases[j].get('expected'))}`\nYour result ({result.get('status')}): `{got}`"
    return ""
