"""Verifier kind `numeric`: a final number with its unit, converted and compared within a tolerance.

answer: `{"value": 9.81, "unit": "m/s^2", "rel_tol": 0.01, "abs_tol": 0.0, "missing_unit": "assume"}`
(unit null or "" for a pure number; `rel_tol` defaults to 1%, `abs_tol` to 0, `missing_unit` to
"assume": a bare number is read in the gold's unit; "reject" makes it malformed). Options passed to
`verify` (or `verifier_options` in a Task) override the answer's settings.

Reading order: every `\\boxed{}` holding a number, else every "Answer: ..." line, else the last line
with a number. All of them must agree (two different final values are a hedge and score 0), and so
must every number inside one of them, so a range (`±`, `<`, "3-4 m") or a list scores 0 too. Units are converted with pint; a wrong dimension scores 0.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import pint

from verifiers.extract import boxed_all
from verifiers.registry import register_verifier
from verifiers.stem.units import (
    UREG,
    UnitError,
    leading_unit,
    normalize,
    numbers,
    parse_unit,
    quantity,
    unit_name,
)
from verifiers.types import Status, Verdict

MAX_TEXT = 50_000  # only the tail of a completion can hold its final answer
MAX_REGION = 400
MAX_BOXES = 16
DEFAULTS: dict[str, Any] = {"rel_tol": 0.01, "abs_tol": 0.0, "missing_unit": "assume"}
MISSING_UNIT_POLICIES = ("assume", "reject")

_ANSWER_MARK = re.compile(r"(?i)\b(?:final\s+)?answer\b[\s*_]*(?:is\b[\s*_:]*|[:=][\s*_]*)")
_BOUND = re.compile(r"[<>≤≥]|\b(?:le|ge|leq|geq|lt|gt)\b")
_OPERATOR_BEFORE = re.compile(r"(?:[/*^√]|[A-Za-z/]\s*\(|\b(?:sqrt|log|ln|exp|sin|cos|tan))\s*$")
_FRACTION = re.compile(r"(?<![\w.^])\(?(\d+(?:\.\d+)?)\)?\s*/\s*\(?(\d+(?:\.\d+)?)\)?(?![\d.])")


class Hedge(ValueError):
    """More than one final value, or a range: scores 0."""


@dataclass(frozen=True)
class Reading:
    """One number the model committed to, with the unit written after it (None when none was)."""

    value: float
    unit: pint.Unit | None
    unit_text: str
    source: str

    def as_quantity(self, fallback: pint.Unit) -> pint.Quantity:
        return quantity(self.value, self.unit if self.unit is not None else fallback)


def _fractions(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        den = float(m.group(2))
        return repr(float(m.group(1)) / den) if den else m.group(0)

    return _FRACTION.sub(repl, s)


def parse_region(raw: str) -> list[Reading]:
    """The quantities in one answer region (a box's content, an "Answer:" line, a last line).

    Raises Hedge for a range or bound, ValueError / UnitError for what cannot be read.
    """
    s = normalize(raw[:MAX_REGION])
    if "±" in s:
        raise Hedge("the answer is a range (±)")
    cut = max(s.rfind("="), s.rfind("≈"))
    if cut >= 0 and numbers(s[cut + 1 :]):
        s = s[cut + 1 :]
    if _BOUND.search(s):
        raise Hedge("the answer is a bound, not a value")
    s = _fractions(s)
    found = numbers(s)
    if found and _OPERATOR_BEFORE.search(s[: found[0].start]):
        raise ValueError(f"an expression, not a number: {raw.strip()[:80]!r}")
    readings: list[Reading] = []
    for i, num in enumerate(found):
        tail = s[num.end : found[i + 1].start if i + 1 < len(found) else len(s)]
        unit, unit_text, _ = leading_unit(tail)
        readings.append(Reading(num.value, unit, unit_text, raw.strip()[:200]))
    return readings


def _regions(text: str) -> tuple[str, list[str]]:
    boxes = [b for b in boxed_all(text, MAX_BOXES) if re.search(r"\d", b)]
    if boxes:
        return "boxed", boxes
    lines = [m.end() for m in _ANSWER_MARK.finditer(text)]
    marked = [text[i : i + MAX_REGION].split("\n", 1)[0] for i in lines[-MAX_BOXES:]]
    marked = [m for m in marked if re.search(r"\d", m)]
    if marked:
        return "answer_line", marked
    for line in reversed(text.splitlines()):
        if re.search(r"\d", line):
            return "last_line", [line[-MAX_REGION:]]
    return "none", []


def _same(a: pint.Quantity, b: pint.Quantity, rel_tol: float) -> bool:
    try:
        if not a.is_compatible_with(b):
            return False
        x, y = float(a.to(b.units).magnitude), float(b.magnitude)
    except Exception:
        return False
    return abs(x - y) <= max(rel_tol, 1e-9) * max(abs(x), abs(y)) or x == y


def _agree(a: Reading, b: Reading, rel_tol: float) -> bool:
    """Two readings name the same quantity; a bare number takes the other reading's unit."""
    unit = a.unit if a.unit is not None else b.unit
    unit = unit if unit is not None else UREG.dimensionless
    return _same(a.as_quantity(unit), b.as_quantity(unit), rel_tol)


def read_answer(text: str, rel_tol: float = 0.01) -> tuple[str, Reading]:
    """The model's single final quantity and how it was found; raises Hedge, ValueError or LookupError."""
    method, regions = _regions(text[-MAX_TEXT:])
    if not regions:
        raise LookupError("no number after the reasoning")
    finals: list[Reading] = []
    for region in regions:
        readings = parse_region(region)
        if not readings:
            continue
        final = readings[-1]
        if not all(_agree(final, other, rel_tol) for other in readings[:-1]):
            raise Hedge(f"two different values in one answer: {region.strip()[:120]!r}")
        finals.append(final)
    if not finals:
        raise LookupError("no number after the reasoning")
    last = finals[-1]
    if not all(_agree(last, other, rel_tol) for other in finals[:-1]):
        raise Hedge(f"{len(finals)} final answers that disagree ({method})")
    return method, last


@dataclass(frozen=True)
class Gold:
    value: float
    unit: pint.Unit
    unit_text: str
    rel_tol: float
    abs_tol: float
    missing_unit: str


def gold_from(answer: Any, options: dict[str, Any]) -> Gold:
    """The ground truth and settings; ValueError with what to fix when the answer spec is bad."""
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        answer = {"value": answer}
    elif isinstance(answer, str):
        readings = parse_region(answer)
        if len(readings) != 1:
            raise ValueError(f"answer string {answer!r} must hold exactly one number")
        answer = {"value": readings[0].value, "unit": readings[0].unit_text}
    if not isinstance(answer, dict) or "value" not in answer:
        raise ValueError('numeric answer must be a dict like {"value": 9.81, "unit": "m/s^2"}')
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown numeric option(s) {sorted(unknown)}; valid: {sorted(DEFAULTS)}")
    settings = {**DEFAULTS, **{k: answer[k] for k in DEFAULTS if answer.get(k) is not None}, **options}
    value = float(answer["value"])
    rel_tol, abs_tol = float(settings["rel_tol"]), float(settings["abs_tol"])
    if not (math.isfinite(value) and math.isfinite(rel_tol) and math.isfinite(abs_tol)):
        raise ValueError("value, rel_tol and abs_tol must be finite numbers")
    if rel_tol < 0 or abs_tol < 0:
        raise ValueError("rel_tol and abs_tol must be >= 0")
    if settings["missing_unit"] not in MISSING_UNIT_POLICIES:
        raise ValueError(
            f"missing_unit must be one of {MISSING_UNIT_POLICIES}, got {settings['missing_unit']!r}"
        )
    unit_text = str(answer.get("unit") or "")
    unit = parse_unit(normalize(unit_text)) if unit_text.strip() else UREG.dimensionless
    return Gold(value, unit, unit_text, rel_tol, abs_tol, str(settings["missing_unit"]))


def _as_delta(unit: pint.Unit) -> pint.Unit:
    """°C/°F read as temperature differences (for a gold that is a difference)."""
    text = unit_name(unit)
    for name in ("degree_Celsius", "degree_Fahrenheit"):
        if name in text and "delta_" + name not in text:
            text = text.replace(name, "delta_" + name)
    return UREG.parse_units(text)


def compare(reading: Reading, gold: Gold) -> Verdict:
    """Convert the reading to the gold's unit and apply the tolerance."""
    details: dict[str, Any] = {
        "value": reading.value,
        "unit": unit_name(reading.unit) if reading.unit is not None else None,
        "gold_value": gold.value,
        "gold_unit": unit_name(gold.unit),
        "rel_tol": gold.rel_tol,
        "abs_tol": gold.abs_tol,
    }
    extracted = reading.source
    unit = reading.unit
    if unit is None:
        if gold.unit == UREG.dimensionless:
            unit = UREG.dimensionless
        elif gold.missing_unit == "reject":
            return Verdict.fail(
                Status.MALFORMED,
                f"the answer has no unit (expected one like {gold.unit_text!r}); this task rejects bare numbers",
                extracted=extracted,
                details=details,
            )
        else:
            unit = gold.unit
            details["assumed_unit"] = True
    if "delta_" in unit_name(gold.unit):
        unit = _as_delta(unit)
    model = quantity(reading.value, unit)
    if not model.is_compatible_with(gold.unit):
        details["dimension"] = str(model.dimensionality)
        return Verdict.scored(
            0.0,
            extracted=extracted,
            details=details,
            reason=f"wrong dimension: {model.dimensionality} is not {quantity(1, gold.unit).dimensionality}",
        )
    converted = float(model.to(gold.unit).magnitude)
    error = abs(converted - gold.value)
    tol = max(gold.rel_tol * abs(gold.value), gold.abs_tol)
    details["value_in_gold_unit"] = converted
    details["rel_err"] = error / abs(gold.value) if gold.value else (0.0 if error == 0 else math.inf)
    ok = error <= tol * (1 + 1e-9)
    reason = None if ok else f"{converted:.6g} {gold.unit:~} is outside the tolerance of {gold.value:g}"
    return Verdict.scored(1.0 if ok else 0.0, extracted=extracted, details=details, reason=reason)


@register_verifier("numeric")
def verify_numeric(text: str, answer: Any, **options: Any) -> Verdict:
    """A number with its unit against the gold, after unit conversion, within a tolerance."""
    try:
        gold = gold_from(answer, options)
    except (ValueError, TypeError, UnitError) as exc:
        return Verdict.fail(Status.ERROR, f"bad numeric answer spec: {exc}")
    try:
        method, reading = read_answer(text, gold.rel_tol)
    except Hedge as exc:
        return Verdict.scored(0.0, details={"hedge": True}, reason=f"hedge: {exc}")
    except LookupError as exc:
        return Verdict.fail(Status.NO_ANSWER, str(exc))
    except (ValueError, UnitError) as exc:
        return Verdict.fail(Status.MALFORMED, f"could not read the final answer: {exc}")
    try:
        verdict = compare(reading, gold)
    except (pint.PintError, ValueError, TypeError, ArithmeticError) as exc:
        return Verdict.fail(Status.MALFORMED, f"unit conversion failed: {type(exc).__name__}: {exc}"[:500])
    verdict.details["method"] = method
    return verdict
