"""Which of the `ifeval` env's instructions (envs.ifeval.templates) may be combined in one task.

Compatibility has three layers, all checked before a task is emitted:
1. groups: two constraints that claim the same part of the answer (its case, its layout, its first
   or last characters, its length in words, ...) never go together;
2. explicit pairs (`CONFLICTS`) and whitelists for constraints that shape the whole answer (JSON,
   another language, repeating the prompt);
3. kwarg-level feasibility (`feasible`): word / sentence ranges must overlap and fit the layout,
   a forbidden word may not be required elsewhere, a word-length cap must admit the keywords.
"""

from __future__ import annotations

import re

from envs.ifeval.kwargs import Kwargs
from envs.ifeval.templates import TEMPLATES

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


def word_bounds(chosen: list[tuple[str, Kwargs]]) -> dict[str, float]:
    """The most words and sentences the constraints allow an answer (inf where unbounded)."""
    b = _bounds(chosen)
    return {"words": b["words"][1], "sentences": b["sentences"][1]}


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
