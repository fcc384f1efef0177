"""The test runner that runs INSIDE the sandbox: shipped as one file with `sandbox/supervise.py` and
`wire.py` (see `harness_source`), standard library only, because its source is the sandboxed program.
It is longer than our modules usually are because the four roles below trust one another through
what each process holds, and that is easiest to check with all of them in one place.

Trust model. Four kinds of process take part, all under the program's uid:
  harness    reads the nonce and every test's *inputs* from stdin (never an expected output) and writes
             one nonce-framed JSON line per test to its stdout, then a `done` frame. Never runs user
             code; not dumpable, so no other process can open its /proc fds or read its memory.
  zygote     forked before the harness reads stdin, so it never holds the nonce or any test. Compiles the
             program once, then per test forks the test's processes and supervises them: a child
             subreaper, so whatever they start stays in its tree, counts against the test's CPU budget
             and is killed (and reaped) before the next test. A test's input reaches the test's own
             process as an in-memory file passed straight from the harness: the zygote only passes the
             descriptor on, so no test input ever sits in the memory the next test's process inherits.
  program    one per test: its input on fd 0 (io: its stdin; call: the arguments, read and then
             replaced by /dev/null), fresh stdout/stderr pipes, rlimits, every other fd closed.
  evaluator  for residual asserts only: runs the (expected-literal-free) test code in a process of its
             own, forked from the zygote, not dumpable. The program's process only answers its calls
             over two pipes (arguments in, a plain copy of the return value, or a handle to an object
             that stays there, out); it never holds the test code, nor the pipe to the judge.
What leaves a program's process is only what it claims its output or return value to be; the judge, in
another process outside the sandbox, compares that with expected values the sandbox never receives.
"""

from __future__ import annotations

import builtins
import contextlib
import fcntl
import io
import json
import math
import os
import resource
import signal
import socket
import sys
import time
from typing import Any, NoReturn

# bundle: sibling imports
from sandbox.supervise import (
    Reaper,
    Stream,
    Watch,
    become_subreaper,
    data_fd,
    die_with_parent,
    kill_descendants,
    not_dumpable,
    pump,
    read_message,
    write_all,
    write_message,
)
from verifiers.code.wire import encode, from_json, plain, to_tagged

# bundle: end

RESULT_FD = 3
_ERR_TAIL = 2048
_FORK_TRIES = 3


# --- the program's process ------------------------------------------------------------------------------
def _read_input() -> bytes:
    """The test's input (fd 0), then fd 0 becomes /dev/null: nothing can re-read it."""
    chunks = []
    while chunk := os.read(0, 1 << 16):
        chunks.append(chunk)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    return b"".join(chunks)


def _std_streams() -> tuple[Any, ...]:
    sys.stdin = io.TextIOWrapper(
        io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding="utf-8", errors="replace"
    )
    sys.stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)), encoding="utf-8")
    sys.stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)), encoding="utf-8")
    sys.argv = ["solution.py"]
    return (sys.stdout, sys.stderr)


def _flush_and_exit(code: int, streams: tuple[Any, ...]) -> NoReturn:
    for stream in (sys.stdout, sys.stderr, *streams):
        with contextlib.suppress(BaseException):
            stream.flush()
    os._exit(code)


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:_ERR_TAIL]


def _report(line: str) -> None:
    with contextlib.suppress(OSError):
        os.write(RESULT_FD, (line + "\n").encode("utf-8", errors="replace"))


def _run_program(code: Any) -> None:
    """io test: run the program as __main__; its stdout is the answer."""
    ours = _std_streams()
    status = 0
    try:
        exec(code, {"__name__": "__main__", "__builtins__": builtins, "__file__": "solution.py"})
    except SystemExit as exc:
        status = 0 if exc.code is None else exc.code if isinstance(exc.code, int) else 1
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


def _run_call(code: Any, fn_name: str) -> None:
    """call test: import the program, call the function once, report the JSON of the return value.
    Whatever the program patches here can only change what it claims to return; the judge compares."""
    test = json.loads(_read_input())
    args, kwargs = from_json(test.get("args") or []), from_json(test.get("kwargs") or {})
    ours = _std_streams()
    try:
        namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
        exec(code, namespace)
        text = encode(_resolve(namespace, fn_name)(*args, **kwargs))
    except BaseException as exc:  # SystemExit included: exiting is not returning
        _report("E " + json.dumps(_describe(exc)))
        _flush_and_exit(1, ours)
    _report("R " + text)
    _flush_and_exit(0, ours)


def _serve_calls(code: Any, fn_name: str, requests: int, replies: int) -> None:
    """The program's process in an asserts test: import it, then answer the evaluator's requests. A value
    that is not plain data stays here and goes back as a handle the evaluator may pass or call."""
    objects: list[Any] = []

    def handle(value: Any) -> int:
        objects.append(value)
        return len(objects) - 1

    _std_streams()
    try:
        namespace: dict[str, Any] = {"__name__": "solution", "__builtins__": builtins}
        exec(code, namespace)
        _resolve(namespace, fn_name)
        reply: dict[str, Any] = {"ok": True}
    except BaseException as exc:
        reply = {"ok": False, "error": _describe(exc), "type": type(exc).__name__}
    while True:
        try:
            write_message(replies, json.dumps(reply).encode())
        except (TypeError, ValueError) as exc:
            write_message(replies, json.dumps({"ok": False, "error": _describe(exc)}).encode())
        body = read_message(requests)
        if body is None:
            _flush_and_exit(0, ())
        try:
            request = json.loads(body)
            target = request["target"]
            if isinstance(target, int):
                subject = objects[target]
            else:
                subject = _resolve(namespace, fn_name) if target == fn_name else namespace[target]
            value = (
                getattr(subject, request["attr"])
                if "attr" in request
                else subject(
                    *from_json(request["args"], objects.__getitem__),
                    **from_json(request["kwargs"], objects.__getitem__),
                )
            )
            try:
                reply = {"ok": True, "value": to_tagged(plain(value))}
            except TypeError:
                reply = {"ok": True, "value": {"__handle__": handle(value)}}
        except BaseException as exc:  # SystemExit included: exiting is not returning
            reply = {"ok": False, "error": _describe(exc), "type": type(exc).__name__}


class _Link:
    """The evaluator's end of the pipes to the program's process."""

    def __init__(self, requests: int, replies: int) -> None:
        self.requests, self.replies = requests, replies

    def ask(self, request: dict[str, Any]) -> Any:
        if request:
            write_message(self.requests, json.dumps(request).encode())
        body = read_message(self.replies)
        if body is None:
            raise RuntimeError("the program's process ended before answering")
        reply = json.loads(body)
        if not reply.get("ok"):
            kind = getattr(builtins, str(reply.get("type")), None)
            if not (isinstance(kind, type) and issubclass(kind, Exception)):
                kind = RuntimeError
            raise kind(f"the program raised {reply.get('error')}")
        return from_json(reply.get("value"), lambda n: _Remote(self, n))


class _Remote:
    """A name the program defines, or an object living in its process, as the test code sees it: calls
    and attribute reads go there; what comes back is a plain copy or another remote object."""

    def __init__(self, link: _Link, target: str | int) -> None:
        self._link, self._target = link, target

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        def name(value: Any) -> int | None:
            return value._target if isinstance(value, _Remote) and isinstance(value._target, int) else None

        wire_args = to_tagged(plain(list(args), keep=(_Remote,)), name)
        wire_kwargs = to_tagged(plain(kwargs, keep=(_Remote,)), name)
        return self._link.ask({"target": self._target, "args": wire_args, "kwargs": wire_kwargs})

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return self._link.ask({"target": self._target, "attr": attr})


class _Probe:
    """What transformed assert statements call (see verifiers/code/asserts.py for the rewrite)."""

    def begin(self, stmt: int) -> None:
        _report("B " + json.dumps(stmt))

    def end(self, stmt: int) -> None:
        _report("T " + json.dumps(stmt))

    def error(self, stmt: int, exc: BaseException) -> None:
        _report("X " + json.dumps([stmt, _describe(exc)]))

    def cmp(self, stmt: int, node: int, left: Any, right: Any) -> None:
        """Evaluate both sides here, serialise each; the operator is applied by the judge."""
        lhs = encode(left())
        rhs = encode(right()) if right is not None else "null"
        _report(f"C {stmt},{node} {lhs}\t{rhs}")


def _evaluate(fn_name: str, requests: int, replies: int) -> None:
    """The evaluator of an asserts test: the trusted setup and test code, with the program's names bound
    to remote stand-ins; every record it reports is its own."""
    test = json.loads(_read_input())
    ours = _std_streams()
    link = _Link(requests, replies)
    try:
        link.ask({})  # the program's process imported the program (or says why not)
        scope: dict[str, Any] = {"__name__": "tests", "__builtins__": builtins}
        exec(compile(test.get("setup") or "", "setup.py", "exec"), scope)
        for name in [*test.get("names", []), fn_name]:
            scope[name] = _Remote(link, name)
        scope.update({"candidate": scope[fn_name], "__probe__": _Probe()})
        exec(compile(test["code"], "tests.py", "exec"), scope)
    except BaseException as exc:
        _report("E " + json.dumps(_describe(exc)))
        _flush_and_exit(1, ours)
    _report("D")
    _flush_and_exit(0, ours)


# --- the zygote: compile once, fork and supervise each test ------------------------------------------------
def _child(fds: list[int], cpu_s: float, memory_mb: int) -> None:
    """In a freshly forked test process: fds[i] becomes fd i and every other fd is closed; die with the
    zygote; default signals; CPU and address-space rlimits."""
    die_with_parent()
    for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGXCPU, signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 100) for fd in fds]  # above every target first
    for target, fd in enumerate(high):
        os.dup2(fd, target)
    os.closerange(len(fds), 1 << 16)
    cpu = max(1, math.ceil(cpu_s))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    memory = memory_mb * 1024 * 1024
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


class Zygote:
    def __init__(self, commands: socket.socket, results: int) -> None:
        self.commands, self.results = commands, results
        self.config: dict[str, Any] = {}
        self.code: Any = None
        self.me = os.getpid()

    def serve(self) -> None:
        while True:
            message, fds = self._receive()
            if message is None:
                break
            if message.get("op") == "compile":
                with os.fdopen(fds[0], "rb") as handle:
                    self.config = json.loads(handle.read())
                write_message(self.results, json.dumps(self.compile()).encode())
            elif message.get("op") == "run":
                self.run(message, fds[0])
            # anything else is the cap of a test whose supervisor died before reading it
        kill_descendants(self.me)

    def _receive(self) -> tuple[dict[str, Any] | None, list[int]]:
        data, fds, _, _ = socket.recv_fds(self.commands, 1 << 16, 4)
        return (json.loads(data) if data else None), fds

    def compile(self) -> dict[str, Any]:
        source = self.config["source"]
        if self.config["language"] == "cpp":
            import subprocess  # only C++ needs it; the import costs every run ~15 ms

            with open("solution.cpp", "w", encoding="utf-8") as handle:
                handle.write(source)
            argv = ["g++", "-std=c++17", "-O2", "-pipe", "-o", "solution", "solution.cpp"]
            try:
                built = subprocess.run(argv, capture_output=True, timeout=self.config.get("compile_s", 30.0))
            except FileNotFoundError:
                return {"ok": False, "infra": True, "message": "g++ is not installed in this sandbox"}
            except subprocess.TimeoutExpired:
                return {"ok": False, "message": "compilation timed out"}
            message = built.stderr.decode("utf-8", errors="replace")[-4000:]
            return {"ok": built.returncode == 0, "message": message}
        try:
            self.code = compile(source, "solution.py", "exec")
        except (SyntaxError, ValueError, MemoryError, RecursionError) as exc:
            import traceback

            return {"ok": False, "message": "".join(traceback.format_exception_only(type(exc), exc))[-4000:]}
        return {"ok": True, "message": ""}

    def _fork(self, target: Any, fds: list[int], cpu_s: float) -> int:
        """Fork one of the test's processes, which runs `target` with `fds` as its fds 0, 1, ..."""
        pid = self._fork_retrying()
        if pid == 0:
            try:
                _child(fds, cpu_s, int(self.config["memory_mb"]))
                target()
            finally:
                os._exit(127)
        return pid

    def _spawn(self, kind: str, payload: int, cpu_s: float) -> tuple[int, list[int]]:
        """The test's processes; returns the one whose exit ends the test and our ends of its pipes
        (stdout, stderr, results)."""
        out, err, res = os.pipe(), os.pipe(), os.pipe()
        null = os.open(os.devnull, os.O_RDONLY)
        fn_name = str(self.config.get("fn_name"))
        opened = [null, out[1], err[1], res[1]]
        try:
            if self.config["language"] == "cpp":
                main = self._fork(
                    lambda: os.execv("./solution", ["./solution"]), [payload, out[1], err[1]], cpu_s
                )
            elif kind == "io":
                main = self._fork(lambda: _run_program(self.code), [payload, out[1], err[1]], cpu_s)
            elif kind == "call":
                main = self._fork(
                    lambda: _run_call(self.code, fn_name), [payload, out[1], err[1], res[1]], cpu_s
                )
            else:
                ask, answer = os.pipe(), os.pipe()
                opened += [*ask, *answer]
                serve = lambda: _serve_calls(self.code, fn_name, 3, 4)  # noqa: E731
                self._fork(serve, [null, out[1], err[1], ask[0], answer[1]], cpu_s)
                main = self._fork(
                    lambda: _evaluate(fn_name, 4, 5),
                    [payload, out[1], err[1], res[1], ask[1], answer[0]],
                    cpu_s,
                )
        finally:
            for fd in (*opened, payload):
                os.close(fd)
        return main, [out[0], err[0], res[0]]

    def run(self, message: dict[str, Any], payload: int) -> None:
        """Fork the test's supervisor, which answers the harness itself: this process never holds a test's
        input, output or output cap, so no later test's processes, forked from here, inherit any of them."""
        start = time.monotonic()  # nothing of an earlier test still runs: killed after its supervisor
        try:
            pid = self._fork_retrying()
        except OSError as exc:  # out of processes with nothing of ours left: the machine's fault
            os.close(payload)
            write_message(self.results, json.dumps(_infra(exc)).encode())
            return
        if pid == 0:
            self.me = os.getpid()
            become_subreaper()
            try:
                answer = json.dumps(self.supervise(message, payload)).encode()
            except BaseException:
                os._exit(1)
            write_message(self.results, answer)  # the test's processes are all gone by now
            os._exit(0)
        os.close(payload)
        reaper = Reaper(pid)
        reaper.poll(block=True)
        kill_descendants(self.me, reaper)  # what the supervisor left, should the program have killed it
        status = reaper.status or 0
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            lost: dict[str, Any] = {
                "status": "killed",
                "reason": "the test's supervisor was killed",
                "exit_code": None,
            }
            lost.update(stdout="", stderr="", result="", cpu_s=round(reaper.total_cpu(), 4))
            lost["wall_s"] = round(time.monotonic() - start, 4)
            write_message(self.results, json.dumps(lost).encode())

    def _fork_retrying(self) -> int:
        """fork(); after a failure, whatever is left of earlier tests is killed and the fork retried, so
        only a machine out of processes (never the program's leftovers) makes it fail."""
        for attempt in range(_FORK_TRIES):
            try:
                return os.fork()
            except OSError:
                kill_descendants(self.me, Reaper(-1))
                if attempt == _FORK_TRIES - 1:
                    raise
                time.sleep(0.01 * (attempt + 1))
        raise AssertionError("unreachable")

    def supervise(self, message: dict[str, Any], payload: int) -> dict[str, Any]:
        """In the test's supervisor: start the test's processes, watch them to the end or a limit, kill
        and reap everything they started, and describe the outcome."""
        cpu_s, wall_s, kind = float(message["cpu_s"]), float(message["wall_s"]), message["kind"]
        start = time.monotonic()
        try:
            main, readers = self._spawn(kind, payload, cpu_s)
        except OSError as exc:
            return _infra(exc)
        cap_message, _ = self._receive()  # sent after the fork: no test process ever holds it
        cap = int((cap_message or {}).get("cap", 0))
        streams = [
            Stream(readers[0], max(cap, 0), "head" if cap >= 0 else "drop"),
            Stream(readers[1], 2 * _ERR_TAIL, "tail"),
            Stream(readers[2], 1 << 26),
        ]
        reaper = Reaper(main)

        def over_cpu() -> str:  # every process of the test, forks nobody waited for included
            return "cpu" if reaper.tree_cpu(self.me) > cpu_s else ""

        why = pump(
            reaper, streams, Watch(start + wall_s, None, over_cpu, start + cpu_s / (os.cpu_count() or 1))
        )
        kill_descendants(self.me, reaper)
        reaper.poll(block=True)
        for fd in readers:
            os.close(fd)
        return _test_outcome(reaper, streams, why, cpu_s, start)


def _infra(exc: OSError) -> dict[str, Any]:
    return {"status": "infra", "reason": f"could not fork a test process: {exc}", "cpu_s": 0.0}


def _test_outcome(
    reaper: Reaper, streams: list[Stream], why: str, cpu_s: float, start: float
) -> dict[str, Any]:
    status = reaper.status or 0
    cpu = reaper.total_cpu()
    signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    code = -signum if signum is not None else os.WEXITSTATUS(status)
    err = bytes(streams[1].data)
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
        "stdout": bytes(streams[0].data).decode("utf-8", errors="replace"),
        "stderr": err[-_ERR_TAIL:].decode("utf-8", errors="replace"),
        "result": bytes(streams[2].data).decode("utf-8", errors="replace"),
        "cpu_s": round(cpu, 4),
        "wall_s": round(time.monotonic() - start, 4),
    }


# --- the harness: budgets and framing ------------------------------------------------------------------
def _frame(out_fd: int, nonce: str, payload: dict[str, Any]) -> None:
    write_all(
        out_fd, (nonce + " " + json.dumps(payload, ensure_ascii=False) + "\n").encode("utf-8", "replace")
    )


def main() -> None:
    not_dumpable()
    commands, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    res_r, res_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the zygote: forked before the nonce or any test exists in this process
        try:
            commands.close()
            os.close(res_r)
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1):
                os.dup2(devnull, fd)
            become_subreaper()
            Zygote(theirs, res_w).serve()
        finally:
            os._exit(0)
    theirs.close()
    os.close(res_w)
    raw = sys.stdin.buffer.read()
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)  # the request is consumed; nothing can re-read it
    request = json.loads(raw)
    nonce = request.pop("nonce")
    out_fd = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    tests = request.pop("tests")
    try:
        config = {k: request[k] for k in ("language", "source", "fn_name", "memory_mb", "compile_s")}
        compiled = _ask(commands, res_r, {"op": "compile"}, json.dumps(config).encode())
        compiled = compiled or {"ok": False, "infra": True, "message": "test runner died while compiling"}
        _frame(out_fd, nonce, {"compile": compiled})
        if compiled.get("ok"):
            _run_tests(request, tests, commands, res_r, out_fd, nonce)
        _frame(out_fd, nonce, {"done": True})
    finally:
        commands.close()
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


def _ask(
    commands: socket.socket, results: int, message: dict[str, Any], payload: bytes, *more: dict[str, Any]
) -> Any:
    """Send one command with its payload as an in-memory file (then `more` commands), read the answer."""
    fd = data_fd(payload)
    try:
        socket.send_fds(commands, [json.dumps(message).encode()], [fd])
        for extra in more:
            commands.send(json.dumps(extra).encode())
        body = read_message(results)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if body is None else json.loads(body)


def _payload(test: dict[str, Any]) -> bytes:
    """What the test's own process receives: an io test's stdin, a call's arguments, the test code."""
    if test["kind"] == "io":
        return str(test.get("stdin", "")).encode("utf-8")
    return json.dumps({k: v for k, v in test.items() if k not in ("kind", "count")}).encode()


def _run_tests(
    request: dict[str, Any],
    tests: list[dict[str, Any]],
    commands: socket.socket,
    res_r: int,
    out_fd: int,
    nonce: str,
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
        cap = int(request["caps"][index]) if test["kind"] == "io" else -1  # other tests' stdout is drained
        header = {"op": "run", "kind": test["kind"], "cpu_s": cpu_s, "wall_s": wall_s}
        outcome = _ask(commands, res_r, header, _payload(test), {"cap": cap})
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
