"""Env `ifeval`: seeded generation of compatible constraints, and the IFEval-format loader."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import envs
from envs.ifeval.constraints import LANGUAGES, TEMPLATES, compatible_ids, feasible
from envs.ifeval.generator import base_prompts
from verifiers import Status
from verifiers.ifeval import IFEVAL_IDS, INSTRUCTIONS, bind

ROOT = Path(__file__).resolve().parents[1]
LANGUAGE_NAMES = set(LANGUAGES)  # language codes are rendered as names ("fr" -> "French")


@pytest.fixture(scope="module")
def sample() -> list:
    return envs.make("ifeval").sample(600, seed=3)


def test_bundled_prompts_are_many_distinct_and_free_of_their_own_format_demands() -> None:
    prompts = base_prompts()
    assert len(prompts) >= 200 and len(set(prompts)) == len(prompts)
    assert not any(ch.isdigit() for p in prompts for ch in p)


def test_every_template_is_a_checkable_instruction() -> None:
    assert set(TEMPLATES) <= set(INSTRUCTIONS)
    assert len(set(TEMPLATES) & IFEVAL_IDS) == 24  # all but constrained_response (yes/no questions only)
    assert len(set(TEMPLATES) - IFEVAL_IDS) >= 10


def test_generation_is_seeded_and_reproducible_across_processes(sample: list) -> None:
    env = envs.make("ifeval")
    assert [t.id for t in env.sample(20, seed=3)] == [t.id for t in sample[:20]]
    assert [t.id for t in env.sample(20, seed=4)] != [t.id for t in sample[:20]]
    code = (
        "from envs.ifeval import make_ifeval; print(','.join(t.id for t in make_ifeval().sample(20, seed=3)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )
    assert out.stdout.strip() == ",".join(t.id for t in sample[:20])


def test_tasks_carry_1_to_3_compatible_feasible_constraints(sample: list) -> None:
    counts = {len(t.answer["instructions"]) for t in sample}
    assert counts == {1, 2, 3}
    seen = set()
    for task in sample:
        items = task.answer["instructions"]
        ids = [i["id"] for i in items]
        seen.update(ids)
        assert len(set(ids)) == len(ids)
        for a, b in itertools.combinations(ids, 2):
            assert compatible_ids(a, b), (a, b, task.prompt)
        assert feasible([(i["id"], i["kwargs"]) for i in items if i["id"] != "combination:repeat_prompt"])
        for item in items:
            bind(item["id"], item["kwargs"])
            for value in item["kwargs"].values():  # the prompt states every number and word it checks
                if isinstance(value, int | str) and item["id"] != "combination:repeat_prompt":
                    assert str(value) in task.prompt[0]["content"] or value in LANGUAGE_NAMES, (
                        item,
                        task.prompt,
                    )
        assert task.prompt[0]["content"].startswith(base_prompts()[task.metadata["base_prompt"]])
        assert task.answer["mode"] == "fraction" and task.answer["strict"] is True
    assert seen == set(TEMPLATES)


def test_the_repeated_request_is_exactly_what_precedes_the_repeat_instruction() -> None:
    env = envs.make(
        "ifeval", include=["combination:repeat_prompt", "detectable_format:title"], min_constraints=2
    )
    for task in env.sample(10, seed=0):
        items = {i["id"]: i["kwargs"] for i in task.answer["instructions"]}
        request = items["combination:repeat_prompt"]["prompt_to_repeat"]
        assert task.prompt[0]["content"].startswith(request + "\nFirst repeat the request")
        good = request + "\n\n<<A Title>>\nThe answer."
        assert env.score(task, good).reward == 1.0
        assert env.score(task, "<<A Title>>\n" + request).reward == 0.5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("change_case:english_lowercase", "change_case:capital_word_frequency"),
        ("change_case:english_lowercase", "change_case:english_capital"),
        ("detectable_format:json_format", "detectable_format:number_bullet_lists"),
        ("detectable_format:json_format", "startend:end_checker"),
        ("format:json_schema", "punctuation:no_comma"),
        ("startend:quotation", "combination:repeat_prompt"),
        ("count:no_digits", "format:numbered_list"),
        ("language:response_language", "keywords:existence"),
        ("length_constraints:number_words", "count:word_count_range"),
        ("keywords:existence", "keywords:forbidden_words"),
    ],
)
def test_conflicting_pairs_are_never_combined(a: str, b: str) -> None:
    assert not compatible_ids(a, b) and not compatible_ids(b, a)


def test_feasibility_rejects_ranges_that_cannot_meet() -> None:
    words = "length_constraints:number_words"
    sentences = "length_constraints:number_sentences"
    assert not feasible(
        [
            (words, {"relation": "less than", "num_words": 50}),
            ("count:char_count_range", {"min_chars": 800, "max_chars": 1100}),
        ]
    )
    assert not feasible(
        [
            (sentences, {"relation": "at least", "num_sentences": 12}),
            (words, {"relation": "less than", "num_words": 40}),
        ]
    )
    assert not feasible(
        [
            ("length_constraints:number_paragraphs", {"num_paragraphs": 5}),
            (sentences, {"relation": "less than", "num_sentences": 4}),
        ]
    )
    assert not feasible(
        [
            ("keywords:existence", {"keywords": ["extraordinary", "a"]}),
            ("words:max_word_length", {"max_length": 9}),
        ]
    )
    schema = {"required_keys": ["name", "description"], "key_types": {}}
    assert not feasible([("format:json_schema", schema), ("words:max_word_length", {"max_length": 9})])
    assert not feasible(
        [
            ("startend:end_checker", {"end_phrase": "Let me know if you have additional questions."}),
            ("words:max_word_length", {"max_length": 9}),
        ]
    )
    assert not feasible(
        [
            ("count:keyword_exact", {"keyword": "river", "count": 1}),
            ("keywords:frequency", {"keyword": "river", "relation": "at least", "frequency": 2}),
        ]
    )
    assert feasible(
        [
            (words, {"relation": "at least", "num_words": 100}),
            (sentences, {"relation": "at least", "num_sentences": 5}),
        ]
    )


def test_config_is_validated_with_clear_errors() -> None:
    with pytest.raises(envs.ConfigError, match="valid keys"):
        envs.make("ifeval", constraints=2)
    with pytest.raises(envs.ConfigError, match="unknown instruction id"):
        envs.make("ifeval", include=["punctuation:no_coma"])
    with pytest.raises(envs.ConfigError, match="min_constraints"):
        envs.make("ifeval", min_constraints=3, max_constraints=2)
    only_ifeval = envs.make("ifeval", constraint_set="ifeval").sample(50, seed=0)
    assert all(i["id"] in IFEVAL_IDS for t in only_ifeval for i in t.answer["instructions"])


def test_reset_step_scores_the_completion() -> None:
    env = envs.make("ifeval", include=["punctuation:no_comma"], mode="all")
    obs, info = env.reset(seed=5)
    assert "commas" in obs[-1]["content"]
    _, reward, terminated, _, step_info = env.step("<think>a, b</think>No commas at all here.")
    assert reward == 1.0 and terminated and step_info["verdict"].status is Status.CORRECT
    env.reset(seed=5)
    assert env.step("Well, a comma.")[1] == 0.0


# --------------------------------------------------------------------------- loader
ROWS = [
    {
        "key": 1,
        "prompt": "Write a haiku without commas.",
        "instruction_id_list": ["punctuation:no_comma"],
        "kwargs": [{}],
    },
    {  # NeMo-Gym / HF style: every kwarg name present, unused ones null; an `id` instead of `key`
        "id": "b",
        "prompt": "Write at least 3 words.",
        "instruction_id_list": ["length_constraints:number_words"],
        "kwargs": [{"num_words": 3, "relation": "at least", "keywords": None, "language": None}],
    },
    {"key": 3, "prompt": "Anything.", "instruction_id_list": ["detectable_format:title"], "kwargs": None},
]


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_loader_reads_ifeval_rows_in_file_order(tmp_path: Path) -> None:
    env = envs.make("ifeval", data_files=str(write_jsonl(tmp_path / "d.jsonl", ROWS)), mode="all")
    tasks = list(env.tasks())
    assert [t.metadata.get("key") for t in tasks] == [1, "b", 3]
    assert tasks[1].answer["instructions"] == [
        {"id": "length_constraints:number_words", "kwargs": {"num_words": 3, "relation": "at least"}}
    ]
    assert env.score(tasks[1], "one two three").reward == 1.0
    assert env.score(tasks[2], "no title").reward == 0.0
    assert all(t.answer["mode"] == "all" for t in tasks)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".json", ".parquet"])
def test_loader_reads_gzip_json_and_parquet(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"d{suffix}"
    if suffix == ".jsonl.gz":
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r) + "\n" for r in ROWS)
    elif suffix == ".json":
        path.write_text(json.dumps(ROWS), encoding="utf-8")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [{**r, "kwargs": json.dumps(r["kwargs"]), "key": str(r.get("key", r.get("id")))} for r in ROWS]
        rows = [{k: v for k, v in r.items() if k != "id"} for r in rows]
        pq.write_table(pa.Table.from_pylist(rows), path)
    assert len(list(envs.make("ifeval", data_files=str(path)).tasks())) == 3


def test_loader_errors_name_the_row_and_the_fix(tmp_path: Path) -> None:
    bad = write_jsonl(
        tmp_path / "bad.jsonl",
        [*ROWS, {"prompt": "x", "instruction_id_list": ["paragraphs:paragraphs"], "kwargs": [{}]}],
    )
    with pytest.raises(
        envs.ConfigError,
        match=r"bad.jsonl, row 4: unknown instruction id 'paragraphs:paragraphs'.*on_unknown='skip'",
    ):
        list(envs.make("ifeval", data_files=str(bad)).tasks())
    skipping = envs.make("ifeval", data_files=str(bad), on_unknown="skip")
    assert len(list(skipping.tasks())) == 3 and skipping.skipped == 1
    mismatched = write_jsonl(
        tmp_path / "m.jsonl", [{"prompt": "x", "instruction_id_list": ["punctuation:no_comma"], "kwargs": []}]
    )
    with pytest.raises(envs.ConfigError, match="same length"):
        list(envs.make("ifeval", data_files=str(mismatched)).tasks())
    (tmp_path / "broken.jsonl").write_text('{"prompt": \n', encoding="utf-8")
    with pytest.raises(envs.ConfigError, match=":1: not valid JSON"):
        list(envs.make("ifeval", data_files=str(tmp_path / "broken.jsonl")).tasks())
    with pytest.raises(envs.ConfigError, match="does not exist"):
        envs.make("ifeval", data_files=str(tmp_path / "missing.jsonl"))


def test_loader_reads_the_ifeval_benchmark() -> None:
    root = os.environ.get("PRORL_GYM_SHARED")
    path = (Path(root) if root else ROOT.parent / "shared") / "data" / "ifeval" / "input_data.jsonl"
    if not path.is_file():
        pytest.skip(f"IFEval data not found at {path} (set PRORL_GYM_SHARED to the shared/ folder)")
    env = envs.make("ifeval", data_files=str(path))
    tasks = list(env.tasks())
    assert len(tasks) == 541 and sum(len(t.answer["instructions"]) for t in tasks) == 834
    assert tasks[0].metadata["key"] == 1000 and len({t.id for t in tasks}) == 541
    assert env.sample(541, seed=0) != tasks and sorted(t.id for t in env.sample(541, seed=0)) == sorted(
        t.id for t in tasks
    )
