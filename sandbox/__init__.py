"""Run untrusted programs with limits: `run(program, stdin, files, limits, language, backend)`.

Backends: `docker` (warm pool of locked-down containers), `bwrap` (bubblewrap namespaces), `process`
(rlimits only, not a security boundary); `auto` picks the strongest one this machine has.
"""

from sandbox.api import run, run_batch
from sandbox.backends import BACKENDS, availability
from sandbox.limits import Limits, LimitsError, SandboxError
from sandbox.result import Result, RunStatus

__all__ = [
    "BACKENDS",
    "Limits",
    "LimitsError",
    "Result",
    "RunStatus",
    "SandboxError",
    "availability",
    "run",
    "run_batch",
]
