"""Verifiable constraints beyond IFEval's 25, in the spirit of IFBench (Pyatkin et al. 2025).

Models trained on IFEval's templates overfit them; these add other shapes of constraint (ranges,
exact counts, per-sentence limits, acrostics, schemas). Each namespace says what it measures:
`count:` whole-response counts, `sentence:` per-sentence rules, `format:` layout, `paragraphs:`,
`ratio:` and `words:`. Words are `\\w+` runs (as IFEval counts them), sentences come from the same
Punkt-like splitter, paragraphs are blocks separated by blank lines.
"""

from __future__ import annotations

import json
import re
from typing import Any

from verifiers.ifeval.spec import (
    instruction,
    opt,
    ordered,
    positive_int,
    ratio,
    req,
    string_map,
    text,
    text_list,
)
from verifiers.ifeval.text import count_words, split_sentences

_WORD_RE = re.compile(r"\w+")
_PARAGRAPH_SPLIT_RE = re.compile(r"\n\s*\n")


def paragraphs(response: str) -> list[str]:
    """Non-empty blocks separated by one or more blank lines."""
    return [p.strip() for p in _PARAGRAPH_SPLIT_RE.split(response) if p.strip()]


@instruction(
    "count:word_count_range",
    ordered("min_words", "max_words"),
    min_words=req(positive_int),
    max_words=req(positive_int),
)
def word_count_range(response: str, min_words: int, max_words: int) -> bool:
    """Between `min_words` and `max_words` words, both included."""
    return min_words <= count_words(response) <= max_words


@instruction("count:keyword_exact", keyword=req(text), count=req(positive_int))
def keyword_exact(response: str, keyword: str, count: int) -> bool:
    """The keyword occurs exactly `count` times as a whole word or phrase (case-insensitive)."""
    pattern = r"(?<!\w)" + re.escape(keyword.strip()) + r"(?!\w)"
    return len(re.findall(pattern, response, flags=re.IGNORECASE)) == count


@instruction(
    "count:char_count_range",
    ordered("min_chars", "max_chars"),
    min_chars=req(positive_int),
    max_chars=req(positive_int),
)
def char_count_range(response: str, min_chars: int, max_chars: int) -> bool:
    """Between `min_chars` and `max_chars` characters (surrounding whitespace not counted)."""
    return min_chars <= len(response.strip()) <= max_chars


@instruction("count:min_numbers", num_numbers=req(positive_int))
def min_numbers(response: str, num_numbers: int) -> bool:
    """At least `num_numbers` numbers written with digits (3, 4.5 and 1,000 count once each)."""
    return len(re.findall(r"\d+(?:[.,]\d+)*", response)) >= num_numbers


@instruction("count:no_digits")
def no_digits(response: str) -> bool:
    """No digit 0-9 anywhere: numbers are spelled out."""
    return re.search(r"[0-9]", response) is None


@instruction("sentence:max_words", max_words=req(positive_int))
def sentence_max_words(response: str, max_words: int) -> bool:
    """Every sentence has at most `max_words` words."""
    sentences = split_sentences(response)
    return bool(sentences) and all(count_words(s) <= max_words for s in sentences)


@instruction(
    "sentence:count_range",
    ordered("min_sentences", "max_sentences"),
    min_sentences=req(positive_int),
    max_sentences=req(positive_int),
)
def sentence_count_range(response: str, min_sentences: int, max_sentences: int) -> bool:
    """Between `min_sentences` and `max_sentences` sentences, both included."""
    return min_sentences <= len(split_sentences(response)) <= max_sentences


_NUMBERED_RE = re.compile(r"^[ \t]*(\d+)[.)][ \t]+\S", flags=re.MULTILINE)


@instruction("format:numbered_list", num_items=req(positive_int))
def numbered_list(response: str, num_items: int) -> bool:
    """Exactly `num_items` numbered lines ("1. ..." or "1) ..."), numbered 1, 2, 3, ... in order."""
    numbers = [int(n) if len(n) < 6 else -1 for n in _NUMBERED_RE.findall(response)]
    return numbers == list(range(1, num_items + 1))


_JSON_TYPES: dict[str, Any] = {
    "string": str,
    "number": (int, float),
    "integer": int,
    "boolean": bool,
    "array": list,
    "object": dict,
    "null": type(None),
}


def _key_types(value: Any) -> dict[str, str]:
    types = string_map(value)
    bad = sorted(set(types.values()) - set(_JSON_TYPES))
    if bad:
        raise ValueError(f"unknown JSON type(s) {bad}; use {sorted(_JSON_TYPES)}")
    return types


def _json_body(response: str) -> Any:
    body = response.strip()
    fence = re.fullmatch(r"```(?:json|JSON|Json)?\s*\n?(.*?)\n?```", body, flags=re.DOTALL)
    if fence:
        body = fence.group(1)
    return json.loads(body)


def _type_ok(value: Any, type_name: str) -> bool:
    if type_name in ("number", "integer") and isinstance(value, bool):
        return False
    return isinstance(value, _JSON_TYPES[type_name])


@instruction("format:json_schema", required_keys=req(text_list), key_types=opt(_key_types, None))
def json_schema(response: str, required_keys: list[str], key_types: dict[str, str] | None) -> bool:
    """The whole response is one JSON object (a ``` fence is allowed) with the required keys,
    each of the named JSON type when `key_types` gives one."""
    try:
        data = _json_body(response)
    except (ValueError, RecursionError):
        return False
    if not isinstance(data, dict) or any(k not in data for k in required_keys):
        return False
    return all(k in data and _type_ok(data[k], t) for k, t in (key_types or {}).items())


@instruction("format:line_count", num_lines=req(positive_int))
def line_count(response: str, num_lines: int) -> bool:
    """Exactly `num_lines` non-empty lines."""
    return sum(1 for line in response.split("\n") if line.strip()) == num_lines


def _letters(value: Any) -> str:
    letters = text(value).strip()
    if not letters.isalpha():
        raise ValueError(f"expected letters only, got {value!r}")
    return letters.upper()


@instruction("paragraphs:first_letters", letters=req(_letters))
def paragraph_first_letters(response: str, letters: str) -> bool:
    """One paragraph per letter, paragraph i starting with letter i (an acrostic; case-insensitive;
    leading markdown or quote characters are skipped)."""
    blocks = paragraphs(response)
    if len(blocks) != len(letters):
        return False
    for block, letter in zip(blocks, letters, strict=True):
        first = next((ch for ch in block if ch.isalpha()), "")
        if first.upper() != letter or not re.match(r"^[\W_]*" + re.escape(first), block):
            return False
    return True


@instruction("ratio:unique_words", min_ratio=req(ratio))
def unique_words(response: str, min_ratio: float) -> bool:
    """Distinct words / all words (case-insensitive) is at least `min_ratio`."""
    words = [w.lower() for w in _WORD_RE.findall(response)]
    return bool(words) and len(set(words)) / len(words) >= min_ratio


@instruction("words:start_end_same")
def start_end_same(response: str) -> bool:
    """The first and the last word are the same word (case-insensitive)."""
    words = _WORD_RE.findall(response)
    return len(words) >= 2 and words[0].lower() == words[-1].lower()


@instruction("words:max_word_length", max_length=req(positive_int))
def max_word_length(response: str, max_length: int) -> bool:
    """No word longer than `max_length` letters."""
    words = _WORD_RE.findall(response)
    return bool(words) and max(len(w) for w in words) <= max_length


@instruction("startend:ends_with_question")
def ends_with_question(response: str) -> bool:
    """The response ends with a question mark (closing quotes or brackets allowed after it)."""
    return re.search(r"\?[\"'”’)\]*]*\s*$", response) is not None
