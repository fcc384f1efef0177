"""Verifier kinds that misbehave on purpose, to test the pool's hard limits (imported by workers too)."""

from __future__ import annotations

import os
import time
from typing import Any

from verifiers import Verdict, register_verifier


@register_verifier("test_sleep", timeout_s=1.0)
def sleepy(text: str, answer: Any, **options: Any) -> Verdict:
    time.sleep(float(answer))
    return Verdict.scored(1.0, extracted=text)


@register_verifier("test_echo")
def echo(text: str, answer: Any, **options: Any) -> Verdict:
    return Verdict.scored(
        1.0 if text.strip() == str(answer) else 0.0, extracted=text.strip(), details={"pid": os.getpid()}
    )


@register_verifier("test_crash")
def crash(text: str, answer: Any, **options: Any) -> Verdict:
    os._exit(3)


@register_verifier("test_raise")
def boom(text: str, answer: Any, **options: Any) -> Verdict:
    raise RuntimeError("verifier bug")


@register_verifier("test_hog")
def hog(text: str, answer: Any, **options: Any) -> Verdict:
    blob = bytearray(int(answer) * 1024 * 1024)
    return Verdict.scored(1.0 if blob else 0.0)


@register_verifier("test_spin")
def spin(text: str, answer: Any, **options: Any) -> Verdict:
    while True:
        pass


@register_verifier("test_pidfile", timeout_s=30.0)
def pidfile(text: str, answer: Any, **options: Any) -> Verdict:
    """Write this worker's pid to the file named by `answer`, then wait to be killed."""
    with open(str(answer), "w") as f:
        f.write(str(os.getpid()))
    time.sleep(25)
    return Verdict.scored(1.0)
