"""Hub datasets through `datasets`, on local stand-ins (no network): a dataset repository with a README
card and data files (the json and parquet builders a hub id resolves to), a save_to_disk directory,
streaming, subsets and splits, and the errors. Every format of every domain gives the same tasks as
its local file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest.importorskip("datasets", reason="needs the [hub] extra: pip install 'prorl-gym[hub]'")

from hub_standins import (  # noqa: E402
    FORMATS,
    IFEVAL,
    repository,
    repository_configs,
    rows_of,
    saved_to_disk,
)

import envs  # noqa: E402


@pytest.fixture(autouse=True)
def _offline_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep `datasets`' cache under tmp_path (nothing written to the user's cache or the checkout)."""
    import datasets

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-cache")


def _ids(env: envs.Env) -> list[str]:
    return [t.id for t in env.tasks()]


@pytest.mark.parametrize("kind", ["parquet", "jsonl"])
@pytest.mark.parametrize(("fmt", "env", "fixture"), FORMATS, ids=[f[0] for f in FORMATS])
def test_every_format_loads_from_a_dataset_repository(
    tmp_path: Path, kind: str, fmt: str, env: str, fixture: Path
) -> None:
    repo = repository(tmp_path / "hub", f"{fmt}-set", {"train": rows_of(fixture)}, kind=kind)
    local = _ids(envs.make(env, data_files=str(fixture)))
    from_hub = envs.make(env, dataset=str(repo))
    assert local and _ids(from_hub) == local
    meta = next(from_hub.tasks()).metadata
    assert meta["row"].startswith(str(repo)) if env == "stem" else meta["source"] == f"{fmt}-set"


@pytest.mark.parametrize(("fmt", "env", "fixture"), FORMATS, ids=[f[0] for f in FORMATS])
def test_every_format_loads_from_a_save_to_disk_directory(
    tmp_path: Path, fmt: str, env: str, fixture: Path
) -> None:
    saved = saved_to_disk(tmp_path, f"{fmt}-saved", rows_of(fixture))
    assert _ids(envs.make(env, data_files=str(saved))) == _ids(envs.make(env, data_files=str(fixture)))


@pytest.mark.parametrize("kind", ["parquet", "jsonl"])
def test_ifeval_loads_from_a_dataset_repository(tmp_path: Path, kind: str) -> None:
    # google/IFEval's layout; Arrow gives every kwargs dict the union of keys (None where unset)
    repo = repository(tmp_path, "IFEval", {"train": rows_of(IFEVAL)}, kind=kind)
    local = list(envs.make("ifeval", data_files=str(IFEVAL)).tasks())
    from_hub = list(envs.make("ifeval", dataset=str(repo)).tasks())
    assert len(local) == 3 and [t.id for t in from_hub] == [t.id for t in local]
    assert [t.answer for t in from_hub] == [t.answer for t in local]
    assert [t.metadata["key"] for t in from_hub] == [r["key"] for r in rows_of(IFEVAL)]
    assert from_hub[0].metadata["source"] == "IFEval"


def test_ifeval_loads_from_a_save_to_disk_directory(tmp_path: Path) -> None:
    saved = saved_to_disk(tmp_path, "ifeval-saved", rows_of(IFEVAL))
    local = _ids(envs.make("ifeval", data_files=str(IFEVAL)))
    assert local and _ids(envs.make("ifeval", data_files=str(saved))) == local
    assert _ids(envs.make("ifeval", dataset=str(saved), limit=2)) == local[:2]


def test_streaming_reads_the_same_rows_and_stops_at_the_limit(tmp_path: Path) -> None:
    fixture = FORMATS[0][2]
    repo = repository(tmp_path, "deepscaler", {"train": rows_of(fixture)})
    every = _ids(envs.make("math", dataset=str(repo)))
    streamed = envs.make("math", dataset=str(repo), streaming=True, limit=2)
    assert _ids(streamed) == every[:2] and len(every) > 2
    assert len(streamed.sample(5, seed=0)) == 5  # sampling draws from the limited pool


def test_subset_and_split_choose_the_rows(tmp_path: Path) -> None:
    # GSM8K's layout on the hub: configs `main` and `socratic`, splits train and test
    rows = rows_of(FORMATS[2][2])
    assert len(rows) >= 2
    repo = repository_configs(
        tmp_path,
        "gsm8k",
        {"main": {"train": rows[:1], "test": rows[1:]}, "socratic": {"train": rows[1:], "test": rows[:1]}},
    )
    local = envs.make("math", data_files=str(FORMATS[2][2])).sample(len(rows), seed=0)
    by_question = {t.prompt[0]["content"]: t.id for t in local}
    got = list(envs.make("math", dataset=str(repo), subset="socratic", split="test").tasks())
    assert [t.id for t in got] == [by_question[t.prompt[0]["content"]] for t in got]
    assert [t.answer for t in got] == [
        t.answer for t in envs.make("math", dataset=str(repo), subset="main").tasks()
    ]
    with pytest.raises(envs.ConfigError, match="validation"):
        list(envs.make("math", dataset=str(repo), subset="main", split="validation").tasks())


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"data_files": "rows.jsonl", "split": "train"}, "split apply to hub datasets"),
        ({"data_files": "missing/rows.jsonl"}, "does not exist"),
        ({"data_files": "a.jsonl", "dataset": "owner/name"}, "not both"),
        ({"data_files": []}, "data_files is empty"),
        ({"dataset": "owner/name", "limit": 0}, "limit"),
    ],
    ids=["hub-option-on-local-file", "missing-file", "files-and-dataset", "empty-list", "bad-limit"],
)
def test_data_config_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: dict, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rows.jsonl").write_text('{"problem": "1+1", "answer": "2"}\n')
    with pytest.raises(envs.ConfigError, match=message):
        envs.make("math", **config)


def test_a_bad_row_is_named_as_in_a_local_file(tmp_path: Path) -> None:
    rows = [{"problem": "1+1", "solution": "it is \\boxed{2}"}, {"problem": "2+2", "solution": "four"}]
    repo = repository(tmp_path, "broken-math", {"train": rows})
    with pytest.raises(envs.ConfigError, match=r"broken-math.*row 1 has no usable answer for format 'math'"):
        list(envs.make("math", dataset=str(repo)).tasks())


def test_a_directory_that_is_no_dataset_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(envs.ConfigError, match="cannot load this dataset directory"):
        list(envs.make("code", data_files=str(tmp_path / "empty")).tasks())


def test_without_datasets_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "datasets", None)  # import datasets -> ImportError
    env = envs.make("stem", dataset="EricLu/SCP-116K")
    with pytest.raises(envs.ConfigError, match=r"prorl-gym\[hub\]"):
        list(env.tasks())


def test_local_files_do_not_import_datasets() -> None:
    import subprocess

    code = (
        "import sys, envs; fixture = sys.argv[1];"
        "assert list(envs.make('math', data_files=fixture).tasks());"
        "print('datasets' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(FORMATS[0][2])], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
