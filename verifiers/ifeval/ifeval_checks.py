"""The 25 IFEval instructions (Zhou et al. 2023), with the reference's ids, kwargs and semantics.

Each checker reproduces what google-research `instruction_following_eval` checks, including its
quirks (the reference's choices are what published scores mean), with three deliberate changes:
no randomness (a `letter` that is not a letter is counted as given, not replaced by a random one),
no regex built from task data (keywords are matched literally), and no regex that is quadratic on
hostile output (placeholders, titles and bullet lines are scanned line by line).
"""

from __future__ import annotations

import json
import re
from collections import Counter

from verifiers.ifeval.language import detect_language
from verifiers.ifeval.spec import instruction, positive_int, relation, req, text, text_list
from verifiers.ifeval.text import count_sentences, count_words, word_tokens


def compare(count: int, rel: str, threshold: int) -> bool:
    """The reference's two relations: "less than" is `<`, "at least" is `>=`."""
    return count < threshold if rel == "less than" else count >= threshold


# --- keywords -------------------------------------------------------------------------------------
@instruction("keywords:existence", keywords=req(text_list))
def keywords_existence(response: str, keywords: list[str]) -> bool:
    """Every keyword appears (case-insensitive substring)."""
    return all(re.search(re.escape(k), response, flags=re.IGNORECASE) for k in keywords)


@instruction("keywords:frequency", keyword=req(text), frequency=req(positive_int), relation=req(relation))
def keywords_frequency(response: str, keyword: str, frequency: int, relation: str) -> bool:
    """The keyword's case-insensitive substring count compared with `frequency`."""
    count = len(re.findall(re.escape(keyword.strip()), response, flags=re.IGNORECASE))
    return compare(count, relation, frequency)


@instruction("keywords:forbidden_words", forbidden_words=req(text_list))
def keywords_forbidden_words(response: str, forbidden_words: list[str]) -> bool:
    """No forbidden word appears as a whole word (case-insensitive)."""
    return not any(
        re.search(r"\b" + re.escape(w) + r"\b", response, flags=re.IGNORECASE) for w in forbidden_words
    )


def single_char(value: object) -> str:
    letter = text(value).strip()
    if len(letter) != 1:
        raise ValueError(f"expected a single character, got {value!r}")
    return letter.lower()


@instruction(
    "keywords:letter_frequency",
    letter=req(single_char),
    let_frequency=req(positive_int),
    let_relation=req(relation),
)
def keywords_letter_frequency(response: str, letter: str, let_frequency: int, let_relation: str) -> bool:
    """How often `letter` occurs (case-insensitive) compared with `let_frequency`.

    The reference replaces a non-letter (IFEval keys 1122 "#" and 1129 "!") by a random letter; we
    count the character the prompt names, which is deterministic and what the prompt asks for.
    """
    return compare(Counter(response.lower())[letter], let_relation, let_frequency)


# --- language and case ----------------------------------------------------------------------------
@instruction("language:response_language", language=req(text))
def response_language(response: str, language: str) -> bool:
    """langdetect names `language`; text it cannot classify counts as followed, as in the reference."""
    detected = detect_language(response)
    return detected is None or detected == language


@instruction("change_case:english_capital")
def english_capital(response: str) -> bool:
    """All letters upper case and the text detected as English."""
    if not response.isupper():
        return False
    detected = detect_language(response)
    return detected is None or detected == "en"


@instruction("change_case:english_lowercase")
def english_lowercase(response: str) -> bool:
    """All letters lower case and the text detected as English."""
    if not response.islower():
        return False
    detected = detect_language(response)
    return detected is None or detected == "en"


@instruction(
    "change_case:capital_word_frequency", capital_frequency=req(positive_int), capital_relation=req(relation)
)
def capital_word_frequency(response: str, capital_frequency: int, capital_relation: str) -> bool:
    """Words in all capitals (Treebank-style tokens, so "I" and "DON'T" -> "DO" "N'T" count)."""
    count = sum(1 for word in word_tokens(response) if word.isupper())
    return compare(count, capital_relation, capital_frequency)


@instruction("punctuation:no_comma")
def no_comma(response: str) -> bool:
    """No ASCII comma anywhere."""
    return "," not in response


# --- length ---------------------------------------------------------------------------------------
@instruction("length_constraints:number_words", num_words=req(positive_int), relation=req(relation))
def number_words(response: str, num_words: int, relation: str) -> bool:
    r"""Count of `\w+` runs compared with `num_words`."""
    return compare(count_words(response), relation, num_words)


@instruction("length_constraints:number_sentences", num_sentences=req(positive_int), relation=req(relation))
def number_sentences(response: str, num_sentences: int, relation: str) -> bool:
    """Punkt-style sentence count compared with `num_sentences`."""
    return compare(count_sentences(response), relation, num_sentences)


_DIVIDER_RE = re.compile(r"\s?\*\*\*\s?")


@instruction("length_constraints:number_paragraphs", num_paragraphs=req(positive_int))
def number_paragraphs(response: str, num_paragraphs: int) -> bool:
    """Exactly `num_paragraphs` chunks between `***` dividers; an empty chunk inside fails."""
    chunks = _DIVIDER_RE.split(response)
    count = len(chunks)
    for i, chunk in enumerate(chunks):
        if not chunk.strip():
            if i in (0, len(chunks) - 1):
                count -= 1
            else:
                return False
    return count == num_paragraphs


def _nth(value: object) -> int:
    number = positive_int(value)
    if number < 1:
        raise ValueError("paragraph numbers start at 1")
    return number


@instruction(
    "length_constraints:nth_paragraph_first_word",
    num_paragraphs=req(positive_int),
    nth_paragraph=req(_nth),
    first_word=req(text),
)
def nth_paragraph_first_word(response: str, num_paragraphs: int, nth_paragraph: int, first_word: str) -> bool:
    """`num_paragraphs` blank-line paragraphs and paragraph n starts with `first_word`.

    As in the reference, empty chunks are left out of the count but not out of the indexing.
    """
    chunks = response.split("\n\n")
    count = sum(1 for chunk in chunks if chunk.strip())
    if nth_paragraph > count:
        return False
    paragraph = chunks[nth_paragraph - 1].strip()
    if not paragraph:
        return False
    word = paragraph.split()[0].strip().lstrip("'").lstrip('"')
    first = ""
    for ch in word:
        if ch in ".,?!'\"":
            break
        first += ch.lower()
    return count == num_paragraphs and first == first_word.lower()


# --- content --------------------------------------------------------------------------------------
def count_bracketed(response: str) -> int:
    r"""Matches of the reference's `\[.*?\]`, counted in linear time."""
    count = 0
    for line in response.split("\n"):
        pos = 0
        while True:
            start = line.find("[", pos)
            if start < 0:
                break
            end = line.find("]", start + 1)
            if end < 0:
                break
            count += 1
            pos = end + 1
    return count


@instruction("detectable_content:number_placeholders", num_placeholders=req(positive_int))
def number_placeholders(response: str, num_placeholders: int) -> bool:
    """At least `num_placeholders` [bracketed] spans."""
    return count_bracketed(response) >= num_placeholders


@instruction("detectable_content:postscript", postscript_marker=req(text))
def postscript(response: str, postscript_marker: str) -> bool:
    """The marker appears (case-insensitive; "P.S." and "P.P.S" allow a space after each period)."""
    marker = postscript_marker.strip()
    if marker == "P.P.S":
        pattern = r"p\.\s?p\.\s?s"
    elif marker == "P.S.":
        pattern = r"p\.\s?s\."
    else:
        pattern = re.escape(marker.lower())
    return re.search(pattern, response.lower()) is not None


# --- format ---------------------------------------------------------------------------------------
_BLANK_RUN_RE = re.compile(r"\n\s*\n")
_STAR_BULLET_RE = re.compile(r"^\s*\*[^\*].*$", flags=re.MULTILINE)
_DASH_BULLET_RE = re.compile(r"^\s*-.*$", flags=re.MULTILINE)


@instruction("detectable_format:number_bullet_lists", num_bullets=req(positive_int))
def number_bullet_lists(response: str, num_bullets: int) -> bool:
    """Exactly `num_bullets` lines starting with `* ` or `-` (so a `---` rule counts, as in the reference)."""
    # Runs of blank lines collapse first: same matches, but no quadratic rescan of a long blank run.
    squeezed = _BLANK_RUN_RE.sub("\n\n", response)
    count = len(_STAR_BULLET_RE.findall(squeezed)) + len(_DASH_BULLET_RE.findall(squeezed))
    return count == num_bullets


CONSTRAINED_OPTIONS = ("My answer is yes.", "My answer is no.", "My answer is maybe.")


@instruction("detectable_format:constrained_response")
def constrained_response(response: str) -> bool:
    """Contains one of "My answer is yes." / "... no." / "... maybe."."""
    stripped = response.strip()
    return any(option in stripped for option in CONSTRAINED_OPTIONS)


_HIGHLIGHT_RE = re.compile(r"\*[^\n\*]*\*")
_DOUBLE_HIGHLIGHT_RE = re.compile(r"\*\*[^\n\*]*\*\*")


@instruction("detectable_format:number_highlighted_sections", num_highlights=req(positive_int))
def number_highlighted_sections(response: str, num_highlights: int) -> bool:
    """At least `num_highlights` non-empty *spans* (a **bold** span counts as in the reference)."""
    count = sum(1 for h in _HIGHLIGHT_RE.findall(response) if h.strip("*").strip())
    count += sum(1 for h in _DOUBLE_HIGHLIGHT_RE.findall(response) if h[2:-2].strip())
    return count >= num_highlights


@instruction("detectable_format:multiple_sections", section_spliter=req(text), num_sections=req(positive_int))
def multiple_sections(response: str, section_spliter: str, num_sections: int) -> bool:
    """At least `num_sections` headers "<spliter> <number>" (e.g. "SECTION 2")."""
    pattern = r"\s?" + re.escape(section_spliter.strip()) + r"\s?\d+\s?"
    return len(re.split(pattern, response)) - 1 >= num_sections


@instruction("detectable_format:json_format")
def json_format(response: str) -> bool:
    """The whole response parses as JSON (an optional ```json fence is allowed)."""
    body = response.strip()
    for prefix in ("```json", "```Json", "```JSON", "```"):
        body = body.removeprefix(prefix)
    body = body.removesuffix("```").strip()
    try:
        json.loads(body)
    except (ValueError, RecursionError):
        return False
    return True


def first_title(line: str) -> str | None:
    r"""The reference's `<<[^\n]+>>` on one line, found in linear time."""
    start = line.find("<<")
    end = line.rfind(">>")
    if start < 0 or end < start + 3:
        return None
    return line[start : end + 2]


@instruction("detectable_format:title")
def title(response: str) -> bool:
    """A non-empty <<title>> on one line."""
    for line in response.split("\n"):
        found = first_title(line)
        if found is not None and found.lstrip("<").rstrip(">").strip():
            return True
    return False


# --- combination and start/end ---------------------------------------------------------------------
@instruction("combination:two_responses")
def two_responses(response: str) -> bool:
    """Exactly two different non-empty answers separated by ******."""
    answers = []
    parts = response.split("******")
    for i, part in enumerate(parts):
        if not part.strip():
            if i not in (0, len(parts) - 1):
                return False
        else:
            answers.append(part)
    return len(answers) == 2 and answers[0].strip() != answers[1].strip()


@instruction("combination:repeat_prompt", prompt_to_repeat=req(text))
def repeat_prompt(response: str, prompt_to_repeat: str) -> bool:
    """Starts with the request, repeated word for word (case-insensitive)."""
    return response.strip().lower().startswith(prompt_to_repeat.strip().lower())


@instruction("startend:end_checker", end_phrase=req(text))
def end_checker(response: str, end_phrase: str) -> bool:
    """Ends with the phrase (case-insensitive; surrounding double quotes ignored)."""
    return response.strip().strip('"').lower().endswith(end_phrase.strip().lower())


@instruction("startend:quotation")
def quotation(response: str) -> bool:
    """Wrapped in double quotation marks."""
    stripped = response.strip()
    return len(stripped) > 1 and stripped[0] == '"' and stripped[-1] == '"'
