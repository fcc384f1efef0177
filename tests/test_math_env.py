"""Env `math`: procedural families (exact answers, seeds, config) and the dataset loaders."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import sympy
from latex2sympy2_extended import latex2sympy

import envs
from envs.math.families import FAMILIES
from envs.math.formats import read_rows
from verifiers import Status, Task, verify_batch, verify_local, verify_task
from verifiers.math.compare import parse_answer

DATA = Path(__file__).parent / "data" / "math"


def test_registered_names() -> None:
    names = envs.list_envs(domain="math")
    assert "math" in names
    assert {f"math_{family}" for family in FAMILIES} <= set(names)
    assert envs.spec("math").verifier == "math"
    assert {"families", "difficulty", "data_files"} <= set(envs.spec("math").config_fields())


def test_sampling_is_reproducible_and_seed_dependent() -> None:
    env = envs.make("math", difficulty=3)
    first = [t.model_dump() for t in env.sample(40, seed=5)]
    assert first == [t.model_dump() for t in envs.make("math", difficulty=3).sample(40, seed=5)]
    assert first != [t.model_dump() for t in env.sample(40, seed=6)]
    assert {t["metadata"]["family"] for t in first} == set(FAMILIES)  # 40 draws reach all 8 families


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("difficulty", [1, 5])
def test_every_family_gold_scores_and_perturbation_fails(family: str, difficulty: int) -> None:
    env = envs.make(f"math_{family}", difficulty=difficulty)
    for task in env.sample(6, seed=difficulty):
        options = task.metadata.get("verifier_options", {})
        assert "\\boxed{}" in task.question
        assert task.metadata["family"] == family and task.metadata["difficulty"] == difficulty
        gold = verify_local("math", f"Done: \\boxed{{{task.answer}}}", task.answer, **options)
        assert gold.correct, (task.answer, gold.reason)
        value = parse_answer(task.answer)[0]
        if isinstance(value, sympy.Expr) and value.is_number:
            wrong = sympy.latex(sympy.sympify(value) + 1)
            assert not verify_local("math", f"\\boxed{{{wrong}}}", task.answer, **options).correct


def test_equation_answers_satisfy_the_equation_exactly() -> None:
    """An independent check: substitute the gold roots back into the equation the prompt shows."""
    x = sympy.Symbol("x")
    checked = 0
    for task in envs.make("math_equations", difficulty=4).sample(40, seed=0):
        if task.metadata["generator"] not in ("linear", "quadratic"):
            continue
        equation = next(span for span in task.question.split("$")[1::2] if "=" in span)
        lhs, rhs = (latex2sympy(side) for side in equation.split("="))
        roots = [latex2sympy(part) for part in task.answer.split(",")]
        for root in roots:
            assert sympy.simplify((lhs - rhs).subs(sympy.Symbol("x"), root)) == 0, (equation, task.answer)
        assert len(roots) == sympy.degree(sympy.expand(lhs - rhs), x)
        checked += 1
    assert checked >= 10


def test_difficulty_raises_the_numbers() -> None:
    def size(d: int) -> float:
        tasks = envs.make("math_number_theory", difficulty=d).sample(30, seed=1)
        return sum(len(t.question) for t in tasks) / len(tasks)

    assert size(5) > size(1)


def test_factor_tasks_carry_the_form_option() -> None:
    env = envs.make("math_polynomials", difficulty=3)
    factor_tasks = [t for t in env.sample(30, seed=2) if t.metadata["generator"] == "factor"]
    assert factor_tasks
    task = factor_tasks[0]
    assert task.metadata["verifier_options"] == {"form": "factor"}
    x = sympy.Symbol("x")
    expanded = sympy.latex(sympy.expand(sympy.sympify(parse_answer(task.answer)[0]).subs("x", x)))
    assert not verify_task(task, f"\\boxed{{{expanded}}}").correct
    assert verify_task(task, f"\\boxed{{{task.answer}}}").correct


def test_step_and_exported_task_rescore() -> None:
    env = envs.make("math", families=["arithmetic"], difficulty=1)
    obs, info = env.reset(seed=3)
    task: Task = info["task"]
    _, reward, terminated, _, step_info = env.step(f"<think>easy</think> \\boxed{{{task.answer}}}")
    assert reward == 1.0 and terminated and step_info["verdict"].status is Status.CORRECT
    again = Task.model_validate_json(task.model_dump_json())
    assert verify_batch([{"task": again.model_dump(), "completion": "\\boxed{-123456}"}])[0].reward == 0.0


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ({"families": ["algebra"]}, "families"),
        ({"difficulty": 9}, "difficulty"),
        ({"difficulty": {"geometry": 0}}, "difficulty"),
        ({"difficulty": {"topology": 2}}, "topology"),
        ({"level": 2}, "valid keys"),
        ({"families": []}, "families"),
    ],
)
def test_bad_config_is_a_clear_error(config: dict, needle: str) -> None:
    with pytest.raises(envs.ConfigError, match=needle):
        envs.make("math", **config)


def test_family_env_rejects_families_key() -> None:
    with pytest.raises(envs.ConfigError, match="family only"):
        envs.make("math_geometry", families=["arithmetic"])


# --- dataset-backed ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt", "answers"),
    [
        ("deepscaler.jsonl", "deepscaler", ["55", "\\sqrt{2}", "\\frac{3}{4}", "(-\\infty, 3)"]),
        ("math.json", "math", ["10", "9\\pi", "2, 3"]),
        ("gsm8k.jsonl", "gsm8k", ["10", "1250"]),
        ("aime.jsonl", "aime", ["24", "9"]),
    ],
)
def test_formats_are_detected_and_answers_read(name: str, fmt: str, answers: list[str]) -> None:
    env = envs.make("math", data_files=str(DATA / name))
    tasks = list(env.tasks())
    assert [t.answer for t in tasks] == answers
    assert {t.metadata["format"] for t in tasks} == {fmt}
    assert all("\\boxed{}" in t.question for t in tasks)
    verdicts = verify_batch([{"task": t, "completion": f"\\boxed{{{t.answer}}}"} for t in tasks], workers=1)
    assert all(v.correct for v in verdicts)


def test_math_format_keeps_level_and_type() -> None:
    (first, *_) = envs.make("math", data_files=str(DATA / "math.json"), format="math").tasks()
    assert first.metadata["level"] == "Level 1" and first.metadata["type"] == "Counting & Probability"


def test_gzip_parquet_and_several_files(tmp_path: Path) -> None:
    gz = tmp_path / "gsm8k.jsonl.gz"
    with open(DATA / "gsm8k.jsonl", "rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    parquet = tmp_path / "deepscaler.parquet"
    pq.write_table(pa.Table.from_pylist(read_rows(DATA / "deepscaler.jsonl")), parquet)
    columns = tmp_path / "aime_columns.json"
    rows = read_rows(DATA / "aime.jsonl")
    columns.write_text(
        json.dumps({"problem": [r["problem"] for r in rows], "answer": [str(r["answer"]) for r in rows]})
    )
    for path, count in ((gz, 2), (parquet, 4), (columns, 2)):
        assert len(list(envs.make("math", data_files=str(path)).tasks())) == count
    both = envs.make("math", data_files=[str(gz), str(parquet)])
    assert len(list(both.tasks())) == 6
    assert len(both.sample(10, seed=0)) == 10  # draws without replacement, then a fresh pass


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"data_files": str(DATA / "unknown_columns.jsonl")}, r"columns \['prompt', 'target'\]"),
        ({"data_files": str(DATA / "deepscaler.jsonl"), "format": "gsm8k"}, "lacks column"),
        ({"data_files": str(DATA / "math_missing_box.json")}, "no usable answer"),
        ({"data_files": str(DATA / "deepscaler.jsonl"), "format": "mmlu"}, "unknown math format"),
        ({"data_files": "/nonexistent/x.jsonl"}, "does not exist"),
        ({"data_files": str(DATA / "equivalence_cases.tsv")}, "unsupported file type"),
    ],
)
def test_dataset_errors_are_clear(kwargs: dict, needle: str) -> None:
    with pytest.raises(envs.ConfigError, match=needle):
        list(envs.make("math", **kwargs).tasks())


def test_a_hub_id_offline_without_a_cache_says_how_to_work_offline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("datasets", reason="needs the [hub] extra: pip install 'prorl-gym[hub]'")
    from hub_standins import offline_hub

    home = offline_hub(monkeypatch, tmp_path)
    env = envs.make("math", data_files="agentica-org/DeepScaleR-Preview-Dataset")
    with pytest.raises(envs.ConfigError, match="No cached copy") as caught:
        list(env.tasks())
    message = str(caught.value)
    assert "agentica-org/DeepScaleR-Preview-Dataset" in message and str(home) in message
    assert "HF_DATASETS_OFFLINE=1" in message


def test_a_broken_file_names_itself(tmp_path: Path) -> None:
    bad = tmp_path / "broken.jsonl"
    bad.write_text('{"problem": "x", "answer": "1"}\n{not json\n')
    with pytest.raises(envs.ConfigError, match="broken.jsonl"):
        list(envs.make("math", data_files=str(bad)).tasks())
