"""The `logic` verifier against answers that did no work: constants, the prompt echoed back, a grid with
every blank set to one digit, and the gold glued to other content without a separator. Each class has
several instances and an honest control (the gold, and a real near-miss that keeps partial credit)."""

from __future__ import annotations

import re

import pytest

import envs
from tests.support.logic_adversarial import model_completion, wrong_variant
from tests.support.logic_alternatives import right_answer
from verifiers import Task, verify_local
from verifiers.logic.fixes import compact, padded
from verifiers.logic.no_effort import CONSTANTS, above_floor, echo_answers


def _tasks(name: str, n: int = 8, seed: int = 5) -> list[Task]:
    return envs.make(name).sample(n, seed=seed)


def _reward(task: Task, text: str) -> float:
    return verify_local("logic", model_completion(text), task.answer).reward


def _gold(task: Task) -> str:
    gold = right_answer(task.answer["dataset"], task.answer["entry"])
    assert gold is not None
    return gold


# --------------------------------------------------------------------------- glued to the gold
@pytest.mark.parametrize(
    ("answer", "gold", "expected"),
    [
        pytest.param("3 days2 days", "2 days", True, id="hedge-glued-before"),
        pytest.param("2 days3 days", "2 days", True, id="hedge-glued-after"),
        pytest.param("I8I7", "I7", True, id="letters-glued"),
        pytest.param("4243", "43", True, id="digits-concatenated"),
        pytest.param("43x", "43", True, id="gold-plus-letter"),
        pytest.param("2 days, 3 days", "2 days", True, id="spaced-hedge"),
        pytest.param("0 00 0", "0 0", True, id="grid-twice"),
        pytest.param("RLUURURDx", "RLUURURD", True, id="moves-plus-junk"),
        pytest.param("2.0 7.0\n1.0 3.0\n5 5", "2 7\n1 3", True, id="grid-rows-added-other-numerals"),
        pytest.param("2 days", "2 days", False, id="control-gold"),
        pytest.param("2  DAYS.", "2 days", False, id="control-spacing-case-punctuation"),
        pytest.param("3.50", "3.5", False, id="control-same-number"),
        pytest.param("7.0", "7", False, id="control-whole-decimal"),
        pytest.param("22.4500", "22.4", False, id="control-decimal-gold-more-digits"),
        pytest.param("2.5", "2", True, id="integer-gold-plus-decimals"),
        pytest.param("12345", "2", True, id="gold-inside-a-longer-number"),
        pytest.param("12", "1 2", False, id="control-same-content"),
    ],
)
def test_the_padded_gate_reads_content_not_whitespace(answer: str, gold: str, expected: bool) -> None:
    assert padded(answer, gold) is expected


GLUED_ENVS = ["chain_sum", "products", "knights_knaves", "word_sorting", "time_intervals", "sokoban",
              "quantum_lock", "kakurasu", "futoshiki", "manipulate_matrix", "polynomial_equations",
              "spell_backward", "tower_of_hanoi", "letter_jumble", "tsumego"]  # fmt: skip


@pytest.mark.parametrize("name", GLUED_ENVS)
def test_gold_glued_to_other_content_earns_nothing(name: str) -> None:
    for task in _tasks(name, n=3):
        gold = _gold(task)
        assert _reward(task, gold) == 1.0  # honest control
        wrong = wrong_variant(gold)
        for text in (
            wrong + gold,
            gold + wrong,
            wrong.replace(" ", "") + gold,
            gold + "x",
            "x" + gold,
            gold + gold,
        ):
            assert _reward(task, text) == 0.0, (name, gold, text)


# --------------------------------------------------------------------------- constants and echoes
PARTIAL_ENVS = ["time_intervals", "word_sorting", "spell_backward", "futoshiki", "survo", "figlet_font",
                "letter_jumble", "pool_matrix", "arc_agi", "countdown", "boxnet", "complex_arithmetic"]  # fmt: skip


@pytest.mark.parametrize("name", PARTIAL_ENVS)
def test_constants_and_echoes_of_the_prompt_earn_nothing(name: str) -> None:
    for task in _tasks(name, n=6):
        gold = _gold(task)
        assert _reward(task, gold) == 1.0
        question = task.answer["entry"]["question"]
        for text in [*CONSTANTS, *echo_answers(question)]:
            if compact(text) == compact(gold):
                continue  # the prompt holds the answer itself (pool_matrix with a 1x1 pool)
            assert _reward(task, text) == 0.0, (name, text[:80])


def test_time_intervals_constant_zero_duration_earns_nothing() -> None:
    tasks = _tasks("time_intervals", n=30, seed=321)
    assert sum(_reward(t, "00:00") for t in tasks) == 0.0
    assert sum(_reward(t, "0:00:00") for t in tasks) == 0.0


def test_futoshiki_with_every_blank_set_to_one_digit_earns_nothing() -> None:
    for task in _tasks("futoshiki", n=4):
        grid = "\n".join(
            line for line in task.answer["entry"]["question"].splitlines() if re.search(r"[_\d]\s", line)
        )
        for digit in "1234":
            assert _reward(task, grid.replace("_", digit)) == 0.0


def test_a_real_near_miss_keeps_partial_credit_above_the_floor() -> None:
    task = next(t for t in _tasks("futoshiki", n=10) if "_" in t.answer["entry"]["question"])
    gold = _gold(task)
    rows = gold.split("\n")
    first = rows[0]
    digit = next(ch for ch in first if ch.isdigit())
    swapped = first.replace(digit, "9", 1)  # one cell wrong
    reward = _reward(task, "\n".join([swapped, *rows[1:]]))
    assert 0.0 < reward < 1.0


def test_a_constant_that_is_the_gold_sets_no_floor() -> None:
    from verifiers.logic.no_effort import no_effort_floor
    from verifiers.logic.rg import scorer

    entry = {"answer": "2", "question": "What is 1 + 1?", "metadata": {}}
    assert no_effort_floor(scorer("chain_sum"), entry) == 0.0  # "2" is a probe but it is the answer


def test_word_sorting_echo_reordered_by_a_little_earns_little() -> None:
    for task in _tasks("word_sorting", n=6):
        words = task.answer["entry"]["question"].rsplit(":", 1)[1].strip().split(", ")
        if len(words) < 4:
            continue
        nudged = ", ".join([words[1], words[0], *words[2:]])  # the echo with one swap: no sorting done
        assert _reward(task, nudged) <= 0.2


def test_knights_knaves_statement_copied_from_the_puzzle_earns_nothing() -> None:
    for task in _tasks("knights_knaves", n=10):
        question = task.answer["entry"]["question"]
        statements = re.findall(r"(?:if |)[A-Z]\w+ is an? \w+[^.\"]*", question)
        for text in statements:
            assert _reward(task, text) == 0.0 or text.strip(" .") == _gold(task).strip(" ."), text
        assert _reward(task, _gold(task)) == 1.0


def test_coin_flip_prefix_of_the_probability_earns_nothing() -> None:
    tasks = _tasks("coin_flip", n=30, seed=321)
    for task in tasks:
        gold = task.answer["entry"]["answer"]
        assert _reward(task, gold) == 1.0
        value = float(gold)
        if value > 1e-4:
            assert _reward(task, "0") == 0.0
        prefix = gold[:4]
        if abs(float(prefix) - value) > 1e-4:
            assert _reward(task, prefix) == 0.0, (gold, prefix)


@pytest.mark.parametrize(
    ("score", "floor", "expected"),
    [
        pytest.param(0.84, 0.84, 0.0, id="at-floor"),
        pytest.param(0.5, 0.84, 0.0, id="below-floor"),
        pytest.param(0.92, 0.84, 0.5, id="half-way-above"),
        pytest.param(1.0, 0.84, 1.0, id="gold-keeps-1"),
        pytest.param(0.3, 0.0, 0.3, id="no-floor"),
    ],
)
def test_partial_credit_counts_only_above_the_floor(score: float, floor: float, expected: float) -> None:
    assert above_floor(score, floor) == pytest.approx(expected)


@pytest.mark.parametrize("name", ["word_sorting", "futoshiki", "time_intervals", "letter_jumble"])
def test_many_candidates_and_the_whole_question_earn_nothing(name: str) -> None:
    for task in _tasks(name, n=4):
        gold = _gold(task)
        question = task.answer["entry"]["question"]
        assert _reward(task, question) == 0.0
        assert (
            _reward(task, "\n".join([wrong_variant(gold), gold, wrong_variant(wrong_variant(gold))])) == 0.0
        )


def test_compact_drops_every_whitespace_character_split_does() -> None:
    import sys

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    text = f"A{spaces}b 7.0\u3000c"
    assert compact(text) == "ab7c" == "".join(text.lower().replace("7.0", "7").split())
