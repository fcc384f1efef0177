"""What the process and bwrap backends share: a temp work dir on the host, compile, run, clean up."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from sandbox.limits import Limits
from sandbox.outcome import to_result
from sandbox.program import COMPILE_LIMITS, Plan, clean_env, limits_dict, remove_tree, write_files
from sandbox.result import Result
from sandbox.runner import execute

NOBODY = 65534  # programs never run as root: a root caller drops them to nobody/nogroup


@dataclass
class Wrapped:
    """The command as actually exec'd: argv, cwd, processes the wrapper itself needs, fds it must inherit
    (closed here after the run)."""

    argv: list[str]
    cwd: str
    extra_processes: int = 0
    pass_fds: tuple[int, ...] = ()


class HostBackend:
    """Runs a Plan in a fresh temp dir on this machine; subclasses decide how the command is wrapped."""

    name = "host"

    def wrap(self, argv: list[str], workdir: str, limits: Limits) -> Wrapped:
        return Wrapped(argv, workdir)

    def program_home(self, workdir: str) -> str:
        return workdir

    def run_plan(self, plan: Plan, stdin: bytes, limits: Limits) -> Result:
        started = time.monotonic()
        as_root = os.geteuid() == 0
        uid = gid = NOBODY if as_root else None
        workdir = tempfile.mkdtemp(prefix="prorl-sandbox-")
        try:
            write_files(workdir, plan.files, uid, gid)
            env = clean_env(self.program_home(workdir))
            if plan.compile is not None:
                built = self._execute(plan.compile, workdir, env, b"", COMPILE_LIMITS, uid, gid)
                if built["status"] != "ok" or built["exit_code"] != 0:
                    log = (built["stdout"] + built["stderr"]).decode("utf-8", errors="replace")
                    why = f" ({built['reason']})" if built["reason"] else ""
                    return Result.error(
                        "compilation failed" + why, self.name, log, time.monotonic() - started
                    )
            return to_result(self._execute(plan.run, workdir, env, stdin, limits, uid, gid), self.name)
        finally:
            remove_tree(workdir)

    def _execute(
        self,
        argv: list[str],
        workdir: str,
        env: dict[str, str],
        stdin: bytes,
        limits: Limits,
        uid: int | None,
        gid: int | None,
    ) -> dict[str, Any]:
        wrapped = self.wrap(argv, workdir, limits)
        try:
            return execute(
                wrapped.argv,
                cwd=wrapped.cwd,
                env=env,
                stdin=stdin,
                limits=limits_dict(limits),
                uid=uid,
                gid=gid,
                extra_processes=wrapped.extra_processes,
                pass_fds=wrapped.pass_fds,
            )
        finally:
            for fd in wrapped.pass_fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
