"""Run one program under rlimits: spawn it, pump its pipes to a limit, reap its whole tree, classify.

Standard library only, on purpose: the host helpers and the in-container runner (`sandbox/serve.py`)
run this same code, shipped as one file (see `sandbox/bundle.py`), so every backend spawns, limits,
caps and classifies programs alike. The caller is a dedicated supervisor and a child subreaper: every
process the program starts stays in its tree, counts against the CPU limit, and is killed before the
next program runs.
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import signal
import subprocess
import time
from dataclasses import dataclass
from typing import Any

# bundle: sibling imports
from sandbox.supervise import (
    Reaper,
    Stream,
    Watch,
    await_gone,
    data_fd,
    descendants,
    die_with_parent,
    drain,
    kill_descendants,
    pump,
)

# bundle: end

_MEMORY_MARKERS = (b"MemoryError", b"std::bad_alloc", b"Cannot allocate memory", b"out of memory")


@dataclass
class Launch:
    """How to start the program besides argv/cwd/env: uid/gid to drop to (when running as root),
    `extra_processes` of headroom for wrappers (bwrap's monitor and init) under RLIMIT_NPROC,
    `rlimit_nproc` (False inside a container: the pids cgroup bounds it there), `pass_fds` the child
    keeps, `late_args` (see `_open_gate`) and `signal_exit_codes` (the wrapper reports a child killed by
    signal N as exit code 128+N: bwrap does)."""

    uid: int | None = None
    gid: int | None = None
    extra_processes: int = 0
    rlimit_nproc: bool = True
    pass_fds: tuple[int, ...] = ()
    late_args: list[str] | None = None
    signal_exit_codes: bool = False


class SpawnFailed(Exception):
    def __init__(self, reason: str, sandbox_error: bool = False) -> None:
        super().__init__(reason)
        self.sandbox_error = sandbox_error


def execute(
    argv: list[str],
    cwd: str,
    env: dict[str, str],
    stdin: bytes,
    limits: dict[str, Any],
    launch: Launch | None = None,
    watch_fd: int | None = None,
) -> dict[str, Any]:
    """Run argv to completion or to a limit; never raises for anything the program does.

    limits: wall_s, cpu_s, memory_mb, output_bytes, processes, file_size_mb (validated by the caller).
    watch_fd: when it turns readable (the caller hung up), the program is killed at once and the outcome
    is an error with reason "abandoned". Returns the outcome: a plain dict (JSON-safe except the stdout
    and stderr bytes), already classified.
    """
    launch = launch or Launch()
    start = time.monotonic()
    try:
        proc = _spawn(argv, cwd, env, stdin, limits, launch)
    except SpawnFailed as exc:
        return {**outcome_error(str(exc), time.monotonic() - start), "sandbox_error": exc.sandbox_error}
    assert proc.stdout is not None and proc.stderr is not None
    cap = int(limits["output_bytes"])
    streams = [Stream(proc.stdout.fileno(), cap), Stream(proc.stderr.fileno(), cap)]
    reaper = Reaper(proc.pid)
    cpu_limit = float(limits["cpu_s"])
    root = os.getpid()

    def over_cpu() -> str:  # the whole tree, forks nobody waited for included
        return "cpu" if reaper.tree_cpu(root) > cpu_limit else ""

    watch = Watch(
        start + float(limits["wall_s"]), watch_fd, over_cpu, start + cpu_limit / (os.cpu_count() or 1)
    )
    why = ""
    try:
        why = pump(reaper, streams, watch)
    finally:
        _reap(proc.pid, reaper, streams, why)
        proc.returncode = -1  # reaped above; keep Popen from waiting again
        proc.stdout.close()
        proc.stderr.close()
    return _outcome(reaper, streams, time.monotonic() - start, limits, why, launch.signal_exit_codes)


def _spawn(
    argv: list[str], cwd: str, env: dict[str, str], stdin: bytes, limits: dict[str, Any], launch: Launch
) -> subprocess.Popen[bytes]:
    """Start the program with its rlimits (or, behind a gate, start the wrapper and then limit it)."""
    rlimits = _rlimits(limits, _nproc(limits, launch))
    drop: dict[str, Any] = {}  # done by subprocess in C, before the preexec_fn
    if launch.uid is not None and launch.uid != os.geteuid():
        drop.update(user=launch.uid, extra_groups=[])
    if launch.gid is not None and launch.gid != os.getegid():
        drop.update(group=launch.gid, extra_groups=[])
    gate = os.pipe() if launch.late_args is not None else None
    # prlimit on another process needs its uid (root here may lack CAP_SYS_RESOURCE): after a uid drop
    # the preexec_fn sets the limits, as without a gate
    gated = gate is not None and not drop
    pass_fds = launch.pass_fds
    if gate is not None:
        argv = [str(gate[0]) if arg == "@args" else arg for arg in argv]
        pass_fds = (*pass_fds, gate[0])
    stdin_fd = data_fd(stdin)
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=stdin_fd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            close_fds=True,
            pass_fds=pass_fds,
            preexec_fn=None if gated else _child_setup(rlimits),
            **drop,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        for fd in gate or ():
            os.close(fd)
        raise SpawnFailed(f"could not start {argv[0]}: {exc}") from None
    finally:
        os.close(stdin_fd)
    if gate is not None and launch.late_args is not None:
        os.close(gate[0])
        failed = _open_gate(proc.pid, gate[1], rlimits if gated else [], launch.late_args)
        if failed:
            kill_descendants(proc.pid)
            proc.kill()
            proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
            raise SpawnFailed(failed, sandbox_error=True)
    return proc


def _reap(pid: int, reaper: Reaper, streams: list[Stream], why: str) -> None:
    """Kill what is left: the program if it still runs, then every other process of the tree (daemons
    that left its session included); reap them all, counting their CPU time."""
    if not reaper.exited:
        tree = descendants(pid)
        kill_descendants(pid)
        _kill_now(pid)
        reaper.poll(block=True)
        await_gone(tree)
        if why == "wall":  # keep what it wrote before the deadline
            drain(streams)
    kill_descendants(os.getpid(), reaper)


def _kill_now(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        with contextlib.suppress(OSError):
            kill(pid, signal.SIGKILL)


def _outcome(
    reaper: Reaper, streams: list[Stream], wall: float, limits: dict[str, Any], why: str, signal_codes: bool
) -> dict[str, Any]:
    status, usage = reaper.status or 0, reaper.usage
    outcome: dict[str, Any] = {
        "stdout": bytes(streams[0].data),
        "stderr": bytes(streams[1].data),
        "exit_code": None,
        "signal": None,
        "wall_s": round(wall, 6),
        "cpu_s": round(reaper.total_cpu(), 6),
        "max_rss_mb": round(usage.ru_maxrss / 1024.0, 3) if usage is not None else 0.0,
        "stdout_truncated": streams[0].truncated,
        "stderr_truncated": streams[1].truncated,
    }
    if os.WIFSIGNALED(status):
        outcome["signal"] = os.WTERMSIG(status)
    else:
        code = os.WEXITSTATUS(status)
        if signal_codes and 128 < code <= 128 + 64:  # the wrapper's way of saying "killed by a signal"
            outcome["signal"] = code - 128
        else:
            outcome["exit_code"] = code
    if outcome["signal"] is not None:
        outcome["exit_code"] = -outcome["signal"]
    outcome["status"], outcome["reason"] = classify(outcome, limits, why)
    return outcome


def classify(
    outcome: dict[str, Any], limits: dict[str, Any], why: str, oom_killed: bool = False
) -> tuple[str, str]:
    """Label a finished run: (status, reason). `why` is what the runner itself cut short."""
    sig = outcome.get("signal")
    if why == "output":
        return "output_limit", f"wrote more than {limits['output_bytes']} bytes of output"
    if why == "wall":
        return "timeout", f"wall-clock limit of {limits['wall_s']} s reached"
    if why == "abandoned":
        return "error", "abandoned: the caller went away"
    cpu_limit = float(limits["cpu_s"])
    if why == "cpu":
        return "timeout", f"CPU time limit of {cpu_limit} s reached (all its processes together)"
    if sig == signal.SIGXCPU or (
        sig == signal.SIGKILL and outcome["cpu_s"] >= max(1.0, math.ceil(cpu_limit))
    ):
        return "timeout", f"CPU time limit of {cpu_limit} s reached"
    if oom_killed:
        return "memory", f"killed by the out-of-memory killer (limit {limits['memory_mb']} MB)"
    failed = sig is not None or outcome.get("exit_code") not in (0, None)
    tail = outcome["stderr"][-2048:]
    if failed and any(marker in tail for marker in _MEMORY_MARKERS):
        return "memory", f"ran out of its memory limit of {limits['memory_mb']} MB"
    if sig == signal.SIGXFSZ:
        return "killed", f"wrote a file larger than {limits['file_size_mb']} MB"
    if sig is not None:
        name = signal.Signals(sig).name if sig in signal.valid_signals() else str(sig)
        return "killed", f"killed by signal {name}"
    return "ok", ""


def outcome_error(reason: str, wall: float) -> dict[str, Any]:
    return {
        "stdout": b"",
        "stderr": b"",
        "exit_code": None,
        "signal": None,
        "wall_s": wall,
        "cpu_s": 0.0,
        "max_rss_mb": 0.0,
        "stdout_truncated": False,
        "stderr_truncated": False,
        "status": "error",
        "reason": reason,
    }


# ---- limits ------------------------------------------------------------------------------------------
def _count_processes(uid: int) -> int:
    """Processes (and threads, which RLIMIT_NPROC also counts) owned by `uid` right now."""
    total = 0
    with os.scandir("/proc") as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                if entry.stat().st_uid == uid:  # a /proc/<pid>/task dir links 2 + its thread count
                    total += os.stat(f"/proc/{entry.name}/task").st_nlink - 2
            except OSError:
                continue
    return total


def _nproc(limits: dict[str, Any], launch: Launch) -> int | None:
    """RLIMIT_NPROC counts every process of the uid machine-wide, so the count of those running now is
    the base, plus slack for programs other workers start meanwhile. Root is exempt from it; inside a
    container the pids cgroup is the bound instead, since the container's /proc cannot see the same
    uid's processes elsewhere."""
    owner = launch.uid if launch.uid is not None else os.getuid()
    if owner == 0 or not launch.rlimit_nproc:
        return None
    return _count_processes(owner) + 2 * int(limits["processes"]) + 16 + launch.extra_processes


def _rlimits(limits: dict[str, Any], nproc: int | None) -> list[tuple[int, tuple[int, int]]]:
    """The (resource, (soft, hard)) pairs a program runs under, never above what this process has (a
    caller such as a verifier worker may run under tighter limits, and only root may raise a hard limit);
    a child inherits ours, so they are computed here, before it starts."""
    cpu = max(1, math.ceil(float(limits["cpu_s"])))
    memory = int(limits["memory_mb"]) * 1024 * 1024
    fsize = int(limits["file_size_mb"]) * 1024 * 1024
    wanted = [
        (resource.RLIMIT_CPU, cpu, cpu + 1),
        (resource.RLIMIT_AS, memory, memory),
        (resource.RLIMIT_DATA, memory, memory),
        (resource.RLIMIT_FSIZE, fsize, fsize),
        (resource.RLIMIT_CORE, 0, 0),
        (resource.RLIMIT_NOFILE, 256, 256),
    ]
    if nproc is not None:
        wanted.append((resource.RLIMIT_NPROC, nproc, nproc))
    out = []
    for which, soft, hard in wanted:
        _, current = resource.getrlimit(which)
        if current != resource.RLIM_INFINITY:
            hard = min(hard, current)
            soft = min(soft, hard)
        out.append((which, (soft, hard)))
    return out


def _child_setup(rlimits: list[tuple[int, tuple[int, int]]]) -> Any:
    """The function run in the forked child before exec (after subprocess dropped to the program's
    uid/gid, which would clear the parent-death signal): die with the parent, set the rlimits."""
    setrlimit, reset = resource.setrlimit, signal.signal

    def setup() -> None:
        die_with_parent()
        reset(signal.SIGINT, signal.SIG_DFL)  # subprocess resets SIGPIPE and SIGXFSZ itself
        reset(signal.SIGTERM, signal.SIG_DFL)
        for which, pair in rlimits:
            setrlimit(which, pair)

    return setup


def _open_gate(pid: int, gate: int, rlimits: list[tuple[int, tuple[int, int]]], args: list[str]) -> str:
    """For a wrapper that reads some of its arguments from a pipe before doing anything else and sets its
    own parent-death signal (`bwrap --args @args --die-with-parent`): set its rlimits from here
    (prlimit), then hand it the arguments; closes `gate`. No Python then runs in the forked child, so
    subprocess can vfork (a fork plus a Python preexec_fn costs ~2 ms of CPU a program). They must be
    arguments the program cannot run without (bwrap: the work dir), so that if this process dies before
    the limits are set, the pipe's EOF leaves a wrapper that fails, not one running unlimited.
    Returns why that failed ("" when it did not): the wrapper must then not run."""
    try:
        for which, pair in rlimits:
            resource.prlimit(pid, which, pair)
    except OSError as exc:
        os.close(gate)
        return f"sandbox failure: could not set the program's limits: {exc}"
    view = memoryview(b"".join(os.fsencode(arg) + b"\0" for arg in args))
    try:
        while view:
            view = view[os.write(gate, view) :]
    except OSError:
        pass  # it died reading them: its exit status says so
    finally:
        os.close(gate)
    return ""
