"""Public math dataset formats: read rows from local files, detect the format, turn rows into Tasks.

DeepScaleR (problem, answer, solution), MATH (problem, solution with a boxed answer),
GSM8K (question, answer ending `#### n`), AIME/AMC-style (problem, answer).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from envs.core import ConfigError
from verifiers.extract import last_boxed


@dataclass(frozen=True)
class Format:
    name: str
    columns: tuple[str, ...]  # required, lower-cased
    question: str
    answer: Callable[[dict[str, Any]], str | None]
    description: str


def _gsm8k_answer(row: dict[str, Any]) -> str | None:
    text = str(row["answer"])
    if "####" not in text:
        return None
    return text.rsplit("####", 1)[1].strip().replace(",", "")


def _math_answer(row: dict[str, Any]) -> str | None:
    return last_boxed(str(row["solution"]))


def _plain_answer(row: dict[str, Any]) -> str | None:
    value = row["answer"]
    if value is None:
        return None
    text = str(value).strip()
    return text or None


# Detection tries these in order: the first whose columns are all present wins.
FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "gsm8k", ("question", "answer"), "question", _gsm8k_answer, "GSM8K: answer ends with '#### n'"
        ),
        Format("deepscaler", ("problem", "answer", "solution"), "problem", _plain_answer, "DeepScaleR"),
        Format("aime", ("problem", "answer"), "problem", _plain_answer, "AIME/AMC-style"),
        Format(
            "math", ("problem", "solution"), "problem", _math_answer, "MATH: boxed answer in the solution"
        ),
    )
}


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSONL / JSON / parquet file (optionally .gz), keys lower-cased."""
    name = path.name.lower()
    base = name[:-3] if name.endswith(".gz") else name
    try:
        if base.endswith(".parquet"):
            import pyarrow.parquet as pq

            rows = pq.read_table(path).to_pylist()
        else:
            opener: Any = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as fh:
                if base.endswith(".jsonl"):
                    rows = [json.loads(line) for line in fh if line.strip()]
                elif base.endswith(".json"):
                    rows = _json_rows(json.load(fh))
                else:
                    raise ConfigError(
                        f"{path}: unknown file type; use .jsonl, .json or .parquet (optionally .gz)"
                    )
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(f"{path}: could not read it as {base.rsplit('.', 1)[-1]}: {exc}") from None
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise ConfigError(
                f"{path}: row {i} is a {type(row).__name__}, expected an object with named columns"
            )
    return [{str(k).lower(): v for k, v in row.items()} for row in rows]


def _json_rows(data: Any) -> list[Any]:
    """A JSON file holds a list of rows, {"data": [...]}, or columns {"problem": [...], ...}."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for k in ("data", "rows", "examples", "train", "test"):
            if isinstance(data.get(k), list):
                return list(data[k])
        if data and all(isinstance(v, list) for v in data.values()):
            lengths = {len(v) for v in data.values()}
            if len(lengths) == 1:
                n = lengths.pop()
                return [{k: v[i] for k, v in data.items()} for i in range(n)]
    raise ConfigError("JSON data must be a list of rows, {'data': [...]}, or equal-length columns")


def detect(columns: set[str], path: Path) -> Format:
    for fmt in FORMATS.values():
        if set(fmt.columns) <= columns:
            return fmt
    raise ConfigError(
        f"{path}: cannot tell the math dataset format from columns {sorted(columns)}; expected one of: "
        + "; ".join(f"{f.name} ({', '.join(f.columns)})" for f in FORMATS.values())
        + ". Pass format=... or rename the columns."
    )


def rows_with_answers(path: Path, format: str | None) -> Iterator[tuple[int, dict[str, Any], Format, str]]:
    """(row index, row, format, gold answer) for every row of `path`; a clear error on a bad row."""
    rows = read_rows(path)
    if not rows:
        return
    columns = set(rows[0])
    if format is None:
        fmt = detect(columns, path)
    else:
        if format not in FORMATS:
            raise ConfigError(
                f"unknown math format {format!r}; formats: {', '.join(FORMATS)} (or None to detect)"
            )
        fmt = FORMATS[format]
    for i, row in enumerate(rows):
        missing = [c for c in fmt.columns if c not in row]
        if missing:
            raise ConfigError(
                f"{path}: row {i} lacks column(s) {missing} needed by format {fmt.name!r} "
                f"(found {sorted(row)}; expected {list(fmt.columns)})"
            )
        answer = fmt.answer(row)
        if answer is None:
            raise ConfigError(
                f"{path}: row {i} has no usable answer for format {fmt.name!r} ({fmt.description})"
            )
        yield i, row, fmt, answer
