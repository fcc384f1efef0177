"""The `numeric` verifier: reading a value and unit, conversion, dimensions, tolerance, hedges, bad specs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifiers import Status, verify, verify_batch
from verifiers.registry import verify_local
from verifiers.stem.numeric import parse_region

V = {"value": 20.0, "unit": "m/s"}
G = {"value": 9.81, "unit": "m/s^2"}
T_K = {"value": 298.15, "unit": "K"}
T_C = {"value": 25.0, "unit": "degC"}
DELTA = {"value": 10.0, "unit": "delta_degC"}
FRACTION = {"value": 0.42, "unit": None}
PERCENT = {"value": 42.0, "unit": "%"}
SMALL = {"value": 3.2e-5, "unit": "mol/L"}
ENERGY = {"value": 1500.0, "unit": "J"}
CAP = {"value": 4.7e-6, "unit": "F"}
OHMS = {"value": 220.0, "unit": "ohm"}
ZERO = {"value": 0.0, "unit": "m", "abs_tol": 0.01}
REJECT = {"value": 20.0, "unit": "m/s", "missing_unit": "reject"}
TIGHT = {"value": 100.0, "unit": "m", "rel_tol": 0.001}
ABS = {"value": 100.0, "unit": "m", "rel_tol": 0.0, "abs_tol": 0.5}
BIG = {"value": 12000.0, "unit": "N"}
LATEX_GOLD = {"value": 9.81, "unit": r"\mathrm{m\,s^{-2}}"}
PRESSURE = {"value": 101.325, "unit": "kPa"}
ANGLE = {"value": 30.0, "unit": "degree"}

C, W, N, M, E = Status.CORRECT, Status.WRONG, Status.NO_ANSWER, Status.MALFORMED, Status.ERROR

CASES: list[tuple[str, dict, Status]] = [
    # plain and boxed
    (r"\boxed{20 m/s}", V, C),
    (r"\boxed{20\ \mathrm{m/s}}", V, C),
    (r"\boxed{20\,\text{m/s}}", V, C),
    (r"\boxed{20 \text{ m/s}}", V, C),
    (r"\boxed{20\,\mathrm{m\,s^{-1}}}", V, C),
    (r"\boxed{20 \frac{m}{s}}", V, C),
    (r"\boxed{20 m s^-1}", V, C),
    (r"\boxed{20 m s-1}", V, C),
    (r"\boxed{20 m·s⁻¹}", V, C),
    (r"\boxed{20 meters per second}", V, C),
    (r"\boxed{20.0 m/s}", V, C),
    (r"\boxed{+20 m/s}", V, C),
    (r"$\boxed{v = 20\text{ m/s}}$", V, C),
    (r"\boxed{v \approx 20 m/s}", V, C),
    (r"\boxed{20 m/s}.", V, C),
    # conversions
    (r"\boxed{72 km/h}", V, C),
    (r"\boxed{72\ \text{km/h}}", V, C),
    (r"\boxed{72 kph}", V, C),
    (r"\boxed{0.02 km/s}", V, C),
    (r"\boxed{2000 cm/s}", V, C),
    (r"\boxed{44.74 mph}", V, C),
    (r"\boxed{20 km/h}", V, W),
    (r"\boxed{72 m/s}", V, W),
    (r"\boxed{1.5 kJ}", ENERGY, C),
    (r"\boxed{1500 N m}", ENERGY, C),
    (r"\boxed{1500 kg m^2/s^2}", ENERGY, C),
    (r"\boxed{358.5 cal}", ENERGY, C),
    (r"\boxed{1.5 J}", ENERGY, W),
    (r"\boxed{4.7\,\mu F}", CAP, C),
    (r"\boxed{4.7 µF}", CAP, C),
    (r"\boxed{4.7 uF}", CAP, C),
    (r"\boxed{4700 nF}", CAP, C),
    (r"\boxed{4.7 mF}", CAP, W),
    (r"\boxed{0.1875 A}", {"value": 187.5, "unit": "mA"}, C),
    (r"\boxed{0.016 m ** 3}", {"value": 16.0, "unit": "L"}, C),
    (r"\boxed{16 dm^3}", {"value": 16.0, "unit": "L"}, C),
    ("Answer: 20 m/s at an angle of 30 degrees", V, W),  # every number in the final answer must agree
    ("Answer: 20 m/s, 20 kg, 20 s", V, W),
    (r"\boxed{220\,\Omega}", OHMS, C),
    (r"\boxed{220 Ω}", OHMS, C),
    (r"\boxed{0.22 k\Omega}", OHMS, C),
    (r"\boxed{0.22 kohm}", OHMS, C),
    (r"\boxed{0.22\ \text{k}\Omega}", OHMS, C),
    (r"Therefore, the final temperature is approximately $25^\circ\text{C}$.", T_C, C),
    (r"\boxed{4.5 \times 10^{-2} \text{ M}}", {"value": 0.045, "unit": "mol/L"}, C),
    (r"\boxed{20\text{ N}\cdot\text{m}}", {"value": 20.0, "unit": "J"}, C),
    (r"\boxed{1 atm}", PRESSURE, C),
    (r"\boxed{760 mmHg}", PRESSURE, C),
    (r"\boxed{101325 Pa}", PRESSURE, C),
    (r"\boxed{1.01325 bar}", PRESSURE, C),
    (r"\boxed{\pi/6 rad}", ANGLE, M),  # an expression, not a number
    (r"\boxed{0.5236 rad}", ANGLE, C),
    (r"\boxed{30^\circ}", ANGLE, C),
    (r"\boxed{30°}", ANGLE, C),
    # wrong dimension
    (r"\boxed{20 kg}", V, W),
    (r"\boxed{20 m}", V, W),
    (r"\boxed{20 s/m}", V, W),
    (r"\boxed{9.81 m/s}", G, W),
    (r"\boxed{1500 W}", ENERGY, W),
    (r"\boxed{298.15 J}", T_K, W),
    (r"\boxed{42 m}", PERCENT, W),
    (r"\boxed{0.42 kg}", FRACTION, W),
    # scientific notation and separators
    (r"\boxed{3.2e-5 mol/L}", SMALL, C),
    (r"\boxed{3.2E-5 M}", SMALL, C),
    (r"\boxed{3.2 \times 10^{-5}\ \mathrm{mol/L}}", SMALL, C),
    (r"\boxed{3.2 × 10^-5 mol/L}", SMALL, C),
    (r"\boxed{3.2\cdot10^{-5} mol\,L^{-1}}", SMALL, C),
    (r"\boxed{3.2 x 10^-5 M}", SMALL, C),
    (r"\boxed{3.2 * 10**-5 M}", SMALL, C),
    (r"\boxed{3.2 × 10⁻⁵ M}", SMALL, C),
    (r"\boxed{32 \mu M}", SMALL, C),
    (r"\boxed{0.032 mM}", SMALL, C),
    (r"\boxed{3.2 \times 10^{-4} M}", SMALL, W),
    (r"\boxed{3.2 \times 10^{5} M}", SMALL, W),
    (r"\boxed{12,000 N}", BIG, C),
    (r"\boxed{12\,000 N}", BIG, C),
    (r"\boxed{1.2 \times 10^{4} N}", BIG, C),
    (r"\boxed{12 kN}", BIG, C),
    (r"\boxed{1.2e4 N}", BIG, C),
    (r"\boxed{10^{4} N}", BIG, W),
    # temperatures (offsets) and differences
    (r"\boxed{25^\circ C}", T_K, C),
    (r"\boxed{25\,^{\circ}\mathrm{C}}", T_K, C),
    (r"\boxed{25 °C}", T_K, C),
    (r"\boxed{77 °F}", T_K, C),
    (r"\boxed{298 K}", T_C, C),
    (r"\boxed{25 K}", T_C, W),
    (r"\boxed{298.15 °C}", T_K, W),
    (r"\boxed{25 °C}", T_C, C),
    (r"\boxed{10 K}", DELTA, C),
    (r"\boxed{10 °C}", DELTA, C),
    (r"\boxed{283.15 K}", DELTA, W),
    # percent and dimensionless
    (r"\boxed{0.42}", FRACTION, C),
    (r"\boxed{42\%}", FRACTION, C),
    (r"\boxed{42 %}", FRACTION, C),
    (r"\boxed{42 percent}", FRACTION, C),
    (r"\boxed{\frac{21}{50}}", FRACTION, C),
    (r"\boxed{21/50}", FRACTION, C),
    (r"\boxed{42\%}", PERCENT, C),
    (r"\boxed{0.42}", PERCENT, W),  # a bare number is read in the gold's unit (%)
    (r"\boxed{42}", PERCENT, C),
    (r"\boxed{4.2}", FRACTION, W),
    # tolerance edges (1% relative by default)
    (r"\boxed{19.8 m/s}", V, C),
    (r"\boxed{20.2 m/s}", V, C),
    (r"\boxed{19.79 m/s}", V, W),
    (r"\boxed{20.21 m/s}", V, W),
    (r"\boxed{101 m}", {"value": 100.0, "unit": "m"}, C),
    (r"\boxed{101.01 m}", {"value": 100.0, "unit": "m"}, W),
    (r"\boxed{100.1 m}", TIGHT, C),
    (r"\boxed{100.2 m}", TIGHT, W),
    (r"\boxed{100.5 m}", ABS, C),
    (r"\boxed{100.6 m}", ABS, W),
    (r"\boxed{0 m}", ZERO, C),
    (r"\boxed{0.005 m}", ZERO, C),
    (r"\boxed{0.02 m}", ZERO, W),
    (r"\boxed{-20 m/s}", V, W),
    (r"\boxed{9.8 m/s^2}", G, C),
    (r"\boxed{9.81\ \mathrm{m\,s^{-2}}}", LATEX_GOLD, C),
    (r"\boxed{981 cm/s^2}", LATEX_GOLD, C),
    # missing units
    (r"\boxed{20}", V, C),
    (r"\boxed{20}", REJECT, M),
    (r"\boxed{20 m/s}", REJECT, C),
    (r"\boxed{72}", V, W),
    (r"\boxed{298.15}", T_K, C),
    # where the answer is read
    ("Answer: 20 m/s", V, C),
    ("**Answer:** 72 km/h", V, C),
    ("The final answer is 20 m/s.", V, C),
    ("Final answer: $v = 20\\,\\mathrm{m/s}$", V, C),
    ("The speed is 100 m / 5 s = 20 m/s", V, C),
    ("Reasoning about 30 m/s and 40 m/s...\nSo v = 20 m/s", V, C),
    ("First v = 30 m/s.\nAnswer: 20 m/s", V, C),
    (r"We had \boxed{20 m/s}. Later we mention 35 m/s.", V, C),
    ("The speed is 20 m/s (72 km/h).", V, C),
    (r"\boxed{20 m/s} = \boxed{72 km/h}", V, C),
    ("Answer: 20 m/s, which is quite fast", V, C),
    ("Answer: 20 m/s to the east", V, C),
    ("The answer is **20 m/s**.", V, C),
    ("**Answer:** **72 km/h**", V, C),
    ("Answer: *20 m/s*", V, C),
    ("**Final answer: 20 m/s**", V, C),
    # hedges and ranges
    (r"\boxed{20 m/s} or \boxed{25 m/s}", V, W),
    (r"\boxed{25 m/s} \boxed{20 m/s}", V, W),
    ("Answer: 20 or 25 m/s", V, W),
    ("Answer: 20 m/s or 25 m/s", V, W),
    ("Answer: 20-25 m/s", V, W),
    ("Answer: between 15 and 25 m/s", V, W),
    ("Answer: 20 ± 5 m/s", V, W),
    (r"\boxed{20 \pm 1 m/s}", V, W),
    (r"\boxed{v < 25 m/s}", V, W),
    (r"\boxed{v \geq 20 m/s}", V, W),
    ("Answer: 20 m/s\nAnswer: 25 m/s", V, W),
    (r"\boxed{19, 20, 21 m/s}", V, W),
    # no answer / malformed
    ("", V, N),
    ("I do not know.", V, N),
    (r"\boxed{v}", V, N),
    ("The speed doubles.", V, N),
    ("<think>the answer is 20 m/s", V, N),
    ("<think>Answer: 25 m/s</think>Answer: 20 m/s", V, C),
    ("<think>Answer: 20 m/s</think>Answer: 25 m/s", V, W),
    (r"\boxed{20 blorgs}", V, M),
    (r"\boxed{1e999 m/s}", V, M),
    (r"\boxed{10^{100000} m/s}", V, M),
    (r"\boxed{2 m^99999/s}", V, M),
    (r"\boxed{\sqrt{400} m/s}", V, M),
    ("Answer: 1" + "0" * 200 + " m/s", V, M),
    # bad gold specs are errors
    (r"\boxed{20}", {"unit": "m/s"}, E),
    (r"\boxed{20}", {"value": 20, "unit": "blorgs"}, E),
    (r"\boxed{20}", {"value": 20, "missing_unit": "maybe"}, E),
    (r"\boxed{20}", {"value": 20, "rel_tol": -1}, E),
    (r"\boxed{20}", {"value": "twenty"}, E),
    (r"\boxed{20}", [20], E),
]


def test_there_are_over_100_cases() -> None:
    assert len(CASES) >= 100


@pytest.mark.parametrize(("completion", "answer", "status"), CASES)
def test_case(completion: str, answer: dict, status: Status) -> None:
    verdict = verify_local("numeric", completion, answer)
    assert verdict.status is status, (completion, verdict)
    assert verdict.reward == (1.0 if status is C else 0.0)


def test_plain_number_and_string_golds() -> None:
    assert verify_local("numeric", r"\boxed{7}", 7).correct
    assert verify_local("numeric", r"\boxed{72 km/h}", "20 m/s").correct
    assert not verify_local("numeric", r"\boxed{72 km/h}", "72 m/s").correct


def test_options_override_the_answer_settings() -> None:
    assert not verify_local("numeric", r"\boxed{21 m/s}", V).correct
    assert verify_local("numeric", r"\boxed{21 m/s}", V, rel_tol=0.06).correct
    assert verify_local("numeric", r"\boxed{20}", V, missing_unit="reject").status is M
    assert verify_local("numeric", r"\boxed{20}", V, unknown_knob=1).status is E


def test_details_say_how_it_was_read() -> None:
    verdict = verify_local("numeric", r"\boxed{72 km/h}", V)
    assert verdict.details["method"] == "boxed"
    assert verdict.details["value_in_gold_unit"] == pytest.approx(20.0)
    assert verify_local("numeric", r"\boxed{20}", V).details["assumed_unit"] is True
    assert verify_local("numeric", r"\boxed{20} \boxed{21}", V).details["hedge"] is True
    assert "dimension" in (verify_local("numeric", r"\boxed{20 kg}", V).reason or "")


def test_parse_region_reads_each_quantity() -> None:
    readings = parse_region("20 m/s (72 km/h)")
    assert [r.value for r in readings] == [20.0, 72.0]
    assert [str(r.unit) for r in readings] == ["meter / second", "kilometer / hour"]


def test_hostile_inputs_do_not_raise() -> None:
    hostile = [
        "\\boxed{" * 5000,
        "9" * 100_000,
        "Answer: " * 20_000,
        "1 m " * 30_000,
        r"\boxed{" + "{" * 3000 + "}" * 3000 + "}",
        r"\boxed{1 \frac{" * 2000,
        "1e" + "9" * 5000,
        r"\boxed{2 " + "m*" * 5000 + "m}",
        "\x00\ud800",
    ]
    for text in hostile:
        verdict = verify_local("numeric", text, V)
        assert verdict.status in (C, W, N, M)


def test_through_the_worker_pool() -> None:
    items = [
        {"verifier": "numeric", "answer": V, "completion": c}
        for c in (r"\boxed{72 km/h}", r"\boxed{20 kg}", "nothing", r"\boxed{20} \boxed{30}")
    ]
    verdicts = verify_batch(items, workers=2)
    assert [v.status for v in verdicts] == [C, W, N, W]
    assert verify("numeric", r"\boxed{298 K}", T_C).correct


_ANSWER_ALPHABET = "0123456789.,-+eE^{}()[]/*=<>±×·⁻²\\ abcdfgkmnstxACFJKLMNPVWΩµ°%\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=_ANSWER_ALPHABET, max_size=60), st.sampled_from(["boxed", "answer", "raw"]))
def test_fuzz_never_errors(body: str, wrap: str) -> None:
    text = {"boxed": f"\\boxed{{{body}}}", "answer": f"Answer: {body}", "raw": body}[wrap]
    for gold in (V, T_C, FRACTION, SMALL):
        verdict = verify_local("numeric", text, gold)
        assert verdict.status in (C, W, N, M), (text, verdict)
