"""What a sandboxed run returns: the program's output, how it ended, and what it used."""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass
from typing import Any


class RunStatus(enum.StrEnum):
    """How the run ended, from the sandbox's point of view (`exit_code` says what the program said)."""

    OK = "ok"  # ran to the end within its limits (any exit code)
    TIMEOUT = "timeout"  # wall or CPU limit reached
    MEMORY = "memory"  # ran out of its memory limit (MemoryError, bad_alloc, OOM kill)
    OUTPUT_LIMIT = "output_limit"  # wrote more than output_bytes to stdout or stderr
    KILLED = "killed"  # ended by a signal otherwise (segfault, abort, SIGKILL)
    ERROR = "error"  # could not run: compile error, bad request, sandbox failure


@dataclass
class Result:
    """One program run. `exit_code` is negative (-signal) when a signal ended it, None if it never started."""

    stdout: str
    stderr: str
    exit_code: int | None
    status: RunStatus
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    signal: int | None = None
    stdout_truncated: bool = False
    stderr_truncated: bool = False
    backend: str = ""
    reason: str = ""  # one line on why status is not ok (empty when ok)
    sandbox_error: bool = False  # the sandbox failed (not the program): retry or report, never score

    @property
    def ok(self) -> bool:
        """Ran within limits and exited with code 0."""
        return self.status is RunStatus.OK and self.exit_code == 0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["status"] = self.status.value
        return out

    @classmethod
    def error(
        cls,
        reason: str,
        backend: str = "",
        stderr: str = "",
        wall_s: float = 0.0,
        sandbox_error: bool = False,
    ) -> Result:
        return cls(
            stdout="",
            stderr=stderr,
            exit_code=None,
            status=RunStatus.ERROR,
            wall_s=wall_s,
            cpu_s=0.0,
            max_rss_mb=0.0,
            backend=backend,
            reason=reason,
            sandbox_error=sandbox_error,
        )

    @classmethod
    def from_outcome(cls, outcome: dict[str, Any], backend: str) -> Result:
        """The Result of a runner's outcome dict (stdout/stderr as bytes, or hex over a JSON channel)."""
        stdout, stderr = outcome["stdout"], outcome["stderr"]
        if isinstance(stdout, str):
            stdout, stderr = bytes.fromhex(stdout), bytes.fromhex(stderr)
        return cls(
            stdout=stdout.decode("utf-8", errors="replace"),
            stderr=stderr.decode("utf-8", errors="replace"),
            exit_code=outcome["exit_code"],
            status=RunStatus(outcome["status"]),
            wall_s=float(outcome["wall_s"]),
            cpu_s=float(outcome["cpu_s"]),
            max_rss_mb=float(outcome["max_rss_mb"]),
            signal=outcome.get("signal"),
            stdout_truncated=bool(outcome.get("stdout_truncated")),
            stderr_truncated=bool(outcome.get("stderr_truncated")),
            backend=backend,
            reason=outcome.get("reason", ""),
            sandbox_error=bool(outcome.get("sandbox_error")),
        )
