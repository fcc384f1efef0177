"""What the `ifeval` env can ask for: per instruction id, how to draw its kwargs, how to say it, and the
groups of the answer it claims (two constraints in one group never go together)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from envs.ifeval.kwargs import (
    END_PHRASES,
    JSON_SCHEMAS,
    LANGUAGES,
    Kwargs,
    acrostic,
    capital_words,
    char_range,
    keyword_frequency,
    letter_frequency,
    no_kwargs,
    nth_paragraph,
    number_sentences,
    number_words,
    pick_words,
    quoted,
    schema_text,
    sentence_range,
    word_range,
)


@dataclass(frozen=True)
class Template:
    """How the env asks for one instruction id."""

    id: str
    sample: Callable[[random.Random, str], Kwargs]  # (rng, base prompt) -> kwargs
    render: Callable[[Kwargs], str]
    groups: frozenset[str] = frozenset()


_T = Template
TEMPLATES: dict[str, Template] = {
    t.id: t
    for t in (
        # --- IFEval's own (constrained_response is left out: it only suits yes/no questions) ----
        _T(
            "keywords:existence",
            lambda r, b: {"keywords": pick_words(r, b, 2)},
            lambda k: f"Include the keywords {quoted(k['keywords'])} in your response.",
        ),
        _T(
            "keywords:frequency",
            keyword_frequency,
            lambda k: (
                f'In your response, the word "{k["keyword"]}" should appear {k["relation"]} {k["frequency"]} times.'
            ),
        ),
        _T(
            "keywords:forbidden_words",
            lambda r, b: {"forbidden_words": pick_words(r, b, 2)},
            lambda k: f"Do not include the words {quoted(k['forbidden_words'])} in your response.",
        ),
        _T(
            "keywords:letter_frequency",
            letter_frequency,
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
            number_sentences,
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
            number_words,
            lambda k: f"Answer with {k['relation']} {k['num_words']} words.",
            frozenset({"words"}),
        ),
        _T(
            "length_constraints:nth_paragraph_first_word",
            nth_paragraph,
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
            no_kwargs,
            lambda k: (
                "Entire output should be wrapped in JSON format. You can use markdown ticks such as ```."
            ),
            frozenset({"layout", "start", "end", "json"}),
        ),
        _T(
            "detectable_format:title",
            no_kwargs,
            lambda k: (
                "Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>."
            ),
        ),
        _T(
            "combination:two_responses",
            no_kwargs,
            lambda k: (
                "Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******."
            ),
            frozenset({"layout", "end"}),
        ),
        _T(
            "combination:repeat_prompt",
            no_kwargs,  # prompt_to_repeat is filled in once the prompt is known
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
            capital_words,
            lambda k: (
                f"In your response, words with all capital letters should appear {k['capital_relation']} {k['capital_frequency']} times."
            ),
            frozenset({"case"}),
        ),
        _T(
            "change_case:english_capital",
            no_kwargs,
            lambda k: "Your entire response should be in English, and in all capital letters.",
            frozenset({"case", "language"}),
        ),
        _T(
            "change_case:english_lowercase",
            no_kwargs,
            lambda k: (
                "Your entire response should be in English, and in all lowercase letters. No capital letters are allowed."
            ),
            frozenset({"case", "language"}),
        ),
        _T(
            "punctuation:no_comma",
            no_kwargs,
            lambda k: "In your entire response, refrain from the use of any commas.",
        ),
        _T(
            "startend:quotation",
            no_kwargs,
            lambda k: "Wrap your entire response with double quotation marks.",
            frozenset({"start", "end"}),
        ),
        # --- beyond IFEval ---------------------------------------------------------------------
        _T(
            "count:word_count_range",
            word_range,
            lambda k: f"Your response should be between {k['min_words']} and {k['max_words']} words long.",
            frozenset({"words"}),
        ),
        _T(
            "count:keyword_exact",
            lambda r, b: {"keyword": pick_words(r, b, 1)[0], "count": r.randint(1, 3)},
            lambda k: (
                f'Use the word "{k["keyword"]}" exactly {k["count"]} time{"s" if k["count"] > 1 else ""}.'
            ),
        ),
        _T(
            "count:char_count_range",
            char_range,
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
            no_kwargs,
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
            sentence_range,
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
            schema_text,
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
            acrostic,
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
            no_kwargs,
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
            no_kwargs,
            lambda k: "End your response with a question.",
            frozenset({"end"}),
        ),
    )
}
