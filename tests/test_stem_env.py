"""The `stem`, `stem_mcq` and `stem_numeric` envs: generation, distractors, config, and file loaders."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

import envs
from envs import ConfigError
from envs.stem.env import TOPICS
from envs.stem.options import show
from verifiers import Status, Task, verify_batch
from verifiers.registry import verify_local
from verifiers.stem.units import UREG

DATA = Path(__file__).parent / "data" / "stem"


def _as_model_writes(value: float, unit: str | None) -> str:
    """The computed answer, the way a model would end its solution."""
    text = show(value, unit or "", 4).replace("degrees C", "°C").replace(r" \times ", r" \times ")
    return f"Putting the numbers in, we get the result.\n\nThe answer is $\\boxed{{{text}}}$."


def _si(value: float, unit: str | None) -> str:
    """The same answer converted to SI base units by pint (skipping offset units)."""
    q = UREG.Quantity(value, unit or "").to_base_units()
    return f"\\boxed{{{q.magnitude:.6g} {q.units:~}}}"


def test_registered() -> None:
    assert {"stem", "stem_mcq", "stem_numeric"} <= set(envs.list_envs(domain="stem"))
    assert envs.spec("stem_mcq").verifier == "mcq"
    assert "mcq_fraction" in envs.spec("stem").config_fields()
    assert "mcq_fraction" not in envs.spec("stem_numeric").config_fields()


def test_reproducible_by_seed() -> None:
    a = envs.make("stem", difficulty=3).sample(30, seed=5)
    b = envs.make("stem", difficulty=3).sample(30, seed=5)
    c = envs.make("stem", difficulty=3).sample(30, seed=6)
    assert [t.id for t in a] == [t.id for t in b]
    assert len({t.id for t in a} & {t.id for t in c}) < 3
    assert len({t.id for t in a}) == 30


def test_mixture_and_kinds() -> None:
    kinds = {t.verifier for t in envs.make("stem").sample(60, seed=0)}
    assert kinds == {"mcq", "numeric"}
    assert {t.verifier for t in envs.make("stem", mcq_fraction=1.0).sample(20)} == {"mcq"}
    assert {t.verifier for t in envs.make("stem", mcq_fraction=0.0).sample(20)} == {"numeric"}
    assert {t.verifier for t in envs.make("stem_numeric").sample(20)} == {"numeric"}
    assert {t.domain for t in envs.make("stem_mcq").sample(20)} == {"stem"}


def test_difficulty_knob() -> None:
    easy = envs.make("stem", difficulty=1).sample(200, seed=1)
    hard = envs.make("stem", difficulty=5).sample(200, seed=1)
    assert "projectile" not in " ".join(t.question for t in easy)
    assert any("projectile" in t.question for t in hard)
    conversions = ("km/h", " g of water", " g object", " kHz", "microfarad")
    assert sum(any(c in t.question for c in conversions) for t in hard) > sum(
        any(c in t.question for c in conversions) for t in easy
    )
    assert {t.metadata["area"] for t in hard} == {"physics", "chemistry", "biology"}


def test_area_and_topic_filters() -> None:
    tasks = envs.make("stem", areas=["chemistry"], difficulty=5).sample(40)
    assert {t.metadata["area"] for t in tasks} == {"chemistry"}
    tasks = envs.make("stem", topics=["pH"], difficulty=5).sample(20)
    assert {t.metadata["topic"] for t in tasks} == {"pH"}


@pytest.mark.parametrize(
    ("name", "config", "message"),
    [
        ("stem", {"difficulty": 9}, "difficulty"),
        ("stem", {"difficulty": 0}, "difficulty"),
        ("stem", {"dificulty": 2}, "valid keys"),
        ("stem", {"areas": []}, "at least one"),
        ("stem", {"areas": ["astrology"]}, "areas"),
        ("stem", {"topics": ["astrology"]}, "topics:"),
        ("stem", {"num_options": 1}, "num_options"),
        ("stem", {"mcq_fraction": 1.5}, "mcq_fraction"),
        ("stem_mcq", {"mcq_fraction": 0.5}, "stem' only"),
        ("stem", {"rel_tol": 0}, "rel_tol"),
        ("stem_numeric", {"missing_unit": "maybe"}, "missing_unit"),
        (
            "stem",
            {"topics": ["projectile"] if "projectile" in TOPICS else ["kinematics"], "areas": ["biology"]},
            "no problem",
        ),
        ("stem", {"format": "gpqa"}, "need data_files"),
        ("stem_mcq", {"data_files": str(DATA / "gpqa_sample.csv"), "difficulty": 3}, "do not apply"),
        ("stem_mcq", {"data_files": "no/such/file.jsonl"}, "does not exist"),
        ("stem_numeric", {"data_files": str(DATA / "gpqa_sample.csv"), "format": "gpqa"}, "multiple choice"),
    ],
)
def test_config_errors(name: str, config: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        env = envs.make(name, **config)
        env.sample(1)


def test_generated_answers_score_one_and_mistakes_zero() -> None:
    """Every difficulty: the computed answer scores 1, each common-mistake answer 0 (in process)."""
    for difficulty in range(1, 6):
        for task in envs.make("stem", difficulty=difficulty).sample(120, seed=difficulty):
            if task.verifier == "mcq":
                letter = task.answer["letter"]
                assert verify_local("mcq", f"<think>...</think>\\boxed{{{letter}}}", task.answer).correct
                text = task.answer["options"]["ABCDEFGH".index(letter)]
                assert verify_local("mcq", f"Answer: {text}", task.answer).correct
                for wrong in task.metadata["distractors"]:
                    assert verify_local("mcq", f"Answer: {wrong}", task.answer).status is Status.WRONG
            else:
                a = task.answer
                assert verify_local("numeric", _as_model_writes(a["value"], a["unit"]), a).correct, task
                if a["unit"] not in (None, "degC"):
                    assert verify_local("numeric", _si(a["value"], a["unit"]), a).correct, task
                for mistake in task.metadata["mistakes"]:
                    text = mistake["answer"].replace("degrees C", "°C")
                    verdict = verify_local("numeric", f"\\boxed{{{text}}}", a)
                    assert verdict.reward == 0.0, (task.question, mistake, verdict)


def test_options_are_distinct_and_far_apart() -> None:
    for task in envs.make("stem_mcq", difficulty=4, num_options=6).sample(150, seed=2):
        options = task.answer["options"]
        assert len(options) == 6 and len(set(options)) == 6
        assert len(task.metadata["distractors"]) == 5
        assert task.answer["letter"] not in task.metadata["distractors"]
        values = [float(o.split()[0]) for o in options if "times" not in o]
        for i, x in enumerate(values):
            for y in values[i + 1 :]:
                assert abs(x - y) > 0.02 * max(abs(x), abs(y)), options


def test_through_verify_batch() -> None:
    tasks = envs.make("stem", difficulty=4).sample(100, seed=11)
    items = []
    expected = []
    for task in tasks:
        if task.verifier == "mcq":
            items.append({"task": task, "completion": f"Answer: ({task.answer['letter']})"})
            expected.append(1.0)
            for wrong in task.metadata["distractors"]:
                items.append({"task": task.model_dump(), "completion": f"\\boxed{{{wrong}}}"})
                expected.append(0.0)
        else:
            items.append(
                {"task": task, "completion": _as_model_writes(task.answer["value"], task.answer["unit"])}
            )
            expected.append(1.0)
            for mistake in task.metadata["mistakes"]:
                items.append({"task": task, "completion": f"Answer: {mistake['answer']}"})
                expected.append(0.0)
    verdicts = verify_batch(items, workers=2)
    assert [v.reward for v in verdicts] == expected


def test_reset_and_step() -> None:
    env = envs.make("stem_numeric", difficulty=2)
    obs, info = env.reset(seed=3)
    task = info["task"]
    assert obs[-1]["content"] == task.question and "\\boxed" in task.question
    _, reward, terminated, _, step_info = env.step(
        _as_model_writes(task.answer["value"], task.answer["unit"])
    )
    assert reward == 1.0 and terminated and step_info["verdict"].correct
    exported = Task.model_validate_json(task.model_dump_json())
    assert envs.make("stem_numeric").score(exported, "\\boxed{0}").reward == 0.0


# --- loaders -------------------------------------------------------------------------------------


def test_gpqa_csv_and_deterministic_shuffle() -> None:
    tasks = list(envs.make("stem_mcq", data_files=str(DATA / "gpqa_sample.csv")).tasks())
    assert len(tasks) == 4
    first = tasks[0]
    assert first.answer["options"]["ABCD".index(first.answer["letter"])] == "Total kinetic energy"
    assert first.metadata["source"] == "gpqa" and first.metadata["Record ID"] == "rec01"
    again = list(envs.make("stem_mcq", data_files=str(DATA / "gpqa_sample.csv")).tasks())
    assert [t.answer for t in again] == [t.answer for t in tasks]
    letters = {
        tuple(
            t.answer["letter"]
            for t in envs.make("stem_mcq", data_files=str(DATA / "gpqa_sample.csv"), seed=s).tasks()
        )
        for s in range(6)
    }
    assert len(letters) > 1
    for task in tasks:
        assert verify_local("mcq", f"\\boxed{{{task.answer['letter']}}}", task.answer).correct


def test_gpqa_jsonl_in_stem_and_sampling() -> None:
    env = envs.make("stem", data_files=str(DATA / "gpqa_sample.jsonl"))
    tasks = list(env.tasks())
    assert [t.answer["options"]["ABCD".index(t.answer["letter"])] for t in tasks] == ["0.42", "HClO4"]
    assert len(env.sample(5, seed=0)) == 5


def test_generic_mcq_rows() -> None:
    tasks = list(envs.make("stem_mcq", data_files=str(DATA / "mcq_sample.jsonl")).tasks())
    got = [(t.answer["letter"], t.answer["options"]["ABCDE".index(t.answer["letter"])]) for t in tasks]
    assert got == [("A", "farad"), ("C", "46"), ("B", "Nitrogen"), ("C", "neutron"), ("C", "7")]


def test_scp_gz_numeric_and_math_rows() -> None:
    env = envs.make("stem", data_files=str(DATA / "scp_sample.jsonl.gz"))
    tasks = list(env.tasks())
    assert [t.verifier for t in tasks] == ["numeric", "numeric", "math", "numeric", "numeric"]
    assert env.skipped == {"no final answer in the row": 1}
    assert tasks[0].answer["value"] == 9.0 and tasks[0].answer["unit"] == "J"
    assert verify_local("numeric", r"\boxed{0.009 kJ}", tasks[0].answer).correct
    assert verify_local("numeric", r"\boxed{22400 mL}", tasks[1].answer).correct
    assert verify_local("numeric", r"\boxed{25 °C}", tasks[4].answer).correct
    numeric_only = envs.make("stem_numeric", data_files=str(DATA / "scp_sample.jsonl.gz"))
    assert len(list(numeric_only.tasks())) == 4
    assert numeric_only.skipped["answer is not a number with a unit"] == 1


def test_parquet_json_and_plain_gz(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [json.loads(line) for line in (DATA / "mcq_sample.jsonl").read_text().splitlines()][:2]
    flat = [
        {"question": r["question"], "options": r.get("options") or r["choices"], "answer": str(r["answer"])}
        for r in rows
    ]
    pq.write_table(pa.Table.from_pylist(flat), tmp_path / "mcq.parquet")
    (tmp_path / "mcq.json").write_text(json.dumps({"data": flat}))
    with gzip.open(tmp_path / "mcq.jsonl.gz", "wt") as f:
        f.write("\n".join(json.dumps(r) for r in flat))
    for name in ("mcq.parquet", "mcq.json", "mcq.jsonl.gz"):
        tasks = list(envs.make("stem_mcq", data_files=str(tmp_path / name)).tasks())
        assert [t.answer["letter"] for t in tasks] == ["A", "C"], name


@pytest.mark.parametrize(
    ("rows", "config", "message"),
    [
        (
            [{"Question": "q", "Correct Answer": "a", "Incorrect Answer 1": "b"}],
            {},
            "missing Incorrect Answer 2",
        ),
        ([{"question": "q", "options": ["a", "b"]}], {}, "needs a column answer"),
        ([{"question": "q", "options": ["a", "b"], "answer": "F"}], {}, "names none of the 2 options"),
        ([{"text": "q", "label": 1}], {}, "cannot tell the data format"),
        ([{"problem": "q", "answer": "1 m"}], {"env": "stem_mcq"}, "multiple choice"),
        ([{"question": "q"}], {"format": "mcq"}, "needs a column options or choices"),
        ([{"problem": "q"}], {"format": "scp"}, "needs a column answer"),
    ],
)
def test_loader_errors(tmp_path: Path, rows: list, config: dict, message: str) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    name = config.pop("env", "stem")
    with pytest.raises(ConfigError, match=message):
        list(envs.make(name, data_files=str(path), **config).tasks())


def test_loader_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"question": "q"}\n{not json\n')
    with pytest.raises(ConfigError, match=r"bad.jsonl:2: not valid JSON"):
        list(envs.make("stem", data_files=str(bad)).tasks())
    odd = tmp_path / "rows.txt"
    odd.write_text("x")
    with pytest.raises(ConfigError, match="unsupported file type"):
        list(envs.make("stem", data_files=str(odd)).tasks())


def test_seeded_sampling_across_instances() -> None:
    rng = random.Random(0)
    seeds = [rng.randrange(2**62) for _ in range(10)]
    env = envs.make("stem", difficulty=5)
    assert [env.task_at(s).id for s in seeds] == [
        envs.make("stem", difficulty=5).task_at(s).id for s in seeds
    ]


def test_same_tasks_in_a_fresh_process() -> None:
    code = "import envs; print(','.join(t.id for t in envs.make('stem', difficulty=4).sample(12, seed=9)))"
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    ).stdout.strip()
    assert out.split(",") == [t.id for t in envs.make("stem", difficulty=4).sample(12, seed=9)]
