"""Kind `math`: the project's own equivalence cases, options, statuses and hostile inputs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from verifiers import Status, verify_batch, verify_local

CASES_FILE = Path(__file__).parent / "data" / "math" / "equivalence_cases.tsv"


def load_cases() -> list[tuple[str, str, str, bool, dict[str, Any]]]:
    """(category, gold, completion, expected, options); a bare prediction is put in a box."""
    cases = []
    for line in CASES_FILE.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        category, gold, pred, expected = fields[:4]
        options = json.loads(fields[4]) if len(fields) > 4 and fields[4] else {}
        if pred.startswith("RAW:"):
            completion = pred[4:]
        elif "\\boxed" in pred:
            completion = pred
        else:
            completion = f"So the answer is \\boxed{{{pred}}}."
        cases.append((category, gold, completion, expected == "1", options))
    return cases


CASES = load_cases()
CATEGORIES = {
    "fractions", "decimals", "percent", "radicals", "pi_e", "scientific", "intervals", "sets", "tuples",
    "vectors_matrices", "equations", "units_text", "degrees", "complex", "large_integers", "multiple_answers",
    "latex_variants", "false_positives", "false_negatives", "hedging", "form", "exact", "pathological", "extraction",
}  # fmt: skip


def test_case_set_covers_the_issue() -> None:
    assert len(CASES) >= 300
    assert {c[0] for c in CASES} == CATEGORIES
    assert sum(not c[3] for c in CASES) >= 100  # rejections matter as much as acceptances


@pytest.mark.parametrize(("category", "gold", "completion", "expected", "options"), CASES)
def test_equivalence_case(
    category: str, gold: str, completion: str, expected: bool, options: dict[str, Any]
) -> None:
    verdict = verify_local("math", completion, gold, **options)
    assert verdict.correct is expected, (category, gold, completion, verdict.reason)
    assert verdict.reward == (1.0 if expected else 0.0)
    assert verdict.status in (Status.CORRECT, Status.WRONG, Status.NO_ANSWER, Status.MALFORMED)


def test_cases_through_worker_pool_match_in_process() -> None:
    """The real path (forkserver workers, options from the item) gives the same verdicts."""
    sample = CASES[::7]
    items = [{"verifier": "math", "answer": g, "completion": c, "options": o} for _, g, c, _, o in sample]
    verdicts = verify_batch(items, workers=2)
    assert [v.correct for v in verdicts] == [c[3] for c in sample]


def test_statuses_and_reasons() -> None:
    assert verify_local("math", "no box here, 42", "42").status is Status.NO_ANSWER
    assert verify_local("math", "<think>\\boxed{42}", "42").status is Status.NO_ANSWER  # unclosed reasoning
    empty = verify_local("math", "\\boxed{ }", "42")
    assert empty.status is Status.MALFORMED
    hedge = verify_local("math", "\\boxed{3} or \\boxed{4}", "3")
    assert hedge.status is Status.WRONG and "hedged" in (hedge.reason or "")
    tower = verify_local("math", "\\boxed{9^{9^{9^9}}}", "2")
    assert tower.status is Status.WRONG and "too large" in (tower.reason or "")
    assert verify_local("math", "\\boxed{5}", "5").extracted == "5"


def test_bad_options_and_answers_are_errors_not_exceptions() -> None:
    assert verify_local("math", "\\boxed{1}", "1", extract=["nope"]).status is Status.ERROR
    assert verify_local("math", "\\boxed{1}", "1", form="pretty").status is Status.ERROR
    unknown = verify_local("math", "\\boxed{1}", "1", tolerance=3)
    assert unknown.status is Status.ERROR and "valid options" in (unknown.reason or "")
    assert verify_local("math", "\\boxed{1}", None).status is Status.ERROR
    assert verify_local("math", "\\boxed{1}", 1).correct  # a numeric gold is read as its text
    assert verify_local("math", "\\boxed{1}", "\\frac{1}{").status in (Status.ERROR, Status.WRONG)


def test_options_come_from_task_metadata() -> None:
    task = {
        "env": "t",
        "domain": "math",
        "prompt": [{"role": "user", "content": "Factor x^2-1."}],
        "verifier": "math",
        "answer": "(x-1)(x+1)",
        "metadata": {"verifier_options": {"form": "factor"}},
    }
    expanded, factored = verify_batch(
        [{"task": task, "completion": "\\boxed{x^2-1}"}, {"task": task, "completion": "\\boxed{(x+1)(x-1)}"}],
        workers=1,
    )
    assert not expanded.correct and "factored" in (expanded.reason or "")
    assert factored.correct


def test_long_completions_only_the_final_answer_is_read() -> None:
    reasoning = "Let us try \\boxed{7} first. " + "We expand $(a+b)^2 = a^2 + 2ab + b^2$ and check. " * 300
    assert 5_000 < len(reasoning) < 20_000
    assert verify_local("math", f"<think>{reasoning}</think> The answer is \\boxed{{12}}.", "12").correct
    # a boxed guess inside the reasoning does not count
    assert not verify_local("math", f"<think>{reasoning}</think> The answer is \\boxed{{13}}.", "7").correct


@pytest.mark.parametrize(
    "completion",
    [
        "x" * 100_000,
        "\\boxed{" + "1+" * 50_000 + "1}",
        "\\boxed{" * 5_000,
        "\\boxed{" + "{" * 3_000 + "}" * 3_000 + "}",
        "\\boxed{\\frac{" + "\\frac{1}{" * 400 + "2" + "}" * 401 + "}",
        "\\boxed{\x00\udcff}",
        "\\boxed{\\begin{pmatrix}" + "1 & " * 2_000 + "\\end{pmatrix}}",
        "\\boxed{" + "9^{" * 40 + "9" + "}" * 40 + "}",
        "\\boxed{100000000!}",
    ],
)
def test_hostile_completions_get_a_verdict_without_reward(completion: str) -> None:
    verdict = verify_local("math", completion, "2")
    assert verdict.reward == 0.0
    assert verdict.status in (Status.WRONG, Status.NO_ANSWER, Status.MALFORMED)


def test_non_string_completion_is_malformed() -> None:
    assert verify_local("math", None, "1").status is Status.MALFORMED  # type: ignore[arg-type]
