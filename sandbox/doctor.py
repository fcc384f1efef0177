"""Which sandbox backends work on this machine, and why the others do not."""

from __future__ import annotations

from dataclasses import dataclass

from sandbox.backends import BACKENDS, availability
from sandbox.limits import Limits


@dataclass
class Check:
    backend: str
    usable: bool
    detail: str  # why not, or what a trial run printed


def diagnose(trial: bool = True) -> list[Check]:
    """One Check per backend; with trial=True each usable backend also runs a tiny program."""
    checks = []
    for name in BACKENDS:
        usable, why = availability(name)
        detail = why
        if usable and trial:
            usable, detail = _trial(name)
        if usable and name == "process":
            detail = (detail + "; " if detail else "") + "resource limits only, not a security boundary"
        checks.append(Check(name, usable, detail))
    return checks


def _trial(name: str) -> tuple[bool, str]:
    from sandbox.api import run

    try:
        result = run("print(6 * 7)", limits=Limits(wall_s=30), backend=name)
    except Exception as exc:
        return False, f"trial run raised {type(exc).__name__}: {exc}"
    if result.ok and result.stdout == "42\n":
        return True, f"trial run ok in {result.wall_s * 1000:.0f} ms"
    return False, f"trial run failed: status={result.status} {result.reason} {result.stderr[-300:]}"


def auto_choice(checks: list[Check]) -> str:
    return next((c.backend for c in checks if c.usable), "process")
