"""The test runner that runs INSIDE the sandbox (standard library only; its source is the sandboxed program).

Trust model. Three kinds of process take part:
  harness  reads the nonce and the test *inputs* from stdin (never an expected output), writes one
           nonce-framed JSON line per test to its stdout, and a final `done` frame. It never runs user code,
           and makes itself non-dumpable so no other process can open its /proc fds or read its memory.
  zygote   forked before the harness reads stdin (so it never holds the nonce); compiles the program once,
           then forks one child per test and reports each child's outcome to the harness over a pipe.
  child    one per test: limits, fresh stdin/stdout pipes, every other fd closed, then the user's code.
           For residual asserts the child is the evaluator: it runs the test code and forks the program
           into a process of its own that only answers calls with plain JSON.
A program can only influence what its own child reports: its output (io tests) or the JSON text of a
return value (call tests). Claiming a value is the same as returning it, expected values live only in the
judge, and the judge compares plain JSON with types checked, so there is nothing to forge. A child that
dies before its result marker, exits early or crashes fails that test only; the next test gets a new child.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import io
import json
import math
import os
import resource
import selectors
import signal
import struct
import sys
import time
from typing import Any, NoReturn

RESULT_FD = 3
_READ = 1 << 16
_ERR_TAIL = 2048
_MAX_DEPTH = 200


# --- plain data: the only thing that leaves a child as a return value ----------------------------------
def plain(value: Any, depth: int = 0) -> Any:
    """A copy of `value` built only from exact built-in types; subclass overrides (`__eq__`, `__iter__`,
    `__repr__`) are bypassed by calling the base types' own slots. Anything else is a TypeError."""
    if depth > _MAX_DEPTH:
        raise TypeError("return value is nested too deeply")
    if value is None or value is True or value is False:
        return value
    kind = type(value)
    if kind is int or kind is float or kind is str:
        return value
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, list):
        return [plain(item, depth + 1) for item in list.__iter__(value)]
    if isinstance(value, tuple):
        return tuple(plain(item, depth + 1) for item in tuple.__iter__(value))
    if isinstance(value, dict):
        return {plain(k, depth + 1): plain(v, depth + 1) for k, v in dict.items(value)}
    if isinstance(value, frozenset):
        return frozenset(plain(item, depth + 1) for item in frozenset.__iter__(value))
    if isinstance(value, set):
        return {plain(item, depth + 1) for item in set.__iter__(value)}
    if getattr(kind, "__module__", "") == "numpy":  # numpy scalars and arrays: their plain Python value
        converted = value.tolist() if hasattr(value, "tolist") else value.item()
        if type(converted) in (int, float, bool, list, str):
            return plain(converted, depth + 1)
    raise TypeError(
        f"return value of type {kind.__name__} is not plain data (int, float, str, list, dict, ...)"
    )


def to_json(value: Any) -> Any:
    """Plain Python -> JSON-ready: tuples become lists, sets a sorted `{"__set__": [...]}`, keys strings."""
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    if isinstance(value, set | frozenset):
        items = [to_json(item) for item in value]
        return {"__set__": sorted(items, key=lambda item: json.dumps(item, sort_keys=True))}
    if isinstance(value, dict):
        return {_key(k): to_json(v) for k, v in value.items()}
    return value


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float):
        return json.dumps(key)
    return repr(key)


def encode(value: Any) -> str:
    """The JSON text of a return value, as the judge will read it."""
    return json.dumps(to_json(plain(value)), allow_nan=True)


def from_json(value: Any) -> Any:
    """Arguments arrive as JSON; `{"__tuple__": [...]}` and `{"__set__": [...]}` restore those types."""
    if isinstance(value, list):
        return [from_json(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1 and "__tuple__" in value:
            return tuple(from_json(item) for item in value["__tuple__"])
        if len(value) == 1 and "__set__" in value:
            return {from_json(item) for item in value["__set__"]}
        if len(value) == 1 and "__dict__" in value:
            return {from_json(k): from_json(v) for k, v in value["__dict__"]}
        return {k: from_json(v) for k, v in value.items()}
    return value


# --- framing between processes --------------------------------------------------------------------------
def _send(fd: int, payload: dict[str, Any]) -> None:
    data = json.dumps(payload).encode()
    view = memoryview(struct.pack(">I", len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _recv(fd: int) -> dict[str, Any] | None:
    head = _read_exact(fd, 4)
    if head is None:
        return None
    body = _read_exact(fd, struct.unpack(">I", head)[0])
    return None if body is None else json.loads(body)


def _read_exact(fd: int, size: int) -> bytes | None:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = os.read(fd, size - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return bytes(chunks)


def _no_dump() -> None:
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: /proc/<pid>/{fd,mem} closed to others


# --- the child: one test ------------------------------------------------------------------------------
def _std_streams() -> None:
    sys.stdin = io.TextIOWrapper(
        io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding="utf-8", errors="replace"
    )
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)), encoding="utf-8")
    sys.argv = ["solution.py"]


def _flush_and_exit(code: int, streams: tuple[Any, ...]) -> NoReturn:
    for stream in (sys.stdout, sys.stderr, *streams):
        with contextlib.suppress(BaseException):
            stream.flush()
    os._exit(code)


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    return exc.code if isinstance(exc.code, int) else 1


def _run_program(code: Any) -> None:
    """io test: run the program as __main__; its stdout is the answer."""
    _std_streams()
    ours = (sys.stdout, sys.stderr)
    status = 0
    try:
        exec(code, {"__name__": "__main__", "__builtins__": builtins, "__file__": "solution.py"})
    except SystemExit as exc:
        status = _exit_code(exc)
    except BaseException:
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
        status = 1
    _flush_and_exit(status, ours)


def _resolve(namespace: dict[str, Any], fn_name: str) -> Any:
    target = namespace.get(fn_name)
    if callable(target):
        return target
    solution = namespace.get("Solution")
    if isinstance(solution, type) and callable(getattr(solution, fn_name, None)):
        return getattr(solution(), fn_name)
    raise NameError(f"the program defines no function {fn_name!r} (nor a class Solution with that method)")


def _report(line: str) -> None:
    data = (line + "\n").encode("utf-8", errors="replace")
    with contextlib.suppress(OSError):
        os.write(RESULT_FD, data)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:_ERR_TAIL]


def _run_call(code: Any, fn_name: str, test: dict[str, Any]) -> None:
    """call test: import the program, call the function once, report the JSON of the return value."""
    dumps = encode  # bound before user code runs; tampering with it only changes what the program claims
    args = from_json(test.get("args") or [])
    kwargs = from_json(test.get("kwargs") or {})
    _std_streams()
    ours = (sys.stdout, sys.stderr)
    try:
        namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
        exec(code, namespace)
        value = _resolve(namespace, fn_name)(*args, **kwargs)
        text = dumps(value)
    except BaseException as exc:  # SystemExit included: exiting is not returning
        _report("E " + json.dumps(_describe(exc)))
        _flush_and_exit(1, ours)
    _report("R " + text)
    _flush_and_exit(0, ours)


class _Probe:
    """What transformed assert statements call (see verifiers/code/asserts.py for the rewrite)."""

    def __init__(self, report: Any, dumps: Any) -> None:
        self._report = report
        self._dumps = dumps

    def begin(self, stmt: int) -> None:
        self._report("B " + json.dumps(stmt))

    def end(self, stmt: int) -> None:
        self._report("T " + json.dumps(stmt))

    def error(self, stmt: int, exc: BaseException) -> None:
        self._report("X " + json.dumps([stmt, _describe(exc)]))

    def cmp(self, stmt: int, node: int, left: Any, right: Any) -> None:
        """Evaluate both sides here, serialise each; the operator is applied by the judge."""
        lhs = self._dumps(left())
        rhs = self._dumps(right()) if right is not None else "null"
        self._report(f"C {stmt},{node} {lhs}\t{rhs}")


def to_tagged(value: Any) -> Any:
    """Plain Python -> JSON that `from_json` turns back into the same types (tuples, sets, any dict keys)."""
    if isinstance(value, list):
        return [to_tagged(item) for item in value]
    if isinstance(value, tuple):
        return {"__tuple__": [to_tagged(item) for item in value]}
    if isinstance(value, set | frozenset):
        return {"__set__": [to_tagged(item) for item in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value) and not (
            len(value) == 1 and next(iter(value)).startswith("__")
        ):
            return {k: to_tagged(v) for k, v in value.items()}
        return {"__dict__": [[to_tagged(k), to_tagged(v)] for k, v in value.items()]}
    return value


def _serve_calls(code: Any, fn_name: str, requests: int, replies: int) -> None:
    """The program's own process in an asserts test: import it, then answer call requests as plain JSON.
    It never sees the test code; the evaluator that does is a separate, non-dumpable process."""
    try:
        namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
        exec(code, namespace)
        function = _resolve(namespace, fn_name)
        _send(replies, {"ok": True})
    except BaseException as exc:
        _send(replies, {"ok": False, "error": _describe(exc), "type": type(exc).__name__})
        _flush_and_exit(1, ())
    while True:
        request = _recv(requests)
        if request is None:
            _flush_and_exit(0, ())
        try:
            value = function(*from_json(request["args"]), **from_json(request["kwargs"]))
            reply = {"ok": True, "value": to_tagged(plain(value))}
        except BaseException as exc:  # SystemExit included: exiting is not returning
            reply = {"ok": False, "error": _describe(exc), "type": type(exc).__name__}
        try:
            _send(replies, reply)
        except (TypeError, ValueError) as exc:
            _send(replies, {"ok": False, "error": _describe(exc), "type": "TypeError"})


class _Remote:
    """The candidate as the test code sees it: each call goes to the program's process and comes back
    as a plain copy; an exception there is raised here as the same built-in exception type."""

    def __init__(self, requests: int, replies: int) -> None:
        self._requests = requests
        self._replies = replies

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        _send(self._requests, {"args": to_tagged(plain(list(args))), "kwargs": to_tagged(plain(kwargs))})
        reply = _recv(self._replies)
        if reply is None:
            raise RuntimeError("the program's process ended before returning")
        if not reply.get("ok"):
            kind = getattr(builtins, str(reply.get("type")), None)
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                kind = RuntimeError
            raise kind(f"the program raised {reply.get('error')}")
        return from_json(reply["value"])


def _run_asserts(code: Any, fn_name: str, test: dict[str, Any]) -> None:
    """asserts test: the rewritten (expected-value-free) test code runs here, in a process the program
    never runs in; the program runs in its own forked process and only answers calls."""
    dumps = encode
    setup = compile(test.get("setup") or "", "setup.py", "exec")
    checks = compile(test["code"], "tests.py", "exec")
    _std_streams()
    ours = (sys.stdout, sys.stderr)
    if test.get("in_process"):
        _asserts_in_process(code, fn_name, setup, checks, ours)
    req_r, req_w = os.pipe()
    rep_r, rep_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(req_w)
            os.close(rep_r)
            os.close(RESULT_FD)
            _serve_calls(code, fn_name, req_r, rep_w)
        finally:
            os._exit(127)
    os.close(req_r)
    os.close(rep_w)
    hello = _recv(rep_r)
    if not hello or not hello.get("ok"):
        _report(
            "E " + json.dumps((hello or {}).get("error") or "the program's process ended while importing")
        )
        _flush_and_exit(1, ours)
    candidate = _Remote(req_w, rep_r)
    scope: dict[str, Any] = {"__name__": "tests", "__builtins__": builtins}
    _exec_checks(setup, checks, scope, fn_name, candidate, dumps, ours)


def _asserts_in_process(code: Any, fn_name: str, setup: Any, checks: Any, ours: tuple[Any, ...]) -> None:
    """Fallback when the test code uses the program's own names (its classes): one process for both."""
    clean_builtins = dict(builtins.__dict__)
    try:
        namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
        exec(code, namespace)
        function = _resolve(namespace, fn_name)
    except BaseException as exc:
        _report("E " + json.dumps(_describe(exc)))
        _flush_and_exit(1, ours)

    def candidate(*args: Any, **kwargs: Any) -> Any:
        return plain(function(*args, **kwargs))  # the test code only ever sees plain copies

    scope = dict(namespace)
    scope["__builtins__"] = clean_builtins
    _exec_checks(setup, checks, scope, fn_name, candidate, encode, ours)


def _exec_checks(
    setup: Any,
    checks: Any,
    scope: dict[str, Any],
    fn_name: str,
    candidate: Any,
    dumps: Any,
    ours: tuple[Any, ...],
) -> None:
    try:
        exec(setup, scope)
        scope.update({fn_name: candidate, "candidate": candidate, "__probe__": _Probe(_report, dumps)})
        exec(checks, scope)
    except BaseException as exc:
        _report("E " + json.dumps(_describe(exc)))
        _flush_and_exit(1, ours)
    _report("D")
    _flush_and_exit(0, ours)


def _cpu_of(pid: int) -> float:
    """CPU seconds used so far by a running child (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _pidfd(pid: int) -> int | None:
    """A descriptor that turns readable when the child exits, so the watcher sleeps instead of polling."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _run_binary(path: str) -> None:
    os.execv(path, [path])


# --- the zygote: compile once, fork a child per test ---------------------------------------------------
class Zygote:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.code: Any = None
        self.groups: list[int] = []

    def compile(self) -> dict[str, Any]:
        source = self.config["source"]
        if self.config["language"] == "cpp":
            import subprocess  # only C++ needs it; the import costs every run ~15 ms

            with open("solution.cpp", "w", encoding="utf-8") as handle:
                handle.write(source)
            argv = ["g++", "-std=c++17", "-O2", "-pipe", "-o", "solution", "solution.cpp"]
            try:
                done = subprocess.run(argv, capture_output=True, timeout=self.config.get("compile_s", 30.0))
            except FileNotFoundError:
                return {"ok": False, "infra": True, "message": "g++ is not installed in this sandbox"}
            except subprocess.TimeoutExpired:
                return {"ok": False, "message": "compilation timed out"}
            message = done.stderr.decode("utf-8", errors="replace")[-4000:]
            return {"ok": done.returncode == 0, "message": message}
        try:
            self.code = compile(source, "solution.py", "exec")
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            import traceback

            return {"ok": False, "message": "".join(traceback.format_exception_only(type(exc), exc))[-4000:]}
        return {"ok": True, "message": ""}

    def target(self, test: dict[str, Any]) -> Any:
        kind = test["kind"]
        if self.config["language"] == "cpp":
            return lambda: _run_binary("./solution")
        if kind == "io":
            return lambda: _run_program(self.code)
        if kind == "call":
            return lambda: _run_call(self.code, self.config["fn_name"], test)
        return lambda: _run_asserts(self.code, self.config["fn_name"], test)

    def run(self, test: dict[str, Any], cpu_s: float, wall_s: float, cap: int) -> dict[str, Any]:
        stdin = test.get("stdin", "").encode("utf-8") if test["kind"] == "io" else b""
        cap = cap if test["kind"] == "io" else -1  # only an io test's stdout is its answer; others drain it
        return self._spawn(self.target(test), stdin, cpu_s, wall_s, cap, int(self.config["memory_mb"]))

    def _spawn(
        self, target: Any, stdin: bytes, cpu_s: float, wall_s: float, cap: int, memory_mb: int
    ) -> dict[str, Any]:
        pipes = [os.pipe() for _ in range(4)]  # stdin, stdout, stderr, result
        start = time.monotonic()
        try:
            pid = os.fork()
        except OSError as exc:  # out of processes: the machine's fault, not the program's (the judge retries)
            for pair in pipes:
                for fd in pair:
                    os.close(fd)
            return {"status": "infra", "reason": f"could not fork a test process: {exc}", "cpu_s": 0.0}
        if pid == 0:
            try:
                os.setpgid(0, 0)
                ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # die with the zygote
                for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGXCPU, signal.SIGINT, signal.SIGTERM):
                    signal.signal(sig, signal.SIG_DFL)
                os.dup2(pipes[0][0], 0)
                os.dup2(pipes[1][1], 1)
                os.dup2(pipes[2][1], 2)
                os.dup2(pipes[3][1], RESULT_FD)
                os.closerange(RESULT_FD + 1, 1 << 16)
                cpu = max(1, math.ceil(cpu_s))
                resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
                memory = memory_mb * 1024 * 1024
                with contextlib.suppress(ValueError, OSError):
                    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
                target()
            finally:
                os._exit(127)
        self.groups.append(pid)
        os.close(pipes[0][0])
        for _, w in pipes[1:]:
            os.close(w)
        return self._watch(pid, start, stdin, pipes[0][1], [p[0] for p in pipes[1:]], cpu_s, wall_s, cap)

    def _watch(
        self,
        pid: int,
        start: float,
        stdin: bytes,
        in_w: int,
        readers: list[int],
        cpu_s: float,
        wall_s: float,
        cap: int,
    ) -> dict[str, Any]:
        out, err, res = bytearray(), bytearray(), bytearray()
        buffers = dict(zip(readers, (out, err, res), strict=True))
        caps = {readers[0]: cap, readers[2]: 1 << 26}  # stderr keeps only its tail (see below)
        sel = selectors.DefaultSelector()
        for fd in readers:
            os.set_blocking(fd, False)
            sel.register(fd, selectors.EVENT_READ)
        pidfd = _pidfd(pid)
        if pidfd is not None:
            sel.register(pidfd, selectors.EVENT_READ)
        pending = memoryview(stdin)
        if pending:
            os.set_blocking(in_w, False)
            sel.register(in_w, selectors.EVENT_WRITE)
        else:
            os.close(in_w)
        deadline = start + wall_s
        why, waited = "", None
        exited_at = 0.0
        while True:
            now = time.monotonic()
            if waited is None and now >= deadline:
                why = "wall"
                break
            if waited is not None and (not sel.get_map() or now >= exited_at + 0.05):
                break
            poll = deadline - now if pidfd is not None else min(0.005, deadline - now)
            if waited is not None:
                poll = min(poll, exited_at + 0.05 - now)
            # past its CPU budget in wall time, a child may be past it in CPU time too: look every 10 ms
            poll = min(poll, max(cpu_s - (now - start), 0.0) + 0.01)
            poll = max(poll, 0.0)
            for key, _ in sel.select(poll):
                fd = key.fd
                if fd == pidfd:
                    sel.unregister(fd)
                    continue
                if fd == in_w:
                    try:
                        pending = pending[os.write(fd, pending[:_READ]) :]
                    except BlockingIOError:
                        continue
                    except OSError:  # the program closed its stdin: it has read all it wants
                        pending = pending[:0]
                    if not pending:
                        sel.unregister(fd)
                        os.close(fd)
                    continue
                try:
                    chunk = os.read(fd, _READ)
                except BlockingIOError:
                    continue
                if not chunk:
                    sel.unregister(fd)
                    continue
                if fd == readers[0] and cap < 0:
                    continue
                buffers[fd] += chunk
                if fd == readers[1]:
                    del err[: max(0, len(err) - 2 * _ERR_TAIL)]  # stderr: only its tail is reported
                elif len(buffers[fd]) > caps[fd]:
                    why = "output"
            if why:
                break
            if now - start >= cpu_s and _cpu_of(pid) > cpu_s:  # RLIMIT_CPU only counts whole seconds
                why = "cpu"
                break
            if waited is None:
                got, status, usage = os.wait4(pid, os.WNOHANG)
                if got:
                    waited = (status, usage)
                    exited_at = time.monotonic()
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        if waited is None:
            _, status, usage = os.wait4(pid, 0)
            waited = (status, usage)
        for key in list(sel.get_map().values()):
            sel.unregister(key.fd)
            with contextlib.suppress(OSError):
                os.close(key.fd)
        sel.close()
        if pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(pidfd)
        for fd in readers:
            with contextlib.suppress(OSError):
                os.close(fd)
        status, usage = waited
        cpu = usage.ru_utime + usage.ru_stime
        signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        code = -signum if signum is not None else os.WEXITSTATUS(status)
        outcome = "ok"
        if why == "output":
            outcome = "output_limit"
        elif why in ("wall", "cpu") or signum == signal.SIGXCPU or cpu > cpu_s:
            outcome = "timeout"
        elif b"MemoryError" in err[-_ERR_TAIL:] or b"bad_alloc" in err[-_ERR_TAIL:]:
            outcome = "memory"
        elif signum is not None:
            outcome = "killed"
        elif code != 0:
            outcome = "runtime_error"
        return {
            "status": outcome,
            "exit_code": code,
            "stdout": bytes(out[: max(cap, 0)]).decode("utf-8", errors="replace"),
            "stderr": bytes(err[-_ERR_TAIL:]).decode("utf-8", errors="replace"),
            "result": bytes(res).decode("utf-8", errors="replace"),
            "cpu_s": round(cpu, 4),
            "wall_s": round(time.monotonic() - start, 4),
        }

    def serve(self, cmd_r: int, res_w: int) -> None:
        while True:
            message = _recv(cmd_r)
            if message is None:
                break
            if message["op"] == "compile":
                self.config = message["config"]
                _send(res_w, self.compile())
            else:
                _send(res_w, self.run(message["test"], message["cpu_s"], message["wall_s"], message["cap"]))
        for group in self.groups:
            with contextlib.suppress(OSError):
                os.killpg(group, signal.SIGKILL)


# --- the harness: budgets and framing ------------------------------------------------------------------
def _frame(out_fd: int, nonce: str, payload: dict[str, Any]) -> None:
    data = (nonce + " " + json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8", errors="replace")
    view = memoryview(data)
    while view:
        view = view[os.write(out_fd, view) :]


def main() -> None:
    _no_dump()
    cmd_r, cmd_w = os.pipe()
    res_r, res_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the zygote: forked before the nonce exists in this process
        try:
            os.close(cmd_w)
            os.close(res_r)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1):
                os.dup2(devnull, fd)
            Zygote({}).serve(cmd_r, res_w)
        finally:
            os._exit(0)
    os.close(cmd_r)
    os.close(res_w)
    raw = sys.stdin.buffer.read()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # the request is consumed; nothing can re-read it through our fd 0
    request = json.loads(raw)
    nonce = request.pop("nonce")
    out_fd = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    tests = request.pop("tests")
    try:
        _send(cmd_w, {"op": "compile", "config": request})
        compiled = _recv(res_r) or {"ok": False, "infra": True, "message": "test runner died while compiling"}
        _frame(out_fd, nonce, {"compile": compiled})
        if compiled.get("ok"):
            _run_tests(request, tests, cmd_w, res_r, out_fd, nonce)
        _frame(out_fd, nonce, {"done": True})
    finally:
        os.close(cmd_w)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _run_tests(
    request: dict[str, Any], tests: list[dict[str, Any]], cmd_w: int, res_r: int, out_fd: int, nonce: str
) -> None:
    cpu_left = float(request["total_cpu_s"])
    wall_end = time.monotonic() + float(request["total_wall_s"])
    per_test = float(request["time_limit_s"])
    wall_factor = float(request.get("wall_factor", 3.0))
    for index, test in enumerate(tests):
        wall_left = wall_end - time.monotonic()
        if cpu_left <= 0.0 or wall_left <= 0.0:
            _frame(out_fd, nonce, {"i": index, "status": "timeout", "reason": "total time budget exhausted"})
            continue
        scale = float(test.get("count", 1))
        cpu_s = min(per_test * scale, cpu_left)
        wall_s = min(per_test * scale * wall_factor + 0.5, wall_left)
        cap = int(request["caps"][index])
        try:
            _send(cmd_w, {"op": "run", "test": test, "cpu_s": cpu_s, "wall_s": wall_s, "cap": cap})
            outcome = _recv(res_r)
        except OSError:
            outcome = None
        if outcome is None:
            _frame(
                out_fd, nonce, {"i": index, "status": "runner_died", "reason": "the test runner was killed"}
            )
            return
        cpu_left -= float(outcome["cpu_s"])
        outcome["i"] = index
        _frame(out_fd, nonce, outcome)


if __name__ == "__main__":
    main()
