"""The `mcq` verifier: strict final-choice extraction, hedges, option-text fallback, bad specs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifiers import Status, verify_batch
from verifiers.registry import verify_local

SPEEDS = {"letter": "B", "options": ["10 m/s", "20 m/s", "30 m/s", "40 m/s"]}
TEN = {"letter": "J", "options": [f"option {i}" for i in range(10)]}
TWO = {"letter": "A", "options": ["true", "false"]}
NO_OPTIONS = {"letter": "C"}

C, W, N, E = Status.CORRECT, Status.WRONG, Status.NO_ANSWER, Status.ERROR

# (completion, answer, expected status); reward is 1 exactly when the status is correct.
CASES: list[tuple[str, dict, Status]] = [
    # boxed forms
    (r"\boxed{B}", SPEEDS, C),
    (r"So the final answer is $\boxed{B}$.", SPEEDS, C),
    (r"\boxed{(B)}", SPEEDS, C),
    (r"\boxed{[B]}", SPEEDS, C),
    (r"\boxed{\text{B}}", SPEEDS, C),
    (r"\boxed{\textbf{B}}", SPEEDS, C),
    (r"\boxed{\mathrm{B}}", SPEEDS, C),
    (r"\boxed{B: 20 m/s}", SPEEDS, C),
    (r"\boxed{B) 20 m/s}", SPEEDS, C),
    (r"\boxed{B.}", SPEEDS, C),
    (r"\boxed{b}", SPEEDS, C),
    (r"\boxed{ B }", SPEEDS, C),
    (r"\fbox{B}", SPEEDS, C),
    (r"\boxed{Option B}", SPEEDS, C),
    (r"\boxed{A}", SPEEDS, W),
    (r"\boxed{C}", SPEEDS, W),
    (r"\boxed{D}", SPEEDS, W),
    (r"\boxed{20 m/s}", SPEEDS, C),
    (r"\boxed{30 m/s}", SPEEDS, W),
    (r"\boxed{E}", SPEEDS, W),
    (r"\boxed{Z}", SPEEDS, W),
    (r"\boxed{B} and again \boxed{B}", SPEEDS, C),
    (r"\boxed{B} then Answer: A", SPEEDS, C),  # the box outranks the phrase
    # hedges
    (r"\boxed{A} \boxed{B}", SPEEDS, W),
    (r"\boxed{B} or maybe \boxed{C}", SPEEDS, W),
    (r"\boxed{A or B}", SPEEDS, W),
    (r"\boxed{A/B}", SPEEDS, W),
    (r"\boxed{B, C}", SPEEDS, W),
    (r"\boxed{B and D}", SPEEDS, W),
    (r"\boxed{B \lor C}", SPEEDS, W),
    (r"\boxed{(A) or (B)}", SPEEDS, W),
    ("Answer: A or B", SPEEDS, W),
    ("Answer: B or C", SPEEDS, W),
    ("Answer: A/B", SPEEDS, W),
    ("Answer: B/D", SPEEDS, W),
    ("Answer: A and C", SPEEDS, W),
    ("Answer: B, C", SPEEDS, W),
    ("Answer: B & C", SPEEDS, W),
    ("The answer is (B) or (C).", SPEEDS, W),
    ("The answer is B.\nAnswer: A", SPEEDS, W),
    ("Answer: B\nFinal answer: C", SPEEDS, W),
    ("Answer: B) 30 m/s", SPEEDS, W),  # letter and a different option's text
    (r"\boxed{B: 30 m/s}", SPEEDS, W),
    ("B or C", SPEEDS, W),
    ("(A) (B)", SPEEDS, W),
    ("Comparing (A) and (C), we get (B)", SPEEDS, W),
    # answer phrases
    ("Answer: B", SPEEDS, C),
    ("Answer: (B)", SPEEDS, C),
    ("Answer: [B]", SPEEDS, C),
    ("ANSWER: B", SPEEDS, C),
    ("answer: b", SPEEDS, N),  # a bare lower-case letter after a phrase is prose, not a choice
    ("answer: (b)", SPEEDS, C),
    ("**Answer:** B", SPEEDS, C),
    ("**Answer: B**", SPEEDS, C),
    ("**Final Answer:** (B)", SPEEDS, C),
    ("Final answer: B", SPEEDS, C),
    ("The answer is B", SPEEDS, C),
    ("The answer is (B).", SPEEDS, C),
    ("The correct answer is B because the speed doubles.", SPEEDS, C),
    ("The correct option is B.", SPEEDS, C),
    ("The best choice is (B)", SPEEDS, C),
    ("The final answer is: B", SPEEDS, C),
    ("I choose B.", SPEEDS, C),
    ("I'll go with B", SPEEDS, C),
    ("Answer = B", SPEEDS, C),
    ("Answer: Option B", SPEEDS, C),
    ("Answer: B. 20 m/s", SPEEDS, C),
    ("Answer: B: 20 m/s", SPEEDS, C),
    ("<answer>B</answer>", SPEEDS, C),
    ("<answer>(B)</answer>", SPEEDS, C),
    ("Answer: A", SPEEDS, W),
    ("Answer: D", SPEEDS, W),
    ("The answer is (C).", SPEEDS, W),
    ("Answer: 20 m/s", SPEEDS, C),  # option text, names exactly one option
    ("Answer: 20 M/S", SPEEDS, C),
    ("Answer: $20\\,\\text{m/s}$", SPEEDS, C),
    ("Answer: 40 m/s", SPEEDS, W),
    ("Answer: 25 m/s", SPEEDS, N),  # names no option
    ("Answer: I think it is B", SPEEDS, N),  # "I" is the pronoun here, not option I
    ("Option A is wrong. Option C is wrong.\nFinal answer: B", SPEEDS, C),
    ("The answer is not A.\nAnswer: B", SPEEDS, C),
    ("To answer this we compare speeds.\nAnswer: B", SPEEDS, C),
    # the last line alone
    ("B", SPEEDS, C),
    ("(B)", SPEEDS, C),
    ("B.", SPEEDS, C),
    ("**B**", SPEEDS, C),
    ("B) 20 m/s", SPEEDS, C),
    ("Reasoning...\n\nTherefore the speed doubles, so (B).", SPEEDS, C),
    ("We compute the ratio and get (B)", SPEEDS, C),
    ("20 m/s", SPEEDS, C),
    ("30 m/s", SPEEDS, W),
    ("(A)", SPEEDS, W),
    ("C", SPEEDS, W),
    # no answer
    ("", SPEEDS, N),
    ("   \n  ", SPEEDS, N),
    ("I am not sure.", SPEEDS, N),
    ("The speed doubles because the time halves.", SPEEDS, N),
    ("A force acts on the body.", SPEEDS, N),
    ("The answer is a bit tricky.", SPEEDS, N),
    (r"\boxed{}", SPEEDS, N),
    (r"\boxed{B", SPEEDS, N),  # unclosed box is ignored
    # think handling (the dispatcher judges only the text after </think>)
    ("<think>Maybe A? Answer: A</think>\nAnswer: B", SPEEDS, C),
    ("<think>Answer: B</think>\nAnswer: A", SPEEDS, W),
    ("<think>\\boxed{B}</think>I don't know.", SPEEDS, N),
    ("<think>Answer: B ... never closed", SPEEDS, N),
    # other option counts
    (r"\boxed{J}", TEN, C),
    ("Answer: (J)", TEN, C),
    ("Answer: I", TEN, W),
    (r"\boxed{K}", TEN, W),
    ("Answer: option 9", TEN, C),
    (r"\boxed{A}", TWO, C),
    ("Answer: true", TWO, C),
    ("Answer: false", TWO, W),
    (r"\boxed{C}", TWO, W),
    (r"\boxed{C}", NO_OPTIONS, C),
    (r"\boxed{Z}", NO_OPTIONS, W),
    ("Answer: (C)", NO_OPTIONS, C),
    # bad gold specs are errors, never a reward
    (r"\boxed{B}", {"letter": "E", "options": ["a", "b", "c", "d"]}, E),
    (r"\boxed{B}", {"options": ["a", "b"]}, E),
    (r"\boxed{B}", {"letter": "BB", "options": ["a", "b"]}, E),
    (r"\boxed{B}", {"letter": "B", "options": "ab"}, E),
]


def test_there_are_over_100_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize(("completion", "answer", "status"), CASES)
def test_case(completion: str, answer: dict, status: Status) -> None:
    verdict = verify_local("mcq", completion, answer)
    assert verdict.status is status, (completion, verdict)
    assert verdict.reward == (1.0 if status is C else 0.0)


def test_hedges_are_flagged_and_methods_reported() -> None:
    hedge = verify_local("mcq", r"\boxed{A} \boxed{B}", SPEEDS)
    assert hedge.details["hedge"] is True and "hedge" in (hedge.reason or "")
    assert verify_local("mcq", r"\boxed{B}", SPEEDS).details["method"] == "boxed"
    assert verify_local("mcq", "Answer: B", SPEEDS).details["method"] == "answer_phrase"
    assert verify_local("mcq", "(B)", SPEEDS).details["method"] == "final_line"
    assert verify_local("mcq", r"\boxed{B}", SPEEDS).extracted == "B"


def test_all_26_letters() -> None:
    options = [f"choice {i}" for i in range(26)]
    for i, letter in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ"):
        assert verify_local("mcq", rf"\boxed{{{letter}}}", {"letter": letter, "options": options}).correct
        other = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[(i + 1) % 26]
        assert not verify_local("mcq", rf"\boxed{{{other}}}", {"letter": letter, "options": options}).correct


def test_hostile_inputs_do_not_raise() -> None:
    hostile = [
        "\\boxed{" * 5000,
        "A" * 200_000,
        "Answer: " * 20_000,
        "\x00\x01",
        "(" * 10_000 + "B",
        "<answer>" * 20_000,
    ]
    for text in hostile:
        verdict = verify_local("mcq", text, SPEEDS)
        assert verdict.status in (N, W, C, Status.MALFORMED)
    assert verify_local("mcq", r"\boxed{B}", SPEEDS, bogus=1).status is E


def test_through_the_worker_pool() -> None:
    items = [
        {"verifier": "mcq", "answer": SPEEDS, "completion": c}
        for c in (r"\boxed{B}", "Answer: A or B", "hmm")
    ]
    verdicts = verify_batch(items, workers=2)
    assert [v.status for v in verdicts] == [C, W, N]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="ABCDEabcde()[]{}\\/,:*. \nAnswerisboxdtxIor&", max_size=60))
def test_fuzz_never_errors(text: str) -> None:
    for completion in (text, f"\\boxed{{{text}}}", f"Answer: {text}"):
        verdict = verify_local("mcq", completion, SPEEDS)
        assert verdict.status in (C, W, N), (completion, verdict)
