"""The errors the CLI reports as a one-line usage error; anything else is a bug and keeps its traceback."""

from __future__ import annotations


class UsageError(Exception):
    """Bad CLI input (a missing file, an out-of-range flag): the message says what to fix."""


def user_errors() -> tuple[type[BaseException], ...]:
    """The package's own error types for bad input, from every layer (imported here, when needed)."""
    from envs import ConfigError, UnknownEnvError
    from sandbox.limits import LimitsError, SandboxError

    return (UsageError, ConfigError, UnknownEnvError, LimitsError, SandboxError)
