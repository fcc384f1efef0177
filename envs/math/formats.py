"""Public math dataset formats: detect the format of a file's or hub set's rows, read their answers.

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
from envs.datafiles import Source
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


def lower_keys(row: dict[str, Any]) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in row.items()}


def read_rows(path: Path) -> list[dict[str, Any]]:
    """Rows of a local JSONL / JSON / CSV / parquet file (optionally .gz), keys lower-cased."""
    return [lower_keys(row) for _, row in datafiles.read_rows(path)]


def detect(columns: set[str], source: Source) -> Format:
    for fmt in FORMATS.values():
        if set(fmt.columns) <= columns:
            return fmt
    raise ConfigError(
        f"{source}: cannot tell the math dataset format from columns {sorted(columns)}; expected one of: "
        + "; ".join(f"{f.name} ({', '.join(f.columns)})" for f in FORMATS.values())
        + ". Pass format=... or rename the columns."
    )


def rows_with_answers(
    source: Source, format: str | None
) -> Iterator[tuple[int, dict[str, Any], Format, str]]:
    """(row index, row, format, gold answer) for every row of a file or hub set, keys lower-cased;
    the format is detected from the first row; a clear error on a bad row."""
    if format is not None and format not in FORMATS:
        raise ConfigError(
            f"unknown math format {format!r}; formats: {', '.join(FORMATS)} (or None to detect)"
        )
    fmt = FORMATS[format] if format is not None else None
    for i, (_, raw) in enumerate(source.rows()):
        row = lower_keys(raw)
        if fmt is None:
            fmt = detect(set(row), source)
        missing = [c for c in fmt.columns if c not in row]
        if missing:
            raise ConfigError(
                f"{source}: row {i} lacks column(s) {missing} needed by format {fmt.name!r} "
                f"(found {sorted(row)}; expected {list(fmt.columns)})"
            )
        answer = fmt.answer(row)
        if answer is None:
            raise ConfigError(
                f"{source}: row {i} has no usable answer for format {fmt.name!r} ({fmt.description})"
            )
        yield i, row, fmt, answer
