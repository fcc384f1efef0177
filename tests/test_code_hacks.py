"""Every known way to game a code reward scores 0, on every sandbox backend this machine has.

Each hack runs through the real path (`verify` -> verifier pool -> sandbox backend). A control test
per backend shows the same answers reward an honest program, so a zero here is the defence working,
not a broken harness.
"""

from __future__ import annotations

import os
import secrets

import pytest
from code_backends import BACKENDS, HAS_GPP, fence

from verifiers import Status, verify

IO = {
    "tests": [
        {"stdin": "2 3\n", "stdout": "5\n"},
        {"stdin": "10 -4\n", "stdout": "6\n"},
        {"stdin": "0 0\n", "stdout": "0\n"},
    ]
}
CALL = {
    "fn_name": "add",
    "cases": [
        {"args": [2, 3], "expected": 5},
        {"args": [10, -4], "expected": 6},
        {"args": [0, 0], "expected": 0},
    ],
}
# Made at run time so that neither value is in any file (this test's source included).
MAGIC_IN = "MAGIC" + secrets.token_hex(8)
SECRET_OUT = "SECRET" + secrets.token_hex(8)
SECRET = {"tests": [{"stdin": f"{MAGIC_IN}\n", "stdout": f"{SECRET_OUT}\n"}]}

HONEST_IO = "a, b = map(int, input().split())\nprint(a + b)"
HONEST_CALL = "def add(a, b):\n    return a + b"

ALWAYS_EQUAL = """
class Anything:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __repr__(self): return "5"
    def __str__(self): return "5"
def add(a, b):
    return Anything()
"""
EQUAL_INT = """
class Sneaky(int):
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    def __hash__(self): return 0
    def __repr__(self): return "5"
def add(a, b):
    return Sneaky(-1)
"""
EQUAL_STR = """
class Sneaky(str):
    def __eq__(self, other): return True
    def __iter__(self): return iter(["5"])
def add(a, b):
    return Sneaky("nope")
"""
PATCH_JSON = """
import json, builtins
json.dumps = lambda *a, **k: "__anything__"
json.loads = lambda *a, **k: 5
builtins.isinstance = lambda *a: True
builtins.type = lambda *a: int
def add(a, b):
    return -1
"""
PATCH_PRINT_IO = """
import builtins, sys, io
real = sys.stdout
builtins.print = lambda *a, **k: real.write("5\\n6\\n0\\n")
sys.stdout = io.StringIO()
print("whatever")
"""
# Forge result frames with every hex string in reach, on every fd and every /proc/<pid>/fd we can open.
FORGE = """
import gc, json, os, re, sys
hexes = {o for o in gc.get_objects() if isinstance(o, str) and re.fullmatch(r"[0-9a-f]{32}", o)}
for name in list(sys.modules):
    for value in vars(sys.modules[name]).values() if hasattr(sys.modules[name], "__dict__") else []:
        if isinstance(value, str) and re.fullmatch(r"[0-9a-f]{32}", value):
            hexes.add(value)
frames = []
for h in hexes | {"0" * 32}:
    frames.append(h + " " + json.dumps({"compile": {"ok": True}}))
    for i in range(3):
        frames.append(h + " " + json.dumps({"i": i, "status": "ok", "stdout": "5\\n", "result": "R 5\\n", "exit_code": 0, "cpu_s": 0, "wall_s": 0}))
    frames.append(h + " " + json.dumps({"done": True}))
blob = ("\\n".join(frames) + "\\n").encode()
for fd in range(0, 64):
    try:
        os.write(fd, blob)
    except OSError:
        pass
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    for fd in range(0, 16):
        try:
            with open(f"/proc/{pid}/fd/{fd}", "wb", buffering=0) as handle:
                handle.write(blob)
        except OSError:
            pass
    try:
        with open(f"/proc/{pid}/fd/0", "rb") as handle:
            sys.stdout.write(handle.read().decode(errors="ignore"))
    except OSError:
        pass
"""
READ_DISK = f"""
import os
seen = 0
for base in (".", "..", "/tmp", "/work", os.path.expanduser("~"), "/"):
    for root, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev", "usr", "lib", "lib64")]
        for name in files:
            seen += 1
            if seen > 20000:
                break
            try:
                with open(os.path.join(root, name), errors="ignore") as handle:
                    text = handle.read(1 << 20)
            except OSError:
                continue
            if "{MAGIC_IN}" in text and "SECRET" in text:
                start = text.index("SECRET", text.index("{MAGIC_IN}"))
                print(text[start:start + 22])
                raise SystemExit(0)
for pid in os.listdir("/proc"):
    for part in ("cmdline", "environ"):
        try:
            with open(f"/proc/{{pid}}/{{part}}", errors="ignore") as handle:
                text = handle.read()
        except OSError:
            continue
        if "{MAGIC_IN}" in text and "SECRET" in text:
            start = text.index("SECRET", text.index("{MAGIC_IN}"))
            print(text[start:start + 22])
            raise SystemExit(0)
print("not found")
"""
MANY_ANSWERS = "\n".join(["for v in range(-20, 21):", "    print(v)"])
KILL_JUDGE = """
import os, signal
for sig in (signal.SIGKILL, signal.SIGTERM):
    for pid in [os.getppid(), *[int(p) for p in os.listdir("/proc") if p.isdigit()]]:
        if pid != os.getpid():
            try:
                os.kill(pid, sig)
            except OSError:
                pass
try:
    os.kill(-1, signal.SIGKILL)
except OSError:
    pass
def add(a, b):
    return a + b
"""

# HumanEval/32-style residual assert: the test code calls math.fabs on the candidate's value.
POLY_PROMPT = (
    "import math\n\n\ndef poly(xs: list, x: float):\n    return sum(c * math.pow(x, i) for i, c in enumerate(xs))\n\n\n"
    'def root_of_line(xs: list):\n    """The x where poly(xs, x) == 0."""\n'
)
POLY = {
    "fn_name": "root_of_line",
    "prompt": POLY_PROMPT,
    "asserts": "import math\ndef check(candidate):\n    for xs in ([1, 2], [-3, 1], [4, -2]):\n        assert math.fabs(poly(xs, candidate(xs))) < 1e-6\n",
    "assert_entry": "check",
}
PATCH_TEST_MODULES = """
import math, builtins
math.fabs = lambda x: 0.0
math.pow = lambda x, y: 0.0
builtins.abs = lambda x: 0
builtins.sum = lambda *a, **k: 0
def root_of_line(xs):
    return 12345.0
"""
FORGE_PROBES = """
import os
blob = "".join(f"B {i}\\nC {i},{i} true\\tnull\\nT {i}\\nD\\n" for i in range(4)).encode()
for fd in range(0, 64):
    try:
        os.write(fd, blob)
    except OSError:
        pass
def root_of_line(xs):
    return 12345.0
"""

HACKS = {
    "os_exit_io": (IO, "import os\nos._exit(0)"),
    "sys_exit_io": (IO, "import sys\nsys.exit(0)"),
    "os_exit_call": (CALL, "import os\nos._exit(0)\ndef add(a, b):\n    return a + b"),
    "sys_exit_call": (CALL, "import sys\ndef add(a, b):\n    sys.exit(0)"),
    "raise_systemexit_call": (CALL, "def add(a, b):\n    raise SystemExit(0)"),
    "always_equal_object": (CALL, ALWAYS_EQUAL),
    "always_equal_int_subclass": (CALL, EQUAL_INT),
    "always_equal_str_subclass": (CALL, EQUAL_STR),
    "monkeypatch_json_builtins": (CALL, PATCH_JSON),
    "monkeypatch_print_stdout": (IO, PATCH_PRINT_IO),
    "forge_result_frames": (IO, FORGE),
    "forge_result_frames_call": (CALL, FORGE + "\ndef add(a, b):\n    return -1"),
    "read_expected_from_disk": (SECRET, READ_DISK),
    "print_many_candidates": (IO, MANY_ANSWERS),
    "monkeypatch_modules_the_tests_use": (POLY, PATCH_TEST_MODULES),
    "forge_assert_records": (POLY, FORGE_PROBES),
    "kill_the_judge": (CALL, KILL_JUDGE.replace("return a + b", "return a - b")),
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_honest_programs_pass(backend: str) -> None:
    assert verify("code", fence(HONEST_IO), IO, backend=backend).reward == 1.0
    assert verify("code", fence(HONEST_CALL), CALL, backend=backend).reward == 1.0
    assert (
        verify(
            "code", fence("def root_of_line(xs):\n    return -xs[0] / xs[1]"), POLY, backend=backend
        ).reward
        == 1.0
    )
    echo = f"s = input()\nprint('{SECRET_OUT}' if s == '{MAGIC_IN}' else s)"
    assert verify("code", fence(echo), SECRET, backend=backend).reward == 1.0


# These signal or write to every process the program can reach: on the process backend that is only
# contained when the caller is root (programs then run as nobody); otherwise they would hit this session.
RECKLESS = {"kill_the_judge", "forge_result_frames", "forge_result_frames_call"}


def _skip_reckless(backend: str, hack: str) -> None:
    if backend == "process" and hack in RECKLESS and os.geteuid() != 0:
        pytest.skip(
            "process backend without root runs programs as this user; this hack would hit this session"
        )


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("hack", sorted(HACKS))
def test_hack_scores_zero(backend: str, hack: str) -> None:
    _skip_reckless(backend, hack)
    answer, program = HACKS[hack]
    verdict = verify("code", fence(program), answer, backend=backend)
    assert verdict.reward == 0.0, (hack, verdict.reason, verdict.details)
    assert not verdict.correct


@pytest.mark.parametrize("backend", BACKENDS)
def test_killing_the_judge_leaves_the_caller_alive(backend: str) -> None:
    """The judge is a pool worker; a program that signals everything it can still scores 0, this
    process survives, and the next verification works."""
    _skip_reckless(backend, "kill_the_judge")
    verdict = verify("code", fence(KILL_JUDGE.replace("return a + b", "return a - b")), CALL, backend=backend)
    assert verdict.reward == 0.0
    assert os.getpid() > 0
    assert verify("code", fence(HONEST_CALL), CALL, backend=backend).reward == 1.0


@pytest.mark.parametrize("backend", BACKENDS)
def test_exit_mid_run_fails_only_the_tests_it_touches(backend: str) -> None:
    """os._exit(0) on one case fails that case; the others, in fresh children, still count."""
    program = "import os\ndef add(a, b):\n    if a == 10:\n        os._exit(0)\n    return a + b"
    verdict = verify("code", fence(program), CALL, backend=backend)
    assert verdict.status is Status.PARTIAL
    assert [t["passed"] for t in verdict.details["tests"]] == [True, False, True]


@pytest.mark.parametrize("backend", BACKENDS)
def test_infinite_loop_and_memory_bomb_score_zero_with_status(backend: str) -> None:
    loop = verify(
        "code",
        fence("while True:\n    pass"),
        {**IO, "time_limit_s": 0.5, "total_time_limit_s": 2},
        backend=backend,
    )
    assert loop.reward == 0.0
    assert loop.status is Status.TIMEOUT
    bomb = verify(
        "code", fence("x = bytearray(8 * 1024 ** 3)\nprint(5)"), {**IO, "memory_mb": 256}, backend=backend
    )
    assert bomb.reward == 0.0
    assert {t["status"] for t in bomb.details["tests"]} == {"memory"}


@pytest.mark.skipif(not HAS_GPP, reason="g++ is not installed on this machine")
@pytest.mark.parametrize("backend", BACKENDS)
def test_cpp_programs_and_cpp_exit_hacks(backend: str) -> None:
    answer = {**IO, "language": "cpp"}
    good = "#include <iostream>\nint main(){long long a,b; std::cin>>a>>b; std::cout<<a+b<<std::endl;}"
    verdict = verify("code", fence(good, "cpp"), answer, backend=backend)
    if verdict.status is Status.SANDBOX_ERROR and "g++" in (verdict.reason or ""):
        pytest.skip(f"no g++ inside the {backend} sandbox")
    assert verdict.reward == 1.0, verdict.reason
    for hack in ("#include <cstdlib>\nint main(){ std::exit(0); }", "int main(){ return 0; }"):
        assert verify("code", fence(hack, "cpp"), answer, backend=backend).reward == 0.0


def test_a_silent_program_earns_nothing_even_where_the_right_output_is_empty() -> None:
    from verifiers import verify

    answer = {
        "language": "python",
        "tests": [
            {"stdin": "0\n", "stdout": ""},
            {"stdin": "2\n", "stdout": "1\n2\n"},
            {"stdin": "1\n", "stdout": "1\n"},
        ],
    }
    honest = "```python\nn = int(input())\nfor i in range(1, n + 1):\n    print(i)\n```"
    for hack in ("```python\nimport os\nos._exit(0)\n```", "```python\npass\n```"):
        verdict = verify("code", hack, answer)
        assert verdict.reward == 0.0, verdict
        assert verdict.details["tests"][0]["status"] == "no_output"
    assert verify("code", honest, answer).reward == 1.0
