"""Turn the runner's plain outcome dict into a `Result`."""

from __future__ import annotations

from typing import Any

from sandbox.result import Result, RunStatus


def to_result(outcome: dict[str, Any], backend: str) -> Result:
    stdout, stderr = outcome["stdout"], outcome["stderr"]
    if isinstance(stdout, str):  # hex over the docker runner's JSON channel
        stdout, stderr = bytes.fromhex(stdout), bytes.fromhex(stderr)
    return Result(
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
