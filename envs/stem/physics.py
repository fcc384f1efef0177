"""Physics problems: kinematics, dynamics, energy, circuits, waves and thermodynamics."""

from __future__ import annotations

import math
import random

from envs.stem.problems import Mistake, Problem, Template, fmt, given

G = 9.81
C_WATER = 4186.0  # J/(kg K)


def _p(
    topic: str, question: str, value: float, unit: str, mistakes: list[Mistake], abs_tol: float = 0.0
) -> Problem:
    return Problem("physics", topic, question, value, unit, tuple(mistakes), abs_tol)


def uniform_acceleration(rng: random.Random, d: int) -> Problem:
    a = given(rng, 0.5, 5, d)
    t = given(rng, 2, 12, d)
    if d >= 3 and rng.random() < 0.6:
        u_kmh = given(rng, 18, 90, d)
        u, start = u_kmh / 3.6, f"{fmt(u_kmh)} km/h"
        slips = [Mistake(u_kmh * t + 0.5 * a * t * t, "used the speed in km/h as if it were m/s")]
    else:
        u = given(rng, 1, 20, d)
        start, slips = f"{fmt(u)} m/s", []
    s = u * t + 0.5 * a * t * t
    q = (
        f"A car moving at {start} accelerates uniformly at {fmt(a)} m/s^2 for {fmt(t)} s. "
        "How far does it travel in that time? Give the answer in m."
    )
    slips += [
        Mistake(u * t + a * t * t, "forgot the factor 1/2 in a t^2 / 2"),
        Mistake(0.5 * a * t * t, "forgot the initial speed"),
        Mistake(u + a * t, "computed the final speed instead of the distance"),
    ]
    return _p("kinematics", q, s, "m", slips)


def free_fall(rng: random.Random, d: int) -> Problem:
    h = given(rng, 2, 80, d)
    v = math.sqrt(2 * G * h)
    if d >= 2 and rng.random() < 0.5:
        q = (
            f"A stone is dropped from rest from a height of {fmt(h)} m. Ignoring air resistance "
            f"(g = {G} m/s^2), how long does it take to reach the ground? Give the answer in s."
        )
        t = math.sqrt(2 * h / G)
        return _p(
            "kinematics",
            q,
            t,
            "s",
            [
                Mistake(math.sqrt(h / G), "forgot the factor 2 in h = g t^2 / 2"),
                Mistake(2 * h / G, "forgot the square root"),
                Mistake(h / G, "used t = h / g"),
            ],
        )
    unit, factor = ("km/h", 3.6) if d >= 3 and rng.random() < 0.5 else ("m/s", 1.0)
    q = (
        f"A ball is dropped from rest from a height of {fmt(h)} m. Ignoring air resistance "
        f"(g = {G} m/s^2), how fast is it moving just before it hits the ground? Give the answer in {unit}."
    )
    slips = [
        Mistake(math.sqrt(G * h) * factor, "forgot the factor 2 in v^2 = 2 g h"),
        Mistake(2 * G * h * factor, "forgot the square root"),
        Mistake(G * h * factor, "used v = g h"),
    ]
    if factor != 1.0:
        slips.insert(0, Mistake(v, "left the speed in m/s"))
    return _p("kinematics", q, v * factor, unit, slips)


def projectile_range(rng: random.Random, d: int) -> Problem:
    v = given(rng, 8, 40, d)
    theta = rng.choice([15, 20, 25, 30, 35, 40, 50, 55, 60, 65, 70])
    r = v * v * math.sin(math.radians(2 * theta)) / G
    q = (
        f"A projectile is launched from level ground at {fmt(v)} m/s, {theta} degrees above the horizontal. "
        f"Ignoring air resistance (g = {G} m/s^2), how far away does it land? Give the answer in m."
    )
    return _p(
        "kinematics",
        q,
        r,
        "m",
        [
            Mistake(v * v * math.sin(math.radians(theta)) / G, "used sin(theta) instead of sin(2 theta)"),
            Mistake(v * v / G, "dropped the angle factor (maximum range)"),
            Mistake(v * math.sin(math.radians(2 * theta)) / G, "forgot to square the speed"),
        ],
    )


def friction_acceleration(rng: random.Random, d: int) -> Problem:
    m = given(rng, 2, 50, d)
    mu = round(rng.uniform(0.1, 0.5), 2)
    force = round(given(rng, 1.5, 4, d) * mu * m * G, 1)
    a = (force - mu * m * G) / m
    q = (
        f"A {fmt(m)} kg crate on a level floor is pushed with a horizontal force of {fmt(force)} N. The "
        f"coefficient of kinetic friction is {mu}. What is the crate's acceleration (g = {G} m/s^2)? "
        "Give the answer in m/s^2."
    )
    return _p(
        "dynamics",
        q,
        a,
        "m/s^2",
        [
            Mistake(force / m, "ignored friction"),
            Mistake((force + mu * m * G) / m, "added the friction force instead of subtracting it"),
            Mistake(force - mu * m * G, "forgot to divide by the mass"),
        ],
    )


def newton_second_law(rng: random.Random, d: int) -> Problem:
    m = given(rng, 1, 40, d)
    a = given(rng, 0.5, 8, d)
    q = f"What net force gives a {fmt(m)} kg object an acceleration of {fmt(a)} m/s^2? Give the answer in N."
    return _p(
        "dynamics",
        q,
        m * a,
        "N",
        [
            Mistake(m / a, "divided the mass by the acceleration"),
            Mistake(a / m, "divided the acceleration by the mass"),
            Mistake(m * G, "computed the weight instead"),
        ],
    )


def kinetic_energy(rng: random.Random, d: int) -> Problem:
    v = given(rng, 2, 30, d)
    if d >= 3 and rng.random() < 0.6:
        m_g = given(rng, 50, 900, d)
        m, mass = m_g / 1000, f"{fmt(m_g)} g"
        slips = [Mistake(0.5 * m_g * v * v, "used the mass in grams as if it were kg")]
    else:
        m = given(rng, 1, 80, d)
        mass, slips = f"{fmt(m)} kg", []
    ke = 0.5 * m * v * v
    q = f"What is the kinetic energy of a {mass} object moving at {fmt(v)} m/s? Give the answer in J."
    slips += [
        Mistake(m * v * v, "forgot the factor 1/2"),
        Mistake(m * v, "computed the momentum instead"),
        Mistake(0.5 * m * v, "forgot to square the speed"),
    ]
    return _p("energy", q, ke, "J", slips)


def lifting_power(rng: random.Random, d: int) -> Problem:
    m = given(rng, 10, 200, d)
    h = given(rng, 2, 30, d)
    t = given(rng, 3, 60, d)
    unit, factor = ("kW", 1e-3) if d >= 3 and rng.random() < 0.5 else ("W", 1.0)
    p = m * G * h / t
    q = (
        f"A motor lifts a {fmt(m)} kg load {fmt(h)} m vertically at constant speed in {fmt(t)} s "
        f"(g = {G} m/s^2). What is the motor's useful power output? Give the answer in {unit}."
    )
    slips = [
        Mistake(m * G * h * factor, "computed the work instead of the power"),
        Mistake(m * h / t * factor, "forgot g (used the mass, not the weight)"),
        Mistake(m * G * t / h * factor, "swapped the height and the time"),
    ]
    if factor != 1.0:
        slips.insert(0, Mistake(p, "left the power in W"))
    return _p("energy", q, p * factor, unit, slips)


def resistor_network(rng: random.Random, d: int) -> Problem:
    r1 = float(rng.choice([10, 12, 15, 20, 22, 33, 47, 68, 100]))
    r2 = float(rng.choice([10, 15, 18, 27, 39, 56, 82, 120, 150]))
    v = float(rng.choice([1.5, 3, 4.5, 6, 9, 12, 24]))
    parallel = d >= 2 and rng.random() < 0.5
    r_par = r1 * r2 / (r1 + r2)
    r_eq, other = (r_par, r1 + r2) if parallel else (r1 + r2, r_par)
    unit, factor = ("mA", 1e3) if d >= 3 and rng.random() < 0.5 else ("A", 1.0)
    how = "in parallel" if parallel else "in series"
    q = (
        f"Resistors of {fmt(r1)} ohm and {fmt(r2)} ohm are connected {how} across an ideal {fmt(v)} V battery. "
        f"What current does the battery supply? Give the answer in {unit}."
    )
    slips = [
        Mistake(v / other * factor, "used the other combination rule (series vs parallel)"),
        Mistake(v / r1 * factor, "used only the first resistor"),
        Mistake(v * r_eq * factor, "multiplied instead of dividing (I = V R)"),
    ]
    if factor != 1.0:
        slips.insert(0, Mistake(v / r_eq, "left the current in A"))
    return _p("circuits", q, v / r_eq * factor, unit, slips)


def capacitor_energy(rng: random.Random, d: int) -> Problem:
    c_uf = float(rng.choice([1, 2.2, 4.7, 10, 22, 47, 100, 220, 470]))
    v = given(rng, 5, 50, d)
    e = 0.5 * c_uf * 1e-6 * v * v
    q = f"A {fmt(c_uf)} microfarad capacitor is charged to {fmt(v)} V. How much energy does it store? Give the answer in mJ."
    return _p(
        "circuits",
        q,
        e * 1e3,
        "mJ",
        [
            Mistake(c_uf * 1e-6 * v * v * 1e3, "forgot the factor 1/2"),
            Mistake(0.5 * c_uf * 1e-6 * v * 1e3, "forgot to square the voltage"),
            Mistake(e, "left the energy in J"),
        ],
    )


def wavelength(rng: random.Random, d: int) -> Problem:
    medium, speed = rng.choice([("air", 343.0), ("water", 1480.0), ("steel", 5960.0)])
    if d >= 3 and rng.random() < 0.5:
        f_khz = given(rng, 1, 20, d)
        f, freq = f_khz * 1e3, f"{fmt(f_khz)} kHz"
        slips = [Mistake(speed / f_khz, "used the frequency in kHz as if it were Hz")]
    else:
        f = given(rng, 100, 2000, d)
        freq, slips = f"{fmt(f)} Hz", []
    lam = speed / f
    unit, factor = ("cm", 100.0) if lam < 0.5 else ("m", 1.0)
    q = (
        f"A sound wave of frequency {freq} travels through {medium} at {fmt(speed, 4)} m/s. "
        f"What is its wavelength? Give the answer in {unit}."
    )
    slips = [Mistake(s.value * factor, s.why) for s in slips]
    slips += [
        Mistake(f / speed * factor, "inverted the relation (f / v)"),
        Mistake(1 / f * factor, "computed the period instead"),
    ]
    if factor != 1.0:
        slips.append(Mistake(lam, "left the wavelength in m"))
    return _p("waves", q, lam * factor, unit, slips)


def heating_water(rng: random.Random, d: int) -> Problem:
    m_g = given(rng, 100, 2000, d)
    t1 = float(rng.randint(10, 30))
    t2 = float(rng.randint(40, 95))
    q_j = m_g / 1000 * C_WATER * (t2 - t1)
    unit, factor = ("kJ", 1e-3) if d >= 2 else ("J", 1.0)
    q = (
        f"How much heat is needed to warm {fmt(m_g)} g of water from {t1:g} degrees C to {t2:g} degrees C? "
        f"Use c = {C_WATER:g} J/(kg K). Give the answer in {unit}."
    )
    slips = [
        Mistake(m_g * C_WATER * (t2 - t1) * factor, "used the mass in grams as if it were kg"),
        Mistake(m_g / 1000 * C_WATER * t2 * factor, "used the final temperature instead of the change"),
        Mistake(m_g / 1000 * C_WATER * (t2 + 273.15 - t1) * factor, "converted only one temperature to K"),
    ]
    if factor != 1.0:
        slips.append(Mistake(q_j, "left the heat in J"))
    return _p("thermodynamics", q, q_j * factor, unit, slips)


def mixing_temperature(rng: random.Random, d: int) -> Problem:
    m1 = given(rng, 100, 900, d)
    m2 = given(rng, 100, 900, d)
    t1 = float(rng.randint(5, 30))
    t2 = float(rng.randint(50, 95))
    tf = (m1 * t1 + m2 * t2) / (m1 + m2)
    q = (
        f"{fmt(m1)} g of water at {t1:g} degrees C is mixed with {fmt(m2)} g of water at {t2:g} degrees C in an "
        "insulated container. What is the final temperature? Give the answer in degrees C."
    )
    return _p(
        "thermodynamics",
        q,
        tf,
        "degC",
        [
            Mistake((t1 + t2) / 2, "averaged the temperatures without weighting by mass"),
            Mistake((m2 * t1 + m1 * t2) / (m1 + m2), "weighted each temperature by the other mass"),
            Mistake(t2 - t1, "took the temperature difference"),
        ],
        abs_tol=0.3,
    )


TEMPLATES = [
    Template("physics", "kinematics", 1, uniform_acceleration),
    Template("physics", "kinematics", 1, free_fall),
    Template("physics", "kinematics", 3, projectile_range),
    Template("physics", "dynamics", 1, newton_second_law),
    Template("physics", "dynamics", 2, friction_acceleration),
    Template("physics", "energy", 1, kinetic_energy),
    Template("physics", "energy", 2, lifting_power),
    Template("physics", "circuits", 1, resistor_network),
    Template("physics", "circuits", 3, capacitor_energy),
    Template("physics", "waves", 1, wavelength),
    Template("physics", "thermodynamics", 1, heating_water),
    Template("physics", "thermodynamics", 3, mixing_temperature),
]
