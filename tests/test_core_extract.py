"""Answer extraction shared by the verifiers: the final text after reasoning, boxed answers, answer tags."""

from __future__ import annotations

import pytest

from verifiers.extract import answer_tags, boxed_all, final_text, last_answer_tag, last_boxed


@pytest.mark.parametrize(
    ("completion", "expected"),
    [
        ("plain answer", "plain answer"),
        ("<think>a</think>b", "b"),
        ("<think>a</think>b<think>c</think>d", "d"),
        ("<think>never closed <answer>1</answer>", None),
        ("", ""),
        (None, None),
        (12, None),
    ],
    ids=["plain", "after-think", "after-last-think", "unclosed-think", "empty", "none", "not-text"],
)
def test_final_text(completion, expected):
    assert final_text(completion) == expected


def test_boxed_all_skips_unclosed_and_keeps_escaped_braces():
    text = r"so \boxed{\frac{1}{2}} and then \boxed{x^{2}+\{1\}} and \boxed{unclosed"
    assert boxed_all(text) == [r"\frac{1}{2}", r"x^{2}+\{1\}"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(r"\fbox{3}", "3"), ("none", None), (r"\boxed{1} then \boxed{2}", "2")],
    ids=["fbox", "no-box", "last-wins"],
)
def test_last_boxed(text, expected):
    assert last_boxed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("<answer>1</answer> x <ANSWER> 2 </ANSWER>", "2"), ("<answer>open", None)],
    ids=["last-any-case", "unclosed"],
)
def test_last_answer_tag(text, expected):
    assert last_answer_tag(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<answer>a<answer>b</answer>", ["a<answer>b"]),  # an open pairs with the next close
        ("</answer> <answer>x</answer></answer><answer>y", ["x"]),  # stray closes are ignored
        ("<answer></answer><Answer> z </answer>", ["", " z "]),
    ],
    ids=["nested-open", "stray-close", "empty-and-mixed-case"],
)
def test_answer_tags(text, expected):
    assert answer_tags(text) == expected
