"""Reading the user's data: one reader behind every dataset-backed env, so all accept the same sources.

Local files: JSONL (or .ndjson), JSON (a list of rows, `{"data": [...]}`-style, or equal-length columns),
CSV and parquet, each optionally gzipped. Hub datasets (an id like `owner/name`, or a local dataset
directory) load through the `datasets` library (`envs.hub`). Errors name the file or id and the row,
and say what would be accepted.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from envs.core import ConfigError

KINDS = (".jsonl", ".ndjson", ".json", ".csv", ".parquet")
_LIST_KEYS = ("data", "rows", "examples", "train", "test")


_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")
HUB_KEYS = ("split", "subset", "revision", "streaming")


class DataConfig(BaseModel):
    """Where a dataset-backed env reads its rows; every such env's config extends this."""

    model_config = ConfigDict(extra="forbid")

    data_files: str | list[str] | None = None  # local files or directories; `owner/name` = a hub id
    dataset: str | None = None  # a hub dataset id, or a local dataset repository / save_to_disk dir
    split: str | None = None  # hub: which split (default: train, or the only split)
    subset: str | None = None  # hub: the dataset's config name
    revision: str | None = None  # hub: a branch, tag or commit
    streaming: bool = False  # hub: read rows as they arrive instead of materialising the set
    limit: int | None = Field(default=None, ge=1)  # keep only the first N tasks


@dataclass(frozen=True)
class Source:
    """One place rows come from: a local file, or a dataset loaded through `datasets` (`hub=True`)."""

    ref: str  # as the user wrote it: a path or a hub id
    hub: bool = False
    split: str | None = None
    subset: str | None = None
    revision: str | None = None
    streaming: bool = False

    @property
    def name(self) -> str:
        """What task metadata records as the source: the file or directory name, or the hub id."""
        return self.ref if self.hub and not self.path.is_dir() else self.path.name

    @property
    def path(self) -> Path:
        return Path(self.ref).expanduser()

    def __str__(self) -> str:
        if not self.hub:
            return str(self.path)
        extra = [f"{k}={getattr(self, k)}" for k in ("subset", "split", "revision") if getattr(self, k)]
        return f"{self.ref} ({', '.join(extra)})" if extra else self.ref

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, row) in order: JSONL rows numbered by line, others by position from 1."""
        if not self.hub:
            yield from read_rows(self.path)
            return
        from envs import hub  # `datasets` is optional and heavy: only hub sources import it

        yield from hub.rows(self)


def sources(config: DataConfig, env: str) -> list[Source]:
    """The sources a data config names, checked now (local paths exist; hub ids load on first read)."""
    hub_options = {k: getattr(config, k) for k in HUB_KEYS}
    refs = (
        []
        if config.data_files is None
        else ([config.data_files] if isinstance(config.data_files, str) else list(config.data_files))
    )
    if config.dataset is not None:
        if refs:
            raise ConfigError(f"envs.make({env!r}): give data_files or dataset, not both")
        return [Source(config.dataset, hub=True, **hub_options)]
    if not refs:
        raise ConfigError(f"envs.make({env!r}): data_files is empty; pass one or more files or a hub id")
    out = [_source(ref, hub_options) for ref in refs]
    if all(not s.hub for s in out) and any(v for v in hub_options.values()):
        used = [k for k, v in hub_options.items() if v]
        raise ConfigError(
            f"envs.make({env!r}): {', '.join(used)} apply to hub datasets; data_files {refs} are local files"
        )
    return out


def _source(ref: str, hub_options: dict[str, Any]) -> Source:
    path = Path(ref).expanduser()
    looks_like_id = _HUB_ID.match(ref) and file_kind(path)[0] not in KINDS and not file_kind(path)[1]
    if path.is_dir() or (not path.exists() and looks_like_id):
        return Source(ref, hub=True, **hub_options)
    if not path.is_file():
        raise ConfigError(
            f"data file {ref!r} does not exist (no such file or directory); pass local JSONL, JSON, CSV or "
            "parquet files (optionally .gz), a dataset directory, or a hub dataset id like owner/name"
        )
    return Source(ref)


def file_kind(path: Path) -> tuple[str, bool]:
    """(kind, gzipped) from the file name, e.g. `x.jsonl.gz` -> (".jsonl", True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    rest = suffixes[:-1] if gz else suffixes
    return (rest[-1] if rest else ""), gz


def read_rows(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(row number, row) for every row; JSONL rows are numbered by line, others by position (from 1)."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise ConfigError(
            f"data file {str(path)!r} does not exist (pass a local JSONL, JSON, CSV or parquet file)"
        )
    kind, gz = file_kind(path)
    if kind not in KINDS:
        raise ConfigError(
            f"{path}: unsupported file type {kind or '(none)'!r}; use .jsonl, .json, .csv or .parquet "
            "(optionally .gz)"
        )
    try:
        raw = path.read_bytes()
        if gz:
            raw = gzip.decompress(raw)
        if kind == ".parquet":
            import pyarrow.parquet as pq

            numbered = list(enumerate(pq.read_table(io.BytesIO(raw)).to_pylist(), 1))
        else:
            text = raw.decode("utf-8-sig")
            if kind in (".jsonl", ".ndjson"):
                numbered = _jsonl(path, text)
            elif kind == ".json":
                numbered = list(enumerate(_json_rows(path, text), 1))
            else:
                numbered = list(enumerate(csv.DictReader(io.StringIO(text)), 1))
    except ConfigError:
        raise
    except (OSError, ValueError, EOFError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: could not read it as {kind[1:]}: {exc}") from None
    except Exception as exc:  # pyarrow's own errors
        raise ConfigError(f"{path}: could not read it as {kind[1:]}: {type(exc).__name__}: {exc}") from None
    for number, row in numbered:
        if not isinstance(row, dict):
            raise ConfigError(
                f"{path}:{number}: each row must be an object with named columns, got {type(row).__name__}"
            )
    return numbered


def _jsonl(path: Path, text: str) -> list[tuple[int, Any]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise ConfigError(
                    f"{path}:{number}: not valid JSON ({exc.msg}); each line of a JSONL file is one JSON object"
                ) from None
    return rows


def _json_rows(path: Path, text: str) -> list[Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in _LIST_KEYS:
            if isinstance(data.get(key), list):
                return list(data[key])
        if data and all(isinstance(v, list) for v in data.values()):
            lengths = {len(v) for v in data.values()}
            if len(lengths) == 1:
                n = lengths.pop()
                return [{k: v[i] for k, v in data.items()} for i in range(n)]
    raise ConfigError(
        f"{path}: a JSON data file must hold a list of rows, {{'data': [...]}}, or equal-length columns"
    )
