"""What the `ifeval` env can ask for: per instruction id, how to draw its kwargs, how to say it, and
which other instructions it cannot be combined with.

Compatibility has three layers, all checked before a task is emitted:
1. groups: two constraints that claim the same part of the answer (its case, its layout, its first
   or last characters, its length in words, ...) never go together;
2. explicit pairs (`CONFLICTS`) and whitelists for constraints that shape the whole answer (JSON,
   another language, repeating the prompt);
3. kwarg-level feasibility (`feasible`): word / sentence ranges must overlap and fit the layout,
   a forbidden word may not be required elsewhere, a word-length cap must admit the keywords.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Template:
    """How the env asks for one instruction id."""

    id: str
    sample: Callable[[random.Random, str], Kwargs]  # (rng, base prompt) -> kwargs
    render: Callable[[Kwargs], str]
    groups: frozenset[str] = frozenset()


def _relation(rng: random.Random) -> str:
    return rng.choice(("less than", "at least"))


def _words(rng: random.Random, base: str, n: int) -> list[str]:
    lowered = base.lower()
    return rng.sample([w for w in KEYWORDS if w not in lowered], n)


def _quoted(words: list[str]) -> str:
    quoted = [f'"{w}"' for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _number_words(rng: random.Random, _: str) -> Kwargs:
    rel = _relation(rng)
    return {
        "relation": rel,
        "num_words": rng.choice(
            (80, 100, 150, 200, 250, 300) if rel == "less than" else (50, 100, 150, 200, 300)
        ),
    }


def _number_sentences(rng: random.Random, _: str) -> Kwargs:
    rel = _relation(rng)
    return {
        "relation": rel,
        "num_sentences": rng.randint(5, 15) if rel == "less than" else rng.randint(3, 12),
    }


def _topic_word(rng: random.Random, base: str) -> str | None:
    """A content word of the base prompt: the one a writer is tempted to repeat."""
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z]{6,}", base)} - _COMMON)
    return rng.choice(words) if words else None


def _keyword_frequency(rng: random.Random, base: str) -> Kwargs:
    topic = _topic_word(rng, base)
    if topic is not None and rng.random() < 0.5:
        return {"keyword": topic, "relation": "less than", "frequency": rng.randint(2, 4)}
    return {"keyword": _words(rng, base, 1)[0], "relation": "at least", "frequency": rng.randint(2, 4)}


def _letter_frequency(rng: random.Random, _: str) -> Kwargs:
    if rng.random() < 0.5:
        return {"letter": rng.choice("qxzj"), "let_relation": "less than", "let_frequency": rng.randint(2, 5)}
    return {
        "letter": rng.choice("aeiostnrl"),
        "let_relation": "at least",
        "let_frequency": rng.randint(5, 15),
    }


def _capital_words(rng: random.Random, _: str) -> Kwargs:
    rel = _relation(rng)
    return {
        "capital_relation": rel,
        "capital_frequency": rng.randint(3, 8) if rel == "less than" else rng.randint(2, 10),
    }


def _nth_paragraph(rng: random.Random, _: str) -> Kwargs:
    n = rng.randint(2, 5)
    return {"num_paragraphs": n, "nth_paragraph": rng.randint(1, n), "first_word": rng.choice(KEYWORDS)}


def _word_range(rng: random.Random, _: str) -> Kwargs:
    low = rng.choice((50, 80, 100, 150, 200))
    return {"min_words": low, "max_words": low + rng.choice((50, 100, 150))}


def _sentence_range(rng: random.Random, _: str) -> Kwargs:
    low = rng.randint(3, 8)
    return {"min_sentences": low, "max_sentences": low + rng.randint(2, 6)}


def _char_range(rng: random.Random, _: str) -> Kwargs:
    low = rng.choice((300, 500, 800, 1000))
    return {"min_chars": low, "max_chars": low + rng.choice((300, 500, 800))}


def _acrostic(rng: random.Random, _: str) -> Kwargs:
    return {"letters": "".join(rng.sample(ACROSTIC_LETTERS, rng.randint(2, 4)))}


def _no_kwargs(rng: random.Random, _: str) -> Kwargs:
    return {}


def _schema_text(kw: Kwargs) -> str:
    types = kw.get("key_types") or {}
    keys = ", ".join(f'"{k}"' + (f" ({types[k]})" if k in types else "") for k in kw["required_keys"])
    return (
        f"Your entire response must be a single JSON object with the keys {keys}. "
        "You may wrap it in ```json fences, but write nothing outside the JSON."
    )


_T = Template
TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        # --- IFEval's own (constrained_response is left out: it only suits yes/no questions) ----
        _T(
            "keywords:existence",
            lambda r, b: {"keywords": _words(r, b, 2)},
            lambda k: f"Include the keywords {_quoted(k['keywords'])} in your response.",
        ),
        _T(
            "keywords:frequency",
            _keyword_frequency,
            lambda k: (
                f'In your response, the word "{k["keyword"]}" should appear {k["relation"]} {k["frequency"]} times.'
            ),
        ),
        _T(
            "keywords:forbidden_words",
            lambda r, b: {"forbidden_words": _words(r, b, 2)},
            lambda k: f"Do not include the words {_quoted(k['forbidden_words'])} in your response.",
        ),
        _T(
            "keywords:letter_frequency",
            _letter_frequency,
            lambda k: (
                f'In your response, the letter "{k["letter"]}" should appear {k["let_relation"]} {k["let_frequency"]} times.'
            ),
        ),
        _T(
            "language:response_language",
            lambda r, b: {"language": r.choice(sorted(LANGUAGES))},
            lambda k: (
                f"Your ENTIRE response should be in {LANGUAGES[k['language']]}, no other language is allowed."
            ),
            frozenset({"language"}),
        ),
        _T(
            "length_constraints:number_sentences",
            _number_sentences,
            lambda k: f"Your response should contain {k['relation']} {k['num_sentences']} sentences.",
            frozenset({"sentences"}),
        ),
        _T(
            "length_constraints:number_paragraphs",
            lambda r, b: {"num_paragraphs": r.randint(2, 5)},
            lambda k: (
                f"There should be exactly {k['num_paragraphs']} paragraphs. Separate the paragraphs with the markdown divider: ***"
            ),
            frozenset({"layout"}),
        ),
        _T(
            "length_constraints:number_words",
            _number_words,
            lambda k: f"Answer with {k['relation']} {k['num_words']} words.",
            frozenset({"words"}),
        ),
        _T(
            "length_constraints:nth_paragraph_first_word",
            _nth_paragraph,
            lambda k: (
                f"There should be exactly {k['num_paragraphs']} paragraphs, separated from each other by one blank line "
                f'(two newlines). Paragraph {k["nth_paragraph"]} must start with the word "{k["first_word"]}".'
            ),
            frozenset({"layout", "start"}),
        ),
        _T(
            "detectable_content:number_placeholders",
            lambda r, b: {"num_placeholders": r.randint(1, 4)},
            lambda k: (
                f"The response must contain at least {k['num_placeholders']} placeholders in square brackets, such as [address]."
            ),
        ),
        _T(
            "detectable_content:postscript",
            lambda r, b: {"postscript_marker": r.choice(("P.S.", "P.P.S"))},
            lambda k: (
                f"At the end of your response, please add a postscript starting with {k['postscript_marker']}"
            ),
            frozenset({"end"}),
        ),
        _T(
            "detectable_format:number_bullet_lists",
            lambda r, b: {"num_bullets": r.randint(2, 6)},
            lambda k: (
                f"Your answer must contain exactly {k['num_bullets']} bullet points. Use markdown bullet points such as:\n"
                "* This is point 1.\n* This is point 2"
            ),
            frozenset({"layout"}),
        ),
        _T(
            "detectable_format:number_highlighted_sections",
            lambda r, b: {"num_highlights": r.randint(1, 4)},
            lambda k: (
                f"Highlight at least {k['num_highlights']} sections of your answer with markdown, i.e. *highlighted section*."
            ),
        ),
        _T(
            "detectable_format:multiple_sections",
            lambda r, b: {
                "section_spliter": r.choice(("Section", "SECTION")),
                "num_sections": r.randint(2, 5),
            },
            lambda k: (
                f"Your response must have {k['num_sections']} sections. Mark the beginning of each section with "
                f"{k['section_spliter']} X, such as:\n{k['section_spliter']} 1\n[content of section 1]\n"
                f"{k['section_spliter']} 2\n[content of section 2]"
            ),
            frozenset({"layout", "numbers"}),
        ),
        _T(
            "detectable_format:json_format",
            _no_kwargs,
            lambda k: (
                "Entire output should be wrapped in JSON format. You can use markdown ticks such as ```."
            ),
            frozenset({"layout", "start", "end", "json"}),
        ),
        _T(
            "detectable_format:title",
            _no_kwargs,
            lambda k: (
                "Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>."
            ),
        ),
        _T(
            "combination:two_responses",
            _no_kwargs,
            lambda k: (
                "Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******."
            ),
            frozenset({"layout", "end"}),
        ),
        _T(
            "combination:repeat_prompt",
            _no_kwargs,  # prompt_to_repeat is filled in once the prompt is known
            lambda k: (
                "First repeat the request word for word without change, then give your answer (1. do not say any words "
                "or characters before repeating the request; 2. the request you need to repeat does not include this sentence)"
            ),
            frozenset({"start", "repeat"}),
        ),
        _T(
            "startend:end_checker",
            lambda r, b: {"end_phrase": r.choice(END_PHRASES)},
            lambda k: (
                f'Finish your response with this exact phrase "{k["end_phrase"]}". No other words should follow this phrase.'
            ),
            frozenset({"end"}),
        ),
        _T(
            "change_case:capital_word_frequency",
            _capital_words,
            lambda k: (
                f"In your response, words with all capital letters should appear {k['capital_relation']} {k['capital_frequency']} times."
            ),
            frozenset({"case"}),
        ),
        _T(
            "change_case:english_capital",
            _no_kwargs,
            lambda k: "Your entire response should be in English, and in all capital letters.",
            frozenset({"case", "language"}),
        ),
        _T(
            "change_case:english_lowercase",
            _no_kwargs,
            lambda k: (
                "Your entire response should be in English, and in all lowercase letters. No capital letters are allowed."
            ),
            frozenset({"case", "language"}),
        ),
        _T(
            "punctuation:no_comma",
            _no_kwargs,
            lambda k: "In your entire response, refrain from the use of any commas.",
        ),
        _T(
            "startend:quotation",
            _no_kwargs,
            lambda k: "Wrap your entire response with double quotation marks.",
            frozenset({"start", "end"}),
        ),
        # --- beyond IFEval ---------------------------------------------------------------------
        _T(
            "count:word_count_range",
            _word_range,
            lambda k: f"Your response should be between {k['min_words']} and {k['max_words']} words long.",
            frozenset({"words"}),
        ),
        _T(
            "count:keyword_exact",
            lambda r, b: {"keyword": _words(r, b, 1)[0], "count": r.randint(1, 3)},
            lambda k: (
                f'Use the word "{k["keyword"]}" exactly {k["count"]} time{"s" if k["count"] > 1 else ""}.'
            ),
        ),
        _T(
            "count:char_count_range",
            _char_range,
            lambda k: (
                f"Your response should be between {k['min_chars']} and {k['max_chars']} characters long."
            ),
            frozenset({"words"}),
        ),
        _T(
            "count:min_numbers",
            lambda r, b: {"num_numbers": r.randint(2, 5)},
            lambda k: f"Include at least {k['num_numbers']} numbers written with digits.",
            frozenset({"numbers"}),
        ),
        _T(
            "count:no_digits",
            _no_kwargs,
            lambda k: "Do not use any digits (0-9) in your response; spell out every number in words.",
            frozenset({"numbers"}),
        ),
        _T(
            "sentence:max_words",
            lambda r, b: {"max_words": r.randint(12, 25)},
            lambda k: f"No sentence in your response may be longer than {k['max_words']} words.",
        ),
        _T(
            "sentence:count_range",
            _sentence_range,
            lambda k: (
                f"Your response should contain between {k['min_sentences']} and {k['max_sentences']} sentences."
            ),
            frozenset({"sentences"}),
        ),
        _T(
            "format:numbered_list",
            lambda r, b: {"num_items": r.randint(3, 7)},
            lambda k: (
                f"Present your answer as a numbered list with exactly {k['num_items']} items (1., 2., 3., ...) "
                "and no other numbered lines."
            ),
            frozenset({"layout", "numbers"}),
        ),
        _T(
            "format:json_schema",
            lambda r, b: dict(r.choice(JSON_SCHEMAS)),
            _schema_text,
            frozenset({"layout", "start", "end", "json"}),
        ),
        _T(
            "format:line_count",
            lambda r, b: {"num_lines": r.randint(4, 12)},
            lambda k: f"Your response must be exactly {k['num_lines']} non-empty lines long.",
            frozenset({"layout"}),
        ),
        _T(
            "paragraphs:first_letters",
            _acrostic,
            lambda k: (
                f"Write exactly {len(k['letters'])} paragraphs separated by blank lines; the first letters of the "
                f"paragraphs must spell {k['letters']}, in order."
            ),
            frozenset({"layout", "start"}),
        ),
        _T(
            "ratio:unique_words",
            lambda r, b: {"min_ratio": r.choice((0.4, 0.45, 0.5, 0.55))},
            lambda k: (
                f"Avoid repetition: at least {round(k['min_ratio'] * 100)}% of the words in your response must be distinct."
            ),
        ),
        _T(
            "words:start_end_same",
            _no_kwargs,
            lambda k: "The first word and the last word of your response must be the same word.",
            frozenset({"start", "end"}),
        ),
        _T(
            "words:max_word_length",
            lambda r, b: {"max_length": r.randint(9, 12)},
            lambda k: f"Do not use any word longer than {k['max_length']} letters.",
        ),
        _T(
            "startend:ends_with_question",
            _no_kwargs,
            lambda k: "End your response with a question.",
            frozenset({"end"}),
        ),
    )
}

# Shapes of the whole answer that admit only a few companions.
JSON_OK = frozenset(
    {
        "keywords:existence",
        "keywords:frequency",
        "keywords:forbidden_words",
        "keywords:letter_frequency",
        "count:keyword_exact",
        "count:min_numbers",
        "words:max_word_length",
        "detectable_content:number_placeholders",
    }
)
FOREIGN_OK = frozenset(
    {
        "length_constraints:number_paragraphs",
        "detectable_format:number_bullet_lists",
        "detectable_format:title",
        "detectable_format:number_highlighted_sections",
        "detectable_content:postscript",
        "punctuation:no_comma",
        "startend:quotation",
        "detectable_content:number_placeholders",
        "length_constraints:number_words",
        "count:word_count_range",
        "length_constraints:number_sentences",
        "sentence:count_range",
        "format:numbered_list",
        "format:line_count",
        "combination:two_responses",
        "count:min_numbers",
        "count:no_digits",
    }
)
# The repeated request is part of the answer: only constraints it cannot satisfy or break by itself.
REPEAT_OK = frozenset(
    {
        "detectable_format:title",
        "startend:end_checker",
        "length_constraints:number_words",
        "count:word_count_range",
        "keywords:frequency",
        "keywords:letter_frequency",
        "change_case:capital_word_frequency",
    }
)
# Pairs in different groups that still cannot (or should not) both be asked.
CONFLICTS = frozenset(
    frozenset(pair)
    for pair in (
        ("change_case:english_lowercase", "detectable_format:multiple_sections"),  # "Section 1" has capitals
        (
            "change_case:english_capital",
            "detectable_format:multiple_sections",
        ),  # the checker is case-sensitive
        (
            "change_case:capital_word_frequency",
            "detectable_format:multiple_sections",
        ),  # SECTION counts as a capital word
        ("change_case:english_lowercase", "detectable_content:postscript"),  # "P.S." is upper case
        ("change_case:english_lowercase", "startend:end_checker"),  # end phrases carry capitals
        ("change_case:english_capital", "startend:end_checker"),
        ("change_case:english_lowercase", "paragraphs:first_letters"),
        ("change_case:capital_word_frequency", "detectable_content:postscript"),
        (
            "detectable_format:title",
            "length_constraints:nth_paragraph_first_word",
        ),  # a title opens paragraph 1
        ("detectable_format:title", "paragraphs:first_letters"),
        ("detectable_format:title", "words:start_end_same"),
        ("detectable_format:title", "format:line_count"),
        ("punctuation:no_comma", "startend:end_checker"),
        ("keywords:existence", "keywords:forbidden_words"),
        ("count:keyword_exact", "keywords:forbidden_words"),
        ("keywords:frequency", "keywords:forbidden_words"),
        ("sentence:max_words", "format:line_count"),
        ("format:numbered_list", "length_constraints:number_sentences"),  # "1." list markers end sentences
        ("format:numbered_list", "sentence:count_range"),
        ("format:numbered_list", "sentence:max_words"),
    )
)


def compatible_ids(a: str, b: str) -> bool:
    """Whether instruction ids `a` and `b` may appear in one task (kwargs aside)."""
    if a == b or frozenset((a, b)) in CONFLICTS:
        return False
    ta, tb = TEMPLATES[a], TEMPLATES[b]
    if ta.groups & tb.groups:
        return False
    for x, y in ((a, b), (b, a)):
        gx = TEMPLATES[x].groups
        if "json" in gx and y not in JSON_OK:
            return False
        if x == "language:response_language" and y not in FOREIGN_OK:
            return False
        if "repeat" in gx and y not in REPEAT_OK:
            return False
    return True


def _bounds(chosen: list[tuple[str, Kwargs]]) -> dict[str, list[float]]:
    """Implied [low, high] bounds on the answer's words, sentences and layout blocks."""
    inf = float("inf")
    b = {"words": [0.0, inf], "sentences": [0.0, inf], "blocks": [0.0, 0.0], "words_per_sentence": [0.0, inf]}
    for iid, kw in chosen:
        if iid == "length_constraints:number_words":
            b["words"] = _meet(b["words"], kw["relation"], kw["num_words"])
        elif iid == "count:word_count_range":
            b["words"] = [max(b["words"][0], kw["min_words"]), min(b["words"][1], kw["max_words"])]
        elif iid == "count:char_count_range":  # 4 to 8 characters a word, spaces included
            b["words"] = [max(b["words"][0], kw["min_chars"] / 8), min(b["words"][1], kw["max_chars"] / 4)]
        elif iid == "length_constraints:number_sentences":
            b["sentences"] = _meet(b["sentences"], kw["relation"], kw["num_sentences"])
        elif iid == "sentence:count_range":
            b["sentences"] = [
                max(b["sentences"][0], kw["min_sentences"]),
                min(b["sentences"][1], kw["max_sentences"]),
            ]
        elif iid == "sentence:max_words":
            b["words_per_sentence"][1] = kw["max_words"]
        for key in ("num_paragraphs", "num_bullets", "num_sections", "num_items", "num_lines"):
            if key in kw:
                b["blocks"][0] = max(b["blocks"][0], kw[key])
        if iid == "paragraphs:first_letters":
            b["blocks"][0] = max(b["blocks"][0], len(kw["letters"]))
        if iid == "change_case:capital_word_frequency" and kw["capital_relation"] == "at least":
            b["words"][0] = max(b["words"][0], 2 * kw["capital_frequency"])
    return b


def _meet(bound: list[float], rel: str, n: int) -> list[float]:
    return [bound[0], min(bound[1], n - 1)] if rel == "less than" else [max(bound[0], n), bound[1]]


def _required_words(chosen: list[tuple[str, Kwargs]]) -> set[str]:
    words: set[str] = set()
    for iid, kw in chosen:
        if iid == "keywords:existence":
            words.update(kw["keywords"])
        elif iid in ("keywords:frequency", "count:keyword_exact") and not (
            iid == "keywords:frequency" and kw["relation"] == "less than"
        ):
            words.add(kw["keyword"])
        elif iid == "length_constraints:nth_paragraph_first_word":
            words.add(kw["first_word"])
        elif iid == "format:json_schema":
            words.update(kw["required_keys"])
        for fixed in ("end_phrase", "section_spliter", "postscript_marker"):
            if fixed in kw:
                words.update(w.lower() for w in re.findall(r"\w+", kw[fixed]))
    return words


def feasible(chosen: list[tuple[str, Kwargs]]) -> bool:
    """Kwarg-level check that one answer can satisfy every chosen constraint at once."""
    b = _bounds(chosen)
    words, sentences, blocks = b["words"], b["sentences"], b["blocks"][0]
    if words[0] > words[1] or sentences[0] > sentences[1]:
        return False
    if sentences[0] * 4 > words[1] or words[0] > sentences[1] * min(30, b["words_per_sentence"][1]):
        return False
    if blocks and (blocks * 8 > words[1] or blocks > sentences[1]):
        return False
    required = _required_words(chosen)
    exact = {kw["keyword"]: kw["count"] for iid, kw in chosen if iid == "count:keyword_exact"}
    for iid, kw in chosen:
        if iid == "keywords:frequency" and kw["keyword"] in exact:
            below = exact[kw["keyword"]] < kw["frequency"]
            if below != (kw["relation"] == "less than"):
                return False
        letters_used = sum(w.count(kw.get("letter", "")) for w in required) if "letter" in kw else 0
        if (
            iid == "keywords:letter_frequency"
            and kw["let_relation"] == "less than"
            and letters_used >= kw["let_frequency"]
        ):
            return False
        if iid == "keywords:forbidden_words" and required & set(kw["forbidden_words"]):
            return False
        if iid == "keywords:frequency" and kw["relation"] == "less than" and kw["keyword"] in required:
            return False
        if iid == "words:max_word_length" and any(len(w) > kw["max_length"] for w in required):
            return False
    return True
