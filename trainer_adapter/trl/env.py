"""The multi-turn code env (programs judged with test feedback) in the shape TRL's `environment_factory` takes.

TRL creates one instance per rollout, calls `reset(**row)` with the dataset row's columns, exposes
every other public method as a tool the model may call, and calls `get_reward()` once the rollout
ends. Here the tool is `run_tests(code)`: the program is judged by the `code` verifier in the
sandbox, and the model sees what `envs.code` shows in its feedback turns (the first failing public
test, or the compile error), never the hidden tests. The reward is the last tested program's.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from envs.code.env import feedback
from trainer_adapter.data import task_from_json
from verifiers import Task, Verdict, verify_task

INSTRUCTIONS = (
    "\n\nYou can test a complete program with the `run_tests` tool (at most {n} times); it reports the "
    "first failing public test. The last program you test is the one that is graded."
)


class CodeFeedbackEnv:
    """One rollout on a code Task: `run_tests` gives test feedback, `get_reward` grades the last program."""

    def __init__(self, max_calls: int = 4, timeout_s: float | None = None) -> None:
        if max_calls < 1:
            raise ValueError(f"max_calls must be >= 1, got {max_calls}")
        self._max_calls = max_calls
        self._timeout_s = timeout_s
        self._task: Task | None = None
        self._verdict: Verdict | None = None
        self._calls = 0

    def reset(self, **kwargs: object) -> str | None:
        """Start a rollout on the row's Task (the `task` column that `make_dataset` writes)."""
        if "task" not in kwargs:
            raise ValueError(
                "CodeFeedbackEnv.reset needs the dataset's 'task' column (build it with make_dataset)"
            )
        task = task_from_json(kwargs["task"])  # type: ignore[arg-type]
        if task.verifier != "code":
            raise ValueError(
                f"CodeFeedbackEnv is for code Tasks; got a {task.verifier!r} Task from env {task.env!r}"
            )
        self._task, self._verdict, self._calls = task, None, 0
        return INSTRUCTIONS.format(n=self._max_calls)

    def run_tests(self, code: str) -> str:
        """Run a complete program against the problem's tests.

        Args:
            code: The complete program source code.

        Returns:
            Whether all tests passed, or the first failing public test and what the program produced.
        """
        if self._task is None:
            return "No problem is loaded."
        if self._calls >= self._max_calls:
            return "No test runs left: give your final answer."
        self._calls += 1
        lang = (
            "cpp"
            if isinstance(self._task.answer, dict) and self._task.answer.get("language") == "cpp"
            else "python"
        )
        body = code if "```" in code else f"```{lang}\n{code}\n```"
        self._verdict = verify_task(self._task, body, timeout_s=self._timeout_s)
        if self._verdict.correct:
            return "All tests passed."
        return feedback(self._task, self._verdict)

    def get_reward(self) -> float:
        """The reward of the last tested program (0 when none was tested)."""
        return 0.0 if self._verdict is None else float(self._verdict.reward)


def code_environment_factory(
    max_calls: int = 4, timeout_s: float | None = None
) -> Callable[[], CodeFeedbackEnv]:
    """What `GRPOTrainer(environment_factory=...)` takes: a zero-argument callable making one env per rollout."""
    CodeFeedbackEnv(max_calls, timeout_s)  # validate the arguments now, not inside the trainer
    return functools.partial(CodeFeedbackEnv, max_calls=max_calls, timeout_s=timeout_s)
