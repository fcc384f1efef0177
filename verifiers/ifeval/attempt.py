"""The `attempt` check of env tasks: a reply that does not try the writing task earns nothing.

IFEval's instructions are constraints on a reply to a writing task, and many are negative (no commas,
all lowercase, no digits, fewer than N words): a reply such as `ok` satisfies them without writing
anything. Tasks of the `ifeval` env carry `attempt = {"min_words", "topic", "prompt"}`; the reply, less
any run of four or more words copied from the prompt, must have at least `min_words` words, half as many distinct words, and (when
`topic` is given) a word starting with one of the topic's stems. Tasks without the record (IFEval's own
data, the parity path) are judged by the published rules alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from verifiers.ifeval.spec import InstructionError

_WORD = re.compile(r"\w+")
COPY_RUN = 4
HEAD_CHARS = 600  # about 80 words: three times the usual floor


@dataclass(frozen=True)
class Attempt:
    min_words: int
    topic: tuple[str, ...]
    prompt: str


def parse_attempt(record: Any) -> Attempt | None:
    """The answer's `attempt` record (None when absent); InstructionError on a malformed one."""
    if record is None:
        return None
    if not isinstance(record, Mapping):
        raise InstructionError(f"'attempt' must be an object, got {type(record).__name__}")
    floor, topic, prompt = record.get("min_words", 0), record.get("topic", []), record.get("prompt", "")
    if not isinstance(floor, int) or isinstance(floor, bool) or floor < 0:
        raise InstructionError(f"attempt 'min_words' must be an integer >= 0, got {floor!r}")
    if not isinstance(topic, list) or not all(isinstance(t, str) and t for t in topic):
        raise InstructionError("attempt 'topic' must be a list of non-empty strings")
    if not isinstance(prompt, str):
        raise InstructionError("attempt 'prompt' must be a string")
    return Attempt(floor, tuple(t.lower() for t in topic), prompt)


@lru_cache(maxsize=1024)
def _prompt_runs(prompt: str) -> frozenset[tuple[str, ...]]:
    """Every run of `COPY_RUN` consecutive words of the prompt, lowercased (a task is scored many times)."""
    source = _WORD.findall(prompt.lower())
    return frozenset(tuple(source[i : i + COPY_RUN]) for i in range(len(source) - COPY_RUN + 1))


def _own_words(words: list[str], prompt: str) -> Iterator[str]:
    """`words` less those inside a run of `COPY_RUN` or more words that also occurs in the prompt: a copy
    of the request, with or without its punctuation and case, adds nothing. A word is covered only by
    runs starting at or before it, so one left-to-right pass decides it."""
    runs = _prompt_runs(prompt)
    copied_until = 0
    for i, word in enumerate(words):
        if runs and tuple(words[i : i + COPY_RUN]) in runs:
            copied_until = i + COPY_RUN
        if i >= copied_until:
            yield word


def _failure(words: list[str], attempt: Attempt) -> str | None:
    need_distinct = attempt.min_words / 2
    count, on_topic = 0, not attempt.topic
    distinct: set[str] = set()
    for word in _own_words(words, attempt.prompt):
        count += 1
        distinct.add(word)
        on_topic = on_topic or word.startswith(attempt.topic)
        if on_topic and count >= attempt.min_words and len(distinct) >= need_distinct:
            return None
    if count < attempt.min_words:
        return f"{count} word(s) of its own: the task needs a reply of at least {attempt.min_words}"
    if len(distinct) < need_distinct:
        return f"only {len(distinct)} distinct words in {count}: not a reply to the task"
    return "the reply never mentions the task's subject"


def attempt_failure(text: str, attempt: Attempt) -> str | None:
    """Why the reply is not an attempt at the task, or None when it is one. Most replies show enough
    words of their own early, so the head is read first (less its last words, which a copy could
    straddle), and the whole reply only when the head does not settle it."""
    if len(text) > HEAD_CHARS:
        head = _WORD.findall(text[:HEAD_CHARS].lower())[:-COPY_RUN]
        if _failure(head, attempt) is None:
            return None
    return _failure(_WORD.findall(text.lower()), attempt)
