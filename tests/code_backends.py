"""Sandbox backends for the code tests: each a pytest param that skips, naming what is missing."""

from __future__ import annotations

import shutil

import pytest

import sandbox


def _param(name: str) -> object:
    ok, why = sandbox.availability(name)
    marks = [getattr(pytest.mark, name)] if name in ("docker", "bwrap") else []
    if not ok:
        marks.append(pytest.mark.skip(reason=f"sandbox backend {name!r} unavailable: {why}"))
    return pytest.param(name, marks=marks, id=name)


BACKENDS = [_param(name) for name in sandbox.BACKENDS]
HAS_GPP = shutil.which("g++") is not None


def fence(code: str, tag: str = "python") -> str:
    return f"<think>Let me solve it.</think>\nHere is my solution:\n```{tag}\n{code.strip(chr(10))}\n```\n"
