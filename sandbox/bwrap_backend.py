"""The `bwrap` backend: bubblewrap with every namespace unshared, a read-only system and a private work dir.

The program sees /usr (read-only), the dynamic loader cache, its own /proc, a minimal /dev, size-capped
tmpfs /tmp and /dev/shm, and its work dir at /work; no network (empty net namespace), no host processes,
no host environment. It runs as nobody (uid 65534) inside its user namespace, with the same rlimits as the
process backend; a root caller drops to nobody before bwrap starts, so bwrap never runs privileged.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from typing import Any

from sandbox.host import NOBODY, HostBackend, Wrapped
from sandbox.limits import Limits
from sandbox.program import Plan, clean_env, host_python
from sandbox.result import Result
from sandbox.seccomp import deny_ptrace_filter

WORK = "/work"
_SYSTEM_DIRS = ("/bin", "/lib", "/lib64", "/lib32", "/libx32", "/sbin")
_WRAPPER_PROCESSES = 3  # bwrap's monitor, its pid-1 init, and slack


@functools.lru_cache(maxsize=1)
def bwrap_path() -> str | None:
    return shutil.which("bwrap") or next((p for p in ("/usr/bin/bwrap",) if os.access(p, os.X_OK)), None)


@functools.lru_cache(maxsize=1)
def system_binds() -> tuple[str, ...]:
    """Read-only views of the system: /usr, the usr-merge symlinks (or dirs), the loader cache, and the
    interpreter's prefix when it lives outside /usr."""
    args = ["--ro-bind", "/usr", "/usr"]
    for path in _SYSTEM_DIRS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    for path in ("/etc/ld.so.cache",):
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    interpreter = os.path.realpath(host_python())
    prefix = os.path.dirname(os.path.dirname(interpreter))
    if not interpreter.startswith("/usr/") and prefix not in ("/", ""):
        args += ["--ro-bind", prefix, prefix]
    return tuple(args)


def workdir_args(workdir: str) -> list[str]:
    return ["--bind", workdir, WORK, "--chdir", WORK]


def bwrap_argv(
    argv: list[str],
    workdir: str,
    limits: Limits,
    env: dict[str, str],
    workdir_part: list[str] | None = None,
    seccomp_fd: str | None = None,
) -> list[str]:
    """bwrap's command line; workdir_part stands in for `workdir_args(workdir)` when given."""
    tmp_bytes = str(max(limits.file_size_mb, 1) * 1024 * 1024)
    command = [
        bwrap_path() or "bwrap",
        "--unshare-all",
        "--as-pid-1",  # no bwrap init inside: it would hold the stdin and stdout fds open to the program
        "--die-with-parent",
        "--new-session",
        "--clearenv",
        "--cap-drop",
        "ALL",
        "--hostname",
        "sandbox",
        "--uid",
        str(NOBODY),
        "--gid",
        str(NOBODY),
        *system_binds(),
        "--proc",
        "/proc",
        "--dev",
        "/dev",
        "--size",
        tmp_bytes,
        "--tmpfs",
        "/tmp",
        "--size",
        tmp_bytes,
        "--tmpfs",
        "/dev/shm",
        *(workdir_args(workdir) if workdir_part is None else workdir_part),
        "--remount-ro",
        "/",
    ]
    for key, value in env.items():
        command += ["--setenv", key, value]
    if seccomp_fd is not None:
        command += ["--seccomp", seccomp_fd]
    return [*command, "--", *argv]


class BwrapBackend(HostBackend):
    name = "bwrap"
    helper_as_program_user = True

    def program_home(self, workdir: str) -> str:
        return WORK

    def wrap(self, argv: list[str], workdir: str, limits: Limits) -> Wrapped:
        program = deny_ptrace_filter()
        # bwrap reads the work dir's bind from a pipe, blocking until it comes: the runner sets bwrap's
        # rlimits meanwhile, so no Python has to run in the forked child (see runner.execute). Should the
        # runner die first, bwrap runs without the work dir, where the program (a relative path) is not.
        command = bwrap_argv(
            argv,
            workdir,
            limits,
            clean_env(WORK),
            workdir_part=["--args", "@args"],
            seccomp_fd=None if program is None else "@fd0",
        )
        data = () if program is None else (program,)
        return Wrapped(
            command, workdir, _WRAPPER_PROCESSES, data, workdir_args(workdir), signal_exit_codes=True
        )

    def run_plan(self, plan: Plan, stdin: bytes, limits: Limits) -> Result:
        result = super().run_plan(plan, stdin, limits)
        # bwrap's monitor does not pass its sandbox's resource usage up to us: report none rather than
        # bwrap's own few milliseconds (the limits themselves are still enforced by rlimits).
        result.cpu_s = 0.0
        result.max_rss_mb = 0.0
        return result


@functools.lru_cache(maxsize=1)
def bwrap_problem() -> str | None:
    """None when bwrap works here with every namespace unshared, else why not (what to install or enable)."""
    path = bwrap_path()
    if path is None:
        return "bubblewrap is not installed (Debian/Ubuntu: apt-get install bubblewrap)"
    probe = bwrap_argv(["/usr/bin/true" if os.path.exists("/usr/bin/true") else "true"], "/", Limits(), {})
    probe = [arg if arg != "/" or i == 0 else arg for i, arg in enumerate(probe)]
    drop: dict[str, Any] = {"user": NOBODY, "group": NOBODY, "extra_groups": []} if os.geteuid() == 0 else {}
    try:
        done = subprocess.run(probe, capture_output=True, timeout=20, env={}, cwd="/", **drop)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"bwrap could not start: {exc}"
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip()[:300]
        return f"bwrap failed with every namespace unshared ({message}); user namespaces may be disabled (sysctl kernel.unprivileged_userns_clone=1)"
    return None
