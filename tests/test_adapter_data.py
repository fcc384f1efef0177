"""Tasks as Arrow/parquet rows and back, and completions (text or chat) scored in one batch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import envs
from trainer_adapter.data import (
    answer_text,
    resolve_env,
    row_task,
    sample_tasks,
    task_from_json,
    task_row,
    task_rows,
    tasks_from_column,
)
from trainer_adapter.rewards import batch_stats, completion_text, score, warmup
from verifiers import Status, Task, Verdict

EVERY_DOMAIN = {
    "math": 1.0,
    "sudoku": 1.0,
    "knights_knaves": 1.0,
    "code": 1.0,
    "stem_mcq": 1.0,
    "stem_numeric": 1.0,
    "ifeval": 1.0,
}


@pytest.fixture(scope="module")
def mixed() -> list[Task]:
    tasks = sample_tasks(EVERY_DOMAIN, 40, seed=1)
    assert {t.domain for t in tasks} >= {"math", "logic", "code", "stem", "instruction_following"}
    return tasks


def test_naive_rows_of_a_mixture_do_not_fit_one_arrow_schema(mixed: list[Task]) -> None:
    # the bug this module exists for: answer is a string for math and a struct for logic
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError)):
        pa.Table.from_pylist([t.model_dump() for t in mixed])


def test_mixture_round_trips_exactly_through_parquet(mixed: list[Task], tmp_path: Path) -> None:
    table = pa.Table.from_pylist(task_rows(mixed))
    pq.write_table(table, tmp_path / "mix.parquet")
    back = [row_task(row) for row in pq.read_table(tmp_path / "mix.parquet").to_pylist()]
    assert back == mixed
    assert [t.model_dump_json() for t in back] == [t.model_dump_json() for t in mixed]
    assert all(t.id == b.id for t, b in zip(mixed, back, strict=True))


def test_datasets_builds_a_mixture(mixed: list[Task]) -> None:
    datasets = pytest.importorskip("datasets", reason="needs the datasets package ([trl] or [hub] extra)")
    ds = datasets.Dataset.from_list(task_rows(mixed))
    assert [row_task(r) for r in ds] == mixed
    assert ds[0]["prompt"] == [{"role": m["role"], "content": m["content"]} for m in mixed[0].prompt]


def test_row_columns_and_errors(mixed: list[Task]) -> None:
    row = task_row(mixed[0])
    assert (row["env"], row["domain"], row["task_id"]) == (mixed[0].env, mixed[0].domain, mixed[0].id)
    with pytest.raises(KeyError, match="task_row"):
        row_task({"prompt": []})
    with pytest.raises(ValueError, match="row 1"):
        tasks_from_column([row["task"], "{not json"])
    assert tasks_from_column([None, row["task"]])[0] is None
    with pytest.raises(TypeError, match="Task JSON"):
        task_from_json(42)  # type: ignore[arg-type]
    assert answer_text("\\frac{1}{2}") == "\\frac{1}{2}"
    assert task_from_json(answer_text(mixed[0].model_dump())) == mixed[0]


def test_resolve_env_accepts_names_specs_and_mappings(tmp_path: Path) -> None:
    assert resolve_env("sudoku").name == "sudoku"
    mix = resolve_env("math=1,sudoku=1")
    assert {t.env for t in mix.sample(30, seed=0)} == {"math", "sudoku"}
    spec = tmp_path / "mix.yaml"
    spec.write_text("mix: {math: 1, gcd: 1}\n")
    assert {t.env for t in resolve_env(str(spec)).sample(30, seed=0)} == {"math", "gcd"}
    with pytest.raises(TypeError, match="mixture spec"):
        resolve_env(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n must be"):
        sample_tasks("math", 0)
    assert sample_tasks("math", 5, seed=4) == sample_tasks("math", 5, seed=4)


@pytest.mark.parametrize(
    ("completion", "text"),
    [
        ("plain", "plain"),
        ([{"role": "assistant", "content": "chat"}], "chat"),
        ({"role": "assistant", "content": "one message"}, "one message"),
        (
            [
                {
                    "role": "assistant",
                    "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}],
                }
            ],
            "ab",
        ),
        (
            [
                {"role": "assistant", "content": "", "tool_calls": [{"function": {"name": "run_tests"}}]},
                {"role": "tool", "content": "All tests passed."},
                {"role": "assistant", "content": "final"},
            ],
            "final",
        ),
        (None, ""),
        (17, ""),
    ],
)
def test_completion_text(completion: Any, text: str) -> None:
    assert completion_text(completion) == text


def test_gold_scores_one_in_both_trl_formats(mixed: list[Task]) -> None:
    pairs = [(t, envs.gold_completion(t)) for t in mixed]
    pairs = [(t, g) for t, g in pairs if g is not None]
    assert len({t.domain for t, _ in pairs}) >= 4
    tasks = [t for t, _ in pairs]
    plain = score(tasks, [g for _, g in pairs], workers=2)
    chat = score(tasks, [[{"role": "assistant", "content": g}] for _, g in pairs], workers=2)
    assert [v.reward for v in plain] == [1.0] * len(pairs)
    assert [v.reward for v in chat] == [1.0] * len(pairs)
    answered = [
        t for t in tasks if t.verifier != "ifeval"
    ]  # a plain sentence can follow a writing constraint
    wrong = score(answered, ["I do not know."] * len(answered), workers=2)
    assert [v.reward for v in wrong] == [0.0] * len(answered)


def test_a_custom_scorer_gets_one_batch(mixed: list[Task]) -> None:
    calls: list[tuple[int, dict[str, Any]]] = []

    def remote(items: list[dict[str, Any]], **kwargs: Any) -> list[dict[str, Any]]:
        calls.append((len(items), kwargs))
        assert all(isinstance(i["completion"], str) for i in items)
        return [Verdict.scored(0.5).model_dump(mode="json") for _ in items]  # dicts, as JSON would bring

    verdicts = score(mixed[:5], [[{"role": "assistant", "content": "x"}]] * 5, scorer=remote, timeout_s=3)
    assert calls == [(5, {"timeout_s": 3})]
    assert [v.status for v in verdicts] == [Status.PARTIAL] * 5
    assert warmup(workers=2, scorer=remote) >= 0 and calls[-1] == (2, {"workers": 2})

    def short(items: list[dict[str, Any]], **kwargs: Any) -> list[Verdict]:
        return []

    with pytest.raises(RuntimeError, match="0 verdicts for 2"):
        score(mixed[:2], ["a", "b"], scorer=short)
    with pytest.raises(ValueError, match="pair up"):
        score(mixed[:2], ["a"])


def test_batch_stats_per_env() -> None:
    verdicts = [Verdict.scored(1.0), Verdict.scored(0.0), Verdict.fail(Status.NO_ANSWER, "none")]
    stats = batch_stats(["math", "math", "sudoku"], verdicts)
    assert stats == {
        "math/reward": 0.5,
        "sudoku/reward": 0.0,
        "math/status/correct": 1.0,
        "math/status/wrong": 1.0,
        "sudoku/status/no_answer": 1.0,
    }
