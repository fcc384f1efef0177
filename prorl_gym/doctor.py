"""`prorl-gym doctor`: what would make this install misbehave, said out loud.

The distribution installs top-level packages named `envs`, `verifiers` and `sandbox`. Other PyPI
distributions use some of those import names too (PrimeIntellect's `verifiers`, in the same field), and
pip silently lets one overwrite the other's files in a shared environment. The doctor reports every
other installed distribution that provides one of our names, then which sandbox backends work.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import re
from pathlib import Path

OUR_DISTRIBUTION = "prorl-gym"
OUR_PACKAGES = ("envs", "verifiers", "sandbox", "trainer_adapter", "prorl_gym")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def name_clashes(packages: tuple[str, ...] = OUR_PACKAGES) -> dict[str, list[str]]:
    """Import name -> the other installed distributions that also provide it (only names with clashes)."""
    provided = importlib.metadata.packages_distributions()
    clashes: dict[str, list[str]] = {}
    for name in packages:
        others = sorted({d for d in provided.get(name, []) if _normalized(d) != OUR_DISTRIBUTION})
        if others:
            clashes[name] = others
    return clashes


def foreign_imports(packages: tuple[str, ...] = OUR_PACKAGES) -> dict[str, str]:
    """Import name -> where it resolves, for names that resolve outside this package's source tree."""
    home = Path(__file__).resolve().parents[1]
    out: dict[str, str] = {}
    for name in packages:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin and home not in Path(origin).resolve().parents:
            out[name] = origin
    return out


def report_names() -> tuple[list[str], bool]:
    """Lines about import-name clashes, and whether any was found."""
    clashes = name_clashes()
    foreign = foreign_imports()
    lines = []
    for name, dists in clashes.items():
        lines.append(
            f"CLASH   import name {name!r} is also provided by {', '.join(dists)}: installing both in one "
            "environment overwrites one package's files; use separate virtualenvs"
        )
    for name, origin in foreign.items():
        lines.append(f"CLASH   `import {name}` resolves to {origin}, not to prorl-gym's own package")
    if not lines:
        lines.append(f"ok      no other distribution provides {', '.join(OUR_PACKAGES)}")
    return lines, bool(clashes or foreign)


def add_subcommands(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("doctor", help="import-name clashes with other packages, usable sandboxes")
    p.add_argument("--no-trial", action="store_true", help="only check sandbox prerequisites, run nothing")
    p.set_defaults(func=cmd_doctor)


def cmd_doctor(args: argparse.Namespace) -> int:
    """Exit status 1 when another distribution shares an import name with ours."""
    from sandbox.doctor import auto_choice, diagnose

    lines, clash = report_names()
    print("import names")
    for line in lines:
        print(f"  {line}")
    print("sandbox backends")
    checks = diagnose(trial=not args.no_trial)
    for check in checks:
        print(f"  {'ok  ' if check.usable else 'no  '}    {check.backend:8s} {check.detail}")
    print(f"  backend='auto' uses: {auto_choice(checks)}")
    return 1 if clash else 0
