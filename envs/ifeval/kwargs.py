"""How the `ifeval` env draws each instruction's kwargs: the word lists it picks from and one sampler
per instruction, each `(rng, base prompt) -> kwargs`. The table that pairs them with their wording is
`envs.ifeval.templates`; what may be combined is `envs.ifeval.constraints`."""

from __future__ import annotations

import random
import re
from typing import Any

Kwargs = dict[str, Any]


def _split(words: str) -> tuple[str, ...]:
    return tuple(words.split())


KEYWORDS = _split(
    """
    river lantern orchard compass harbor meadow copper violin glacier pepper canyon ribbon falcon velvet
    harvest pebble thunder marble willow beacon saddle crystal ember garden tunnel quilt anchor blossom
    feather summit island puzzle candle mirror journey balance rhythm shadow signal ladder bridge forest
    window spiral ocean cotton engine silver basket carpet planet
    """
)
LANGUAGES = {
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "pt": "Portuguese",
    "ru": "Russian",
}
END_PHRASES = (
    "Is there anything else I can help with?",
    "Let me know if you have additional questions.",
    "That is all for today.",
    "Thank you for reading.",
    "Hope this helps.",
    "Any other questions?",
)
JSON_SCHEMAS = (
    {"required_keys": ["title", "summary"], "key_types": {"title": "string", "summary": "string"}},
    {"required_keys": ["title", "points"], "key_types": {"title": "string", "points": "array"}},
    {"required_keys": ["name", "description", "tags"], "key_types": {"tags": "array"}},
    {"required_keys": ["topic", "answer", "confidence"], "key_types": {"confidence": "number"}},
)
ACROSTIC_LETTERS = "ABCDEFGHILMNOPRSTW"
_COMMON = frozenset(_split("describe explain should people between without someone something whether"))


def _relation(rng: random.Random) -> str:
    return rng.choice(("less than", "at least"))


def pick_words(rng: random.Random, base: str, n: int) -> list[str]:
    lowered = base.lower()
    return rng.sample([w for w in KEYWORDS if w not in lowered], n)


def quoted(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def number_words(rng: random.Random, _: str) -> Kwargs:
    rel = _relation(rng)
    return {
        "relation": rel,
        "num_words": rng.choice(
            (80, 100, 150, 200, 250, 300) if rel == "less than" else (50, 100, 150, 200, 300)
        ),
    }


def number_sentences(rng: random.Random, _: str) -> Kwargs:
    rel = _relation(rng)
    return {
        "relation": rel,
        "num_sentences": rng.randint(5, 15) if rel == "less than" else rng.randint(3, 12),
    }


def _topic_word(rng: random.Random, base: str) -> str | None:
    """A content word of the base prompt: the one a writer is tempted to repeat."""
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]{6,}", base)} - _COMMON)
    return rng.choice(words) if words else None


def keyword_frequency(rng: random.Random, base: str) -> Kwargs:
    topic = _topic_word(rng, base)
    if topic is not None and rng.random() < 0.5:
        return {"keyword": topic, "relation": "less than", "frequency": rng.randint(2, 4)}
    return {"keyword": pick_words(rng, base, 1)[0], "relation": "at least", "frequency": rng.randint(2, 4)}


def letter_frequency(rng: random.Random, _: str) -> Kwargs:
    if rng.random() < 0.5:
        return {"letter": rng.choice("qxzj"), "let_relation": "less than", "let_frequency": rng.randint(2, 5)}
    return {
        "letter": rng.choice("aeiostnrl"),
        "let_relation": "at least",
        "let_frequency": rng.randint(5, 15),
    }


def capital_words(rng: random.Random, _: str) -> Kwargs:
    rel = _relation(rng)
    return {
        "capital_relation": rel,
        "capital_frequency": rng.randint(3, 8) if rel == "less than" else rng.randint(2, 10),
    }


def nth_paragraph(rng: random.Random, _: str) -> Kwargs:
    n = rng.randint(2, 5)
    return {"num_paragraphs": n, "nth_paragraph": rng.randint(1, n), "first_word": rng.choice(KEYWORDS)}


def word_range(rng: random.Random, _: str) -> Kwargs:
    low = rng.choice((50, 80, 100, 150, 200))
    return {"min_words": low, "max_words": low + rng.choice((50, 100, 150))}


def sentence_range(rng: random.Random, _: str) -> Kwargs:
    low = rng.randint(3, 8)
    return {"min_sentences": low, "max_sentences": low + rng.randint(2, 6)}


def char_range(rng: random.Random, _: str) -> Kwargs:
    low = rng.choice((300, 500, 800, 1000))
    return {"min_chars": low, "max_chars": low + rng.choice((300, 500, 800))}


def acrostic(rng: random.Random, _: str) -> Kwargs:
    return {"letters": "".join(rng.sample(ACROSTIC_LETTERS, rng.randint(2, 4)))}


def no_kwargs(rng: random.Random, _: str) -> Kwargs:
    return {}


def schema_text(kw: Kwargs) -> str:
    types = kw.get("key_types") or {}
    keys = ", ".join(f'"{k}"' + (f" ({types[k]})" if k in types else "") for k in kw["required_keys"])
    return (
        f"Your entire response must be a single JSON object with the keys {keys}. "
        "You may wrap it in ```json fences, but write nothing outside the JSON."
    )
