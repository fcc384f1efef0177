"""The `ifeval` verifier kind: answer schema, strict/loose, fraction/all, statuses, the real pool path."""

from __future__ import annotations

import pytest

from verifiers import Status, Task, verify, verify_batch, verify_local, verify_task
from verifiers.ifeval import response_variants

TWO = [
    {"id": "punctuation:no_comma"},
    {"id": "length_constraints:number_words", "kwargs": {"relation": "at least", "num_words": 3}},
]


def answer(instructions: list[dict], **extra: object) -> dict:
    return {"instructions": instructions, **extra}


def test_fraction_reward_and_per_instruction_details() -> None:
    v = verify_local("ifeval", "one, two, three", answer(TWO))
    assert v.reward == 0.5 and v.status is Status.PARTIAL and not v.correct
    assert v.details["instructions"] == [
        {"id": "punctuation:no_comma", "followed": False},
        {"id": "length_constraints:number_words", "followed": True},
    ]
    assert "punctuation:no_comma" in (v.reason or "")


def test_all_mode_is_all_or_nothing() -> None:
    assert verify_local("ifeval", "one, two, three", answer(TWO, mode="all")).reward == 0.0
    full = verify_local("ifeval", "one two three", answer(TWO, mode="all"))
    assert full.reward == 1.0 and full.status is Status.CORRECT and full.correct


def test_loose_mode_tries_the_reference_variants() -> None:
    ids = [{"id": "startend:quotation"}]
    text = 'Sure, here it is:\n"Wrapped answer."'
    assert verify_local("ifeval", text, answer(ids)).reward == 0.0
    assert verify_local("ifeval", text, answer(ids, strict=False)).reward == 1.0
    bold = [{"id": "punctuation:no_comma"}]
    assert verify_local("ifeval", "a, b", answer(bold, strict=False)).reward == 0.0


def test_response_variants_match_the_reference_order() -> None:
    variants = response_variants("*a*\nb\n*c*")
    assert variants == ["*a*\nb\n*c*", "a\nb\nc", "b\n*c*", "*a*\nb", "b", "b\nc", "a\nb", "b"]


def test_none_kwargs_are_dropped_like_the_reference_loaders() -> None:
    item = {
        "id": "length_constraints:number_words",
        "kwargs": {"relation": "at least", "num_words": 2, "keywords": None},
    }
    assert verify_local("ifeval", "two words", answer([item])).reward == 1.0
    assert verify_local("ifeval", "x", answer([{"id": "punctuation:no_comma", "kwargs": None}])).reward == 1.0


@pytest.mark.parametrize(
    ("bad", "fragment"),
    [
        (answer([{"id": "punctuation:no_coma"}]), "Did you mean 'punctuation:no_comma'"),
        (
            answer([{"id": "length_constraints:number_words", "kwargs": {"num_words": 3}}]),
            "missing kwarg 'relation'",
        ),
        (
            answer(
                [{"id": "length_constraints:number_words", "kwargs": {"num_words": 3, "relation": "at most"}}]
            ),
            "relation",
        ),
        (answer([{"id": "punctuation:no_comma", "kwargs": {"letter": "a"}}]), "unknown kwarg"),
        (
            answer(
                [
                    {
                        "id": "keywords:letter_frequency",
                        "kwargs": {"letter": "ab", "let_frequency": 1, "let_relation": "at least"},
                    }
                ]
            ),
            "single character",
        ),
        (
            answer([{"id": "count:word_count_range", "kwargs": {"min_words": 9, "max_words": 3}}]),
            "larger than max_words",
        ),
        (answer([]), "non-empty 'instructions'"),
        (answer(TWO, mode="most"), "'mode'"),
        (answer(TWO, strict="yes"), "'strict'"),
        ("not a dict", "must be an object"),
        (answer(["punctuation:no_comma"]), "needs an 'id'"),
    ],
)
def test_bad_task_data_is_an_error_verdict_that_says_what_to_fix(bad: object, fragment: str) -> None:
    v = verify_local("ifeval", "some answer", bad)
    assert v.status is Status.ERROR and v.reward == 0.0
    assert fragment in (v.reason or "")


def test_empty_and_unclosed_think_answers_score_zero() -> None:
    assert verify_local("ifeval", "   ", answer(TWO)).status is Status.NO_ANSWER
    assert verify_local("ifeval", "<think>still thinking", answer(TWO)).status is Status.NO_ANSWER


def test_only_the_text_after_think_is_judged() -> None:
    ids = [{"id": "punctuation:no_comma"}]
    assert verify_local("ifeval", "<think>a, b, c</think>no commas here", answer(ids)).reward == 1.0
    assert verify_local("ifeval", "<think>fine</think>but, a comma", answer(ids)).reward == 0.0


def test_the_pool_path_and_a_task_record() -> None:
    task = Task(
        env="ifeval",
        domain="instruction_following",
        prompt=[{"role": "user", "content": "Say three words without commas."}],
        verifier="ifeval",
        answer=answer(TWO),
    )
    assert verify_task(task, "one two three").reward == 1.0
    assert verify("ifeval", "one, two", answer(TWO)).reward == 0.0
    verdicts = verify_batch(
        [
            {"task": task, "completion": "one two three"},
            {"task": task.model_dump(), "completion": "a, b"},
            {"verifier": "ifeval", "answer": answer([{"id": "nope:nope"}]), "completion": "x"},
            {"verifier": "ifeval", "answer": answer(TWO), "completion": "[" * 100_000 + " word," * 1000},
        ],
        workers=2,
    )
    assert [v.reward for v in verdicts] == [1.0, 0.0, 0.0, 0.5]
    assert [v.status for v in verdicts] == [Status.CORRECT, Status.WRONG, Status.ERROR, Status.PARTIAL]
