"""`run` and `run_batch`: the public way to execute an untrusted program."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sandbox.backends import get_backend
from sandbox.limits import Limits, SandboxError
from sandbox.program import FileMap, host_python, make_plan
from sandbox.result import Result

DEFAULT_LIMITS = Limits()


def run(
    program: str | bytes,
    stdin: str | bytes = "",
    files: FileMap | None = None,
    limits: Limits = DEFAULT_LIMITS,
    language: str = "python",
    backend: str = "auto",
) -> Result:
    """Run one program to completion or to a limit and return what happened.

    Never raises for anything the program does. Raises SandboxError for a bad request (unknown language
    or backend, a file path outside the work dir) or a backend that cannot work on this machine.
    A backend failure mid-run comes back as status `error` with `sandbox_error=True`.
    """
    if not isinstance(limits, Limits):
        raise SandboxError(f"limits must be a sandbox.Limits, got {type(limits).__name__}")
    chosen = get_backend(backend)
    python = "python3" if chosen.name == "docker" else host_python()
    plan = make_plan(program, files, language, python=python)
    data = stdin.encode("utf-8") if isinstance(stdin, str) else bytes(stdin)
    try:
        return chosen.run_plan(plan, data, limits)
    except SandboxError:
        raise
    except Exception as exc:  # the sandbox broke, not the program: say so instead of raising mid-batch
        return Result.error(f"sandbox failure: {type(exc).__name__}: {exc}", chosen.name, sandbox_error=True)


def run_batch(
    programs: Sequence[Mapping[str, Any] | str],
    workers: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
    language: str = "python",
    backend: str = "auto",
) -> list[Result]:
    """Run many programs concurrently over `workers` threads; results come back in input order.

    Each item is a program string or a mapping with `program` and optional `stdin`, `files`, `limits`,
    `language` (the keyword arguments are the defaults for items that leave them out). A request that
    is bad on its own becomes an `error` Result in its slot rather than failing the whole batch.
    """
    get_backend(backend)  # fail fast, once, if the backend cannot work here
    jobs = [_job(item, limits, language, backend) for item in programs]
    count = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=max(1, count), thread_name_prefix="sandbox") as pool:
        return list(pool.map(_run_job, jobs))


_KEYS = {"program", "stdin", "files", "limits", "language"}


def _job(item: Mapping[str, Any] | str, limits: Limits, language: str, backend: str) -> dict[str, Any]:
    if isinstance(item, str | bytes):
        item = {"program": item}
    unknown = set(item) - _KEYS
    if unknown or "program" not in item:
        return {"invalid": f"batch item needs 'program' and only keys {sorted(_KEYS)}; got {sorted(item)}"}
    return {"limits": limits, "language": language, **item, "backend": backend}


def _run_job(job: dict[str, Any]) -> Result:
    if "invalid" in job:
        return Result.error(job["invalid"])
    try:
        return run(**job)
    except SandboxError as exc:
        return Result.error(str(exc))
