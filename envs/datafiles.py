"""Reading the user's data files: one reader behind every dataset-backed env, so all accept the same formats.

JSONL (or .ndjson), JSON (a list of rows, `{"data": [...]}`-style, or equal-length columns), CSV and
parquet, each optionally gzipped. Errors name the file and the row, and say what would be accepted.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

from envs.core import ConfigError

KINDS = (".jsonl", ".ndjson", ".json", ".csv", ".parquet")
_LIST_KEYS = ("data", "rows", "examples", "train", "test")


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
