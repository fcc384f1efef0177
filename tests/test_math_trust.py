"""Kind `math` under attack (issue 11): each false-reward class with several instances, each beside
an honest control that must still score 1.0."""

from __future__ import annotations

import pytest
from math_verify import parse, verify

import envs
from verifiers import Status, verify_batch, verify_local

NUMERIC_GOLDS = [
    "5",
    "\\frac{3}{7}",
    "\\sqrt{2}",
    "2\\pi",
    "0",
    "-1",
    "10^{30}",
    "\\frac{1}{2^{99}}",
    "e^{2}",
]
NON_FINITE = [
    "\\infty", "-\\infty", "+\\infty", "\\infty^{2}", "10^{100}\\infty", "1/0", "\\frac{5}{0}", "\\log(0)",
    "\\ln 0", "\\tan(\\pi/2)", "\\cot 0", "\\frac{0}{0}", "0\\cdot\\infty", "\\infty-\\infty", "∞",
    "\\infty i", "-\\frac{1}{0}",
]  # fmt: skip


def score(gold: str, answer: str, **options: object) -> float:
    completion = answer if "\\boxed" in answer else f"The answer is \\boxed{{{answer}}}."
    verdict = verify_local("math", completion, gold, **options)
    assert verdict.status in (Status.CORRECT, Status.WRONG, Status.NO_ANSWER, Status.MALFORMED), verdict
    return verdict.reward


@pytest.mark.parametrize("gold", NUMERIC_GOLDS)
def test_non_finite_answers_never_equal_a_number(gold: str) -> None:
    assert score(gold, gold) == 1.0  # the honest control
    won = [answer for answer in NON_FINITE if score(gold, answer) != 0.0]
    assert won == [], (gold, won)


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("\\infty", "\\infty", 1.0), ("\\infty", "+\\infty", 1.0), ("\\infty", "∞", 1.0),
        ("-\\infty", "-\\infty", 1.0), ("\\infty", "-\\infty", 0.0), ("-\\infty", "\\infty", 0.0),
        ("\\infty", "\\frac{5}{0}", 0.0), ("\\infty", "10^{100}", 0.0), ("\\infty", "\\frac{0}{0}", 0.0),
        ("(-\\infty, 3)", "(-\\infty, 3)", 1.0), ("(-\\infty, 3)", "(\\infty, 3)", 0.0),
        ("(-\\infty, 3)", "(-\\infty, 3]", 0.0), ("[2, \\infty)", "[2, -\\infty)", 0.0),
        ("(5, 6)", "(5, \\infty)", 0.0), ("\\{1, 2\\}", "\\{1, \\infty\\}", 0.0), ("x", "x + \\infty", 0.0),
        ("12:00", "1:00", 0.0), ("\\frac{1}{0}", "\\frac{2}{0}", 0.0),
        ("5", "\\boxed{5} or maybe \\boxed{\\infty}", 0.0),
    ],
)  # fmt: skip
def test_non_finite_values_equal_only_the_same_value(gold: str, answer: str, expected: float) -> None:
    assert score(gold, answer) == expected


def test_constant_answers_do_not_win_the_math_env() -> None:
    """A policy that always answers one constant must earn ~0 on the `math` env, and never more
    than plain Math-Verify would give it."""
    tasks = envs.make("math").sample(100, seed=0)
    honest = [
        verify_local("math", f"\\boxed{{{t.answer}}}", t.answer, **t.metadata.get("verifier_options", {}))
        for t in tasks
    ]
    assert all(v.reward == 1.0 for v in honest)
    for constant in ("\\infty", "-\\infty", "\\frac{1}{0}", "0", "1", "\\pm 1", "(-\\infty, \\infty)"):
        completion = f"\\boxed{{{constant}}}"
        ours = [
            verify_local("math", completion, t.answer, **t.metadata.get("verifier_options", {})).reward
            for t in tasks
        ]
        theirs = [bool(verify(parse(f"\\boxed{{{t.answer}}}"), parse(completion))) for t in tasks]
        assert sum(ours) <= max(sum(theirs), 0), constant
        assert sum(ours) / len(tasks) <= 0.05, constant


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("2^{2023}-1", "2^{2023}"), ("100!+1", "100!"), ("\\binom{100}{50}+1", "\\binom{100}{50}"),
        ("10^{30}+10^{9}", "10^{30}"), ("2^{2023}\\sqrt{2}+1", "2^{2023}\\sqrt{2}"),
        ("\\frac{10^{40}+1}{3}", "\\frac{10^{40}}{3}"), ("\\frac{1}{2^{99}}", "\\frac{1}{2^{98}}"),
        ("10^{40}\\pi + 1", "10^{40}\\pi"), ("2^{2023}-1", "2^{2023}+0.0"), ("2^{2023}-1", "2.0^{2023}"),
        ("2^{2023}-1", "1.0 \\cdot 2^{2023}"), ("100!+1", "100! \\times 1.0"),
        ("10^{30}+10^{9}", "1.0\\times10^{30}"), ("1000001", "1000000.0"),
        ("10^{30}+10^{9}", "1000000000000000000000000000000.0"), ("\\frac{1}{3}", "0.33"),
        ("\\pi", "3.14"), ("5", "4.99"),
    ],
)  # fmt: skip
def test_exact_values_compare_exactly(gold: str, answer: str) -> None:
    assert score(gold, answer) == 0.0


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("2^{2023}-1", "-1+2^{2023}"), ("100!+1", "1+100!"),
        ("\\binom{100}{50}+1", "100891344545564193334812497257"),
        ("10^{30}+10^{9}", "1000000000000000000001000000000"), ("\\frac{1}{2^{99}}", "2^{-99}"),
        ("\\sin\\frac{\\pi}{12}", "\\frac{\\sqrt{6}-\\sqrt{2}}{4}"), ("\\frac{1}{3}", "0.333333"),
        ("\\pi", "3.14159"), ("3.14", "\\pi"), ("6.02\\times10^{23}", "602214076000000000000000"),
        ("10^{30}+10^{9}", "1.00000\\times10^{30}"), ("\\frac{3\\pi}{2}", "1.5\\pi"), ("\\frac{x}{2}+1", "0.5x+1"),
        ("5", "5.0"), ("\\frac{1}{4}", "0.25"), ("(\\frac{1}{3}, 2)", "(0.333333, 2)"),
    ],
)  # fmt: skip
def test_exact_values_controls_still_pass(gold: str, answer: str) -> None:
    assert score(gold, answer) == 1.0


@pytest.mark.parametrize(
    ("gold", "answer", "expected"),
    [
        ("5", "6=5", 0.0), ("5", "5=6", 0.0), ("5", "5 \\approx 7", 0.0), ("5", "7 \\approx 5", 0.0),
        ("5", "2+2=5", 0.0), ("5", "x = 6 = 5", 0.0), ("5", "x = 5 \\approx 7", 0.0), ("5", "4 \\sim 5", 0.0),
        ("5", "6 \\equiv 5", 0.0), ("5", "x = 5 \\text{ or } x = 6", 0.0), ("5", "5 =", 0.0),
        ("5", "2x = 5", 0.0), ("x = 5", "x = 6 = 5", 0.0), ("\\frac{10}{9}", "\\frac{1}{2} = \\frac{10}{9}", 0.0),
        ("5", "x=5", 1.0), ("5", "x = 2+3 = 5", 1.0), ("5", "f(3) = 5", 1.0), ("5", "a_{5} = 5", 1.0),
        ("\\pi", "\\pi \\approx 3.14", 1.0), ("5", "x \\approx 5.0", 1.0), ("x = 5", "x = 2+3 = 5", 1.0),
        ("2x+3", "y = 2x+3", 1.0), ("7", "x \\equiv 7", 1.0), ("\\sqrt{26}", "\\sqrt{26} \\approx 5", 1.0), ("5", "\\sqrt{26} \\approx 5", 0.0), ("5", "5 \\approx 6", 0.0),
    ],
)  # fmt: skip
def test_a_boxed_relation_is_judged_as_a_whole(gold: str, answer: str, expected: float) -> None:
    assert score(gold, answer) == expected


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("1000", "1e3"), ("1000", "1E3"), ("\\frac{1}{4000}", "2.5e-4"), ("-100", "-1e2"),
        ("1", "0.\\overline{9}"), ("\\frac{1}{3}", "0.\\overline{3}"), ("\\frac{1}{6}", "0.1\\overline{6}"),
        ("\\frac{8}{7}", "1.\\overline{142857}"), ("7", "7 \\pmod{9}"), ("7", "7 \\pmod 9"),
        ("7", "x \\equiv 7 \\pmod{9}"), ("7", "7 \\ (\\text{mod } 9)"), ("\\sqrt{2}", "√2"),
        ("2\\sqrt{3}", "2√3"), ("\\sqrt{x+1}", "√(x+1)"), ("\\pi", "π"), ("6", "2×3"), ("x^{2}", "x²"),
        ("10^{-3}", "10⁻³"), ("\\frac{1}{2}", "½"), ("\\frac{5}{2}", "2½"), ("1000000", "1 000 000"),
        ("2", "two"), ("21", "twenty-one"), ("305", "three hundred and five"), ("2", "\\text{two}"),
        ("-4", "negative four"), ("\\text{two}", "2"),
    ],
)  # fmt: skip
def test_unambiguous_notations_are_accepted(gold: str, answer: str) -> None:
    assert score(gold, answer) == 1.0


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("7", "16 \\pmod{9}"), ("100", "1e3"), ("1", "0.\\overline{8}"), ("2", "two or three"), ("12", "one two"),
        ("2", "twenty"), ("0", "none"), ("3", "\\sqrt{3}"), ("\\sqrt{3}", "√2"), ("\\frac{1}{3}", "½"),
        ("21", "twenty - one"), ("1", "one thousand"),
    ],
)  # fmt: skip
def test_notation_rewrites_open_no_false_positive(gold: str, answer: str) -> None:
    assert score(gold, answer) == 0.0


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("5", "5 \\lor 6"), ("5", "6 \\lor 5"), ("5", "6 \\vee 5"), ("5", "\\phantom{6}5"), ("6", "5 \\\\ 6"),
        ("11", "5 6"), ("0", "1 000"), ("5", "\\not 6 5"), ("5", "\\tag{6} 5"), ("6", "5 | 6"), ("6", "5 \\mid 6"),
        ("5", "5 \\text{ or } 6"), ("5", "\\text{5 or 6}"), ("5", "5 \\text{ (or 6)}"), ("5", "5, 6"),
        ("5", "\\{5, 6\\}"), ("5", "(5, 6)"), ("5", "\\pm 5"), ("-5", "\\pm 5"),
        ("5", "\\begin{pmatrix}5 & 6\\end{pmatrix}"), ("5", "\\boxed{5} \\boxed{6}"),
        ("5", "\\boxed{5} and also \\boxed{5 \\lor 6}"), ("5", "x \\in \\{5, 6\\}"), ("5", "\\boxed{\\boxed{5} 6}"), ("6", "\\boxed{5 \\boxed{6}}"), ("5", "5 \\cr 6"), ("6", "5 \\to 6"), ("6", "5 \\Rightarrow 6"), ("6", "5 \\operatorname{or} 6"), ("6", "5 ∨ 6"), ("6", "5 → 6"), ("6", "5 ⇒ 6"), ("6", "5 ∣ 6"), ("5", "5 ⊕ 6"), ("5", "5 ≈ 7"),
    ],
)  # fmt: skip
def test_a_box_holding_the_gold_and_more_scores_nothing(gold: str, answer: str) -> None:
    assert score(gold, answer) == 0.0


@pytest.mark.parametrize(
    ("gold", "answer"),
    [
        ("\\{5, 6\\}", "5 \\text{ or } 6"), ("\\pm 5", "\\pm 5"), ("\\{-5, 5\\}", "\\pm 5"), ("|x|", "|x|"),
        ("5", "|-5|"), ("\\begin{pmatrix}1\\\\2\\end{pmatrix}", "\\begin{pmatrix}1\\\\2\\end{pmatrix}"),
        ("5", "\\boxed{5} and again \\boxed{5}"), ("\\frac{5}{2}", "2 \\frac{1}{2}"),
    ],
)  # fmt: skip
def test_box_controls_still_pass(gold: str, answer: str) -> None:
    assert score(gold, answer) == 1.0


HOSTILE = [
    "7" + " " * 1990 + "x", "\\begin{a}" * 220, "=" * 1999, "\\approx " * 240, "1 " * 999, "|" * 1999,
    "0." + "\\overline{9}" * 150, "twenty " * 280, "√(" * 900, "²" * 1999, "(" * 1000 + ")" * 999,
    "x" + " = 1+1" * 300, "1e" + "9" * 1990, "5" * 100_000,
]  # fmt: skip


def test_hostile_answers_end_in_a_verdict_without_reward() -> None:
    """Long, repetitive or unbalanced boxes, thousands of boxes, huge texts: one verdict each, no
    `error`, no reward; anything slow is cut by the pool's timeout."""
    completions = [f"\\boxed{{{body}}}" for body in HOSTILE]
    completions += [
        "".join(f"\\boxed{{{i}}}" for i in range(3000)),
        "\\boxed{" * 5000 + "5",
        "x " * 100_000 + "\\boxed{5 \\lor 6}",
        "\\boxed{\\boxed{\\boxed{5} 6}}",
    ]
    items = [{"verifier": "math", "answer": "5", "completion": c} for c in completions]
    verdicts = verify_batch(items, workers=2, timeout_s=3.0)
    assert len(verdicts) == len(items)
    allowed = (Status.WRONG, Status.NO_ANSWER, Status.MALFORMED, Status.TIMEOUT)
    assert [v.status for v in verdicts if v.status not in allowed] == []
    assert all(v.reward == 0.0 for v in verdicts)
    honest = verify_batch([{"verifier": "math", "answer": "5", "completion": "x " * 100_000 + "\\boxed{5}"}])
    assert honest[0].reward == 1.0
