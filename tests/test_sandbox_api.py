"""The public sandbox API on the process backend (always available): requests, limits, statuses, batches."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sandbox import Limits, LimitsError, RunStatus, SandboxError, run, run_batch

B = "process"


def test_stdin_to_stdout_and_usage_figures() -> None:
    r = run("a, b = map(int, input().split())\nprint(a + b)", stdin="2 40\n", backend=B)
    assert r.ok and r.stdout == "42\n" and r.status is RunStatus.OK
    assert r.backend == B and r.wall_s > 0 and r.max_rss_mb > 0


def test_nonzero_exit_is_ok_status_with_exit_code() -> None:
    r = run("import sys; print('partial'); sys.exit(3)", backend=B)
    assert r.status is RunStatus.OK and r.exit_code == 3 and not r.ok and r.stdout == "partial\n"


def test_files_are_placed_in_the_work_dir() -> None:
    harness = "from solution import add\nprint(add(2, 3))"
    r = run(
        harness,
        files={"solution.py": "def add(a, b):\n    return a + b\n", "data/x.bin": b"\x00\x01"},
        backend=B,
    )
    assert r.stdout == "5\n", r.stderr


@pytest.mark.parametrize("name", ["../escape.py", "/etc/evil", "a/../../b", ""])
def test_file_paths_outside_the_work_dir_are_refused(name: str) -> None:
    with pytest.raises(SandboxError, match="file name"):
        run("print(1)", files={name: "x"}, backend=B)


def test_program_name_clash_is_refused() -> None:
    with pytest.raises(SandboxError, match="main.py"):
        run("print(1)", files={"main.py": "x"}, backend=B)


def test_unknown_language_and_backend_are_clear_errors() -> None:
    with pytest.raises(SandboxError, match="supported"):
        run("x", language="cobol", backend=B)
    with pytest.raises(SandboxError, match="choose one of"):
        run("x", backend="vm")


@pytest.mark.parametrize(
    "bad",
    [
        {"wall_s": 0},
        {"wall_s": float("nan")},
        {"memory_mb": 1},
        {"processes": 0},
        {"output_bytes": -1},
        {"cpu_s": "1"},
    ],
)
def test_bad_limits_name_the_field(bad: dict) -> None:
    field = next(iter(bad))
    with pytest.raises(LimitsError, match=field):
        Limits(**bad)


def test_limits_from_dict_rejects_unknown_keys() -> None:
    assert Limits.from_dict({"wall_s": 2}).wall_s == 2
    with pytest.raises(LimitsError, match="valid fields"):
        Limits.from_dict({"wal_s": 2})


def test_environment_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRORL_PLANTED_SECRET", "hunter2")
    r = run("import os; print(sorted(os.environ))", backend=B)
    assert "PRORL_PLANTED_SECRET" not in r.stdout and "hunter2" not in r.stdout
    assert r.stdout.strip() == str(sorted(["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "MALLOC_ARENA_MAX"]))


def test_wall_timeout() -> None:
    r = run("import time; time.sleep(30)", limits=Limits(wall_s=0.3), backend=B)
    assert r.status is RunStatus.TIMEOUT and "wall" in r.reason


def test_cpu_limit() -> None:
    r = run("while True: pass", limits=Limits(wall_s=20, cpu_s=1), backend=B)
    assert r.status is RunStatus.TIMEOUT and "CPU" in r.reason
    assert r.cpu_s >= 0.5  # rusage is tick-sampled: near, not exactly at, the enforced second


def test_memory_limit() -> None:
    r = run("x = bytearray(400 * 1024 * 1024)", limits=Limits(memory_mb=128), backend=B)
    assert r.status is RunStatus.MEMORY, (r.status, r.stderr[-300:])


def test_output_limit_stops_the_program_and_keeps_the_head() -> None:
    r = run(
        "import sys\nwhile True: sys.stdout.write('y' * 65536)",
        limits=Limits(output_bytes=100_000),
        backend=B,
    )
    assert r.status is RunStatus.OUTPUT_LIMIT and r.stdout_truncated
    assert len(r.stdout) == 100_000 and set(r.stdout) == {"y"}


def test_signal_death_is_killed() -> None:
    r = run("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)", backend=B)
    assert r.status is RunStatus.KILLED and r.signal == 11 and r.exit_code == -11


def test_large_stdin_does_not_block() -> None:
    data = "x" * (4 * 1024 * 1024) + "\n"
    r = run("import sys; print(len(sys.stdin.read()))", stdin=data, backend=B)
    assert r.stdout == f"{len(data)}\n"
    r = run("print('ignores stdin')", stdin=data, backend=B)
    assert r.ok


def test_cpp_compiles_and_runs() -> None:
    src = '#include <cstdio>\nint main(){long a,b; if(scanf("%ld %ld",&a,&b)!=2) return 1; printf("%ld\\n", a*b);}'
    r = run(src, stdin="6 7", language="cpp", backend=B)
    assert r.ok and r.stdout == "42\n", r.stderr


def test_cpp_compile_error_is_error_with_compiler_output() -> None:
    r = run("int main() { return undeclared_name; }", language="cpp", backend=B)
    assert r.status is RunStatus.ERROR and "undeclared_name" in r.stderr and not r.sandbox_error


def test_batch_keeps_order_and_turns_bad_items_into_errors() -> None:
    items: list = [{"program": f"print({i} * {i})"} for i in range(6)]
    items.insert(3, {"progrm": "typo"})
    items.append({"program": "print(1)", "files": {"../x": "y"}})
    results = run_batch(items, workers=2, backend=B)
    assert len(results) == 8
    assert [r.stdout for r in results[:3]] == ["0\n", "1\n", "4\n"]
    assert results[3].status is RunStatus.ERROR and "program" in results[3].reason
    assert [r.stdout for r in results[4:7]] == ["9\n", "16\n", "25\n"]
    assert results[7].status is RunStatus.ERROR and "file name" in results[7].reason


def _helper_pids() -> list[int]:
    from sandbox.supervise import descendants as _descendants

    found = []
    for pid in _descendants(os.getpid()):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if handle.read().endswith(b"\x00--local\x00"):
                    found.append(pid)
        except OSError:
            continue
    return found


def test_programs_are_forked_by_a_small_local_helper() -> None:
    r = run(
        "import os\nprint(open(f'/proc/{os.getppid()}/cmdline', 'rb').read().split(b'\\0')[-2])", backend=B
    )
    assert r.stdout == "b'--local'\n", r


def test_a_dead_helper_is_a_sandbox_error_and_is_replaced() -> None:
    import threading

    box: list = []
    worker = threading.Thread(target=lambda: box.append(run("import time\ntime.sleep(20)", backend=B)))
    worker.start()
    busy: list[int] = []
    for _ in range(500):  # find the helper whose child is our sleeping program
        from sandbox.supervise import descendants as _descendants

        busy = [pid for pid in _helper_pids() if _descendants(pid)]
        if busy:
            break
        time.sleep(0.01)
    assert len(busy) == 1
    os.kill(busy[0], signal.SIGKILL)
    worker.join()
    assert box[0].status is RunStatus.ERROR and box[0].sandbox_error, box[0]
    assert run("print('again')", backend=B).stdout == "again\n"


def test_helpers_and_their_programs_go_when_the_caller_dies(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    script = (
        "import threading, time\n"
        "from sandbox import run\n"
        "threading.Thread(target=lambda: run('import time\\ntime.sleep(60)', backend='process'), daemon=True).start()\n"
        f"time.sleep(1.0)\nopen({str(ready)!r}, 'w').write('x')\n"
        "time.sleep(120)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[1])
    try:
        for _ in range(600):
            if ready.exists():
                break
            time.sleep(0.05)
        from sandbox.supervise import descendants as _descendants

        tree = _descendants(child.pid)
        assert len(tree) >= 2  # the helper and its sleeping program
        child.kill()
        child.wait()
        for _ in range(200):  # the helper sees its stdin close, kills the program and exits
            if not any(os.path.exists(f"/proc/{pid}") and _state(pid) != "Z" for pid in tree):
                break
            time.sleep(0.05)
        assert [pid for pid in tree if os.path.exists(f"/proc/{pid}") and _state(pid) != "Z"] == []
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_work_dirs_of_dead_callers_are_swept(tmp_path) -> None:
    import os

    from sandbox.host import _sweep_orphans

    dead = tmp_path / "prorl-sandbox-999999999-abc"
    alive = tmp_path / f"prorl-sandbox-{os.getpid()}-def"
    other = tmp_path / "unrelated-999999999-x"
    for path in (dead, alive, other):
        (path / "sub").mkdir(parents=True)
    (dead / "sub").chmod(0o500)  # a program may leave parts unwritable
    _sweep_orphans(str(tmp_path))
    assert not dead.exists() and alive.exists() and other.exists()


def test_removing_a_work_dir_never_touches_its_parent(tmp_path) -> None:
    # rmtree reports an error on the root itself (here: already gone, or made unreadable); the old
    # handler then chmodded the root's parent (the shared /tmp or /dev/shm) to 0700 for everyone.
    import os
    import stat

    from sandbox.program import remove_tree

    parent = tmp_path / "shared"
    parent.mkdir()
    parent.chmod(0o1777)
    remove_tree(str(parent / "prorl-sandbox-gone"))
    locked = parent / "prorl-sandbox-locked"
    (locked / "sub").mkdir(parents=True)
    (locked / "sub" / "f").write_text("x")
    (locked / "sub").chmod(0o500)
    locked.chmod(0o000)
    remove_tree(str(locked))
    assert not locked.exists()
    assert stat.S_IMODE(os.stat(parent).st_mode) == 0o1777
