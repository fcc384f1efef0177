"""No-effort answers, and the floor they set for partial credit.

Many reasoning-gym scorers give partial credit by closeness: letters in place, cells that match,
numeric distance. Closeness to the gold is also earned by answers that did no work: a constant
(`00:00` on time_intervals), the prompt's own data echoed back (word_sorting's unsorted words,
spell_backward's word), a puzzle grid with every blank set to 1. For each task we score such answers
with the same scorer; partial credit counts only above the best of them, rescaled so the gold keeps 1.0:
`(score - floor) / (1 - floor)`, and 0 at or below the floor. Only partial scores pay for this (the
probes run when 0 < score < 1). bench/audit_logic.py measures what these answers earn.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from verifiers.logic.fixes import compact

# Constant answers a policy could emit for every task, whatever the prompt. Every small count is one:
# scorers that credit closeness (rectangle_count) would otherwise pay a fixed guess near the usual answer.
CONSTANTS: tuple[str, ...] = (
    "0",
    "1",
    "-1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "8",
    "9",
    "10",
    "yes",
    "no",
    "True",
    "False",
    "00:00",
    "0:00:00",
    "A",
    "x",
    "a",
    "[]",
    "{}",
    "None",
    "qwzx",
    "-98765",
    "0 0 0 0",
)
MAX_LINES = 60  # echo probes built from at most this many question lines
MAX_PROBE_CHARS = 4_000

_GRID_LINE = re.compile(r"[\d_?.<>∧∨|+\-*xX■□#\s]*")
_BLANK = re.compile(r"(?<![^\s|])[_?](?![^\s|])")
_ZERO = re.compile(r"(?<![\w.])0(?![\w.])")
_QUOTED = re.compile(r"\"([^\"\n]{1,400})\"|'([^'\n]{1,400})'")
_BRACKETED = re.compile(r"\[[^\[\]\n]{1,400}\]")

Scorer = Callable[[str, dict[str, Any]], Any]
MIN_COPY_CHARS = 8  # shorter answers ("0", "yes", "A") are in most prompts without being copied


def _grid_blocks(lines: list[str]) -> list[str]:
    """Runs of two or more grid-like lines (digits, blanks, constraint signs), as one text each."""
    blocks: list[str] = []
    run: list[str] = []
    for line in [*lines, "end of text"]:
        if _GRID_LINE.fullmatch(line) and (line.strip() or run):
            run.append(line)
            continue
        while run and not run[-1].strip():
            run.pop()
        if sum(1 for r in run if r.strip()) >= 2:
            blocks.append("\n".join(run))
        run = []
    return blocks


def _fills(block: str) -> list[str]:
    """A grid with every blank (`_`, `?`, or a 0 cell) set to one constant digit."""
    out = []
    for digit in "1234":
        if _BLANK.search(block):
            out.append(_BLANK.sub(digit, block))
        if _ZERO.search(block):
            out.append(_ZERO.sub(digit, block))
    return out


def echo_answers(question: str) -> list[str]:
    """Answers made only of the prompt's own text: the question, its lines, the part after a colon,
    quoted and bracketed spans, its grids as given and with every blank set to one digit."""
    lines = question.splitlines()
    found: list[str] = [question]
    for line in lines[:MAX_LINES]:
        text = line.strip()
        if not any(ch.isalnum() for ch in text):
            continue
        found.append(text)
        for sep in (":", "->", "="):
            if sep in text:
                found.append(text.rsplit(sep, 1)[1].strip().rstrip(".?"))
    found += [a or b for a, b in _QUOTED.findall(question)]
    found += _BRACKETED.findall(question)
    for block in _grid_blocks(lines):
        found.append(block)
        found += _fills(block)
    seen: dict[str, None] = {}
    for text in found:
        if text and len(text) <= MAX_PROBE_CHARS:
            seen.setdefault(text, None)
    return list(seen)


def copied_from_prompt(answer: str, gold: str, question: str) -> bool:
    """The answer is a span of the prompt (spacing and `7.0`/`7` aside) that is not the gold, on a task
    whose gold is not itself in the prompt: the policy echoed the question instead of answering it."""
    a = compact(answer)
    if len(a) < MIN_COPY_CHARS or a == compact(gold):
        return False
    q, gold_in_prompt = _prompt_view(question, gold)
    return not gold_in_prompt and a in q


@lru_cache(maxsize=256)
def _prompt_view(question: str, gold: str) -> tuple[str, bool]:
    """The question's compact form and whether the gold is in it (a task is scored many times: GRPO)."""
    q = compact(question)
    return q, compact(gold) in q


def no_effort_answers(entry: dict[str, Any]) -> list[str]:
    """The constants and the prompt's echoes for this entry (order kept, no repeats)."""
    question = entry.get("question")
    echoes = echo_answers(question) if isinstance(question, str) else []
    return list(dict.fromkeys([*CONSTANTS, *echoes]))


def no_effort_floor(score_fn: Scorer, entry: dict[str, Any]) -> float:
    """The best score this scorer gives a no-effort answer for `entry` (scorer errors count 0)."""
    best = 0.0
    gold = entry.get("answer")
    answer = compact(gold) if isinstance(gold, str) else None
    for probe in no_effort_answers(entry):
        if compact(probe) == answer:
            continue  # the gold itself is among the constants ("2", "True"): it sets no floor
        try:
            value = float(score_fn(probe, entry))
        except Exception:
            continue
        if value == value and value > best:  # NaN never raises the floor
            best = value
            if best >= 1.0:
                break
    return best


_FLOORS: OrderedDict[tuple[str, ...], float] = OrderedDict()
FLOOR_CACHE_SIZE = 1024


def cached_floor(key: tuple[str, ...], compute: Callable[[], float]) -> float:
    """The floor for one task, computed once per process: GRPO scores each prompt many times (16
    rollouts), and the probes cost 10-40x one scoring."""
    if key in _FLOORS:
        _FLOORS.move_to_end(key)
        return _FLOORS[key]
    value = _FLOORS[key] = compute()
    if len(_FLOORS) > FLOOR_CACHE_SIZE:
        _FLOORS.popitem(last=False)
    return value


def above_floor(score: float, floor: float) -> float:
    """Partial credit measured from the no-effort floor: 0 at or below it, 1.0 stays 1.0."""
    if score >= 1.0:
        return score
    if score <= floor:
        return 0.0
    return (score - floor) / (1.0 - floor)
