"""Scoring completions for pass@k: the JSONL formats, the counts per task, and the errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import envs
from envs.gold import gold_completion
from trainer_adapter.eval import EvalResult, evaluate, evaluate_completions, pass_at_k
from trainer_adapter.prorl.rollout import Rollout, SamplingParams
from verifiers import Task

WRONG = "<think>hmm</think>\nI do not know."


@pytest.fixture(scope="module")
def tasks() -> list[Task]:
    picked = [t for name in ("gcd", "math", "stem_mcq") for t in envs.make(name).sample(2, seed=1)]
    assert all(gold_completion(t) for t in picked)
    return picked


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_counts_from_every_line_format(tasks: list[Task], tmp_path: Path) -> None:
    """Task i gets i gold samples out of 6, given as full-task lines, task_id lines and a list line."""
    rows: list[dict] = []
    for i, t in enumerate(tasks):
        texts = [gold_completion(t)] * i + [WRONG] * (6 - i)
        rows.append({"task": t.model_dump(mode="json"), "completion": texts[0]})
        rows.append({"task_id": t.id, "completions": texts[1:3]})
        rows += [{"task_id": t.id, "completion": x} for x in texts[3:]]
    result = evaluate_completions(write_jsonl(tmp_path / "c.jsonl", rows), workers=1, show_progress=False)
    assert [s.task_id for s in result.tasks] == [t.id for t in tasks]
    assert [(s.n, s.correct) for s in result.tasks] == [(6, i) for i in range(6)]
    assert result.ks == [1, 2, 4, 6]
    gcd = result.envs()["gcd"]
    assert gcd.pass_at_k[2] == pytest.approx((pass_at_k(6, 0, 2) + pass_at_k(6, 1, 2)) / 2)
    assert result.label == "c" and result.settings["samples"] == 36


def test_task_ids_resolve_from_a_tasks_file(tasks: list[Task], tmp_path: Path) -> None:
    write_jsonl(tmp_path / "tasks.jsonl", [t.model_dump(mode="json") for t in tasks])
    rows = [{"task_id": t.id, "completion": gold_completion(t)} for t in tasks for _ in range(2)]
    result = evaluate_completions(
        rows, [1, 2], tasks=tmp_path / "tasks.jsonl", workers=1, show_progress=False
    )
    assert all(s.correct == 2 for s in result.tasks)
    assert set(result.domains()) == {"logic", "math", "stem"}


def test_bad_lines_are_clear_errors(tasks: list[Task], tmp_path: Path) -> None:
    t = tasks[0].model_dump(mode="json")
    cases = [
        ("not json\n", r"c.jsonl:1 is not valid JSON"),
        (json.dumps({"task_id": "nope", "completion": "x"}) + "\n", r"task_id 'nope' matches no task"),
        (json.dumps({"task": t}) + "\n", r'needs "completion"'),
        (json.dumps({"completion": "x"}) + "\n", r'needs "task"'),
        (json.dumps({"task": {"env": "x"}, "completion": "x"}) + "\n", r"c.jsonl:1: not a Task"),
    ]
    for text, message in cases:
        (tmp_path / "c.jsonl").write_text(text)
        with pytest.raises(ValueError, match=message):
            evaluate_completions(tmp_path / "c.jsonl", show_progress=False)
    with pytest.raises(FileNotFoundError, match="does not exist"):
        evaluate_completions(tmp_path / "missing.jsonl")
    rows = [{"task": t, "completion": WRONG}] * 2
    with pytest.raises(ValueError, match=r"pass@4 needs at least 4 samples"):
        evaluate_completions(rows, [1, 4], workers=1, show_progress=False)


class GoldFirst:
    """A RolloutEngine that answers prompt i correctly on its first `i % (n + 1)` samples."""

    def __init__(self, tasks: list[Task]) -> None:
        self.by_prompt = {json.dumps(t.prompt): t for t in tasks}
        self.params: list[SamplingParams] = []

    def generate(self, prompts: list[list[dict]], params: SamplingParams) -> list[list[Rollout]]:
        self.params.append(params)
        out = []
        for index, prompt in enumerate(prompts):
            task = self.by_prompt[json.dumps(prompt)]
            good = int(task.metadata["_good"])
            texts = [gold_completion(task) if j < good else WRONG for j in range(params.n)]
            out.append([Rollout(index, [], str(x), [], "stop") for x in texts])
        return out

    def update_weights(self, model: object) -> None:
        pass


def test_evaluate_through_an_engine_uses_the_papers_sampling(tasks: list[Task]) -> None:
    marked = [t.model_copy(update={"metadata": {**t.metadata, "_good": i % 5}}) for i, t in enumerate(tasks)]
    engine = GoldFirst(marked)
    result = evaluate(engine, marked, 4, batch_size=4, workers=1, show_progress=False)
    assert [p.n for p in engine.params] == [4, 4]  # two batches of prompts, n samples each
    assert (engine.params[0].temperature, engine.params[0].top_p) == (0.6, 0.95)
    assert [s.correct for s in result.tasks] == [min(i % 5, 4) for i in range(len(tasks))]
    assert result.settings["temperature"] == 0.6 and result.settings["engine"] == "GoldFirst"
    params = SamplingParams(n=1, temperature=1.0, top_p=0.5, max_new_tokens=7)
    again = evaluate(engine, marked, 2, [1, 2], params, workers=1, show_progress=False)
    assert (engine.params[-1].n, engine.params[-1].top_p) == (2, 0.5)  # n wins over params.n
    assert EvalResult.from_json(again.to_json()).to_dict() == again.to_dict()
    with pytest.raises(ValueError, match="n .* must be >= 1"):
        evaluate(engine, marked, 0)
