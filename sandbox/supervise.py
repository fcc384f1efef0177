"""Watching one untrusted child: the select loop (stdin in, capped pipes out, exit, deadline, drain) and
the process-tree tools (find, kill and reap every process it started, and count their CPU).

Standard library only, on purpose: it is shipped, as part of one file (see `sandbox/bundle.py`), into
the container runner, the host helper and the code harness, so all three supervise programs with this
one implementation. Whoever supervises a program should be a child subreaper (`become_subreaper`):
every process the program starts, however it double-forks or calls `setsid`, then stays a descendant
of the supervisor, where `kill_descendants` finds it and `Reaper` counts its CPU time.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import select
import selectors
import signal
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

READ_CHUNK = 1 << 16
DRAIN_GRACE_S = 0.05  # after the program exits, how long leftovers holding its pipes may keep them open
HEADER = struct.Struct(">I")
_PR_SET_PDEATHSIG = 1
_PR_SET_DUMPABLE = 4
_PR_SET_CHILD_SUBREAPER = 36

try:
    _LIBC: Any = ctypes.CDLL(None, use_errno=True)
except OSError:  # pragma: no cover - every Linux libc loads
    _LIBC = None


def prctl(option: int, value: int) -> None:
    if _LIBC is not None:
        _LIBC.prctl(option, value, 0, 0, 0)


def not_dumpable() -> None:
    """Close this process's /proc/<pid>/{mem,fd,environ} and ptrace to every other process of its uid."""
    prctl(_PR_SET_DUMPABLE, 0)


def die_with_parent() -> None:
    prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def become_subreaper() -> None:
    """Orphaned descendants are re-parented to us (not to init), so none can leave our tree."""
    prctl(_PR_SET_CHILD_SUBREAPER, 1)


def pidfd(pid: int) -> int | None:
    """A descriptor that turns readable when `pid` exits, so a watcher sleeps instead of polling."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


# ---- length-prefixed messages ----------------------------------------------------------------------------
def read_exact(
    fd: int, size: int, deadline: float | None = None, recv: Callable[[int], bytes] | None = None
) -> bytes | None:
    """Exactly `size` bytes from `fd` (through `recv` when given, e.g. a socket's), None at EOF;
    TimeoutError once `deadline` (monotonic) passes with the bytes not all there."""
    read = recv or (lambda n: os.read(fd, n))
    chunks = bytearray()
    while len(chunks) < size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise TimeoutError("no answer in time")
        chunk = read(min(size - len(chunks), 1 << 20))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def read_message(fd: int, deadline: float | None = None) -> bytes | None:
    head = read_exact(fd, HEADER.size, deadline)
    return None if head is None else read_exact(fd, HEADER.unpack(head)[0], deadline)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def write_message(fd: int, payload: bytes) -> None:
    write_all(fd, HEADER.pack(len(payload)) + payload)


def data_fd(data: bytes) -> int:
    """A readable fd holding `data` at offset 0 (an anonymous memory file: reading it never blocks, and
    whoever passes it on never holds the bytes in its own memory)."""
    fd = os.memfd_create("sandbox-data", 0)
    write_all(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


# ---- the process tree ------------------------------------------------------------------------------------
def descendants(pid: int) -> list[int]:
    """Every live (or zombie) descendant of pid, from /proc's children lists."""
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


def cpu_of(pid: int) -> float:
    """CPU seconds of a process so far, its waited-for children included (0.0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def rusage_cpu(usage: Any) -> float:
    return float(usage.ru_utime + usage.ru_stime)


@dataclass
class Reaper:
    """Reaps a subreaper's children as they die and keeps the sum of their CPU time (wait4 reports a
    child's own time plus its waited-for children's, so every process is counted exactly once)."""

    main: int
    status: int | None = None
    usage: Any = None
    others_cpu: float = 0.0
    reap_all: bool = True

    def poll(self, block: bool = False) -> None:
        """Reap what has died (or, blocking, wait for the main child)."""
        while True:
            target = -1 if self.reap_all else self.main
            try:
                pid, status, usage = os.wait4(target, 0 if block and self.status is None else os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid == self.main:
                self.status, self.usage = status, usage
                if block and not self.reap_all:
                    return
            else:
                self.others_cpu += rusage_cpu(usage)

    @property
    def exited(self) -> bool:
        return self.status is not None

    def tree_cpu(self, root: int) -> float:
        """CPU of everything counted so far plus what live descendants of `root` have used."""
        done = self.others_cpu + (rusage_cpu(self.usage) if self.usage is not None else 0.0)
        return done + sum(cpu_of(pid) for pid in descendants(root))

    def total_cpu(self) -> float:
        return self.others_cpu + (rusage_cpu(self.usage) if self.usage is not None else 0.0)


def kill_descendants(root: int, reaper: Reaper | None = None, limit_s: float = 2.0) -> bool:
    """SIGKILL every descendant of `root` until none is left (processes forking meanwhile are caught on
    the next pass; killed ones cannot fork). With a reaper, `root` is this process, a subreaper: their
    zombies come to us and are reaped and counted. True when the tree is empty (or only zombies that are
    not ours to reap remain)."""
    deadline = time.monotonic() + limit_s
    while True:
        alive = [pid for pid in descendants(root) if _state(pid) not in ("Z", "X", "")]
        for pid in alive:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        if reaper is not None:
            reaper.poll()
        if not alive and (reaper is None or not descendants(root)):
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.001)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return ""


def await_gone(pids: list[int], limit_s: float = 2.0) -> None:
    """Wait (bounded) until killed processes are gone or zombies; a pid namespace's init only gets there
    once everything inside it has died, so a killed sandbox is fully torn down when this returns."""
    deadline = time.monotonic() + limit_s
    pending = list(pids)
    while pending and time.monotonic() < deadline:
        pending = [pid for pid in pending if _state(pid) not in ("Z", "X", "")]
        if pending:
            time.sleep(0.002)


# ---- the select loop -------------------------------------------------------------------------------------
@dataclass
class Stream:
    """One output pipe. keep: "head" (the first `cap` bytes; more stops the run as "output"), "tail"
    (the last `cap` bytes, never stops it) or "drop" (read and thrown away)."""

    fd: int
    cap: int
    keep: str = "head"
    data: bytearray = field(default_factory=bytearray)
    truncated: bool = False

    def take(self, chunk: bytes) -> bool:
        """Add what was read; True when the head cap was passed."""
        if self.keep == "drop":
            return False
        self.data += chunk
        if self.keep == "tail":
            del self.data[: max(0, len(self.data) - self.cap)]
            return False
        if len(self.data) > self.cap:
            del self.data[self.cap :]
            self.truncated = True
            return True
        return False


@dataclass
class Watch:
    """What `pump` needs besides the child: its deadline, an fd whose readability means "stop now"
    (the caller hung up), and a periodic check (the tree's CPU time) that may name a reason to stop."""

    deadline: float
    watch_fd: int | None = None
    check: Callable[[], str] | None = None
    check_from: float = 0.0  # monotonic time of the first check
    check_every: float = 0.01


def pump(reaper: Reaper, streams: list[Stream], watch: Watch, stdin: tuple[int, bytes] | None = None) -> str:
    """Feed stdin, collect the streams and reap until the main child has exited and its pipes are drained
    (or DRAIN_GRACE_S after its exit), or until a limit: returns "" or why it stopped ("wall", "output",
    "abandoned", or what `watch.check` said). Never kills anything: the caller reaps."""
    sel = selectors.DefaultSelector()
    by_fd = {s.fd: s for s in streams}
    for s in streams:
        os.set_blocking(s.fd, False)
        sel.register(s.fd, selectors.EVENT_READ)
    exit_fd = pidfd(reaper.main)
    if exit_fd is not None:
        sel.register(exit_fd, selectors.EVENT_READ)
    if watch.watch_fd is not None:
        sel.register(watch.watch_fd, selectors.EVENT_READ)
    pending = memoryview(stdin[1]) if stdin else memoryview(b"")
    if stdin is not None:
        if pending:
            os.set_blocking(stdin[0], False)
            sel.register(stdin[0], selectors.EVENT_WRITE)
        else:
            os.close(stdin[0])
    exited_at = 0.0
    next_check = watch.check_from
    try:
        while True:
            now = time.monotonic()
            if not reaper.exited and now >= watch.deadline:
                return "wall"
            if reaper.exited and (
                not any(fd in by_fd for fd in sel.get_map()) or now >= exited_at + DRAIN_GRACE_S
            ):
                return ""
            timeout = watch.deadline - now if exit_fd is not None else min(watch.deadline - now, 0.005)
            if reaper.exited:
                timeout = exited_at + DRAIN_GRACE_S - now
            if watch.check is not None:
                timeout = min(timeout, next_check - now)
            for key, _ in sel.select(max(timeout, 0.0)):
                fd = key.fd
                if fd == exit_fd:
                    sel.unregister(fd)
                elif fd == watch.watch_fd:
                    return "abandoned"
                elif stdin is not None and fd == stdin[0]:
                    pending = _feed(sel, fd, pending)
                else:
                    why = _collect(sel, by_fd[fd])
                    if why:
                        return why
            now = time.monotonic()
            if watch.check is not None and now >= next_check:
                next_check = now + watch.check_every
                why = watch.check()
                if why:
                    return why
            if not reaper.exited:
                reaper.poll()
                if reaper.exited:
                    exited_at = time.monotonic()
    finally:
        for key in list(sel.get_map().values()):
            if stdin is not None and key.fd == stdin[0]:
                os.close(key.fd)
        sel.close()
        if exit_fd is not None:
            os.close(exit_fd)


def _feed(sel: selectors.BaseSelector, fd: int, pending: memoryview) -> memoryview:
    try:
        pending = pending[os.write(fd, pending[:READ_CHUNK]) :]
    except BlockingIOError:
        return pending
    except OSError:  # the program closed its stdin: it has read all it wants
        pending = pending[:0]
    if not pending:
        sel.unregister(fd)
        os.close(fd)
    return pending


def _collect(sel: selectors.BaseSelector, stream: Stream) -> str:
    try:
        chunk = os.read(stream.fd, READ_CHUNK)
    except BlockingIOError:
        return ""
    except OSError:
        chunk = b""
    if not chunk:
        sel.unregister(stream.fd)
        return ""
    return "output" if stream.take(chunk) else ""


def drain(streams: list[Stream]) -> None:
    """Read what is already in the pipes of a killed program, without blocking."""
    for stream in streams:
        while not stream.truncated:
            try:
                chunk = os.read(stream.fd, READ_CHUNK)
            except OSError:
                break
            if not chunk or stream.take(chunk):
                break
