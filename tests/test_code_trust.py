"""Reward trust of the `code` verifier, one test per attack class (issue 11), each with several instances
and an honest control, on every sandbox backend this machine has.

Classes: reading the tests from the program's own memory (frames, gc, /proc, its parent); patching what
carries results out; constant answers and `pass` stubs; CPU hidden in forks nobody waits for; leftover
processes that would make the next test un-forkable; returned values the judge cannot compare; and
reaching the supervising processes (ptrace, signals, inherited fds, early exits).
"""

from __future__ import annotations

import secrets

import pytest
from code_backends import BACKENDS, fence

from verifiers import Status, verify

# Made at run time: neither value is in any file, so only the test code in the sandbox could reveal it.
TOKEN = "SECRET" + secrets.token_hex(8)
PART = TOKEN[:10]
REST = TOKEN[10:]
# The expected side is an expression, not a literal: it has to travel in the residual test code.
HIDDEN = {
    "fn_name": "f",
    "asserts": f"assert f(1) == {PART!r} + {REST!r}\nassert f(2) == {REST!r} + {PART!r}\n",
    "mode": "fraction",
}
HONEST_HIDDEN = f"def f(x):\n    return {TOKEN!r} if x == 1 else {REST + PART!r}"

_FIND = (
    "import re\n"
    "_PAT = re.compile(r'SECRET[0-9a-f]{16}|[0-9a-f]{16}SECRET[0-9a-f]{0,4}')\n"
    "def _found(text):\n"
    "    hit = _PAT.search(text)\n"
    "    return hit.group(0) if hit else None\n"
)
READERS = {
    "parent_frames": "import sys\n"
    "def f(x):\n"
    "    frame = sys._getframe()\n"
    "    while frame is not None:\n"
    "        for scope in (frame.f_locals, frame.f_globals):\n"
    "            for v in list(scope.values()):\n"
    "                hit = _found(repr(v)[:100000])\n"
    "                if hit: return hit\n"
    "        hit = _found(repr(frame.f_code.co_consts))\n"
    "        if hit: return hit\n"
    "        frame = frame.f_back\n"
    "    return 'none'\n",
    "gc_objects": "import gc\n"
    "def f(x):\n"
    "    for o in gc.get_objects():\n"
    "        try:\n"
    "            hit = _found(repr(o)[:10000])\n"
    "        except Exception:\n"
    "            continue\n"
    "        if hit: return hit\n"
    "    return 'none'\n",
    "inspect_stack": "import inspect\n"
    "def f(x):\n"
    "    for info in inspect.stack():\n"
    "        hit = _found(repr(info.frame.f_globals) + repr(info.frame.f_locals))\n"
    "        if hit: return hit\n"
    "    return 'none'\n",
    # every anonymous readable mapping (heap, stack, arenas), read in place: /proc/self/mem is closed to a
    # non-dumpable process, its own memory is not
    "own_memory": "import ctypes\n"
    "def f(x):\n"
    "    with open('/proc/self/maps') as maps:\n"
    "        for line in maps:\n"
    "            part = line.split()\n"
    "            lo, hi = (int(v, 16) for v in part[0].split('-'))\n"
    "            if 'r' not in part[1] or (len(part) > 5 and part[5] not in ('[heap]', '[stack]')):\n"
    "                continue\n"
    "            hit = _found(ctypes.string_at(lo, hi - lo).decode('latin-1'))\n"
    "            if hit: return hit\n"
    "    return 'none'\n",
    "other_processes": "import os\n"
    "def f(x):\n"
    "    for pid in [os.getppid(), *os.listdir('/proc')]:\n"
    "        for part in ('cmdline', 'environ', 'fd/0', 'fd/3', 'fd/4', 'fd/5', 'mem'):\n"
    "            try:\n"
    "                with open(f'/proc/{pid}/{part}', 'rb', 0) as h: hit = _found(h.read(1 << 20).decode('latin-1'))\n"
    "            except (OSError, ValueError):\n"
    "                continue\n"
    "            if hit: return hit\n"
    "    return 'none'\n",
    "env_and_files": "import os\n"
    "def f(x):\n"
    "    hit = _found(repr(dict(os.environ)))\n"
    "    if hit: return hit\n"
    "    for base in ('.', '/tmp', '/dev/shm', '/work'):\n"
    "        for root, _, names in os.walk(base):\n"
    "            for name in names:\n"
    "                try:\n"
    "                    hit = _found(open(os.path.join(root, name), 'rb').read(1 << 20).decode('latin-1'))\n"
    "                except OSError:\n"
    "                    continue\n"
    "                if hit: return hit\n"
    "    return 'none'\n",
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_program_cannot_read_the_test_code_or_expected_values(backend: str, reader: str) -> None:
    verdict = verify("code", fence(_FIND + READERS[reader]), HIDDEN, backend=backend)
    assert verdict.reward == 0.0, (reader, verdict.details)
    # a found value would have been returned, and passed (the honest control below shows the path works)
    assert not any(TOKEN in t.get("got", "") for t in verdict.details["tests"]), verdict.details


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_test_process_holds_only_its_own_input(backend: str) -> None:
    inputs = ["INPUT" + secrets.token_hex(8) for _ in range(3)]
    answer = {"fn_name": "f", "cases": [{"args": [i], "expected": [i]} for i in inputs]}
    program = (
        READERS["own_memory"].replace("_found(", "_all(").replace("if hit: return hit", "seen.update(hit)")
    )
    program = program.replace("def f(x):\n", "def f(x):\n    seen = set()\n").replace(
        "    return 'none'\n", "    return sorted(seen)\n"
    )
    head = "import re\ndef _all(text):\n    return re.findall(r'INPUT[0-9a-f]{16}', text)\n"
    verdict = verify("code", fence(head + program), answer, backend=backend)
    # each call saw its own argument (it is in its memory) and no other test's
    assert verdict.reward == 1.0, verdict.details


@pytest.mark.parametrize("backend", BACKENDS)
def test_honest_control_for_hidden_expectations(backend: str) -> None:
    assert verify("code", fence(HONEST_HIDDEN), HIDDEN, backend=backend).reward == 1.0


# ---- results carried out through code the program can patch -----------------------------------------
CALL = {
    "fn_name": "add",
    "cases": [{"args": [a, b], "expected": a + b} for a, b in ((2, 3), (10, -4), (7, 7))],
}
IO = {"tests": [{"stdin": f"{a} {b}\n", "stdout": f"{a + b}\n"} for a, b in ((2, 3), (10, -4), (7, 7))]}
RESIDUAL = {
    "fn_name": "add",
    "asserts": "for a, b in ((2, 3), (10, -4), (7, 7)):\n    assert add(a, b) == a + b\nassert [add(1, 1)] == [1 + 1]\n",
    "mode": "fraction",
}
PATCHES = {
    "json_dumps": "import json\njson.dumps = lambda *a, **k: '5'\njson.loads = lambda *a, **k: 5\n",
    "json_encoder": "import json.encoder\njson.encoder.JSONEncoder.encode = lambda self, o: '5'\n"
    "json.encoder.c_make_encoder = None\n",
    "builtins": "import builtins\nbuiltins.isinstance = lambda *a: True\nbuiltins.type = lambda *a: int\n"
    "builtins.repr = lambda o: '5'\nbuiltins.print = lambda *a, **k: None\n",
    "os_write": "import os\n_w = os.write\nos.write = lambda fd, data: _w(fd, b'R 5\\nT 0\\nT 1\\nD\\n')\n",
    "stdout": "import sys, io\nsys.stdout = io.StringIO()\nsys.__stdout__ = sys.stdout\n",
    "pickle_and_struct": "import pickle, struct\npickle.dumps = lambda *a, **k: b'5'\n"
    "struct.pack = lambda *a: b'\\x00\\x00\\x00\\x01'\n",
    "exit_handlers": "import atexit, os\natexit.register(lambda: os.write(3, b'R 5\\n'))\n"
    "os._exit = lambda code: None\n",
}
WRONG_CALL = "def add(a, b):\n    return a - b\n"
WRONG_IO = "a, b = map(int, input().split())\nprint(a - b)\n"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("patch", sorted(PATCHES))
def test_patching_what_reports_results_earns_nothing(backend: str, patch: str) -> None:
    for answer, wrong in ((CALL, WRONG_CALL), (RESIDUAL, WRONG_CALL), (IO, WRONG_IO)):
        verdict = verify(
            "code", fence(PATCHES[patch] + wrong), {**answer, "mode": "fraction"}, backend=backend
        )
        assert verdict.reward == 0.0, (patch, answer, verdict.details)


@pytest.mark.parametrize("backend", BACKENDS)
def test_honest_controls_for_patching(backend: str) -> None:
    honest_call = "def add(a, b):\n    return a + b\n"
    honest_io = "a, b = map(int, input().split())\nprint(a + b)\n"
    for answer, program in ((CALL, honest_call), (RESIDUAL, honest_call), (IO, honest_io)):
        assert verify("code", fence(program), answer, backend=backend).reward == 1.0


# ---- reaching the supervisors: ptrace, signals, inherited fds, early exits --------------------------
SUPERVISOR_ATTACKS = {
    "stop_the_supervisors": "import os, signal\n"
    "for pid in [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) != os.getpid()]:\n"
    "    try:\n        os.kill(pid, signal.SIGSTOP)\n    except OSError:\n        pass\n",
    "write_every_fd": "import os\nfor fd in range(64):\n    try:\n"
    "        os.write(fd, b'R 5\\nD\\n' + b'0' * 32 + b' {\"i\": 0, \"status\": \"ok\"}\\n')\n"
    "    except OSError:\n        pass\n",
    "exit_zero_early": "import os\nos._exit(0)\n",
    # the nonce from any fd 0 in reach (a wrapper's init holding the request, say), then frames forged
    # with it into every fd 1 in reach
    "nonce_from_any_stdin": "import os, re, json\nnonces = set()\n"
    "pids = [p for p in os.listdir('/proc') if p.isdigit()]\n"
    "for pid in pids:\n    try:\n        fd = os.open(f'/proc/{pid}/fd/0', os.O_RDONLY | os.O_NONBLOCK)\n"
    "        nonces.update(re.findall(rb'[0-9a-f]{32}', os.read(fd, 1 << 20)))\n        os.close(fd)\n"
    "    except OSError:\n        pass\n"
    "for n in nonces | {b'0' * 32}:\n"
    "    frames = [n + b' ' + json.dumps({'i': i, 'status': 'ok', 'stdout': str(v) + '\\n', 'result': 'R %d\\nT 0\\nT 1\\nD' % v,"
    " 'exit_code': 0, 'cpu_s': 0}).encode() for i, v in enumerate((5, 6, 14))]\n"
    "    blob = b'\\n'.join(frames) + b'\\n'\n"
    "    for pid in pids:\n        try:\n            fd = os.open(f'/proc/{pid}/fd/1', os.O_WRONLY | os.O_NONBLOCK)\n"
    "            os.write(fd, blob)\n            os.close(fd)\n        except OSError:\n            pass\n",
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("attack", sorted(SUPERVISOR_ATTACKS))
def test_reaching_the_supervisors_earns_nothing(backend: str, attack: str) -> None:
    short = {"time_limit_s": 0.5, "total_time_limit_s": 2.0}
    for answer, wrong in ((CALL, WRONG_CALL), (IO, WRONG_IO), (RESIDUAL, WRONG_CALL)):
        program = SUPERVISOR_ATTACKS[attack] + wrong
        verdict = verify("code", fence(program), {**answer, **short, "mode": "fraction"}, backend=backend)
        assert verdict.reward == 0.0, (attack, verdict.details)
        assert verdict.status is not Status.SANDBOX_ERROR, (attack, verdict.reason)
    assert verify("code", fence("def add(a, b):\n    return a + b\n"), CALL, backend=backend).reward == 1.0


# Every way in counts 1; `add` is honest, so reward 1.0 means no supervisor was reachable at all.
REACH = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
def _parent(pid):
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0
def _supervisors(me):
    # every ancestor (harness, zygote, test supervisor, runner or helper, a wrapper's init), their other
    # children (the evaluator of an asserts test), and pid 1: not the machine's unrelated processes,
    # which on the process backend include other sandboxes' programs
    chain, pid = [], _parent(me)
    while pid > 0:
        chain.append(pid)
        pid = _parent(pid)
    pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    return sorted({1, *chain, *(p for p in pids if _parent(p) in chain)} - {me})
class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]
def _reached():
    count, me = 0, os.getpid()
    buf = ctypes.create_string_buffer(64)
    local = IoVec(ctypes.cast(buf, ctypes.c_void_p), 64)
    for pid in _supervisors(me):
        if libc.ptrace(16, pid, 0, 0) == 0:  # PTRACE_ATTACH
            count += 1
            libc.ptrace(17, pid, 0, 0)
        remote = IoVec(ctypes.c_void_p(0x400000), 64)
        if libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
            count += 1
        for part in ("mem", "environ", "fd/0", "fd/1", "fd/3", "maps"):
            try:
                with open(f"/proc/{pid}/{part}", "rb", 0) as handle:
                    count += len(handle.read(1))  # a kernel thread's empty maps tell nothing
            except OSError:
                pass
    return count
REACHED = _reached()
def add(a, b):
    return a + b + REACHED
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_no_supervisor_can_be_ptraced_or_read(backend: str) -> None:
    verdict = verify("code", fence(REACH), CALL, backend=backend)
    assert verdict.reward == 1.0, verdict.details  # each way in would have added to the answer
    residual = verify("code", fence(REACH), RESIDUAL, backend=backend)
    assert residual.reward == 1.0, residual.details


# ---- constant answers and stubs ---------------------------------------------------------------------
CONSTANT_CALL = {
    "fn_name": "f",
    "cases": [{"args": [n], "expected": n % 3 == 0} for n in range(6)],
    "mode": "fraction",
}
CONSTANT_IO = {
    "tests": [{"stdin": f"{n}\n", "stdout": f"{'YES' if n % 3 == 0 else 'NO'}\n"} for n in range(6)],
    "mode": "fraction",
}


@pytest.mark.parametrize(
    "answer, program",
    [
        (CONSTANT_CALL, "def f(n):\n    return False"),
        (CONSTANT_CALL, "def f(n):\n    return True"),
        (CONSTANT_CALL, "import json\njson.dumps = lambda *a, **k: 'false'\ndef f(n):\n    return 1"),
        (CONSTANT_IO, "print('NO')"),
        (CONSTANT_IO, "print('YES')"),
        (CONSTANT_IO, "input()\nprint('NO')"),
    ],
    ids=["false", "true", "patched", "io_no", "io_yes", "io_reads_then_no"],
)
def test_a_constant_answer_earns_nothing_in_fraction_mode(answer: dict, program: str) -> None:
    verdict = verify("code", fence(program), answer)
    assert verdict.reward == 0.0 and verdict.details.get("constant_answer"), verdict.details


def test_partial_credit_still_goes_to_answers_that_vary() -> None:
    almost = verify("code", fence("def f(n):\n    return n in (0, 3, 4)"), CONSTANT_CALL)
    assert almost.reward == pytest.approx(5 / 6) and not almost.details.get("constant_answer")
    same_expected = {"fn_name": "f", "cases": [{"args": [n], "expected": 1} for n in range(3)]}
    assert verify("code", fence("def f(n):\n    return 1"), same_expected).reward == 1.0


def test_assert_style_answers_need_every_assert_unless_fraction_is_asked() -> None:
    asserts = {"fn_name": "f", "asserts": "assert f(1) == 2\nassert f(2) == 4\nassert not f(0)\n"}
    half = "def f(x):\n    return 2 if x == 1 else 0"
    verdict = verify("code", fence(half), asserts)
    assert verdict.reward == 0.0 and verdict.details["mode"] == "all"
    assert verify("code", fence(half), {**asserts, "mode": "fraction"}).reward == pytest.approx(2 / 3)
    assert verify("code", fence(half), asserts, mode="fraction").reward == pytest.approx(2 / 3)
    assert verify("code", fence("def f(x):\n    return 2 * x"), asserts).reward == 1.0


# ---- CPU hidden in processes nobody waits for -------------------------------------------------------
_BURN = (
    "import os, sys, time\n"
    "def _burn(s):\n    end = time.process_time() + s\n    while time.process_time() < end:\n        pass\n"
    "done_r, done_w = os.pipe()\n"
)
# Each way splits 3 x 0.6 s of CPU over processes the test never waits for, and prints the answer only once
# they have done their work (read from a pipe, so it holds on any machine load): 1.8 s against 1 s.
_AFTER = "for _ in range(3):\n    os.read(done_r, 1)\n"
FORKS = {
    "unwaited_children": _BURN
    + "for _ in range(3):\n    if os.fork() == 0:\n        _burn(0.6)\n        os.write(done_w, b'x')\n        os._exit(0)\n"
    + _AFTER,
    "setsid_grandchildren": _BURN
    + "for _ in range(3):\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n"
    "            _burn(0.6)\n            os.write(done_w, b'x')\n        os._exit(0)\n" + _AFTER,
    "exec_children": _BURN
    + "code = 'import os, time\\nend = time.process_time() + 0.6\\nwhile time.process_time() < end: pass\\nos.write(%d, b\"x\")' % done_w\n"
    "for _ in range(3):\n    if os.fork() == 0:\n        os.execv(sys.executable, [sys.executable, '-S', '-c', code])\n"
    + _AFTER,
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("how", sorted(FORKS))
def test_cpu_of_every_process_a_test_started_counts(backend: str, how: str) -> None:
    limits = {"time_limit_s": 1.0, "total_time_limit_s": 5.0}
    answer = {"tests": [{"stdin": "", "stdout": "ok\n"}, {"stdin": "", "stdout": "ok\n"}], **limits}
    verdict = verify("code", fence(FORKS[how] + "print('ok')\n"), answer, backend=backend)
    assert verdict.reward == 0.0, (how, verdict.details)
    assert {t["status"] for t in verdict.details["tests"]} == {"timeout"}, verdict.details
    honest = verify("code", fence(_BURN + "_burn(0.05)\nprint('ok')\n"), answer, backend=backend)
    assert honest.reward == 1.0, honest.details


# ---- a program's leftovers never make the sandbox fail ----------------------------------------------
LEFTOVERS = {
    "setsid_sleepers": "import os, time\nfor _ in range(400):\n    try:\n        pid = os.fork()\n    except OSError:\n        break\n"
    "    if pid == 0:\n        os.setsid()\n        time.sleep(60)\n        os._exit(0)\n",
    "double_forked_sleepers": "import os, time\nfor _ in range(400):\n    try:\n        pid = os.fork()\n    except OSError:\n        break\n"
    "    if pid == 0:\n        try:\n            if os.fork() == 0:\n                time.sleep(60)\n        finally:\n            os._exit(0)\n",
    "fork_bomb": "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
}


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("how", sorted(LEFTOVERS))
def test_leftover_processes_are_the_programs_failure_not_the_sandboxes(backend: str, how: str) -> None:
    answer = {**IO, "time_limit_s": 0.5, "total_time_limit_s": 5.0, "mode": "fraction"}
    program = LEFTOVERS[how] + "a, b = map(int, input().split())\nprint(a + b)\n"
    verdict = verify("code", fence(program), answer, backend=backend)
    assert verdict.status is not Status.SANDBOX_ERROR, (how, verdict.reason, verdict.details)
    assert all(t["status"] != "infra" for t in verdict.details.get("tests", [])), verdict.details
    if how != "fork_bomb":  # with its leftovers killed before each test, every test forks and passes
        assert verdict.reward == 1.0, verdict.details
    assert (
        verify("code", fence("a, b = map(int, input().split())\nprint(a + b)"), IO, backend=backend).reward
        == 1.0
    )


# ---- any returned value is judged -------------------------------------------------------------------
RETURNS = {
    "huge_int": "10 ** 400",
    "huger_than_json_digits": "10 ** 5000",
    "inf": "float('inf')",
    "nan": "float('nan')",
    "deep_list": "(lambda: [l := [], [l.append(l := []) for _ in range(400)]][0])()",
    "bytes": "b'5'",
    "generator": "(i for i in range(3))",
    "object": "object()",
    "huge_string": "'7' * (1 << 23)",
}


@pytest.mark.parametrize("value", sorted(RETURNS))
def test_any_returned_value_is_judged_never_an_error(value: str) -> None:
    cases = [
        {"args": [1], "expected": 1.5, "abs_tol": 1e-6},
        {"args": [2], "expected": 2.5, "rel_tol": 1e-9},
        {"args": [3], "expected": 3},
        {"args": [4], "check": "truthy"},
    ]
    answer = {"fn_name": "f", "cases": cases, "mode": "fraction"}
    verdict = verify("code", fence(f"def f(x):\n    return {RETURNS[value]}"), answer)
    assert verdict.status in (Status.WRONG, Status.PARTIAL), (value, verdict.status, verdict.reason)
    assert verdict.reward < 1.0
    honest = "def f(x):\n    return {1: 1.5, 2: 2.5, 3: 3, 4: True}[x]"
    assert verify("code", fence(honest), answer).reward == 1.0
