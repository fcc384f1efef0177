"""The request loops that run programs for a backend: the container's pid-1 runner (docker) and the
host helper (process, bwrap). One length-prefixed JSON request on stdin, one JSON outcome on stdout.

Standard library only: shipped as one file with `supervise.py` and `runner.py` (see `sandbox/bundle.py`)
and started as `python3 -S -c <bundle> [--local | WORK_ROOT]`.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from typing import Any

# bundle: sibling imports
from sandbox.runner import Launch, classify, execute, outcome_error
from sandbox.supervise import become_subreaper, data_fd, not_dumpable, read_message, write_message

# bundle: end

_SYSV = (("shm", "shmctl"), ("msg", "msgctl"), ("sem", "semctl"))
_IPC_RMID = 0


def _requests(reader: int, writer: int) -> Iterator[bytes]:
    """Announce readiness, then yield each request body until the caller hangs up."""
    write_message(writer, b'{"ready": true}')
    while True:
        body = read_message(reader)
        if body is None:
            return
        yield body


def _reply(writer: int, outcome: dict[str, Any]) -> bool:
    """Send one outcome; False when the caller abandoned the run (it is gone: stop serving)."""
    if outcome["reason"].startswith("abandoned"):
        return False
    outcome["stdout"] = outcome["stdout"].hex()
    outcome["stderr"] = outcome["stderr"].hex()
    write_message(writer, json.dumps(outcome).encode())
    return True


# ---- docker: pid 1 of a warm container -------------------------------------------------------------------
def serve(work_root: str = "/work") -> None:
    """Container main loop. After every program: kill every other process, wipe the writable dirs and
    remove every SysV IPC object and POSIX message queue, so the next program starts clean."""
    not_dumpable()  # programs run as our uid: make this process un-ptrace-able by them
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    for body in _requests(0, 1):
        try:
            outcome = _serve_one(json.loads(body), work_root)
        except Exception as exc:  # a broken request must not kill the runner
            outcome = outcome_error(f"runner failed: {type(exc).__name__}: {exc}", 0.0)
        outcome["clean"] = sweep(work_root)
        if not _reply(1, outcome):
            return


def _serve_one(request: dict[str, Any], work_root: str) -> dict[str, Any]:
    """Write the files, optionally compile, run; everything in a fresh dir under work_root. Our stdin is
    the watched fd: if it closes mid-run (the caller died), the program is killed at once."""
    workdir = os.path.join(work_root, "run")
    os.makedirs(workdir, mode=0o700)
    for rel, content_hex in request["files"].items():
        path = os.path.join(workdir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(bytes.fromhex(content_hex))
    env = dict(request["env"], HOME=workdir, TMPDIR="/tmp")
    in_container = Launch(rlimit_nproc=False)
    compile_argv = request.get("compile")
    if compile_argv:
        limits = request["compile_limits"]
        outcome = execute(compile_argv, workdir, env, b"", limits, in_container, watch_fd=0)
        if outcome["status"] != "ok" or outcome["exit_code"] != 0:
            outcome["status"] = "error"
            outcome["reason"] = "compilation failed" + (
                f" ({outcome['reason']})" if outcome["reason"] else ""
            )
            outcome["stdout"], outcome["stderr"] = b"", outcome["stdout"] + outcome["stderr"]
            return outcome
    before = _oom_kills()
    stdin = bytes.fromhex(request["stdin"])
    outcome = execute(request["argv"], workdir, env, stdin, request["limits"], in_container, watch_fd=0)
    # the container's OOM killer fired during the run (maybe on a child, the main process then timing out)
    if _oom_kills() > before and (outcome["status"] in ("killed", "timeout") or outcome["exit_code"] != 0):
        outcome["status"], outcome["reason"] = classify(outcome, request["limits"], "", oom_killed=True)
    return outcome


def sweep(work_root: str) -> bool:
    """Kill every process but this one (we are pid 1 of the container), empty the writable dirs, remove
    the IPC objects; False if something survived (the caller then throws the container away)."""
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
    for root in (work_root, "/tmp", "/dev/shm", "/dev/mqueue"):
        with contextlib.suppress(OSError):
            for name in os.listdir(root):
                _remove(os.path.join(root, name))
        with contextlib.suppress(OSError):
            clean = clean and not os.listdir(root)
    return _sweep_ipc() and clean


def _sweep_ipc() -> bool:
    """Remove every SysV shared-memory segment, message queue and semaphore set of this IPC namespace
    (the container's own: --ipc private); True when none is left."""
    try:
        libc: Any = ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - every Linux libc loads
        return False
    left = 0
    for kind, call in _SYSV:
        for ident in _ipc_ids(kind):
            if kind == "sem":
                libc.semctl(ident, 0, _IPC_RMID)
            else:
                getattr(libc, call)(ident, _IPC_RMID, None)
        left += len(_ipc_ids(kind))
    return left == 0


def _ipc_ids(kind: str) -> list[int]:
    try:
        with open(f"/proc/sysvipc/{kind}") as handle:
            rows = handle.read().splitlines()[1:]
    except OSError:
        return []
    return [int(row.split()[1]) for row in rows if len(row.split()) > 1]


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


# ---- host: a helper that forks programs for a big caller -------------------------------------------------
def serve_local() -> None:
    """Host helper loop: run the host backends' programs from this small process, whose forks are cheap
    (forking a big caller such as a verifier worker costs tens of ms in page-table copies). A subreaper:
    whatever a program leaves (daemons that left its session too) is killed before the next one runs.
    No file sweeping here: the backends clean their own work dirs. A helper may run as the programs'
    own uid (bwrap's, so that it can spawn without a setuid fork): not dumpable then, so they cannot
    ptrace it."""
    not_dumpable()
    become_subreaper()
    # the caller handles Ctrl-C and then closes our stdin; a handler, not SIG_IGN, which a vforked
    # program would inherit
    signal.signal(signal.SIGINT, lambda _sig, _frame: None)
    for body in _requests(0, 1):
        fds: list[int] = []
        try:
            request = json.loads(body)
            fds = [data_fd(bytes.fromhex(blob)) for blob in request.get("data_fds", [])]
            names = {f"@fd{i}": str(fd) for i, fd in enumerate(fds)}
            late = request.get("late_args")
            launch = Launch(
                uid=request.get("uid"),
                gid=request.get("gid"),
                extra_processes=int(request.get("extra_processes", 0)),
                pass_fds=tuple(fds),
                late_args=None if late is None else [names.get(arg, arg) for arg in late],
                signal_exit_codes=bool(request.get("signal_exit_codes")),
            )
            argv = [names.get(arg, arg) for arg in request["argv"]]
            stdin = bytes.fromhex(request["stdin"])
            outcome = execute(
                argv, request["cwd"], request["env"], stdin, request["limits"], launch, watch_fd=0
            )
        except Exception as exc:  # a broken request must not kill the helper
            outcome = outcome_error(f"runner failed: {type(exc).__name__}: {exc}", 0.0)
        finally:
            for fd in fds:
                with contextlib.suppress(OSError):
                    os.close(fd)
        if not _reply(1, outcome):
            return


def main(args: list[str]) -> None:
    if args == ["--local"]:
        serve_local()
    else:
        serve(args[0] if args else "/work")


if __name__ == "__main__":
    main(sys.argv[1:])
