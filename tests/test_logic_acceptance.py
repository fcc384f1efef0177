"""Every logic env, 20 tasks each, scored through the real verifier pool in one batch:

- a right answer written as a model would (reasoning in <think>, then <answer>) scores 1.0, also on
  the Task reloaded from JSON;
- an empty, a truncated (<think> never closed) and a garbage completion score 0 with the right status;
- the audit's adversarial answers (tests/support/logic_adversarial.py) are never correct and never an error;
  those that pad or hedge a stored gold answer score 0.
"""

from __future__ import annotations

from collections import Counter

import pytest

import envs
from tests.support.logic_adversarial import adversarial_answers, model_completion
from tests.support.logic_alternatives import right_answer
from verifiers import Status, Task, Verdict, verify_batch

N_TASKS = 20
# Adversarial answers go to this many of the 20 tasks; fewer where the scorer or generator is slow.
N_ADVERSARIAL = 4
SLOW = {
    "futoshiki",
    "knight_swap",
    "sokoban",
    "zebra_puzzles",
    "puzzle24",
    "countdown",
    "intermediate_integration",
}
# Variants built around a right answer: with a stored gold, a careful grader gives them nothing.
PADDED = {
    "hedge_or",
    "hedge_or_rev",
    "hedge_list",
    "hedge_lines",
    "embedded",
    "not_gold",
    "gold_twice",
    "huge_gold_padding",
    "huge_gold_repeat",
    "maybe",
}

# One-word tasks that credit each letter in place (the dataset's own shaping, kept): a wrong word such
# as "None" may earn partial credit there, never full.
LETTER_CREDIT = {"figlet_font", "spell_backward"}

LOGIC_ENVS = [n for n in envs.list_envs(domain="logic") if n != "composite"]


@pytest.fixture(scope="module")
def scored() -> list[tuple[str, str, Task, str | None, Verdict]]:
    """(env, case, task, variant, verdict) for every completion, scored in one verify_batch call."""
    rows: list[tuple[str, str, Task, str | None]] = []
    items = []

    def add(name: str, case: str, task: Task, completion: str, variant: str | None = None) -> None:
        rows.append((name, case, task, variant))
        items.append({"task": task, "completion": completion})

    for name in LOGIC_ENVS:
        tasks = envs.make(name).sample(N_TASKS, seed=2024)
        for i, task in enumerate(tasks):
            entry = task.answer["entry"]
            right = right_answer(task.answer["dataset"], entry)
            if right is not None:
                add(name, "right", task, model_completion(right))
                add(
                    name,
                    "right_reloaded",
                    Task.model_validate_json(task.model_dump_json()),
                    model_completion(right),
                )
            add(name, "empty", task, "")
            add(name, "truncated", task, "<think>Let me think about this step by step. First")
            add(name, "garbage", task, "<think>hmm</think>\n<answer>qwzx plorb zzz</answer>")
            if i < (2 if name in SLOW else N_ADVERSARIAL):
                gold = entry["answer"] if isinstance(entry.get("answer"), str) else right
                for variant, text in adversarial_answers(gold, heavy=name not in SLOW).items():
                    add(name, "adversarial", task, model_completion(text), variant)
    verdicts = verify_batch(items)
    return [(*row, verdict) for row, verdict in zip(rows, verdicts, strict=True)]


def _failures(rows, predicate) -> Counter[str]:  # type: ignore[no-untyped-def]
    return Counter(
        f"{name}:{variant or case}"
        for name, case, _t, variant, v in rows
        if predicate(name, case, variant, v)
    )


def test_every_logic_env_was_scored(scored) -> None:  # type: ignore[no-untyped-def]
    assert {row[0] for row in scored} == set(LOGIC_ENVS)
    assert len(LOGIC_ENVS) == 105


def test_right_answers_score_one(scored) -> None:  # type: ignore[no-untyped-def]
    bad = _failures(scored, lambda n, c, _v, v: c.startswith("right") and v.reward != 1.0)
    assert not bad, bad
    covered = {name for name, case, *_ in scored if case == "right"}
    assert covered == set(LOGIC_ENVS)


def test_reloaded_task_gives_the_same_verdict(scored) -> None:  # type: ignore[no-untyped-def]
    by_task: dict[tuple[str, str], list[Verdict]] = {}
    for _name, case, task, _variant, verdict in scored:
        if case.startswith("right"):
            by_task.setdefault((task.id, case), []).append(verdict)
    for (task_id, case), verdicts in by_task.items():
        if case == "right":
            again = by_task[(task_id, "right_reloaded")]
            assert [(v.reward, v.status) for v in verdicts] == [(v.reward, v.status) for v in again]


def test_empty_and_truncated_are_no_answer(scored) -> None:  # type: ignore[no-untyped-def]
    bad = _failures(
        scored,
        lambda n, c, _v, v: c in ("empty", "truncated") and (v.status is not Status.NO_ANSWER or v.reward),
    )
    assert not bad, bad


def test_garbage_scores_zero(scored) -> None:  # type: ignore[no-untyped-def]
    bad = _failures(
        scored,
        lambda n, c, _v, v: (
            c == "garbage" and (v.reward != 0.0 or v.status not in (Status.WRONG, Status.MALFORMED))
        ),
    )
    assert not bad, bad


def test_adversarial_answers_are_never_correct(scored) -> None:  # type: ignore[no-untyped-def]
    bad = _failures(scored, lambda n, c, _v, v: c == "adversarial" and v.correct)
    assert not bad, bad


def test_no_scorer_raises_on_model_text(scored) -> None:  # type: ignore[no-untyped-def]
    bad = _failures(scored, lambda n, c, _v, v: v.status in (Status.ERROR, Status.TIMEOUT))
    assert not bad, bad


def test_padding_or_hedging_a_stored_gold_earns_nothing(scored) -> None:  # type: ignore[no-untyped-def]
    def padded(name: str, case: str, variant: str | None, verdict: Verdict) -> bool:
        return case == "adversarial" and variant in PADDED and verdict.reward > 0

    bad = _failures([r for r in scored if isinstance(r[2].answer["entry"].get("answer"), str)], padded)
    assert not bad, bad


def test_junk_with_no_right_answer_in_it_earns_nothing(scored) -> None:  # type: ignore[no-untyped-def]
    def earned(name: str, case: str, variant: str | None, verdict: Verdict) -> bool:
        letter_word = name in LETTER_CREDIT and variant in ("none", "garbage")
        return case == "adversarial" and variant not in PADDED and verdict.reward > 0 and not letter_word

    bad = _failures(scored, earned)
    assert not bad, bad
