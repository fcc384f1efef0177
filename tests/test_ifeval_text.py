"""The offline text utilities: Punkt-like sentence splitting, Treebank-like word tokens, and the
linear-time scanners that replace the reference's quadratic regexes (checked equal on random text)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifiers.ifeval.ifeval_checks import count_bracketed, first_title, number_bullet_lists
from verifiers.ifeval.text import count_sentences, count_words, split_sentences, word_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello world. How are you? I am fine!", ["Hello world.", "How are you?", "I am fine!"]),
        ("Mr. Smith met Dr. Jones at 5 p.m. on Friday.", ["Mr. Smith met Dr. Jones at 5 p.m. on Friday."]),
        (
            "Pi is about 3.14 and e is about 2.72. Both are irrational.",
            ["Pi is about 3.14 and e is about 2.72.", "Both are irrational."],
        ),
        (
            "J. R. R. Tolkien wrote books. They sold well.",
            ["J. R. R. Tolkien wrote books.", "They sold well."],
        ),
        (
            "We use tools, e.g. hammers and saws. They help.",
            ["We use tools, e.g. hammers and saws.", "They help."],
        ),
        ("Wait... The end came. I see... nothing.", ["Wait...", "The end came.", "I see... nothing."]),
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ('She asked, "Why?" and left.', ['She asked, "Why?"', "and left."]),
        ("It costs $4.50 in the U.S. today.", ["It costs $4.50 in the U.S. today."]),
        ("Line one without period\nline two. Next.", ["Line one without period\nline two.", "Next."]),
        ("Intro\n1. Apples\n2. Pears", ["Intro\n1.", "Apples\n2.", "Pears"]),
        ("In 1999. the crowd cheered.", ["In 1999. the crowd cheered."]),
        ('(Quoted.) "Inside."', ["(Quoted.)", '"Inside."']),
        ("", []),
        ("   ", []),
        ("No final punctuation", ["No final punctuation"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert count_sentences(text) == len(expected)


def test_closing_quotes_join_the_sentence_they_close() -> None:
    assert split_sentences('"Hello." "World."') == ['"Hello."', '"World."']
    assert split_sentences("(He left.)") == ["(He left.)"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello, world!", 2),
        ("It's well-known", 4),  # \w+ runs: It, s, well, known
        ("naïve café 123", 3),
        ("", 0),
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


@pytest.mark.parametrize(
    ("text", "upper"),
    [
        ("DON'T STOP", ["DO", "N'T", "STOP"]),
        ("I'M HERE, OK?", ["I", "'M", "HERE", "OK"]),
        ("CANNOT (WAIT)", ["CAN", "NOT", "WAIT"]),
        ("U.S. AI/ML well-KNOWN", ["U.S.", "AI/ML"]),
        ("**BOLD** *x*", ["BOLD"]),
        ("A,B C:D 3:30", ["A", "B", "C", "D"]),
    ],
)
def test_word_tokens_cut_like_treebank(text: str, upper: list[str]) -> None:
    assert [w for w in word_tokens(text) if w.isupper()] == upper


texts = st.text(alphabet=st.sampled_from("ab []<>*-\n\t"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_bracket_scanner_equals_the_reference_regex(text: str) -> None:
    assert count_bracketed(text) == len(re.findall(r"\[.*?\]", text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_title_scanner_equals_the_reference_regex(text: str) -> None:
    found = [t for t in (first_title(line) for line in text.split("\n")) if t is not None]
    assert found == re.findall(r"<<[^\n]+>>", text)


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 4))
def test_bullet_count_equals_the_reference_regexes(text: str, n: int) -> None:
    reference = len(re.findall(r"^\s*\*[^\*].*$", text, flags=re.MULTILINE)) + len(
        re.findall(r"^\s*-.*$", text, flags=re.MULTILINE)
    )
    assert number_bullet_lists(text, n) is (reference == n)


def test_hostile_inputs_are_scored_not_stuck() -> None:
    # Each is quadratic for the reference's regexes; ours scan them once.
    assert count_bracketed("[" * 200_000) == 0
    assert first_title("<" * 200_000) is None
    assert number_bullet_lists("\n" * 200_000 + "* x", 1) is True
    assert count_sentences("Go. " * 20_000) == 20_000
    assert count_sentences("x.)" * 50_000) == 50_000
    assert count_sentences("a. " * 20_000) == 1  # "a." reads as an initial before a lower-case word
