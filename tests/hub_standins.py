"""Hub stand-ins for tests: what a hub dataset repository, a save_to_disk directory and a download in the
`datasets` cache look like, built in a temporary directory from rows in the public layouts. No network."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from envs.datafiles import read_rows

DATA = Path(__file__).parent / "data"

# (format, env, fixture in the public dataset's own column layout)
FORMATS: list[tuple[str, str, Path]] = [
    ("deepscaler", "math", DATA / "math" / "deepscaler.jsonl"),
    ("math", "math", DATA / "math" / "math.json"),
    ("gsm8k", "math", DATA / "math" / "gsm8k.jsonl"),
    ("eurus", "code", DATA / "code" / "eurus.parquet"),
    ("apps", "code", DATA / "code" / "apps.jsonl"),
    ("taco", "code", DATA / "code" / "taco.jsonl"),
    ("codecontests", "code", DATA / "code" / "codecontests.jsonl"),
    ("livecodebench", "code", DATA / "code" / "livecodebench.jsonl"),
    ("humaneval", "code", DATA / "code" / "humaneval.jsonl.gz"),
    ("mbpp", "code", DATA / "code" / "mbpp.jsonl"),
    ("gpqa", "stem", DATA / "stem" / "gpqa_sample.csv"),
    ("scp", "stem", DATA / "hub" / "scp116k.jsonl"),
]
IFEVAL = DATA / "hub" / "ifeval.jsonl"


def rows_of(path: Path) -> list[dict[str, Any]]:
    return [row for _, row in read_rows(path)]


def card(configs: dict[str, dict[str, str]]) -> str:
    """A dataset card whose YAML header declares the configs and their split files, as hub repos do."""
    lines = ["---", "configs:"]
    for name, splits in configs.items():
        lines += [f"- config_name: {name}", "  data_files:"]
        lines += [f"  - split: {split}\n    path: {path}" for split, path in splits.items()]
    return "\n".join([*lines, "---", "# A stand-in dataset card", ""])


def write_split(path: Path, rows: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pylist(rows), path)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def repository(
    root: Path,
    name: str,
    splits: dict[str, list[dict[str, Any]]],
    kind: str = "parquet",
    subset: str = "default",
) -> Path:
    """`root/name`: a dataset repository (README card + data files) with one config."""
    return repository_configs(root, name, {subset: splits}, kind)


def repository_configs(
    root: Path, name: str, configs: dict[str, dict[str, list[dict[str, Any]]]], kind: str = "parquet"
) -> Path:
    repo = root / name
    layout: dict[str, dict[str, str]] = {}
    for subset, splits in configs.items():
        layout[subset] = {}
        for split, rows in splits.items():
            rel = f"{subset}/{split}-00000-of-00001.{kind}"
            write_split(repo / rel, rows)
            layout[subset][split] = rel
    (repo / "README.md").write_text(card(layout))
    return repo


def saved_to_disk(root: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    import datasets

    path = root / name
    datasets.DatasetDict({"train": datasets.Dataset.from_list(rows)}).save_to_disk(str(path))
    return path


def cache_as_download(repo: Path, dataset_id: str) -> Path:
    """Prepare `repo` in the `datasets` cache where a hub download of `dataset_id` would leave it.

    A local build is cached under the directory's name; a download under `owner___name`: move it there.
    """
    import datasets

    builder = datasets.load_dataset_builder(str(repo))
    builder.download_and_prepare()
    cache = Path(datasets.config.HF_DATASETS_CACHE)
    owner, name = dataset_id.split("/")
    target = cache / f"{owner}___{builder.dataset_name}"
    shutil.move(str(cache / builder.dataset_name), str(target))
    return target


def offline_hub(monkeypatch: Any, tmp_path: Path) -> Path:
    """Offline mode with an empty cache under tmp_path: a hub id fails at once, never tries the network.

    The variables cover a `datasets` imported later; the attributes one this process already imported
    (both read the environment once, at import).
    """
    import datasets
    from huggingface_hub import constants

    home = tmp_path / "hf"
    for name, value in {"HF_HOME": str(home), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("HF_DATASETS_CACHE", raising=False)
    monkeypatch.setattr(datasets.config, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", home / "datasets")
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(home / "hub"))
    return home
