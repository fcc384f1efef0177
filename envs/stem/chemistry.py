"""Chemistry problems: stoichiometry, gas laws, pH and molarity."""

from __future__ import annotations

import math
import random

from envs.stem.problems import Mistake, Problem, Template, fmt, given

R = 8.314  # J/(mol K)

# (equation, reactant, its coefficient, product, its coefficient)
REACTIONS = [
    ("2 H2 + O2 -> 2 H2O", "H2", 2, "H2O", 2),
    ("CH4 + 2 O2 -> CO2 + 2 H2O", "CH4", 1, "H2O", 2),
    ("CH4 + 2 O2 -> CO2 + 2 H2O", "O2", 2, "CO2", 1),
    ("2 Mg + O2 -> 2 MgO", "Mg", 2, "MgO", 2),
    ("CaCO3 -> CaO + CO2", "CaCO3", 1, "CO2", 1),
    ("N2 + 3 H2 -> 2 NH3", "N2", 1, "NH3", 2),
    ("N2 + 3 H2 -> 2 NH3", "H2", 3, "NH3", 2),
    ("2 Na + Cl2 -> 2 NaCl", "Cl2", 1, "NaCl", 2),
]
SOLUTES = [("NaCl", "sodium chloride"), ("NaOH", "sodium hydroxide"), ("CaCl2", "calcium chloride")]
FORMULA_MASS = {
    "H2": 2.016, "O2": 31.998, "H2O": 18.015, "CH4": 16.043, "CO2": 44.009, "Mg": 24.305, "MgO": 40.304,
    "CaCO3": 100.086, "CaO": 56.077, "N2": 28.014, "NH3": 17.031, "Na": 22.990, "Cl2": 70.90, "NaCl": 58.44,
    "NaOH": 39.997, "CaCl2": 110.98,
}  # fmt: skip


def _p(
    topic: str, question: str, value: float, unit: str, mistakes: list[Mistake], abs_tol: float = 0.0
) -> Problem:
    return Problem("chemistry", topic, question, value, unit, tuple(mistakes), abs_tol)


def product_mass(rng: random.Random, d: int) -> Problem:
    equation, reactant, a, product, b = rng.choice(REACTIONS if d >= 2 else REACTIONS[:2] + REACTIONS[3:6])
    m = given(rng, 2, 200, d)
    n = m / FORMULA_MASS[reactant]
    out = n * b / a * FORMULA_MASS[product]
    q = (
        f"For the reaction {equation}, what mass of {product} forms from {fmt(m)} g of {reactant} with the other "
        f"reactant in excess? Molar masses (g/mol): {reactant} {FORMULA_MASS[reactant]}, {product} "
        f"{FORMULA_MASS[product]}. Give the answer in g."
    )
    slips = [
        Mistake(n * FORMULA_MASS[product], "ignored the mole ratio from the balanced equation"),
        Mistake(n * a / b * FORMULA_MASS[product], "inverted the mole ratio"),
        Mistake(n * b / a, "gave the moles of product, not its mass"),
        Mistake(m * b / a, "carried the reactant's mass across without converting to moles"),
    ]
    return _p("stoichiometry", q, out, "g", slips)


def ideal_gas_pressure(rng: random.Random, d: int) -> Problem:
    n = given(rng, 0.2, 5, d)
    v_l = given(rng, 2, 50, d)
    t_c = float(rng.randint(-20, 150))
    t = t_c + 273.15
    p = n * R * t / (v_l / 1000)
    unit, factor = ("kPa", 1e-3) if d < 4 or rng.random() < 0.5 else ("atm", 1 / 101325)
    q = (
        f"{fmt(n)} mol of an ideal gas occupies {fmt(v_l)} L at {t_c:g} degrees C. What is its pressure? "
        f"Use R = {R} J/(mol K). Give the answer in {unit}."
    )
    slips = [
        Mistake(n * R * t_c / (v_l / 1000) * factor, "used the temperature in degrees C instead of kelvin"),
        Mistake(n * R * t / v_l * factor, "used the volume in litres as if it were m^3"),
        Mistake(n * R * t / (v_l / 1000) * factor * 1000, "dropped the k in kPa (answered in Pa)")
        if unit == "kPa"
        else Mistake(n * R * t / (v_l / 1000) / 1000, "gave kPa instead of atm"),
    ]
    return _p("gas laws", q, p * factor, unit, slips)


def boyle(rng: random.Random, d: int) -> Problem:
    p1 = given(rng, 80, 300, d)
    v1 = given(rng, 1, 20, d)
    p2 = given(rng, 80, 300, d)
    if abs(p2 - p1) < 0.1 * p1:
        p2 = round(p1 * 1.7, 1)
    v2 = p1 * v1 / p2
    q = (
        f"A gas at {fmt(p1)} kPa occupies {fmt(v1)} L. At constant temperature the pressure changes to {fmt(p2)} kPa. "
        "What is the new volume? Give the answer in L."
    )
    return _p(
        "gas laws",
        q,
        v2,
        "L",
        [
            Mistake(p2 * v1 / p1, "inverted the pressure ratio"),
            Mistake(v1 * (p1 + p2) / (2 * p1), "averaged the pressures"),
            Mistake(v2 * 1000, "answered in mL"),
        ],
    )


def strong_acid_ph(rng: random.Random, d: int) -> Problem:
    mant = rng.choice([1.0, 2.0, 2.5, 4.0, 5.0, 7.5]) if d >= 2 else 1.0
    exp = rng.randint(1, 5)
    c = mant * 10.0**-exp
    base = d >= 2 and rng.random() < 0.5
    name = rng.choice(["NaOH", "KOH"]) if base else rng.choice(["HCl", "HNO3"])
    ph = 14 + math.log10(c) if base else -math.log10(c)
    q = (
        f"What is the pH of a {fmt(c)} M aqueous solution of {name} at 25 degrees C (a strong "
        f"{'base' if base else 'acid'}, fully dissociated)? Give the answer as a number."
    )
    slips = [
        Mistake(-math.log(c), "used the natural logarithm"),
        Mistake(math.log10(c) if not base else 14 - math.log10(c), "got the sign of the logarithm wrong"),
    ]
    if base:
        slips.insert(0, Mistake(-math.log10(c), "gave the pOH instead of the pH"))
    else:
        slips.append(Mistake(14 + math.log10(c), "gave 14 - pH (the pOH)"))
    return _p("pH", q, ph, "", slips, abs_tol=0.02)


def molarity(rng: random.Random, d: int) -> Problem:
    formula, name = rng.choice(SOLUTES)
    m = given(rng, 1, 60, d)
    v_ml = given(rng, 100, 1000, d)
    mm = FORMULA_MASS[formula]
    c = m / mm / (v_ml / 1000)
    q = (
        f"{fmt(m)} g of {name} ({formula}, molar mass {mm} g/mol) is dissolved in water to make {fmt(v_ml)} mL of "
        "solution. What is the molar concentration? Give the answer in mol/L."
    )
    return _p(
        "molarity",
        q,
        c,
        "mol/L",
        [
            Mistake(m / mm / v_ml, "used the volume in mL as if it were L"),
            Mistake(m / (v_ml / 1000), "used the mass instead of the moles (g/L)"),
            Mistake(mm / m / (v_ml / 1000), "inverted the moles (molar mass / mass)"),
        ],
    )


def dilution(rng: random.Random, d: int) -> Problem:
    c1 = given(rng, 0.5, 6, d)
    v1 = given(rng, 10, 100, d)
    v2 = given(rng, 150, 1000, d)
    c2 = c1 * v1 / v2
    q = (
        f"{fmt(v1)} mL of a {fmt(c1)} M stock solution is diluted with water to a final volume of {fmt(v2)} mL. "
        "What is the new concentration? Give the answer in M."
    )
    return _p(
        "molarity",
        q,
        c2,
        "M",
        [
            Mistake(c1 * v2 / v1, "inverted the volume ratio"),
            Mistake(c1 * v1 / (v1 + v2), "added the stock volume to the final volume"),
            Mistake(c2 * 1000, "answered in mM"),
        ],
    )


TEMPLATES = [
    Template("chemistry", "stoichiometry", 1, product_mass),
    Template("chemistry", "gas laws", 1, boyle),
    Template("chemistry", "gas laws", 2, ideal_gas_pressure),
    Template("chemistry", "pH", 1, strong_acid_ph),
    Template("chemistry", "molarity", 1, molarity),
    Template("chemistry", "molarity", 2, dilution),
]
