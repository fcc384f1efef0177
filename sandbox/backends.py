"""Backend lookup and the `auto` choice: docker when an engine and the image are there, else bwrap, else process."""

from __future__ import annotations

import functools
import warnings
from typing import Protocol

from sandbox.limits import Limits, SandboxError
from sandbox.program import Plan
from sandbox.result import Result

BACKENDS = ("docker", "bwrap", "process")


class Backend(Protocol):
    name: str

    def run_plan(self, plan: Plan, stdin: bytes, limits: Limits) -> Result: ...


def availability(name: str) -> tuple[bool, str]:
    """(usable, why not) for one backend on this machine; checked once per process."""
    if name == "process":
        return True, ""
    if name == "bwrap":
        from sandbox.bwrap_backend import bwrap_problem

        problem = bwrap_problem()
        return problem is None, problem or ""
    if name == "docker":
        from sandbox.docker_backend import docker_problem

        problem = docker_problem()
        return problem is None, problem or ""
    raise SandboxError(f"unknown backend {name!r}; choose one of {['auto', *BACKENDS]}")


@functools.cache
def get_backend(name: str) -> Backend:
    """The backend object for a name ('auto' resolves once); raises SandboxError if it cannot work here."""
    if name == "auto":
        return get_backend(_pick_auto())
    usable, why = availability(name)
    if not usable:
        raise SandboxError(f"sandbox backend {name!r} is not usable here: {why}")
    if name == "process":
        from sandbox.process_backend import ProcessBackend

        return ProcessBackend()
    if name == "bwrap":
        from sandbox.bwrap_backend import BwrapBackend

        return BwrapBackend()
    from sandbox.docker_backend import DockerBackend

    return DockerBackend()


def _pick_auto() -> str:
    missing = []
    for name in ("docker", "bwrap"):
        usable, why = availability(name)
        if usable:
            return name
        missing.append(f"{name}: {why}")
    warnings.warn(
        "sandbox backend 'auto' fell back to 'process' (resource limits only, no isolation) because "
        + "; ".join(missing)
        + ". Run `prorl-gym sandbox doctor` for details.",
        RuntimeWarning,
        stacklevel=3,
    )
    return "process"
