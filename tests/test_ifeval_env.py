"""Env `ifeval`: seeded generation of compatible constraints, and the IFEval-format loader."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import envs
from envs.ifeval.constraints import compatible_ids, feasible
from envs.ifeval.dataset import IFEvalDatasetEnv
from envs.ifeval.generator import base_prompts
from envs.ifeval.kwargs import LANGUAGES
from envs.ifeval.templates import TEMPLATES
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
    code = "import envs; print(','.join(t.id for t in envs.make('ifeval').sample(20, seed=3)))"
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
        base = base_prompts()[task.metadata["base_prompt"]]
        good = request + "\n\n<<A Title>>\n" + _attempt(base)
        assert env.score(task, good).reward == 1.0, env.score(task, good)
        assert env.score(task, "<<A Title>>\n" + request + "\n" + _attempt(base)).reward == 0.5
        assert (
            env.score(task, request + "\n\n<<A Title>>\nThe answer.").reward == 0.0
        )  # the copy is not an attempt


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


WORDS = "length_constraints:number_words"
SENTENCES = "length_constraints:number_sentences"


@pytest.mark.parametrize(
    ("chosen", "ok"),
    [
        pytest.param(
            [
                (WORDS, {"relation": "less than", "num_words": 50}),
                ("count:char_count_range", {"min_chars": 800, "max_chars": 1100}),
            ],
            False,
            id="word-cap-below-char-range",
        ),
        pytest.param(
            [
                (SENTENCES, {"relation": "at least", "num_sentences": 12}),
                (WORDS, {"relation": "less than", "num_words": 40}),
            ],
            False,
            id="many-sentences-few-words",
        ),
        pytest.param(
            [
                ("length_constraints:number_paragraphs", {"num_paragraphs": 5}),
                (SENTENCES, {"relation": "less than", "num_sentences": 4}),
            ],
            False,
            id="more-paragraphs-than-sentences",
        ),
        pytest.param(
            [
                ("keywords:existence", {"keywords": ["extraordinary", "a"]}),
                ("words:max_word_length", {"max_length": 9}),
            ],
            False,
            id="keyword-longer-than-word-cap",
        ),
        pytest.param(
            [
                ("format:json_schema", {"required_keys": ["name", "description"], "key_types": {}}),
                ("words:max_word_length", {"max_length": 9}),
            ],
            False,
            id="schema-key-longer-than-word-cap",
        ),
        pytest.param(
            [
                ("startend:end_checker", {"end_phrase": "Let me know if you have additional questions."}),
                ("words:max_word_length", {"max_length": 9}),
            ],
            False,
            id="end-phrase-longer-than-word-cap",
        ),
        pytest.param(
            [
                ("count:keyword_exact", {"keyword": "river", "count": 1}),
                ("keywords:frequency", {"keyword": "river", "relation": "at least", "frequency": 2}),
            ],
            False,
            id="exact-count-below-frequency",
        ),
        pytest.param(
            [
                (WORDS, {"relation": "at least", "num_words": 100}),
                (SENTENCES, {"relation": "at least", "num_sentences": 5}),
            ],
            True,
            id="control-compatible-lower-bounds",
        ),
    ],
)
def test_feasibility_rejects_ranges_that_cannot_meet(chosen: list, ok: bool) -> None:
    assert feasible(chosen) is ok


@pytest.mark.parametrize(
    ("config", "match"),
    [
        pytest.param({"constraints": 2}, "valid keys", id="unknown-key"),
        pytest.param(
            {"include": ["punctuation:no_coma"]}, "unknown instruction id", id="unknown-instruction"
        ),
        pytest.param({"min_constraints": 3, "max_constraints": 2}, "min_constraints", id="min-above-max"),
    ],
)
def test_config_is_validated_with_clear_errors(config: dict, match: str) -> None:
    with pytest.raises(envs.ConfigError, match=match):
        envs.make("ifeval", **config)


def test_constraint_set_limits_the_ids() -> None:
    only_ifeval = envs.make("ifeval", constraint_set="ifeval").sample(50, seed=0)
    assert all(i["id"] in IFEVAL_IDS for t in only_ifeval for i in t.answer["instructions"])


# A reply that attempts the task of seed 5 below: long enough, on its subject, no commas.
def _attempt(prompt: str, commas: bool = False) -> str:
    from envs.ifeval.attempt import topic_stems

    subject = " ".join(topic_stems(prompt)) or "the subject"
    body = (
        f"Here is my reply about {subject} written with care. It covers the main points one by one "
        "and explains each of them in plain words so that a reader can follow along easily. "
        "Every sentence adds a new detail and the ending sums up what matters most."
    )
    return body.replace("plain words", "plain, simple words") if commas else body


def test_reset_step_scores_the_completion() -> None:
    env = envs.make("ifeval", include=["punctuation:no_comma"], mode="all")
    obs, info = env.reset(seed=5)
    assert "commas" in obs[-1]["content"]
    base = base_prompts()[env.sample(1, seed=5)[0].metadata["base_prompt"]]
    _, reward, terminated, _, step_info = env.step("<think>a, b</think>" + _attempt(base))
    assert reward == 1.0 and terminated and step_info["verdict"].status is Status.CORRECT, step_info
    env.reset(seed=5)
    assert env.step(_attempt(base, commas=True))[1] == 0.0
    env.reset(seed=5)
    assert env.step("No commas at all here.")[1] == 0.0  # follows the rule, writes nothing


# --------------------------------------------------------------------------- loader
ROWS: list[dict[str, Any]] = [
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


BAD_ROW = {"prompt": "x", "instruction_id_list": ["paragraphs:paragraphs"], "kwargs": [{}]}


@pytest.mark.parametrize(
    ("content", "match"),
    [
        pytest.param(
            "".join(json.dumps(r) + "\n" for r in [*ROWS, BAD_ROW]),
            r"d.jsonl, row 4: unknown instruction id 'paragraphs:paragraphs'.*on_unknown='skip'",
            id="unknown-id",
        ),
        pytest.param(
            json.dumps({"prompt": "x", "instruction_id_list": ["punctuation:no_comma"], "kwargs": []}) + "\n",
            "same length",
            id="kwargs-length-mismatch",
        ),
        pytest.param('{"prompt": \n', ":1: not valid JSON", id="broken-json"),
        pytest.param(None, "does not exist", id="missing-file"),
    ],
)
def test_loader_errors_name_the_row_and_the_fix(tmp_path: Path, content: str | None, match: str) -> None:
    path = tmp_path / "d.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(envs.ConfigError, match=match):
        list(envs.make("ifeval", data_files=str(path)).tasks())


def test_loader_can_skip_unknown_instructions(tmp_path: Path) -> None:
    bad = write_jsonl(tmp_path / "bad.jsonl", [*ROWS, BAD_ROW])
    skipping = envs.make("ifeval", data_files=str(bad), on_unknown="skip")
    assert isinstance(skipping, IFEvalDatasetEnv)
    assert len(list(skipping.tasks())) == 3 and skipping.skipped == 1


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
