"""External check: Math-Verify 0.9.0's own regression cases, scored by our `math` verifier.

The cases (tests/data/math/math_verify_cases.json) were read out of the sdist's `tests/` by
tests/data/math/extract_math_verify_cases.py. Each is scored with Math-Verify's extraction on the
raw prediction (strategy `math_verify*`, matching the targets the case used), so only comparison
differs. Agreement must be >= 96.5%, and every disagreement must be one listed here, with why.
"""

from __future__ import annotations

import json
from pathlib import Path

from verifiers import verify_local

CASES = json.loads((Path(__file__).parent / "data" / "math" / "math_verify_cases.json").read_text())
STRATEGY = {("latex", "expr"): "math_verify", ("latex",): "math_verify_latex", ("expr",): "math_verify_expr"}

INTENDED = {
    # Their expected True is their own known false positive: `\mathrm{e}` truncates both answers to
    # `1`, so 1 - 1/e "equals" 1 + 1/e. We read \mathrm{e} as e and reject it (issue #14, ref. 2.4).
    "test_yujianll::test_string_extraction[9]": "mathrm-e truncation false positive",
    # Gold `1,22` with a decimal comma. We read a comma in an answer as a list separator ({1, 22}),
    # never as a decimal point: `\boxed{1,22}` from a model means two numbers far more often.
    "test_all::test_number_extraction[6]": "decimal comma read as a list",
    # A relation in the answer is judged as a whole (issue 11): `1/2 \$ = 10/9` states 1/2 = 10/9 and
    # `x = 1/3 \approx 1.3` states 1/3 ~ 1.3; both are false, so we do not keep the last side alone.
    "test_all::test_latex_notation[9]": "false relation 1/2 = 10/9",
    "test_all::test_relations_math[16]": "false relation 1/3 ~ 1.3",
    # Their chains with a false middle step, expected to pass because Math-Verify keeps only the first
    # left side and the last right side: `x = 5+5+1 = 7 = 11`, `x = 5+5+1 = 1/3 ~ 11`, `z = 3+3 = 2`.
    "test_all::test_relations_math[10]": "false chain 7 = 11",
    "test_all::test_relations_math[12]": "false chain 7 = 11",
    "test_all::test_relations_math[13]": "false chain 11 = 1/3",
    "test_all::test_relations_math[26]": "false chain 3+3 = 2",
    "test_all::test_relations_math[27]": "false chain 3+3 = 2",
}


def score(case: dict) -> bool:
    verdict = verify_local(
        "math",
        case["pred"],
        case["gold"],
        extract=[STRATEGY[tuple(case["match_types"])]],
        float_rounding=case["precision"],
        strict=case["strict"],
        relations=case["allow_set_relation_comp"],
    )
    return verdict.correct


def test_agreement_with_math_verify_suite() -> None:
    assert len(CASES) == 275  # the 291 pytest items less 16 that test parser internals, not pairs
    disagreements = {case["id"] for case in CASES if score(case) != case["expected"]}
    assert disagreements == set(INTENDED), sorted(disagreements ^ set(INTENDED))
    # 99% before issue 11; its relation class (7 cases whose expected pass is a false statement) is
    # the rest: 266/275 agree
    assert 1 - len(disagreements) / len(CASES) >= 0.965
