"""What a reply must hold to count as an attempt at the env's writing task (the `attempt` record the
`ifeval` verifier enforces): a length floor the task's own constraints leave room for, and the task's
topic words. Without it a reply such as `ok` satisfies every negative constraint (no commas, lowercase,
no digits, ...) and earns reward for writing nothing."""

from __future__ import annotations

import re
from typing import Any

from envs.ifeval.constraints import word_bounds
from envs.ifeval.kwargs import Kwargs

DEFAULT_MIN_WORDS = 25
JSON_MIN_WORDS = 15  # a JSON object's keys and short values
# Words of a base prompt that name the kind of writing, not its subject.
_GENERIC = frozenset(
    [
        "write",
        "explain",
        "describe",
        "summarize",
        "summarise",
        "compose",
        "draft",
        "create",
        "short",
        "story",
        "essay",
        "letter",
        "about",
        "their",
        "there",
        "which",
        "would",
        "could",
        "should",
        "someone",
        "something",
        "people",
        "between",
        "without",
        "whether",
        "review",
        "speech",
        "email",
        "persuasive",
        "blog",
        "diary",
        "entry",
        "point",
        "product",
        "description",
        "advertisement",
        "fictional",
    ]
)
TOPIC_PREFIX = 5  # topic words match on their first letters: "vaccines" ~ "vaccine", "vaccination"


def topic_stems(base: str) -> list[str]:
    """Prefixes of the base prompt's subject words (five letters or more, not a kind of writing)."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]{5,}", base)]
    return sorted({w[:TOPIC_PREFIX] for w in words if w not in _GENERIC})


def min_words(chosen: list[tuple[str, Kwargs]]) -> int:
    """A floor well inside what the constraints allow: 40% of a word cap, six words a sentence under a
    sentence cap, five a line under a line count; 25 words otherwise (the tasks ask for stories,
    letters, explanations)."""
    high = word_bounds(chosen)
    floor = float(DEFAULT_MIN_WORDS)
    floor = min(floor, 0.4 * high["words"], 6 * high["sentences"])
    for iid, kw in chosen:
        if iid == "format:line_count":
            floor = min(floor, 5 * kw["num_lines"])
        if iid in ("detectable_format:json_format", "format:json_schema"):
            floor = min(floor, JSON_MIN_WORDS)
    return max(1, int(floor))


def attempt_record(base: str, prompt: str, chosen: list[tuple[str, Kwargs]]) -> dict[str, Any]:
    """The answer's `attempt` record: the floor, the topic (none for a reply in another language) and
    the prompt, whose copies in a reply do not count towards it."""
    foreign = any(iid == "language:response_language" for iid, _ in chosen)
    return {
        "min_words": min_words(chosen),
        "topic": [] if foreign else topic_stems(base),
        "prompt": prompt,
    }
