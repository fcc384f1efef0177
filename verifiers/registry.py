"""Verifier kinds: a name -> function table, and the in-process call that every path ends in."""

from __future__ import annotations

import difflib
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from verifiers.extract import final_text
from verifiers.types import Status, Verdict

VerifierFn = Callable[..., Verdict]
"""fn(text, answer, **options) -> Verdict; `text` is the completion after the last `</think>`."""

# Built-in kinds live in their own modules, imported on first use so `import verifiers` stays light.
BUILTIN_MODULES: dict[str, str] = {
    "math": "verifiers.math",
    "logic": "verifiers.logic",
    "code": "verifiers.code",
    "mcq": "verifiers.stem.mcq",
    "numeric": "verifiers.stem.numeric",
    "ifeval": "verifiers.ifeval",
}
# Default hard timeouts per built-in kind, known without importing the kind's module. The one place
# they are stated: a built-in kind's `register_verifier` takes its timeout from here.
BUILTIN_TIMEOUTS: dict[str, float] = {
    "math": 5.0,
    "logic": 10.0,
    "code": 60.0,
    "mcq": 5.0,
    "numeric": 5.0,
    "ifeval": 10.0,
}


@dataclass(frozen=True)
class VerifierInfo:
    kind: str
    fn: VerifierFn
    timeout_s: float
    strip_think: bool
    description: str


_REGISTRY: dict[str, VerifierInfo] = {}


DEFAULT_TIMEOUT_S = 10.0
"""The hard timeout of a user kind registered without one."""


def register_verifier(
    kind: str, *, timeout_s: float | None = None, strip_think: bool = True, description: str = ""
) -> Callable[[VerifierFn], VerifierFn]:
    """Decorator: make `fn` the verifier for `kind`, with default hard timeout `timeout_s`.

    Built-in kinds take theirs from BUILTIN_TIMEOUTS (stating another one is a ValueError); a user kind
    without one gets DEFAULT_TIMEOUT_S.
    """
    if kind in BUILTIN_TIMEOUTS and timeout_s is not None and timeout_s != BUILTIN_TIMEOUTS[kind]:
        raise ValueError(
            f"built-in kind {kind!r} has its timeout in BUILTIN_TIMEOUTS ({BUILTIN_TIMEOUTS[kind]:g} s); "
            "change it there"
        )
    limit = BUILTIN_TIMEOUTS.get(kind, DEFAULT_TIMEOUT_S) if timeout_s is None else timeout_s

    def wrap(fn: VerifierFn) -> VerifierFn:
        doc = description or ((fn.__doc__ or "").strip().splitlines() or [""])[0]
        _REGISTRY[kind] = VerifierInfo(kind, fn, float(limit), strip_think, doc)
        return fn

    return wrap


def default_timeout(kind: str) -> float:
    """The hard timeout for `kind` when the caller names none (no heavy import for built-ins)."""
    if kind in _REGISTRY:
        return _REGISTRY[kind].timeout_s
    return BUILTIN_TIMEOUTS.get(kind, DEFAULT_TIMEOUT_S)


def user_module(kind: str) -> str | None:
    """The module a worker process must import to find user kind `kind` (None for built-in or unknown)."""
    info = _REGISTRY.get(kind)
    if info is None or kind in BUILTIN_MODULES:
        return None
    return info.fn.__module__


def known_kinds() -> list[str]:
    return sorted(set(_REGISTRY) | set(BUILTIN_MODULES))


def get_verifier(kind: str) -> VerifierInfo:
    """The registered verifier for `kind`; a ValueError naming the near misses when there is none."""
    if kind not in _REGISTRY and kind in BUILTIN_MODULES:
        importlib.import_module(BUILTIN_MODULES[kind])
    if kind not in _REGISTRY:
        close = difflib.get_close_matches(str(kind), known_kinds(), n=3)
        hint = f" Did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"unknown verifier kind {kind!r}.{hint} Known kinds: {', '.join(known_kinds())}.")
    return _REGISTRY[kind]


def verify_local(kind: str, completion: str, answer: Any, **options: Any) -> Verdict:
    """Score in this process, with no timeout. Never raises on model output.

    The pool's workers call this; prefer `verify`, which adds a hard timeout.
    """
    start = time.perf_counter()
    try:
        info = get_verifier(kind)
    except Exception as exc:  # an unknown kind is reported, not raised, inside batch jobs
        return Verdict.fail(Status.ERROR, str(exc))
    strip_think = bool(options.pop("strip_think", info.strip_think))
    text = final_text(completion, strip_think=strip_think)
    if text is None:
        if not isinstance(completion, str):
            verdict = Verdict.fail(
                Status.MALFORMED, f"completion must be a string, got {type(completion).__name__}"
            )
        else:
            verdict = Verdict.fail(Status.NO_ANSWER, "reasoning was never closed with </think>")
    else:
        try:
            verdict = info.fn(text, answer, **options)
            if not isinstance(verdict, Verdict):
                verdict = Verdict.fail(Status.ERROR, f"verifier {kind!r} returned {type(verdict).__name__}")
        except Exception as exc:
            verdict = Verdict.fail(
                Status.ERROR, f"verifier {kind!r} failed: {type(exc).__name__}: {exc}"[:2000]
            )
    verdict.elapsed_s = time.perf_counter() - start
    return verdict
