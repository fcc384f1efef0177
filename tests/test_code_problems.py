"""The bundled code problem set: schema, balance, freshness, and that its tests tell right from wrong.

The programs run here in plain subprocesses (one per test), not through the code verifier, so these
checks hold the data to account independently of the verifier being developed beside it.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path(__file__).resolve().parents[1] / "envs" / "code_data"
JSONL = DATA / "problems.jsonl"
RUN_TIMEOUT_S = 60.0  # a hang guard for one test of a trusted program, not a speed bound
MUTANT_TIMEOUT_S = 10.0  # a mutant that loops forever fails its test


def _load_builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("code_data_build_problems", DATA / "build_problems.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


builder = _load_builder()
RECORDS: list[dict[str, Any]] = [json.loads(line) for line in JSONL.read_text(encoding="utf-8").splitlines()]
BY_ID = {r["id"]: r for r in RECORDS}
SOURCES = {p.id: p for p in builder.load_all()}

# Runs one call case: the function's return value goes back as JSON and is compared here, typed.
_CALL_DRIVER = r"""
import json, sys
job = json.loads(sys.stdin.read())
namespace = {"__name__": "solution"}
exec(compile(job["source"], "<solution>", "exec"), namespace)
print(json.dumps(namespace[job["fn_name"]](*job["args"]), allow_nan=False))
"""


def _normalize(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _same(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return bool(a == b)


def _test_items(record: dict[str, Any]) -> list[dict[str, Any]]:
    answer = record["answer"]
    return answer["tests"] if "tests" in answer else answer["cases"]


def _passes(
    record: dict[str, Any], source: str, item: dict[str, Any], timeout_s: float = RUN_TIMEOUT_S
) -> bool:
    """Run `source` on one test in a fresh interpreter; True iff it exits cleanly with the right output in time."""
    if "stdin" in item:
        args, stdin = [source], item["stdin"]
    else:
        args = [_CALL_DRIVER]
        stdin = json.dumps({"source": source, "fn_name": record["answer"]["fn_name"], "args": item["args"]})
    try:
        proc = subprocess.run(
            [sys.executable, "-I", "-S", "-c", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout_s,
        )
    except subprocess.TimeoutExpired:
        return False
    if proc.returncode != 0:
        return False
    if "stdin" in item:
        return _normalize(proc.stdout) == _normalize(item["stdout"])
    return _same(json.loads(proc.stdout), item["expected"])


def _is_plain_json(value: Any) -> bool:
    if value is None or isinstance(value, bool | int | str):
        return True
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, list):
        return all(_is_plain_json(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain_json(v) for k, v in value.items())
    return False


# ---------------------------------------------------------------- schema and balance


def test_set_size_and_unique_ids() -> None:
    assert len(RECORDS) >= 60
    ids = [r["id"] for r in RECORDS]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids), "records are written sorted by id"
    assert len({r["title"] for r in RECORDS}) == len(RECORDS)
    assert set(ids) == set(SOURCES), "every source file has a record and vice versa"


@pytest.mark.parametrize("pid", sorted(BY_ID))
def test_record_schema(pid: str) -> None:
    r = BY_ID[pid]
    assert list(r) == ["id", "title", "difficulty", "statement", "reference_solution", "answer", "tags"]
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r["id"])
    assert isinstance(r["title"], str) and r["title"].strip()
    assert r["difficulty"] in ("easy", "medium", "hard")
    assert r["tags"] and all(isinstance(t, str) and t for t in r["tags"])
    tree = ast.parse(r["reference_solution"])
    answer = r["answer"]
    assert answer["language"] == "python"
    items = _test_items(r)
    assert len(items) >= 8
    if "tests" in answer:
        assert set(answer) == {"language", "tests"}
        assert "**Input:**" in r["statement"] and "**Output:**" in r["statement"]
        for t in items:
            assert set(t) == {"stdin", "stdout", "public"}
            assert isinstance(t["stdin"], str) and isinstance(t["stdout"], str)
            assert t["stdout"] == "" or (t["stdout"].endswith("\n") and not t["stdout"].endswith("\n\n"))
        keys = [t["stdin"] for t in items]
    else:
        assert set(answer) == {"language", "fn_name", "cases"}
        fn = answer["fn_name"]
        assert f"def {fn}(" in r["statement"], "call statements give the signature"
        assert fn in {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
        for c in items:
            assert set(c) == {"args", "expected", "public"}
            assert isinstance(c["args"], list) and _is_plain_json(c["args"]) and _is_plain_json(c["expected"])
        keys = [json.dumps(c["args"]) for c in items]
    assert len(set(keys)) == len(keys), "no duplicate test inputs"
    public = [bool(t["public"]) for t in items]
    assert public[0] and not public[-1], "the statement examples come first and are the only public tests"
    assert public == sorted(public, reverse=True)


def test_mix_of_kinds_difficulties_and_topics() -> None:
    n = len(RECORDS)
    stdio = sum("tests" in r["answer"] for r in RECORDS)
    assert 0.5 <= stdio / n <= 0.7
    levels = Counter(r["difficulty"] for r in RECORDS)
    assert 0.3 <= levels["easy"] / n <= 0.5
    assert 0.3 <= levels["medium"] / n <= 0.5
    assert 0.12 <= levels["hard"] / n <= 0.3
    tags = {t for r in RECORDS for t in r["tags"]}
    for topic in [
        "strings",
        "math",
        "greedy",
        "dynamic programming",
        "graphs",
        "bfs",
        "shortest paths",
        "sorting",
        "binary search",
        "simulation",
        "data structures",
        "combinatorics",
        "geometry",
        "parsing",
    ]:
        assert topic in tags, topic


# ---------------------------------------------------------------- the data is what the sources build


def test_jsonl_is_up_to_date_with_sources(tmp_path: Path) -> None:
    out = tmp_path / "problems.jsonl"
    builder.build(out)
    assert out.read_bytes() == JSONL.read_bytes(), "run: python envs/code_data/build_problems.py"


def test_docs_table_lists_every_problem() -> None:
    docs = (DATA.parents[1] / "docs" / "code_problems.md").read_text(encoding="utf-8")
    assert builder.docs_table(RECORDS) in docs, "run: python envs/code_data/build_problems.py --table"


def _write_problem(src: Path, **overrides: str | None) -> None:
    """A one-problem source folder: `a + b`, with the given fields replaced (None leaves a field out)."""
    fields: dict[str, str | None] = {
        "TITLE": '"Add"',
        "DIFFICULTY": '"easy"',
        "TAGS": '["math"]',
        "KIND": '"stdio"',
        "STATEMENT": '"Add two numbers."',
        "EXAMPLES": '[("1 2\\n", "3\\n")]',
        "REFERENCE": repr("print(sum(map(int, input().split())))"),
        "ORACLE": repr("a, b = map(int, input().split())\nprint(a + b)"),
        "MUTANTS": '[("input().split()", "input().split()[:1]")]',
    }
    fields.update(overrides)
    inputs = overrides.get("INPUTS", "[f'{i} {i * 7}\\n' for i in range(10)]")
    lines = [f"{name} = {value}" for name, value in fields.items() if value is not None and name != "INPUTS"]
    (src / "add_two.py").write_text("\n".join(lines) + f"\n\n\ndef inputs():\n    return {inputs}\n")


def test_build_rejects_bad_sources(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _write_problem(src)
    builder.build(tmp_path / "ok.jsonl", src=src)
    record = json.loads((tmp_path / "ok.jsonl").read_text())
    assert record["id"] == "add-two"
    assert record["answer"]["tests"][3] == {"stdin": "2 14\n", "stdout": "16\n", "public": False}

    cases: dict[str, dict[str, str | None]] = {
        "reference disagrees": {
            "REFERENCE": repr("a, b = map(int, input().split())\nprint(a + b + (a == 9))")
        },
        "oracle gives": {"EXAMPLES": '[("1 2\\n", "4\\n")]'},
        "at least 8": {"INPUTS": "['5 5\\n']"},
        "duplicate test input": {"INPUTS": "['1 2\\n'] + [f'{i} 0\\n' for i in range(9)]"},
        "oracle crashed": {"ORACLE": repr("raise ValueError('boom')")},
        "missing ORACLE": {"ORACLE": None},
        "KIND must be": {"KIND": '"stdin"'},
        "exactly once": {"MUTANTS": '[("nope", "x")]'},
        "at least one mutant": {"MUTANTS": "[]"},
    }
    for message, override in cases.items():
        _write_problem(src, **override)
        with pytest.raises(builder.BuildError, match=message):
            builder.build(tmp_path / "bad.jsonl", src=src)


# ---------------------------------------------------------------- the tests separate right from wrong


@pytest.mark.parametrize("pid", sorted(BY_ID))
def test_reference_passes_every_test_in_a_plain_subprocess(pid: str) -> None:
    record = BY_ID[pid]
    items = _test_items(record)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda item: _passes(record, record["reference_solution"], item), items))
    failed = [i for i, ok in enumerate(results) if not ok]
    assert not failed, f"{pid}: reference fails tests {failed}"


MUTANTS = [(pid, k) for pid, p in sorted(SOURCES.items()) for k in range(len(p.mutants))]


def test_every_problem_has_an_oracle_and_mutants() -> None:
    for p in SOURCES.values():
        assert len(p.mutants) >= 2, p.id
        assert p.oracle.strip() != p.reference.strip(), p.id


@pytest.mark.parametrize(("pid", "k"), MUTANTS)
def test_mutated_reference_fails_some_test(pid: str, k: int) -> None:
    record = BY_ID[pid]
    old, new = SOURCES[pid].mutants[k]
    reference = record["reference_solution"]
    assert reference.count(old) == 1, f"mutant {k} of {pid} must edit exactly one place"
    mutated = reference.replace(old, new)
    assert any(not _passes(record, mutated, item, MUTANT_TIMEOUT_S) for item in _test_items(record)), (
        f"{pid}: mutant {k} ({old!r} -> {new!r}) passes every test"
    )
