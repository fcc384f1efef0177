"""Run one child process under rlimits, capture its output with caps, and classify how it ended.

Standard library only, on purpose: the host backends import `execute` from here, and the docker backend
ships this same file into its containers as the in-container runner (`serve`), so every backend spawns,
limits, caps and classifies programs with the same code.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import math
import os
import resource
import selectors
import shutil
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_READ_CHUNK = 1 << 16
_DRAIN_GRACE_S = 0.05  # after the program exits, how long leftovers holding its pipes may keep them open
_MEMORY_MARKERS = (b"MemoryError", b"std::bad_alloc", b"Cannot allocate memory", b"out of memory")

try:
    _LIBC: Any = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover - every Linux libc loads
    _LIBC = None


def _prctl(option: int, value: int) -> None:
    if _LIBC is not None:
        _LIBC.prctl(option, value, 0, 0, 0)


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
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        reset(signal.SIGINT, signal.SIG_DFL)  # subprocess resets SIGPIPE and SIGXFSZ itself
        reset(signal.SIGTERM, signal.SIG_DFL)
        for which, pair in rlimits:
            setrlimit(which, pair)

    return setup


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def execute(
    argv: list[str],
    *,
    cwd: str,
    env: dict[str, str],
    stdin: bytes,
    limits: dict[str, Any],
    uid: int | None = None,
    gid: int | None = None,
    extra_processes: int = 0,
    rlimit_nproc: bool = True,
    pass_fds: tuple[int, ...] = (),
    watch_fd: int | None = None,
    late_args: list[str] | None = None,
) -> dict[str, Any]:
    """Run argv to completion or to a limit; never raises for anything the program does.

    limits: wall_s, cpu_s, memory_mb, output_bytes, processes, file_size_mb (validated by the caller).
    uid/gid: drop to these before exec (when running as root). extra_processes: headroom for wrappers
    (bwrap's own monitor and init) that count against RLIMIT_NPROC. pass_fds: fds the child keeps.
    watch_fd: if it becomes readable (the local helper's stdin hitting EOF: its caller died), the program
    is killed at once and the outcome is an error with reason "abandoned".
    late_args: for a wrapper that reads some of its arguments from a pipe before doing anything else and
    sets its own parent-death signal (`bwrap --args @args --die-with-parent`): argv's "@args" names the
    pipe, and the arguments go in only once the wrapper's rlimits are set from here (prlimit, when no uid
    drop is needed). No Python then runs in the forked child, so subprocess can vfork (a fork plus a
    Python preexec_fn costs ~2 ms of CPU a program, page-table copies and copy-on-write faults mostly).
    They must be arguments the program cannot run without (bwrap: the work dir), so that if this process
    dies before the limits are set, the pipe's EOF leaves a wrapper that fails, not one running unlimited.
    Returns a plain dict (JSON-safe except stdout/stderr bytes) that `classify` has already labelled.
    """
    wall_limit = float(limits["wall_s"])
    cap = int(limits["output_bytes"])
    owner = uid if uid is not None else os.getuid()
    nproc = None
    # RLIMIT_NPROC counts every process of the uid machine-wide, so the count of those running now is
    # the base, plus slack for programs other workers start meanwhile. Root is exempt from it; inside a
    # container the pids cgroup is the bound instead (rlimit_nproc=False), since the container's /proc
    # cannot see the same uid's processes elsewhere.
    if owner != 0 and rlimit_nproc:
        processes = int(limits["processes"])
        nproc = _count_processes(owner) + 2 * processes + 16 + extra_processes
    rlimits = _rlimits(limits, nproc)
    drop: dict[str, Any] = {}  # done by subprocess in C, before the preexec_fn
    if uid is not None and uid != os.geteuid():
        drop.update(user=uid, extra_groups=[])
    if gid is not None and gid != os.getegid():
        drop.update(group=gid, extra_groups=[])
    gate = os.pipe() if late_args is not None else None
    # prlimit on another process needs its uid (root here may lack CAP_SYS_RESOURCE): after a uid drop
    # the preexec_fn sets the limits, as without a gate
    gated = gate is not None and not drop
    if gate is not None:
        argv = [str(gate[0]) if arg == "@args" else arg for arg in argv]
        pass_fds = (*pass_fds, gate[0])
    stdin_fd = data_fd(stdin)
    start = time.monotonic()
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
        for fd in (stdin_fd, *(gate or ())):
            os.close(fd)
        return outcome_error(f"could not start {argv[0]}: {exc}", time.monotonic() - start)
    os.close(stdin_fd)
    if gate is not None and late_args is not None:
        os.close(gate[0])
        failed = _open_gate(proc.pid, gate[1], rlimits if gated else [], late_args)
        if failed:
            _kill_group(proc.pid)
            proc.kill()
            proc.wait()
            for stream in (proc.stdout, proc.stderr):
                if stream is not None:
                    stream.close()
            return {**outcome_error(failed, time.monotonic() - start), "sandbox_error": True}
    assert proc.stdout is not None and proc.stderr is not None
    out, err = bytearray(), bytearray()
    buffers = {proc.stdout.fileno(): out, proc.stderr.fileno(): err}
    truncated = {proc.stdout.fileno(): False, proc.stderr.fileno(): False}
    sel = selectors.DefaultSelector()
    for fd in buffers:
        os.set_blocking(fd, False)
        sel.register(fd, selectors.EVENT_READ)
    pidfd = _pidfd(proc.pid)
    if pidfd is not None:
        sel.register(pidfd, selectors.EVENT_READ)
    if watch_fd is not None:
        sel.register(watch_fd, selectors.EVENT_READ)
    deadline = start + wall_limit
    exited_at: float | None = None
    wait_status: tuple[int, Any] | None = None
    why = ""
    try:
        while True:
            now = time.monotonic()
            if wait_status is None and now >= deadline:
                why = "wall"
                break
            pipes_open = any(fd in buffers for fd in sel.get_map())
            if wait_status is not None and (not pipes_open or now >= (exited_at or now) + _DRAIN_GRACE_S):
                break
            if wait_status is not None:
                timeout = (exited_at or now) + _DRAIN_GRACE_S - now
            elif pidfd is None:
                timeout = min(deadline - now, 0.005)
            else:
                timeout = deadline - now
            for key, _ in sel.select(max(timeout, 0.0)):
                fd = key.fd
                if fd == pidfd:
                    sel.unregister(fd)
                    continue
                if fd == watch_fd:
                    why = "abandoned"
                    break
                try:
                    chunk = os.read(fd, _READ_CHUNK)
                except BlockingIOError:
                    continue
                except OSError:
                    chunk = b""
                if not chunk:
                    sel.unregister(fd)
                    continue
                buf = buffers[fd]
                room = cap - len(buf)
                if len(chunk) > room:
                    buf += chunk[: max(room, 0)]
                    truncated[fd] = True
                    why = "output"
                else:
                    buf += chunk
            if why:
                break
            if wait_status is None:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    wait_status = (status, usage)
                    exited_at = time.monotonic()
                    _kill_group(proc.pid)  # children left in its group go with it
    finally:
        if wait_status is None:
            tree = _descendants(proc.pid)
            _kill_group(proc.pid)
            for pid in tree:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            wait_status = (status, usage)
            _await_gone(tree)
            if why == "wall":  # keep what it wrote before the deadline
                _drain(buffers, truncated, cap)
        proc.returncode = -1  # reaped above; keep Popen from waiting again
        _kill_group(proc.pid)
        sel.close()
        if pidfd is not None:
            os.close(pidfd)
    wall = time.monotonic() - start
    status, usage = wait_status
    outcome = {
        "stdout": bytes(out),
        "stderr": bytes(err),
        "exit_code": None,
        "signal": None,
        "wall_s": round(wall, 6),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 6),
        "max_rss_mb": round(usage.ru_maxrss / 1024.0, 3),
        "stdout_truncated": truncated[proc.stdout.fileno()],
        "stderr_truncated": truncated[proc.stderr.fileno()],
    }
    proc.stdout.close()
    proc.stderr.close()
    if os.WIFSIGNALED(status):
        outcome["signal"] = os.WTERMSIG(status)
        outcome["exit_code"] = -os.WTERMSIG(status)
    else:
        outcome["exit_code"] = os.WEXITSTATUS(status)
    outcome["status"], outcome["reason"] = classify(outcome, limits, why)
    return outcome


def _open_gate(pid: int, gate: int, rlimits: list[tuple[int, tuple[int, int]]], args: list[str]) -> str:
    """Set a started wrapper's rlimits, then hand it the arguments it is blocked reading; closes `gate`.
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


def classify(
    outcome: dict[str, Any], limits: dict[str, Any], why: str, oom_killed: bool = False
) -> tuple[str, str]:
    """Label a finished run: (status, reason). `why` is what the runner itself cut short ("wall", "output")."""
    sig = outcome.get("signal")
    if why == "output":
        return "output_limit", f"wrote more than {limits['output_bytes']} bytes of output"
    if why == "wall":
        return "timeout", f"wall-clock limit of {limits['wall_s']} s reached"
    if why == "abandoned":
        return "error", "abandoned: the caller went away"
    cpu_limit = float(limits["cpu_s"])
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


def _drain(buffers: dict[int, bytearray], truncated: dict[int, bool], cap: int) -> None:
    """Read what is already in the pipes of a killed program, without blocking."""
    for fd, buf in buffers.items():
        while len(buf) <= cap:
            try:
                chunk = os.read(fd, _READ_CHUNK)
            except OSError:
                break
            if not chunk:
                break
            room = cap - len(buf)
            buf += chunk[: max(room, 0)]
            if len(chunk) > room:
                truncated[fd] = True
                break


def _descendants(pid: int) -> list[int]:
    """Every live descendant of pid, from /proc's children lists (also those that left its session,
    and the init of a pid namespace a wrapper such as bwrap created)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            threads = os.listdir(f"/proc/{parent}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                with open(f"/proc/{parent}/task/{tid}/children") as handle:
                    kids = [int(k) for k in handle.read().split()]
            except (OSError, ValueError):
                continue
            found.extend(kids)
            todo.extend(kids)
    return found


def _await_gone(pids: list[int], limit_s: float = 2.0) -> None:
    """Wait (bounded) until killed processes are gone or zombies; a pid namespace's init only gets there
    once everything inside it has died, so a killed sandbox is fully torn down when this returns."""
    deadline = time.monotonic() + limit_s
    pending = list(pids)
    while pending and time.monotonic() < deadline:
        still = []
        for pid in pending:
            try:
                with open(f"/proc/{pid}/stat") as handle:
                    state = handle.read().rsplit(")", 1)[1].split()[0]
            except (OSError, IndexError):
                continue
            if state not in ("Z", "X"):
                still.append(pid)
        pending = still
        if pending:
            time.sleep(0.002)


def data_fd(data: bytes) -> int:
    """A readable fd holding `data` at offset 0 (an anonymous memory file, so stdin never blocks us)."""
    fd = os.memfd_create("sandbox-data", 0)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


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


# ---- in-container runner (docker backend): one request at a time over stdin/stdout -----------------------

_HEADER = struct.Struct(">I")


def _read_exact(stream: Any, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _write_message(stream: Any, payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _sweep(work_root: str) -> bool:
    """Kill every process but this one (we are pid 1 of the container) and wipe the writable dirs;
    False if something survived (the caller then throws the container away)."""
    clean = False
    for _ in range(100):
        with contextlib.suppress(ProcessLookupError):
            os.kill(-1, signal.SIGKILL)
        while True:  # reap whatever got re-parented to us
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
        if not [p for p in os.listdir("/proc") if p.isdigit() and p != str(os.getpid())]:
            clean = True
            break
        time.sleep(0.002)
    for root in (work_root, "/tmp", "/dev/shm"):
        with contextlib.suppress(OSError):
            for name in os.listdir(root):
                _remove(os.path.join(root, name))
        with contextlib.suppress(OSError):
            clean = clean and not os.listdir(root)
    return clean


def _remove(path: str) -> None:
    def fix(func: Any, target: str, _exc: Any) -> None:
        with contextlib.suppress(OSError):
            os.chmod(os.path.dirname(target) or ".", 0o700)
            os.chmod(target, 0o700)
        with contextlib.suppress(OSError):
            func(target)

    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path, onerror=fix)
    else:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _oom_kills() -> int:
    for path in ("/sys/fs/cgroup/memory.events", "/sys/fs/cgroup/memory/memory.oom_control"):
        try:
            with open(path) as handle:
                for line in handle:
                    key, _, value = line.partition(" ")
                    if key == "oom_kill":
                        return int(value)
        except OSError:
            continue
    return 0


def _serve_one(request: dict[str, Any], work_root: str, watch_fd: int) -> dict[str, Any]:
    """Write the files, optionally compile, run; everything in a fresh dir under work_root. watch_fd is
    our stdin: if it closes mid-run (the caller died), the program is killed at once."""
    workdir = os.path.join(work_root, "run")
    os.makedirs(workdir, mode=0o700)
    for rel, content_hex in request["files"].items():
        path = os.path.join(workdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(bytes.fromhex(content_hex))
    env = dict(request["env"], HOME=workdir, TMPDIR="/tmp")
    compile_argv = request.get("compile")
    if compile_argv:
        limits = request["compile_limits"]
        done = execute(
            compile_argv,
            cwd=workdir,
            env=env,
            stdin=b"",
            limits=limits,
            watch_fd=watch_fd,
            rlimit_nproc=False,
        )
        if done["status"] != "ok" or done["exit_code"] != 0:
            done["status"] = "error"
            done["reason"] = "compilation failed" + (f" ({done['reason']})" if done["reason"] else "")
            done["stdout"], done["stderr"] = b"", done["stdout"] + done["stderr"]
            return done
    before = _oom_kills()
    stdin = bytes.fromhex(request["stdin"])
    done = execute(
        request["argv"],
        cwd=workdir,
        env=env,
        stdin=stdin,
        limits=request["limits"],
        watch_fd=watch_fd,
        rlimit_nproc=False,
    )
    # the container's OOM killer fired during the run (maybe on a child, the main process then timing out)
    if _oom_kills() > before and (done["status"] in ("killed", "timeout") or done["exit_code"] != 0):
        done["status"], done["reason"] = classify(done, request["limits"], "", oom_killed=True)
    return done


def _requests(reader: Any, writer: Any) -> Iterator[bytes]:
    """Announce readiness, then yield each length-prefixed request body until the caller hangs up."""
    _write_message(writer, b'{"ready": true}')
    while True:
        header = _read_exact(reader, _HEADER.size)
        if header is None:
            return
        body = _read_exact(reader, _HEADER.unpack(header)[0])
        if body is None:
            return
        yield body


def _reply(writer: Any, done: dict[str, Any]) -> bool:
    """Send one result; False when the caller abandoned the run (it is gone: stop serving)."""
    if done["reason"].startswith("abandoned"):
        return False
    done["stdout"] = done["stdout"].hex()
    done["stderr"] = done["stderr"].hex()
    _write_message(writer, json.dumps(done).encode())
    return True


def serve(work_root: str = "/work") -> None:
    """Container main loop: length-prefixed JSON requests on stdin, one JSON result each on stdout."""
    _prctl(_PR_SET_DUMPABLE, 0)  # programs run as our uid: make this process un-ptrace-able by them
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    reader, writer = sys.stdin.buffer, sys.stdout.buffer
    for body in _requests(reader, writer):
        try:
            done = _serve_one(json.loads(body), work_root, reader.fileno())
        except Exception as exc:  # a broken request must not kill the runner
            done = outcome_error(f"runner failed: {type(exc).__name__}: {exc}", 0.0)
        done["clean"] = _sweep(work_root)
        if not _reply(writer, done):
            return


def serve_local() -> None:
    """Host helper loop: run the host backends' programs from this small process, whose forks are cheap
    (forking a big caller such as a verifier worker costs tens of ms in page-table copies).
    No sweeping here: this is the host, and the backends clean their own work dirs. A helper may run as
    the programs' own uid (bwrap's, so that it can spawn without a setuid fork): not dumpable then, so
    they cannot ptrace it."""
    _prctl(_PR_SET_DUMPABLE, 0)
    # the caller handles Ctrl-C and then closes our stdin; a handler, not SIG_IGN, which a vforked
    # program would inherit
    signal.signal(signal.SIGINT, lambda _sig, _frame: None)
    reader, writer = sys.stdin.buffer, sys.stdout.buffer
    for body in _requests(reader, writer):
        fds: list[int] = []
        try:
            request = json.loads(body)
            fds = [data_fd(bytes.fromhex(blob)) for blob in request.get("data_fds", [])]
            names = {f"@fd{i}": str(fd) for i, fd in enumerate(fds)}
            late = request.get("late_args")
            done = execute(
                [names.get(arg, arg) for arg in request["argv"]],
                cwd=request["cwd"],
                env=request["env"],
                stdin=bytes.fromhex(request["stdin"]),
                limits=request["limits"],
                uid=request.get("uid"),
                gid=request.get("gid"),
                extra_processes=int(request.get("extra_processes", 0)),
                pass_fds=tuple(fds),
                watch_fd=reader.fileno(),
                late_args=None if late is None else [names.get(arg, arg) for arg in late],
            )
        except Exception as exc:  # a broken request must not kill the helper
            done = outcome_error(f"runner failed: {type(exc).__name__}: {exc}", 0.0)
        finally:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if not _reply(writer, done):
            return


if __name__ == "__main__":
    if sys.argv[1:] == ["--local"]:
        serve_local()
    else:
        serve(sys.argv[1] if len(sys.argv) > 1 else "/work")
