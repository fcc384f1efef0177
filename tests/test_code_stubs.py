"""No-effort programs earn nothing on any bundled or fixture problem (issue 11): a `pass` stub, constant
returns and constant prints, under the default scoring; the canonical solutions of the HumanEval and MBPP
fixtures still score 1.0 (the control). Default backend (`auto`), all through `verify_batch`.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import envs
from verifiers import verify_batch

DATA = Path(__file__).parent / "data" / "code"
FILES = [
    "apps.jsonl",
    "taco.jsonl",
    "codecontests.jsonl",
    "livecodebench.jsonl",
    "humaneval.jsonl.gz",
    "mbpp.jsonl",
]
CALL_STUBS = ["pass", "return None", "return 0", "return True", "return ''", "return []"]
IO_STUBS = ["pass", "print(0)", "print('YES')", "print()", "print(-1)", "print(1)"]


def _tasks(data_files: str | None) -> list:
    env = envs.make("code") if data_files is None else envs.make("code", data_files=str(DATA / data_files))
    return list(env.tasks())


def _stubs(answer: dict) -> list[str]:
    if answer.get("tests"):
        return [f"```python\n{body}\n```" for body in IO_STUBS]
    name = answer["fn_name"]
    if answer.get("prompt"):  # HumanEval: a body that continues the prompt's def
        return [f"```python\n    {body}\n```" for body in CALL_STUBS]
    method = any("class Solution" in str(v) for v in answer.values())
    head = (
        f"class Solution:\n    def {name}(self, *args, **kwargs):\n        "
        if method
        else f"def {name}(*args, **kwargs):\n    "
    )
    return [f"```python\n{head}{body}\n```" for body in CALL_STUBS]


@pytest.mark.parametrize("data_files", [None, *FILES], ids=["bundled", *FILES])
def test_no_effort_programs_earn_nothing(data_files: str | None) -> None:
    tasks = _tasks(data_files)
    items, labels = [], []
    for task in tasks:
        for stub in _stubs(task.answer):
            items.append({"verifier": "code", "completion": stub, "answer": task.answer})
            labels.append((task.id, stub))
    verdicts = verify_batch(items, workers=2)
    earned = [(label, v.reward) for label, v in zip(labels, verdicts, strict=True) if v.reward > 0.0]
    assert earned == [], earned
    assert not [v.reason for v in verdicts if v.status.value in ("error", "sandbox_error")]


@pytest.mark.parametrize("name", ["humaneval.jsonl.gz", "mbpp.jsonl"])
def test_canonical_solutions_still_pass(name: str) -> None:
    opener = gzip.open if name.endswith(".gz") else open
    with opener(DATA / name, "rt") as handle:  # type: ignore[operator]
        rows = [json.loads(line) for line in handle if line.strip()]
    solutions = [r["canonical_solution"] if "canonical_solution" in r else r["code"] for r in rows]
    tasks = _tasks(name)
    items = [
        {"verifier": "code", "completion": f"```python\n{s}\n```", "answer": t.answer}
        for t, s in zip(tasks, solutions, strict=True)
    ]
    assert [v.reward for v in verify_batch(items, workers=2)] == [1.0] * len(items)
