"""The logic domain: registration, config, reproducibility, JSON round trip, sudoku by the rules,
and datasets with more than one right answer. (Every env x adversarial answers: test_logic_acceptance.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from reasoning_gym.factory import DATASETS

import envs
from envs.logic import FINITE_SIZE
from tests.support.logic_adversarial import model_completion
from tests.support.logic_alternatives import right_answer
from verifiers import Status, Task, verify_batch, verify_local, verify_task
from verifiers.logic.fixes import EVALUATED, hedge_word
from verifiers.logic.rg import scorer
from verifiers.types import content_id

ROOT = Path(__file__).resolve().parents[1]


def test_every_reasoning_gym_dataset_is_a_logic_env() -> None:
    names = envs.list_envs(domain="logic")
    assert set(DATASETS) <= set(names)
    assert len(DATASETS) == 106  # 105 datasets + composite in reasoning-gym 0.1.25
    for name in DATASETS:
        spec = envs.spec(name)
        assert spec.domain == "logic" and spec.verifier == "logic"
        assert spec.description and not spec.description.startswith("reasoning-gym")


def test_unknown_config_key_names_the_valid_ones() -> None:
    with pytest.raises(envs.ConfigError) as info:
        envs.make("sudoku", min_empt=3)
    assert "min_empt" in str(info.value) and "min_empty" in str(info.value) and "max_empty" in str(info.value)


def test_bad_config_value_names_the_field() -> None:
    with pytest.raises(envs.ConfigError, match="min_empty"):
        envs.make("sudoku", min_empty=-3)
    with pytest.raises(envs.ConfigError, match="max_terms"):
        envs.make("basic_arithmetic", min_terms=5, max_terms=2)


def test_seed_and_size_are_not_config() -> None:
    with pytest.raises(envs.ConfigError, match="sample"):
        envs.make("sudoku", seed=3)


def test_config_fields_are_the_dataclass_fields_with_defaults() -> None:
    fields = envs.spec("sudoku").config_fields()
    assert fields == {"min_empty": 30, "max_empty": 50}
    assert "board_format_opts" in envs.spec("arc_agi").config_fields()


def test_config_reaches_the_generator_and_the_scorer() -> None:
    env = envs.make("basic_arithmetic", min_terms=2, max_terms=2, min_digits=1, max_digits=1)
    tasks = env.sample(5, seed=3)
    for task in tasks:
        assert task.answer["config"]["max_terms"] == 2
        assert task.answer["entry"]["metadata"]["num_terms"] == 2
        assert verify_task(task, model_completion(task.answer["entry"]["answer"])).correct
    # decimal_arithmetic's scorer reads its tolerance from the config: it must see the task's config.
    env = envs.make("decimal_arithmetic", min_num_decimal_places=1, max_num_decimal_places=1)
    task = env.sample(1, seed=0)[0]
    gold = float(task.answer["entry"]["answer"])
    near = f"{gold + 0.05:.4f}"  # within 10**-1 of the gold: right at one decimal place
    assert verify_local("logic", model_completion(near), task.answer).correct


def test_composite_needs_datasets_and_mixes_them() -> None:
    with pytest.raises(envs.ConfigError, match="datasets"):
        envs.make("composite")
    with pytest.raises(envs.ConfigError, match="not a reasoning-gym dataset"):
        envs.make("composite", datasets=[{"name": "sudokuu"}])
    with pytest.raises(envs.ConfigError, match="min_empt"):
        envs.make("composite", datasets=[{"name": "sudoku", "config": {"min_empt": 3}}])
    env = envs.make(
        "composite",
        datasets=[
            {"name": "chain_sum", "weight": 1.0},
            {"name": "mini_sudoku", "weight": 1.0, "config": {"min_empty": 4}},
        ],
    )
    tasks = env.sample(40, seed=0)
    sources = {t.answer["dataset"] for t in tasks}
    assert sources == {"chain_sum", "mini_sudoku"}
    assert all(t.env == "composite" for t in tasks)
    verdicts = verify_batch(
        [
            {
                "task": t,
                "completion": model_completion(right_answer(t.answer["dataset"], t.answer["entry"]) or ""),
            }
            for t in tasks
        ]
    )
    assert all(v.correct for v in verdicts)
    assert [t.id for t in tasks] == [t.id for t in env.sample(40, seed=0)]


def test_finite_pool_datasets_stay_in_range() -> None:
    for name in FINITE_SIZE:
        env = envs.make(name)
        task = env.sample(1, seed=7)[0]
        assert task.answer["entry"]["metadata"].get("source_index", 0) < FINITE_SIZE[name]


_IDS_SCRIPT = """
import json, sys
import envs
names = json.loads(sys.argv[1])
ids = {n: [t.id for t in envs.make(n).sample(1, seed=11)] for n in names}
print()
print("IDS=" + json.dumps(ids))
"""


def test_same_seed_same_task_ids_in_another_process() -> None:
    names = [n for n in envs.list_envs(domain="logic") if n != "composite"]
    here = {n: [t.id for t in envs.make(n).sample(1, seed=11)] for n in names}
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", _IDS_SCRIPT, json.dumps(names)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
        check=True,
    )
    there = json.loads(out.stdout.rsplit("IDS=", 1)[1])
    differ = [n for n in names if here[n] != there[n]]
    assert not differ, f"task ids differ across processes for {differ}"


def test_task_ids_are_the_content_hash_of_the_task() -> None:
    # The sampler hashes bytes it assembles itself; they must be what content_id would hash.
    names = [n for n in envs.list_envs(domain="logic") if n != "composite"]
    for name in names:
        for task in envs.make(name).sample(2, seed=3):
            assert task.id == content_id(task.env, task.prompt, task.verifier, task.answer), name
            assert Task(**task.model_dump()) == task, name  # validated == built without validation
    composite = envs.make("composite", datasets=["gcd", {"name": "ab", "config": {"length": 5}}])
    for task in composite.sample(4, seed=1):
        assert task.id == content_id(task.env, task.prompt, task.verifier, task.answer)


def test_hedge_words_are_whole_words_as_written() -> None:
    assert hedge_word("A Or B") == "Or"
    assert hedge_word("maybe 7") == "maybe"
    assert hedge_word("3 (not sure)") == "not sure"
    for text in ("neither", "color, favor", "forever", "unlikely", "orchestra", "or_x", "x_or", ""):
        assert hedge_word(text) is None, text
    assert hedge_word("color or") == "or"
    assert hedge_word("ororor or") == "or"


def test_json_round_trip_keeps_task_and_verdict() -> None:
    for name in ("graph_color", "arc_agi", "gsm_symbolic", "time_intervals", "sudoku", "knights_knaves"):
        task = envs.make(name).sample(1, seed=5)[0]
        again = Task.model_validate_json(task.model_dump_json())
        assert again == task
        completion = model_completion(right_answer(name, task.answer["entry"]) or "x")
        a, b = verify_task(task, completion), verify_task(again, completion)
        assert (a.reward, a.status) == (b.reward, b.status) and a.correct


# --- sudoku by the rules ----------------------------------------------------------------------------


def _unavoidable_rectangle(grid: list[list[int]]) -> tuple[int, int, int, int]:
    """Rows r1, r2 in one band and columns c1, c2 in two stacks with a b / b a in the four corners:
    swapping a and b there gives a second valid grid with the same other cells."""
    size = len(grid)
    box = int(size**0.5)
    for r1 in range(size):
        for r2 in range(r1 + 1, size):
            if r1 // box != r2 // box:
                continue
            for c1 in range(size):
                for c2 in range(c1 + 1, size):
                    if c1 // box == c2 // box:
                        continue
                    if grid[r1][c1] == grid[r2][c2] and grid[r1][c2] == grid[r2][c1]:
                        return r1, r2, c1, c2
    raise LookupError("no unavoidable rectangle")


def _two_solution_puzzle(dataset: str) -> tuple[dict, list[list[int]], list[list[int]]]:
    for seed in range(50):
        entry = envs.make(dataset).sample(1, seed=seed)[0].answer["entry"]
        solution = entry["metadata"]["solution"]
        try:
            r1, r2, c1, c2 = _unavoidable_rectangle(solution)
        except LookupError:
            continue
        puzzle = [row[:] for row in entry["metadata"]["puzzle"]]
        for r, c in ((r1, c1), (r1, c2), (r2, c1), (r2, c2)):
            puzzle[r][c] = 0
        other = [row[:] for row in solution]
        other[r1][c1], other[r1][c2] = solution[r1][c2], solution[r1][c1]
        other[r2][c1], other[r2][c2] = solution[r2][c2], solution[r2][c1]
        entry = {**entry, "metadata": {**entry["metadata"], "puzzle": puzzle}}
        return entry, solution, other
    raise LookupError(f"no {dataset} grid with an unavoidable rectangle in 50 seeds")


def _fmt(grid: list[list[int]]) -> str:
    return "\n".join(" ".join(map(str, row)) for row in grid)


@pytest.mark.parametrize("dataset", ["sudoku", "mini_sudoku"])
def test_sudoku_accepts_any_valid_completion(dataset: str) -> None:
    entry, solution, other = _two_solution_puzzle(dataset)
    answer = {"dataset": dataset, "entry": entry}
    assert other != solution
    assert verify_local("logic", model_completion(_fmt(solution)), answer).reward == 1.0
    alternative = verify_local("logic", model_completion(_fmt(other)), answer)
    assert alternative.reward == 1.0 and alternative.correct
    assert scorer(dataset)(_fmt(other), entry) < 1.0  # reasoning-gym's own scorer rejects it
    # Other layouts of the same grid: separators and rows without spaces.
    assert verify_local("logic", model_completion(_fmt(other).replace(" ", "")), answer).correct


@pytest.mark.parametrize("dataset", ["sudoku", "mini_sudoku"])
def test_sudoku_rule_breaking_grids_score_below_one(dataset: str) -> None:
    entry = envs.make(dataset).sample(1, seed=2)[0].answer["entry"]
    answer = {"dataset": dataset, "entry": entry}
    puzzle, solution = entry["metadata"]["puzzle"], entry["metadata"]["solution"]
    blanks = [(r, c) for r, row in enumerate(puzzle) for c, v in enumerate(row) if v == 0]
    (r1, c1), (r2, c2) = next(
        (a, b)
        for a in blanks
        for b in blanks
        if a[0] == b[0] and a != b and solution[a[0]][a[1]] != solution[b[0]][b[1]]
    )
    broken = [row[:] for row in solution]
    broken[r1][c1] = solution[r2][c2]  # a repeat in its row: breaks the rules
    verdict = verify_local("logic", model_completion(_fmt(broken)), answer)
    assert 0.0 < verdict.reward < 1.0 and verdict.status is Status.PARTIAL
    changed = [row[:] for row in solution]
    givens = [(r, c) for r, row in enumerate(puzzle) for c, v in enumerate(row) if v]
    r, c = givens[0]
    changed[r][c] = changed[r][c] % len(solution) + 1
    assert verify_local("logic", model_completion(_fmt(changed)), answer).reward == 0.0
    short = "\n".join(_fmt(solution).splitlines()[:-1])
    assert verify_local("logic", model_completion(short), answer).status is Status.MALFORMED
    letters = _fmt(solution).replace("1", "a")
    assert verify_local("logic", model_completion(letters), answer).status is Status.MALFORMED


# --- datasets with more than one right answer ---------------------------------------------------------


def _graph_color_other(entry: dict) -> str:
    colouring = {int(k): v for k, v in entry["metadata"]["possible_answer"].items()}
    options = entry["metadata"]["puzzle"]["color_options"]
    swap = {options[0]: options[1], options[1]: options[0]}
    return json.dumps({k: swap.get(v, v) for k, v in colouring.items()})


# dataset -> (why the gold is not the only right answer, a different right answer built from the entry)
ALTERNATIVES = {
    "graph_color": ("any proper colouring; gold=None", _graph_color_other),
    "countdown": ("any expression reaching the target", lambda e: f"({e['answer']})"),
    "puzzle24": ("any expression making 24", lambda e: f"({e['answer']})"),
    "rush_hour": ("any move list freeing the car; gold=None", lambda e: right_answer("rush_hour", e)),
    "boxnet": ("any plan that delivers every box; gold=None", lambda e: right_answer("boxnet", e)),
    "rubiks_cube": ("any solving sequence; gold=None", lambda e: e["metadata"]["example_correct_answer"]),
    "propositional_logic": ("any valid conclusion; gold=None", lambda e: e["metadata"]["example_answer"]),
}


@pytest.mark.parametrize("dataset", sorted(ALTERNATIVES))
def test_another_right_answer_scores_one(dataset: str) -> None:
    tasks = envs.make(dataset).sample(5, seed=21)
    items = []
    for task in tasks:
        other = ALTERNATIVES[dataset][1](task.answer["entry"])
        assert other != task.answer["entry"]["answer"]
        items.append({"task": task, "completion": model_completion(other)})
    verdicts = verify_batch(items)
    assert all(v.reward == 1.0 for v in verdicts), [v.reason for v in verdicts]


@pytest.mark.parametrize("dataset", sorted(EVALUATED))
def test_answers_never_run_as_code(dataset: str, tmp_path: Path) -> None:
    """reasoning-gym evals these answers (n_queens' `eval`, sympy's `parse_expr`): raw, the payloads
    below create the file; through our verifier they must not, and score 0 as malformed."""
    target = tmp_path / "pwned"
    name = ",".join(f"chr({ord(c)})" for c in str(target))
    payloads = [
        f"__import__('pathlib').Path('{target}').touch()",
        f"open(''.join([{name}]), 'w')",
        f"open({'+'.join(f'chr({ord(c)})' for c in str(target))}, chr(119))",
    ]
    task = envs.make(dataset).sample(1, seed=0)[0]
    verdicts = verify_batch([{"task": task, "completion": model_completion(p)} for p in payloads])
    assert not target.exists()
    assert all(v.status is Status.MALFORMED and v.reward == 0.0 for v in verdicts), [
        v.reason for v in verdicts
    ]


def test_scorer_exceptions_are_malformed_not_error() -> None:
    task = envs.make("prime_factorization").sample(1, seed=0)[0]
    verdict = verify_task(task, model_completion("qwzx"))
    assert verdict.status is Status.MALFORMED and verdict.reward == 0.0


def test_bad_task_record_is_an_error_verdict() -> None:
    assert verify_local("logic", model_completion("1"), {"entry": {}}).status is Status.ERROR
    unknown = verify_local("logic", model_completion("1"), {"dataset": "nope", "entry": {"answer": "2"}})
    assert unknown.status is Status.ERROR and not unknown.correct


# codeio entry 1409 runs a snippet that writes `temp_parameters.txt` to the working directory.
CODEIO_WRITER_SEEDS = [1409, 3833]


def test_generating_and_scoring_codeio_leaves_the_working_directory_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = envs.make("codeio")
    tasks = env.tasks_at(CODEIO_WRITER_SEEDS) + env.sample(5, seed=1)
    assert "parameters" in tasks[0].prompt[0]["content"]  # the snippet that writes the file
    for task in tasks:
        assert verify_local("logic", model_completion(task.answer["entry"]["answer"]), task.answer).correct
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_generator_helper_does_not_import_the_env_module() -> None:
    """The helper process's code builds datasets through envs.logic_datasets, never envs.logic (which
    imports the helper): no import cycle, visible to import tools."""
    import ast

    for module in ("envs/logic_generator_process.py", "envs/logic_datasets.py"):
        tree = ast.parse((ROOT / module).read_text())
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert "envs.logic" not in imported, module
