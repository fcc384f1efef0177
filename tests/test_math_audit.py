"""Audit of every verdict settled before or instead of Math-Verify, on special values (issue 11).

Each row is (group, gold, answer, our verdict, Math-Verify 0.9.0's verdict, why they differ). Where
they differ the note says why ours is intended; docs/math.md holds the same table. Math-Verify's
column is pinned too, so a change in its behaviour shows up here instead of silently.
"""

from __future__ import annotations

import pytest
from math_verify import parse, verify

from verifiers import verify_local

ROWS = [
    ('infinity', '\\infty', '\\infty', 1, 1, ''),
    ('infinity', '\\infty', '+\\infty', 1, 1, ''),
    ('infinity', '\\infty', '∞', 1, 0, 'unicode math is rewritten to LaTeX (`∞` -> `\\\\infty`)'),
    ('infinity', '\\infty', '-\\infty', 0, 0, ''),
    ('infinity', '-\\infty', '-\\infty', 1, 1, ''),
    ('infinity', '5', '\\infty', 0, 0, ''),
    ('infinity', '5', '-\\infty', 0, 0, ''),
    ('infinity', '\\infty', '\\frac{1}{0}', 0, 0, ''),
    ('infinity', '5', '\\frac{5}{0}', 0, 0, ''),
    ('infinity', '5', '\\log(0)', 0, 0, ''),
    ('infinity', '10^{30}', '\\infty', 0, 0, ''),
    ('infinity', '(5, \\infty)', '(5, -\\infty)', 0, 0, ''),
    ('nan', '\\frac{0}{0}', '\\frac{0}{0}', 1, 1, ''),
    ('nan', '5', '\\frac{0}{0}', 0, 0, ''),
    ('nan', '5', '\\infty - \\infty', 0, 0, ''),
    ('nan', '12:00', '1:00', 0, 0, ''),
    ('nan', '1', '1^{\\infty}', 0, 0, ''),
    ('signed zero', '0', '-0', 1, 1, ''),
    ('signed zero', '0', '-0.0', 1, 1, ''),
    ('signed zero', '0', '+0', 1, 1, ''),
    ('signed zero', '-0', '0', 1, 1, ''),
    ('signed zero', '0.0', '-0.0', 1, 1, ''),
    ('signed zero', '0', '0.0000001', 0, 0, ''),
    ('intervals', '(1, 2)', '(1, 2)', 1, 1, ''),
    ('intervals', '(1, 2)', '[1, 2]', 0, 0, ''),
    ('intervals', '[1, 2)', '[1, 2]', 0, 0, ''),
    ('intervals', '(1, 2]', '(1, 2]', 1, 1, ''),
    ('intervals', '(-\\infty, 3)', '(-\\infty, 3]', 0, 0, ''),
    ('intervals', '(-\\infty, 3)', 'x < 3', 0, 0, ''),
    ('intervals', '[2, \\infty)', 'x \\ge 2', 0, 0, ''),
    ('intervals', '[2, \\infty)', '(2, \\infty)', 0, 0, ''),
    ('percent', '50\\%', '0.5', 1, 1, ''),
    ('percent', '50\\%', '50', 1, 1, ''),
    ('percent', '0.5', '50\\%', 1, 1, ''),
    ('percent', '5', '5\\%', 1, 1, ''),
    ('percent', '12.5\\%', '12.5', 1, 0, 'a percent gold also accepts its number without the sign (Math-Verify does so for integers only)'),
    ('percent', '12.5\\%', '0.125', 1, 1, ''),
    ('percent', '\\frac{1}{3}', '33.3\\%', 0, 0, ''),
    ('huge integers', '2^{2023}-1', '2^{2023}', 0, 0, ''),
    ('huge integers', '2^{2023}-1', '2^{2023}-1', 1, 1, ''),
    ('huge integers', '10^{30}+10^{9}', '10^{30}', 0, 0, ''),
    ('huge integers', '100!+1', '100!', 0, 0, ''),
    ('huge integers', '\\binom{100}{50}+1', '\\binom{100}{50}', 0, 0, ''),
    ('huge integers', '10^{30}+10^{9}', '1.0\\times10^{30}', 0, 1, 'a decimal for an exact gold needs >= 5 significant digits; Math-Verify rounds absolutely'),
    ('huge integers', '1000001', '1000000.0', 0, 0, ''),
    ('huge integers', '2^{2023}-1', '2^{2023}+0.0', 0, 0, ''),
    ('huge integers', '\\frac{1}{2^{99}}', '\\frac{1}{2^{98}}', 0, 1, "exact values compare exactly; Math-Verify's 6-place rounding calls them equal"),
    ('few digits', '\\frac{1}{3}', '0.33', 0, 0, ''),
    ('few digits', '\\frac{1}{3}', '0.333333', 1, 1, ''),
    ('few digits', '\\frac{1}{3}', '0.33333', 1, 0, '5 significant digits, within 1e-5 relative and one unit of the last place'),
    ('few digits', '\\pi', '3.14', 0, 0, ''),
    ('few digits', '\\pi', '3.14159', 1, 0, '6 significant digits, a correct truncation; Math-Verify compares 6 decimal places'),
    ('few digits', '3.14', '\\pi', 1, 0, 'a decimal gold states its precision: the answer rounds to it'),
    ('few digits', '1.5', '1.51', 1, 0, 'a decimal gold states its precision: 1.51 rounds to 1.5'),
    ('few digits', '1.5', '1.4', 0, 0, ''),
    ('few digits', '0.5', '0.50', 1, 1, ''),
    ('few digits', '2', '2.0', 1, 1, ''),
    ('few digits', '5', '4.9999999', 1, 0, 'a decimal within one unit of its last place and 1e-5 relative of an exact gold'),
    ('few digits', '5', '4.99999', 1, 0, 'a decimal within one unit of its last place and 1e-5 relative of an exact gold'),
    ('few digits', '\\frac{1}{3}', '0.3333333333333333', 1, 1, ''),
    ('few digits', '6.02\\times10^{23}', '602214076000000000000000', 1, 0, 'a decimal gold states its precision: 3 significant digits'),
    ('few digits', '\\frac{3\\pi}{2}', '1.5\\pi', 1, 1, ''),
]  # fmt: skip


@pytest.mark.parametrize(("group", "gold", "answer", "ours", "theirs", "note"), ROWS)
def test_special_value(group: str, gold: str, answer: str, ours: int, theirs: int, note: str) -> None:
    completion = f"\\boxed{{{answer}}}"
    verdict = verify_local("math", completion, gold)
    assert int(verdict.correct) == ours, (group, gold, answer, verdict.reason)
    assert int(bool(verify(parse(f"\\boxed{{{gold}}}"), parse(completion)))) == theirs, (group, gold, answer)
    assert (ours != theirs) == bool(note), "every disagreement with Math-Verify carries its reason"


def test_audit_covers_every_special_value_class() -> None:
    groups = {row[0] for row in ROWS}
    assert groups == {"infinity", "nan", "signed zero", "intervals", "percent", "huge integers", "few digits"}
