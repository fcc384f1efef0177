"""Resource limits for one sandboxed program, validated when built so a typo fails before any run."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any


class SandboxError(RuntimeError):
    """The sandbox itself cannot do what was asked (backend missing, bad request); not the program's fault."""


class LimitsError(ValueError):
    """A `Limits` value is out of range; the message names the field and what is allowed."""


@dataclass(frozen=True)
class Limits:
    """Per-program limits; every backend enforces all of them (docker adds cgroup limits on top).

    wall_s: wall-clock seconds before the program's whole process tree is killed (status `timeout`).
    cpu_s: CPU seconds (RLIMIT_CPU); defaults to wall_s. Catches spins that wall time under load would blur.
    memory_mb: address-space limit per process (RLIMIT_AS); docker also caps the container's memory.
    output_bytes: cap on stdout and on stderr, each; going over kills the program (status `output_limit`).
    processes: processes/threads the program may create (RLIMIT_NPROC; docker/bwrap also a pid cap).
    file_size_mb: largest file the program may write (RLIMIT_FSIZE); also sizes the docker work tmpfs.
    """

    wall_s: float = 10.0
    cpu_s: float | None = None
    memory_mb: int = 1024
    output_bytes: int = 8 * 1024 * 1024
    processes: int = 64
    file_size_mb: int = 64

    def __post_init__(self) -> None:
        _check_range("wall_s", self.wall_s, 0.001, 86_400.0)
        if self.cpu_s is not None:
            _check_range("cpu_s", self.cpu_s, 0.001, 86_400.0)
        _check_int("memory_mb", self.memory_mb, 16, 1 << 20)
        _check_int("output_bytes", self.output_bytes, 0, 1 << 34)
        _check_int("processes", self.processes, 1, 100_000)
        _check_int("file_size_mb", self.file_size_mb, 0, 1 << 20)

    @property
    def cpu_limit_s(self) -> float:
        """CPU seconds actually enforced."""
        return self.cpu_s if self.cpu_s is not None else self.wall_s

    def with_(self, **changes: Any) -> Limits:
        """A copy with some fields changed (validated again)."""
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Limits:
        """Build from a config mapping; an unknown key is an error that names the valid ones."""
        names = [f.name for f in fields(cls)]
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise LimitsError(f"unknown Limits field(s) {unknown}; valid fields: {names}")
        return cls(**values)


def _check_range(name: str, value: Any, low: float, high: float) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise LimitsError(f"Limits.{name} must be a finite number of seconds, got {value!r}")
    if not low <= value <= high:
        raise LimitsError(f"Limits.{name} must be between {low} and {high} seconds, got {value!r}")


def _check_int(name: str, value: Any, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LimitsError(f"Limits.{name} must be an integer, got {value!r}")
    if not low <= value <= high:
        raise LimitsError(f"Limits.{name} must be between {low} and {high}, got {value!r}")
