"""STEM datasets from the user's files or the hub: GPQA, SCP-116K and generic multiple-choice rows -> Tasks.

Files may be JSONL, JSON (a list of rows, or {"data": [...]}), CSV (GPQA ships as CSV) or parquet,
each optionally gzipped; hub ids load through `datasets`. The format is detected from the first row's
columns when not given.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from envs.core import ConfigError, derive_seed
from envs.datafiles import Source
from verifiers.extract import last_boxed

GPQA_COLUMNS = (
    "Question",
    "Correct Answer",
    "Incorrect Answer 1",
    "Incorrect Answer 2",
    "Incorrect Answer 3",
)
QUESTION_KEYS = ("question", "problem", "prompt", "stem")
OPTION_KEYS = ("options", "choices")
ANSWER_KEYS = ("answer", "answerKey", "answer_key", "label", "answer_index", "correct", "target")
SCP_ANSWER_KEYS = ("answer", "final_answer", "solution", "matched_solution")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def read_rows(sources: list[Source]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, row) for every row of every source, in order; `where` is "source:row" for error messages."""
    for source in sources:
        for number, row in source.rows():
            yield f"{source.ref}:{number}", row


def detect_format(row: dict[str, Any], where: str) -> str:
    """gpqa, scp or mcq, from the columns of one row."""
    keys = set(row)
    if "Question" in keys and "Correct Answer" in keys:
        return "gpqa"
    if any(k in keys for k in OPTION_KEYS):
        return "mcq"
    if "problem" in keys and any(k in keys for k in SCP_ANSWER_KEYS):
        return "scp"
    raise ConfigError(
        f"{where}: cannot tell the data format from columns {sorted(keys)}. Expected GPQA "
        f"({', '.join(GPQA_COLUMNS)}), SCP-116K (problem, solution or answer, optional domain) or "
        "multiple choice (question, options or choices, answer); pass format='gpqa'|'scp'|'mcq' to choose."
    )


def _need(row: dict[str, Any], keys: tuple[str, ...], where: str, fmt: str) -> Any:
    for key in keys:
        if key in row and row[key] is not None and str(row[key]).strip() != "":
            return row[key]
    raise ConfigError(f"{where}: {fmt} row needs a column {' or '.join(keys)}; it has {sorted(row)}")


def gpqa_row(
    row: dict[str, Any], where: str, index: int, seed: int
) -> tuple[str, list[str], str, dict[str, Any]]:
    """(question, options shuffled by seed, correct letter, metadata) from a GPQA row."""
    missing = [c for c in GPQA_COLUMNS if not str(row.get(c) or "").strip()]
    if missing:
        raise ConfigError(f"{where}: GPQA row is missing {', '.join(missing)}; it has {sorted(row)}")
    texts = [str(row[c]).strip() for c in GPQA_COLUMNS[1:]]
    order = list(range(4))
    random.Random(derive_seed(seed, index, "gpqa")).shuffle(order)
    options = [texts[i] for i in order]
    meta = {k: row[k] for k in ("Record ID", "Subdomain", "High-level domain") if row.get(k)}
    return str(row["Question"]).strip(), options, LETTERS[order.index(0)], meta


def mcq_row(row: dict[str, Any], where: str) -> tuple[str, list[str], str, dict[str, Any]]:
    """(question, options, correct letter, metadata) from a generic multiple-choice row."""
    question = str(_need(row, QUESTION_KEYS, where, "multiple-choice")).strip()
    raw = _need(row, OPTION_KEYS, where, "multiple-choice")
    labels: list[str] | None = None
    if isinstance(raw, dict) and "text" in raw:  # ARC style {"text": [...], "label": [...]}
        labels = [str(x) for x in raw.get("label") or []]
        raw = raw["text"]
    if isinstance(raw, dict):
        labels, raw = [str(k) for k in raw], list(raw.values())
    if not isinstance(raw, list) or not 2 <= len(raw) <= len(LETTERS):
        raise ConfigError(f"{where}: options must be a list (or letter -> text mapping) of 2 to 26 entries")
    options = [str(o).strip() for o in raw]
    answer = _need(row, ANSWER_KEYS, where, "multiple-choice")
    letter = _answer_letter(answer, options, labels)
    if letter is None:
        raise ConfigError(
            f"{where}: answer {answer!r} names none of the {len(options)} options; use a letter (A-"
            f"{LETTERS[len(options) - 1]}), a 0-based index, or the option's exact text"
        )
    return question, options, letter, {k: row[k] for k in ("id", "subject", "domain") if k in row}


def _answer_letter(answer: Any, options: list[str], labels: list[str] | None) -> str | None:
    n = len(options)
    if isinstance(answer, bool):
        return None
    if isinstance(answer, int):
        return LETTERS[answer] if 0 <= answer < n else None
    text = str(answer).strip()
    if labels and text in labels:
        return LETTERS[labels.index(text)]
    bare = text.strip("()[] .").upper()
    if len(bare) == 1 and bare in LETTERS[:n]:
        return bare
    hits = [i for i, o in enumerate(options) if o == text]
    if len(hits) == 1:
        return LETTERS[hits[0]]
    return LETTERS[int(bare)] if bare.isdigit() and int(bare) < n else None


def quantity_answer(text: str) -> dict[str, Any] | None:
    """`{"value", "unit"}` when `text` is exactly one number with an optional unit; None otherwise."""
    from verifiers.stem.units import (  # pint loads only when needed
        UnitError,
        leading_unit,
        normalize,
        numbers,
    )

    s = normalize(text[:400]).strip().rstrip(".")
    cut = s.rfind("=")
    s = s[cut + 1 :].strip() if cut >= 0 else s
    try:
        found = numbers(s)
        if len(found) != 1 or s[: found[0].start].strip():
            return None
        unit, used, rest = leading_unit(s[found[0].end :])
    except (ValueError, UnitError):
        return None
    if rest.strip(" ."):
        return None
    return {"value": found[0].value, "unit": used or None}


def scp_row(row: dict[str, Any], where: str) -> tuple[str, str | None, dict[str, Any]]:
    """(problem, final answer or None when none can be found, metadata) from an SCP-116K row."""
    problem = str(_need(row, ("problem",), where, "SCP-116K")).strip()
    _need(row, SCP_ANSWER_KEYS, where, "SCP-116K")
    answer: str | None = None
    for key in ("answer", "final_answer"):
        if str(row.get(key) or "").strip():
            answer = str(row[key]).strip()
            break
    else:
        for key in ("solution", "matched_solution"):
            boxed = last_boxed(str(row.get(key) or ""))
            if boxed:
                answer = boxed
                break
    return problem, answer, {k: row[k] for k in ("domain", "id") if row.get(k)}
