"""The one data-file reader behind every dataset-backed env."""

from __future__ import annotations

import csv
import gzip
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from envs import ConfigError
from envs.datafiles import read_rows

ROWS = [{"problem": "1+1", "answer": "2"}, {"problem": "2+2", "answer": "4"}]


def _write(path, kind):
    if kind == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in ROWS) + "\n\n")
    elif kind == "json":
        path.write_text(json.dumps(ROWS))
    elif kind == "json-data":
        path.write_text(json.dumps({"data": ROWS}))
    elif kind == "json-columns":
        path.write_text(json.dumps({k: [r[k] for r in ROWS] for k in ROWS[0]}))
    elif kind == "csv":
        with path.open("w", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(ROWS[0]))
            writer.writeheader()
            writer.writerows(ROWS)
    elif kind == "parquet":
        pq.write_table(pa.Table.from_pylist(ROWS), path)


@pytest.mark.parametrize("kind", ["jsonl", "json", "json-data", "json-columns", "csv", "parquet"])
@pytest.mark.parametrize("gz", [False, True])
def test_every_format_plain_and_gzipped(tmp_path, kind, gz):
    suffix = {"json-data": "json", "json-columns": "json"}.get(kind, kind)
    plain = tmp_path / f"rows.{suffix}"
    _write(plain, kind)
    path = plain
    if gz:
        path = tmp_path / f"rows.{suffix}.gz"
        path.write_bytes(gzip.compress(plain.read_bytes()))
    rows = read_rows(path)
    assert [row for _, row in rows] == ROWS
    assert [n for n, _ in rows] == [1, 2]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("rows.jsonl", '{"a": 1}\n{"a": \n', r"rows.jsonl:2: not valid JSON"),
        ("rows.jsonl", '{"a": 1}\n[1, 2]\n', r"rows.jsonl:2: each row must be an object"),
        ("rows.json", '{"a": 1, "b": [1]}', "list of rows"),
        ("rows.json", "{nope", "not valid JSON"),
        ("rows.tsv", "a\tb\n", "unsupported file type '.tsv'"),
        ("rows.parquet", "not parquet", "could not read it as parquet"),
        ("rows.jsonl.gz", "not gzip", "could not read it as jsonl"),
    ],
)
def test_bad_files_name_the_file_row_and_fix(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        read_rows(path)


def test_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        read_rows(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(
    ("ref", "hub"),
    [
        ("agentica-org/DeepScaleR-Preview-Dataset", True),
        ("PRIME-RL/Eurus-2-RL-Data", True),
        ("Qwen/Qwen2.5-data", True),  # a dot in the name is no file suffix
        ("rows.jsonl", False),  # exists in tmp_path
        ("a_dir", True),  # a directory goes through `datasets` (dataset repository or save_to_disk)
    ],
    ids=["deepscaler-id", "eurus-id", "dotted-id", "local-file", "directory"],
)
def test_sources_tell_local_files_from_hub_ids(tmp_path, monkeypatch, ref, hub):
    from envs.datafiles import DataConfig, sources

    monkeypatch.chdir(tmp_path)
    (tmp_path / "rows.jsonl").write_text('{"a": 1}\n')
    (tmp_path / "a_dir").mkdir()
    [source] = sources(DataConfig(data_files=ref), "e")
    assert source.hub is hub and source.ref == ref


@pytest.mark.parametrize("ref", ["owner/rows.jsonl", "owner/rows.parquet.gz", "one-part"])
def test_a_missing_file_is_not_taken_for_a_hub_id(tmp_path, monkeypatch, ref):
    from envs.datafiles import DataConfig, sources

    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match="does not exist"):
        sources(DataConfig(data_files=ref), "e")


def test_hub_options_reach_the_source():
    from envs.datafiles import DataConfig, sources

    [source] = sources(DataConfig(dataset="openai/gsm8k", subset="main", split="test", revision="v1"), "e")
    assert (source.hub, source.subset, source.split, source.revision) == (True, "main", "test", "v1")
    assert str(source) == "openai/gsm8k (subset=main, split=test, revision=v1)"
