"""Public math dataset formats: read rows from local files, detect the format, turn rows into Tasks.

DeepScaleR (problem, answer, solution), MATH (problem, solution with a boxed answer),
GSM8K (question, answer ending `#### n`), AIME/AMC-style (problem, answer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from envs import datafiles
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
    """Rows of a JSONL / JSON / CSV / parquet file (optionally .gz), keys lower-cased."""
    return [{str(k).lower(): v for k, v in row.items()} for _, row in datafiles.read_rows(path)]


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
