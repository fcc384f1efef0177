"""What the process and bwrap backends share: a temp work dir on the host, compile, run, clean up."""

from __future__ import annotations

import functools
import os
import tempfile
import time
from dataclasses import dataclass
from typing import Any

from sandbox.helper_pool import HelperGone, run_in_helper
from sandbox.limits import Limits
from sandbox.program import COMPILE_LIMITS, Plan, clean_env, limits_dict, remove_tree, write_files
from sandbox.result import Result
from sandbox.runner import outcome_error

NOBODY = 65534  # programs never run as root: a root caller drops them to nobody/nogroup
# The process backend's programs get a uid of their own, so they cannot signal, ptrace or open the /proc
# files of isolated (bwrap, docker) programs that run as nobody on the same machine.
PROCESS_UID = 65533


@functools.cache
def work_base() -> str:
    """Where host work dirs go: PRORL_SANDBOX_TMPDIR, else /dev/shm (a tmpfs: creating and removing a work
    dir there costs a tenth of a disk-backed /tmp), else the usual temp dir. A root caller's programs run
    as another uid, which must be able to pass through the base (a tmpfs mounted over /dev/shm without
    a mode is root-only)."""
    chosen = os.environ.get("PRORL_SANDBOX_TMPDIR")
    if chosen:
        return chosen
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK | os.X_OK) and _passable("/dev/shm"):
        return "/dev/shm"
    return tempfile.gettempdir()


def _passable(path: str) -> bool:
    return os.geteuid() != 0 or bool(os.stat(path).st_mode & 0o001)


_swept: set[str] = set()


def _sweep_orphans(base: str) -> None:
    """Once per process and base dir: remove work dirs left by callers that were SIGKILLed.

    Work dirs are named `prorl-sandbox-<pid>-...`; a dir whose pid no longer exists has no owner to
    clean it.
    """
    if base in _swept:
        return
    _swept.add(base)
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        parts = name.split("-")
        if len(parts) < 4 or not name.startswith("prorl-sandbox-") or not parts[2].isdigit():
            continue
        pid = int(parts[2])
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            remove_tree(os.path.join(base, name))
        except OSError:
            continue


@dataclass
class Wrapped:
    """The command as actually exec'd: argv, cwd, processes the wrapper itself needs, data to hand the
    child as fds (argv or late_args name the i-th one "@fd<i>"; bwrap reads its seccomp filter that way),
    late_args: the rest of the wrapper's arguments, which it reads from the pipe argv names "@args"
    (see `runner._open_gate`), and signal_exit_codes: the wrapper reports a child killed by signal N as
    exit code 128+N (bwrap), which the runner turns back into that signal before classifying."""

    argv: list[str]
    cwd: str
    extra_processes: int = 0
    data: tuple[bytes, ...] = ()
    late_args: list[str] | None = None
    signal_exit_codes: bool = False


class HostBackend:
    """Runs a Plan in a fresh temp dir on this machine; subclasses decide how the command is wrapped."""

    name = "host"
    # a root caller's programs are spawned by a helper that runs as their uid (no setuid fork); only for
    # a backend whose programs cannot reach that helper (bwrap: own pid namespace, no ptrace)
    helper_as_program_user = False
    program_uid = NOBODY  # the uid/gid a root caller's programs run as

    def wrap(self, argv: list[str], workdir: str, limits: Limits) -> Wrapped:
        return Wrapped(argv, workdir)

    def program_home(self, workdir: str) -> str:
        return workdir

    def run_plan(self, plan: Plan, stdin: bytes, limits: Limits) -> Result:
        started = time.monotonic()
        as_root = os.geteuid() == 0
        uid = gid = self.program_uid if as_root else None
        base = work_base()
        _sweep_orphans(base)
        workdir = tempfile.mkdtemp(prefix=f"prorl-sandbox-{os.getpid()}-", dir=base)
        try:
            write_files(workdir, plan.files, uid, gid)
            env = clean_env(self.program_home(workdir))
            if plan.compile is not None:
                outcome = self._execute(plan.compile, workdir, env, b"", COMPILE_LIMITS, uid, gid)
                if outcome["status"] != "ok" or outcome["exit_code"] != 0:
                    log = (outcome["stdout"] + outcome["stderr"]).decode("utf-8", errors="replace")
                    why = f" ({outcome['reason']})" if outcome["reason"] else ""
                    return Result.error(
                        "compilation failed" + why, self.name, log, time.monotonic() - started
                    )
            outcome = self._execute(plan.run, workdir, env, stdin, limits, uid, gid)
            return Result.from_outcome(outcome, self.name)
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
        request = {
            "argv": wrapped.argv,
            "cwd": wrapped.cwd,
            "env": env,
            "stdin": stdin.hex(),
            "limits": limits_dict(limits),
            "uid": uid,
            "gid": gid,
            "extra_processes": wrapped.extra_processes,
            "data_fds": [blob.hex() for blob in wrapped.data],
            "late_args": wrapped.late_args,
            "signal_exit_codes": wrapped.signal_exit_codes,
        }
        run_as = None
        if self.helper_as_program_user and uid is not None and gid is not None:
            run_as, request["uid"], request["gid"] = (uid, gid), None, None
        try:
            return run_in_helper(request, limits.wall_s, run_as)
        except (HelperGone, OSError) as exc:  # it died, or none can start here (no host python?)
            return {**outcome_error(f"sandbox failure: {exc}", 0.0), "sandbox_error": True}
