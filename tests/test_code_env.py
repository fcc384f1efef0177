"""Env `code`: the bundled set, the public-format loaders (fixtures in tests/data/code), multi-turn."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from pathlib import Path

import pytest
from code_backends import HAS_GPP, fence

import envs
from envs.code import CodeEnv
from envs.code.env import BUNDLED
from envs.core import ConfigError
from verifiers import Task, verify_batch, verify_task

DATA = Path(__file__).parent / "data" / "code"
PROCESS = {"backend": "process"}


def _lines(name: str) -> list[dict]:
    path = DATA / name
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _solutions(name: str) -> list[str]:
    """The canonical solution of every fixture row, read from the row itself (each format keeps its own)."""
    if name == "apps.jsonl":
        return [json.loads(r["solutions"])[0] for r in _lines(name)]
    if name == "taco.jsonl":
        return [r["solutions"][0] for r in _lines(name)]
    if name == "codecontests.jsonl":
        return [r["solutions"]["solution"][0] for r in _lines(name)]
    if name in ("humaneval.jsonl.gz", "mbpp.jsonl"):
        return [r["canonical_solution"] if "canonical_solution" in r else r["code"] for r in _lines(name)]
    if name == "livecodebench.jsonl":  # LCB ships no solutions; these are ours
        return [
            "print(2 * int(input()))",
            "from typing import List\nclass Solution:\n    def countPairs(self, nums: List[int], target: int) -> int:\n"
            "        return sum(nums[i] + nums[j] == target for i in range(len(nums)) for j in range(i + 1, len(nums)))",
        ]
    if name == "eurus.parquet":  # Eurus-2-RL ships no solutions either
        return [
            "input()\nprint(max(map(int, input().split())))",
            "def count_vowels(s):\n    return sum(c in 'aeiouAEIOU' for c in s)",
        ]
    raise KeyError(name)


def _mutant(task: Task, solution: str) -> str:
    """A wrong variant of a right solution: an extra output line, or a function that returns None."""
    answer = task.answer
    if answer.get("tests"):
        return solution + "\nprint('mutant')\n"
    if answer.get("prompt"):  # HumanEval: the solution is the function body
        return "    return None\n" + solution
    if "class Solution" in solution:
        return (
            solution
            + f"\n\nclass Solution:\n    def {answer['fn_name']}(self, *args):\n        return None\n"
        )
    return solution + f"\n\ndef {answer['fn_name']}(*args, **kwargs):\n    return None\n"


FIXTURES = {
    "apps.jsonl": ("apps", 3),
    "taco.jsonl": ("apps", 1),
    "eurus.parquet": ("eurus", 2),
    "codecontests.jsonl": ("codecontests", 1),
    "livecodebench.jsonl": ("livecodebench", 2),
    "humaneval.jsonl.gz": ("humaneval", 3),
    "mbpp.jsonl": ("mbpp", 3),
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_formats_load_and_score_as_expected(name: str) -> None:
    fmt, count = FIXTURES[name]
    env = CodeEnv(data_files=str(DATA / name), verifier_options=PROCESS)
    tasks = list(env.tasks())
    assert len(tasks) == count
    assert all(t.metadata["format"] == fmt and t.verifier == "code" for t in tasks)
    solutions = _solutions(name)
    items = [{"task": t, "completion": fence(s)} for t, s in zip(tasks, solutions, strict=True)]
    items += [{"task": t, "completion": fence(_mutant(t, s))} for t, s in zip(tasks, solutions, strict=True)]
    verdicts = verify_batch(items)
    good, bad = verdicts[:count], verdicts[count:]
    assert [v.reward for v in good] == [1.0] * count, [v.details for v in good]
    assert all(v.reward < 1.0 for v in bad), [(v.reward, v.extracted) for v in bad]


def test_formats_can_be_named_and_aliases_work() -> None:
    assert len(list(CodeEnv(data_files=str(DATA / "taco.jsonl"), format="taco").tasks())) == 1
    assert len(list(CodeEnv(data_files=str(DATA / "eurus.parquet"), format="prime").tasks())) == 2
    with pytest.raises(ConfigError, match="unknown code dataset format"):
        list(CodeEnv(data_files=str(DATA / "mbpp.jsonl"), format="leetcode").tasks())


def test_loader_details_per_format() -> None:
    cc = next(CodeEnv(data_files=str(DATA / "codecontests.jsonl")).tasks())
    assert cc.answer["time_limit_s"] == 2.0
    assert [t["public"] for t in cc.answer["tests"]] == [True, False, False, False]
    public_only = next(CodeEnv(data_files=str(DATA / "codecontests.jsonl"), test_splits=["public"]).tasks())
    assert len(public_only.answer["tests"]) == 1
    lcb = list(CodeEnv(data_files=str(DATA / "livecodebench.jsonl")).tasks())
    assert len(lcb[0].answer["tests"]) == 3  # public JSON + private base64-zlib-pickle
    assert lcb[1].answer["fn_name"] == "countPairs" and lcb[1].answer["cases"][2] == {
        "args": [[2, 2, 2], 4],
        "expected": 3,
        "public": False,
    }
    apps = list(CodeEnv(data_files=str(DATA / "apps.jsonl")).tasks())
    assert apps[1].answer["cases"][0] == {"args": [[1, 2, 3]], "expected": [6], "alternatives": [6]}
    assert apps[2].answer["tests"][0] == {"stdin": "a\nb\nc\n", "stdout": "c\nb\na\n", "public": False}
    eurus = next(CodeEnv(data_files=str(DATA / "eurus.parquet")).tasks())
    assert eurus.prompt[0]["role"] == "system"  # the dataset's own chat prompt is kept
    mbpp = next(CodeEnv(data_files=str(DATA / "mbpp.jsonl")).tasks())
    assert mbpp.answer["fn_name"] == "shared_elements" and "Your code should pass" in mbpp.question


def test_bad_config_and_files_give_clear_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="valid keys"):
        CodeEnv(turns=3)
    with pytest.raises(ConfigError, match="no such file"):
        CodeEnv(data_files=str(tmp_path / "missing.jsonl"))
    pytest.importorskip("datasets", reason="needs the [hub] extra for hub ids")
    from hub_standins import offline_hub

    offline_hub(monkeypatch, tmp_path)  # a hub id loads on first read; offline with no cache it must say so
    with pytest.raises(ConfigError, match="No cached copy"):
        list(CodeEnv(dataset="deepmind/code_contests").tasks())
    odd = tmp_path / "odd.jsonl"
    odd.write_text(json.dumps({"foo": 1}) + "\n")
    with pytest.raises(ConfigError, match="cannot tell the code dataset format"):
        list(CodeEnv(data_files=str(odd)).tasks())
    broken = tmp_path / "broken.jsonl"
    rows = [
        {"question": "q", "input_output": "{not json"},
        {"question": "q", "input_output": json.dumps({"inputs": ["1\n"], "outputs": ["1\n"]})},
    ]
    broken.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    with pytest.raises(ConfigError, match="row 0"):
        list(CodeEnv(data_files=str(broken)).tasks())
    assert len(list(CodeEnv(data_files=str(broken), skip_bad_rows=True).tasks())) == 1


def test_lcb_refuses_pickles_that_name_classes(tmp_path: Path) -> None:
    import base64
    import pickle
    import zlib

    class Evil:
        def __reduce__(self) -> tuple:
            return (print, ("pwned",))

    row = {
        "question_content": "q",
        "public_test_cases": "[]",
        "private_test_cases": base64.b64encode(zlib.compress(pickle.dumps(Evil()))).decode(),
    }
    path = tmp_path / "lcb.jsonl"
    path.write_text(json.dumps(row) + "\n")
    with pytest.raises(ConfigError, match="refusing to unpickle"):
        list(CodeEnv(data_files=str(path)).tasks())


def _bundled_mutants() -> dict[str, str]:
    """Each bundled problem's first mutant (an edit of its reference that must fail a test), from its source."""
    spec = importlib.util.spec_from_file_location("code_data_builder", BUNDLED.parent / "build_problems.py")
    assert spec is not None and spec.loader is not None
    builder = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = builder  # dataclasses look their module up while the source runs
    spec.loader.exec_module(builder)
    return {p.id: p.reference.replace(*p.mutants[0]) for p in builder.load_all() if p.mutants}


@pytest.mark.skipif(not BUNDLED.exists(), reason=f"bundled problem set not built ({BUNDLED})")
def test_bundled_references_score_one_and_mutants_do_not() -> None:
    env = envs.make("code", verifier_options=PROCESS)
    tasks = list(env.tasks())
    rows = [json.loads(line) for line in BUNDLED.read_text().splitlines() if line.strip()]
    assert len(tasks) == len(rows) >= 60
    mutants = _bundled_mutants()
    items = [
        {"task": t, "completion": fence(r["reference_solution"])} for t, r in zip(tasks, rows, strict=True)
    ]
    items += [{"task": t, "completion": fence(mutants[r["id"]])} for t, r in zip(tasks, rows, strict=True)]
    verdicts = verify_batch(items)
    references, mutated = verdicts[: len(rows)], verdicts[len(rows) :]
    assert not [(r["id"], v.reason) for r, v in zip(rows, references, strict=True) if v.reward != 1.0]
    assert not [r["id"] for r, v in zip(rows, mutated, strict=True) if v.reward >= 1.0]


def _stdio_task() -> Task:
    answer = {
        "tests": [{"stdin": "2\n", "stdout": "4\n", "public": True}, {"stdin": "7\n", "stdout": "49\n"}]
    }
    return Task(
        env="code",
        domain="code",
        prompt=[{"role": "user", "content": "square n"}],
        verifier="code",
        answer=answer,
        metadata={"verifier_options": PROCESS},
    )


def test_multi_turn_returns_the_first_failing_public_test() -> None:
    env = CodeEnv(max_turns=3, verifier_options=PROCESS)
    env._cache = [_stdio_task()]
    obs, info = env.reset(seed=1)
    assert info["max_turns"] == 3
    obs, reward, terminated, truncated, info = env.step(fence("print(int(input()) + 1)"))
    assert (reward, terminated, truncated) == (0.0, False, False)
    assert obs[-1]["role"] == "user" and "2\n" in obs[-1]["content"] and "4" in obs[-1]["content"]
    assert "49" not in obs[-1]["content"]  # hidden tests are never shown
    obs, reward, terminated, truncated, info = env.step(fence("n = int(input())\nprint(n * n)"))
    assert (reward, terminated, truncated) == (1.0, True, False)
    assert info["turn"] == 2 and len(obs) == 4


def test_multi_turn_ends_after_max_turns_with_the_last_verdict() -> None:
    env = CodeEnv(max_turns=2, verifier_options=PROCESS)
    env._cache = [_stdio_task()]
    env.reset(seed=0)
    _, reward, terminated, truncated, _ = env.step("no code at all")
    assert (reward, terminated, truncated) == (0.0, False, False)
    _, reward, terminated, truncated, info = env.step(fence("n = int(input())\nprint(4 if n == 2 else 0)"))
    assert (reward, terminated, truncated) == (0.5, False, True)
    assert info["verdict"].reward == 0.5
    with pytest.raises(RuntimeError):
        env.step("again")


def test_exported_tasks_rescore_without_the_env(tmp_path: Path) -> None:
    task = next(CodeEnv(data_files=str(DATA / "mbpp.jsonl"), verifier_options=PROCESS).tasks())
    path = tmp_path / "tasks.jsonl"
    path.write_text(task.model_dump_json() + "\n")
    again = next(CodeEnv(data_files=str(path)).tasks())
    assert again == task
    assert verify_task(again, fence(_solutions("mbpp.jsonl")[0])).reward == 1.0


@pytest.mark.skipif(not HAS_GPP, reason="g++ is not installed")
def test_cpp_language_option_for_stdio_problems() -> None:
    task = next(
        CodeEnv(data_files=str(DATA / "codecontests.jsonl"), language="cpp", verifier_options=PROCESS).tasks()
    )
    assert task.answer["language"] == "cpp" and "```cpp" in task.question
    program = (
        "#include <iostream>\nint main(){int n; long long s=0, x; std::cin>>n; "
        "for(int i=0;i<n;i++){std::cin>>x; if(x%2==0) s+=x;} std::cout<<s<<std::endl;}"
    )
    assert verify_task(task, fence(program, "cpp")).reward == 1.0


def test_eurus_math_rows_are_skipped(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = pq.read_table(DATA / "eurus.parquet").to_pylist()
    math_row = {**rows[0], "ability": "math", "reward_model": {"style": "rule", "ground_truth": "42"}}
    path = tmp_path / "mixed.parquet"
    pq.write_table(pa.Table.from_pylist([math_row, *rows]), path)
    assert len(list(CodeEnv(data_files=str(path)).tasks())) == len(rows)


def test_single_turn_terminates_like_every_env() -> None:
    env = CodeEnv(verifier_options=PROCESS)
    env._cache = [_stdio_task()]
    env.reset(seed=3)
    transcript, reward, terminated, truncated, _ = env.step(fence("print(0)"))
    assert (reward, terminated, truncated) == (0.0, True, False)
    assert transcript[-1] == {"role": "assistant", "content": fence("print(0)")} and len(transcript) == 2
