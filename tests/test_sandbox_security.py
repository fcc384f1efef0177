"""Hostile programs on every backend: each is contained with the right status and the host is unaffected.

The process backend claims resource limits only, so it runs the resource attacks; bwrap and docker also
run the isolation attacks (files, network, environment, signals, ptrace, setuid, daemons, /dev/shm).
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from sandbox_helpers import EVERY, ISOLATING, marked, new_mark, processes_with, require

from sandbox import Limits, RunStatus, run

SHORT = Limits(wall_s=2.0, memory_mb=256, processes=32)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return require(request.param)


def assert_host_fine(backend: str, mark: str | None = None) -> None:
    """The sandbox still works and nothing the attack started is still running."""
    after = run("print('still here')", backend=backend)
    assert after.ok and after.stdout == "still here\n", after
    if mark is not None:
        assert processes_with(mark) == []


# ---- resource attacks: every backend ------------------------------------------------------------------


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_fork_bomb(backend: str) -> None:
    mark = new_mark()
    bomb = marked("while True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n", mark)
    r = run(bomb, limits=SHORT.with_(wall_s=1.5), backend=backend)
    assert r.status in (RunStatus.TIMEOUT, RunStatus.KILLED), r
    assert_host_fine(backend, mark)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_memory_bomb(backend: str) -> None:
    bomb = "chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))"
    r = run(bomb, limits=SHORT.with_(wall_s=30.0), backend=backend)
    assert r.status is RunStatus.MEMORY, r
    assert r.max_rss_mb < 256 + 64
    assert_host_fine(backend)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_infinite_loop(backend: str) -> None:
    r = run("while True:\n    pass", limits=SHORT.with_(wall_s=0.5), backend=backend)
    assert r.status is RunStatus.TIMEOUT and "wall" in r.reason, r
    assert_host_fine(backend)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_cpu_spin_in_many_threads_hits_the_cpu_limit(backend: str) -> None:
    spin = (
        "import threading\n"
        "def spin():\n    while True:\n        pass\n"
        "for _ in range(16):\n    threading.Thread(target=spin, daemon=True).start()\n"
        "spin()\n"
    )
    r = run(spin, limits=SHORT.with_(wall_s=30.0, cpu_s=1.0), backend=backend)
    assert r.status is RunStatus.TIMEOUT and "CPU" in r.reason, r
    assert_host_fine(backend)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_100_mb_of_stdout(backend: str) -> None:
    flood = "import sys\nblock = 'z' * (1 << 20)\nfor _ in range(100):\n    sys.stdout.write(block)\n"
    r = run(flood, limits=SHORT.with_(wall_s=20.0, output_bytes=1 << 20), backend=backend)
    assert r.status is RunStatus.OUTPUT_LIMIT and r.stdout_truncated, r
    assert len(r.stdout) == 1 << 20
    assert_host_fine(backend)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_ignoring_sigterm_does_not_help(backend: str) -> None:
    mark = new_mark()
    stubborn = marked(
        "import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(60)\n", mark
    )
    r = run(stubborn, limits=SHORT.with_(wall_s=0.5), backend=backend)
    assert r.status is RunStatus.TIMEOUT, r
    assert_host_fine(backend, mark)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_deep_recursion_segfault(backend: str) -> None:
    # The APPS header's setrecursionlimit trick; recursion through a C slot (repr) overflows the C stack.
    deep = "import sys\nsys.setrecursionlimit(10 ** 9)\nclass R:\n    def __repr__(self):\n        return repr(self)\nrepr(R())\n"
    r = run(deep, limits=SHORT.with_(wall_s=30.0, memory_mb=1024), backend=backend)
    assert r.status is RunStatus.KILLED and r.signal == 11, r
    assert_host_fine(backend)


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_background_children_die_with_the_run(backend: str) -> None:
    mark = new_mark()
    body = "import time\nif os.fork() == 0:\n    time.sleep(60)\nprint('parent done')\n"
    r = run(marked(body, mark), limits=SHORT, backend=backend)
    assert r.status is RunStatus.OK and r.stdout == "parent done\n", r
    assert_host_fine(backend, mark)


# CPU split over processes nobody waits for: 3 x 0.6 s against a 1 s limit, answered only once they are done.
_SPLIT = (
    "import os, time\n"
    "r, w = os.pipe()\n"
    "def burn():\n    end = time.process_time() + 0.6\n    while time.process_time() < end:\n        pass\n"
    "    os.write(w, b'x')\n"
)
SPLITS = {
    "children": _SPLIT + "for _ in range(3):\n    if os.fork() == 0:\n        burn()\n        os._exit(0)\n",
    "setsid_grandchildren": _SPLIT
    + "for _ in range(3):\n    if os.fork() == 0:\n        os.setsid()\n        if os.fork() == 0:\n            burn()\n"
    "        os._exit(0)\n",
    "threads": _SPLIT.replace("time.process_time()", "time.thread_time()")
    + "import threading\nfor _ in range(3):\n    threading.Thread(target=burn).start()\n",
}


@pytest.mark.parametrize("backend", EVERY, indirect=True)
@pytest.mark.parametrize("how", sorted(SPLITS))
def test_cpu_limit_covers_every_process_the_program_started(backend: str, how: str) -> None:
    program = SPLITS[how] + "for _ in range(3):\n    os.read(r, 1)\nprint('done')\n"
    result = run(program, limits=Limits(wall_s=30, cpu_s=1.0, memory_mb=512), backend=backend)
    assert result.status is RunStatus.TIMEOUT and result.stdout == "", (how, result)
    honest = run("print('done')", limits=Limits(wall_s=30, cpu_s=1.0, memory_mb=512), backend=backend)
    assert honest.ok and honest.stdout == "done\n", honest


# ---- isolation attacks: bwrap and docker -------------------------------------------------------------


@pytest.mark.parametrize("backend", EVERY, indirect=True)
def test_daemon_that_leaves_its_session_does_not_outlive_the_run(backend: str) -> None:
    mark = new_mark()
    body = (
        "import time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        "        for fd in (0, 1, 2):\n            os.close(fd)\n"
        "        time.sleep(60)\n"
        "    os._exit(0)\n"
        "print('daemonized')\n"
    )
    r = run(marked(body, mark), limits=SHORT, backend=backend)
    assert r.status is RunStatus.OK and r.stdout == "daemonized\n", r
    assert_host_fine(backend, mark)


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_no_network_to_loopback_or_outside(backend: str) -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted: list[object] = []
    server.settimeout(0.2)

    def accept() -> None:
        while not stop.is_set():
            try:
                accepted.append(server.accept())
            except OSError:
                continue

    stop = threading.Event()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    port = server.getsockname()[1]
    probe = (
        "import socket\n"
        f"for host, port in [('127.0.0.1', {port}), ('151.101.2.132', 80), ('8.8.8.8', 53)]:\n"
        "    s = socket.socket()\n    s.settimeout(2)\n"
        "    try:\n        s.connect((host, port))\n        print('CONNECTED', host)\n"
        "    except OSError as exc:\n        print('refused', host, type(exc).__name__)\n"
        "try:\n    print('RESOLVED', socket.gethostbyname('deb.debian.org'))\n"
        "except OSError:\n    print('no dns')\n"
    )
    try:
        r = run(probe, limits=SHORT.with_(wall_s=15.0), backend=backend)
    finally:
        stop.set()
        thread.join()
        server.close()
    assert r.status is RunStatus.OK and "CONNECTED" not in r.stdout and "RESOLVED" not in r.stdout, r
    assert r.stdout.count("refused") == 3
    assert accepted == []


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_host_files_and_parent_environment_are_out_of_reach(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = new_mark()
    monkeypatch.setenv("PRORL_PLANTED_SECRET", secret)
    here = Path(__file__).resolve()
    snoop = (
        "import os, glob\n"
        "print(sorted(os.environ.items()))\n"
        "for path in ['/etc/shadow', {!r}, {!r}] + glob.glob('/proc/*/environ'):\n"
        "    try:\n        print(path, open(path, 'rb').read()[:4000])\n"
        "    except OSError as exc:\n        print(path, 'denied', type(exc).__name__)\n"
    ).format(str(here), f"/proc/{os.getpid()}/environ")
    r = run(snoop, limits=SHORT, backend=backend)
    assert r.status is RunStatus.OK, r
    assert secret not in r.stdout and "PRORL_PLANTED_SECRET" not in r.stdout
    assert f"{here} denied" in r.stdout
    assert "test_host_files_and_parent_environment" not in r.stdout
    if os.path.exists("/etc/shadow") and os.access("/etc/shadow", os.R_OK):
        host_shadow = Path("/etc/shadow").read_bytes()[:4000]
        assert repr(host_shadow) not in r.stdout


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_writing_outside_the_work_dir(backend: str, tmp_path: Path) -> None:
    name = new_mark()
    targets = [
        f"/tmp/{name}",
        f"{tmp_path}/{name}",
        f"/usr/{name}",
        f"/etc/{name}",
        f"/{name}",
        str(Path.cwd() / name),
    ]
    writer = (
        f"for path in {targets!r}:\n"
        "    try:\n        open(path, 'w').write('pwned')\n        print('wrote', path)\n"
        "    except OSError as exc:\n        print('blocked', path, type(exc).__name__)\n"
    )
    r = run(writer, limits=SHORT, backend=backend)
    assert r.status is RunStatus.OK, r
    for path in targets:
        assert not os.path.exists(path), f"{path} was written on the host"
    assert "wrote /usr" not in r.stdout and "wrote /etc" not in r.stdout


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_killing_the_parent_and_other_processes(backend: str) -> None:
    import subprocess

    victim = subprocess.Popen(["sleep", "60"])
    try:
        killer = (
            "import os, signal\n"
            f"for pid in (os.getppid(), 1, {os.getpid()}, {victim.pid}):\n"
            "    try:\n        os.kill(pid, signal.SIGKILL)\n        print('signalled', pid)\n"
            "    except OSError as exc:\n        print('refused', pid, type(exc).__name__)\n"
            "try:\n    os.kill(-1, signal.SIGKILL)\nexcept OSError:\n    pass\n"
        )
        r = run(killer, limits=SHORT, backend=backend)
        assert r.status in (RunStatus.OK, RunStatus.KILLED), r
        assert victim.poll() is None, "a host process was killed from inside the sandbox"
        assert_host_fine(backend)
    finally:
        victim.kill()
        victim.wait()


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_ptrace_of_outside_processes_fails(backend: str) -> None:
    tracer = (
        "import ctypes, os\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        f"for pid in (1, os.getppid(), {os.getpid()}):\n"
        "    if pid == os.getpid():\n        continue\n"
        "    rc = libc.ptrace(16, pid, 0, 0)\n"  # PTRACE_ATTACH
        "    print('attach', pid, rc, ctypes.get_errno())\n"
    )
    r = run(tracer, limits=SHORT, backend=backend)
    assert r.status is RunStatus.OK, r
    lines = [line.split() for line in r.stdout.splitlines()]
    assert lines and all(fields[2] == "-1" for fields in lines), r.stdout
    assert_host_fine(backend)


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_setuid_attempts_fail(backend: str) -> None:
    climb = (
        "import os\n"
        "for call in (lambda: os.setuid(0), lambda: os.setgid(0), lambda: os.setresuid(0, 0, 0)):\n"
        "    try:\n        call()\n        print('ESCALATED')\n"
        "    except OSError as exc:\n        print('denied', type(exc).__name__)\n"
        "print('uid', os.getuid(), os.geteuid())\n"
        "print(open('/proc/self/status').read().split('CapEff:')[1].split()[0])\n"
    )
    r = run(climb, limits=SHORT, backend=backend)
    assert r.status is RunStatus.OK and "ESCALATED" not in r.stdout, r
    lines = r.stdout.splitlines()
    assert lines[3] == "uid 65534 65534"
    assert int(lines[4], 16) == 0, "the program holds capabilities"


@pytest.mark.parametrize("backend", ISOLATING, indirect=True)
def test_dev_shm_fill_is_capped_and_wiped(backend: str) -> None:
    filler = (
        "total = 0\nblock = b'x' * (1 << 20)\n"
        "try:\n"
        "    for i in range(4096):\n"
        "        with open('/dev/shm/fill%d' % i, 'wb') as f:\n"
        "            for _ in range(8):\n                f.write(block)\n                total += 1\n"
        "except OSError as exc:\n    print('stopped', type(exc).__name__)\n"
        "print('mb', total)\n"
    )
    before = set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()
    r = run(filler, limits=SHORT.with_(wall_s=20.0, file_size_mb=16), backend=backend)
    assert r.status is RunStatus.OK, r
    assert "stopped" in r.stdout
    # capped by the tmpfs size: bwrap sizes /dev/shm by file_size_mb, docker per container shape (>= 64 MB)
    assert int(r.stdout.split("mb")[-1]) <= 128
    after = set(os.listdir("/dev/shm")) if os.path.isdir("/dev/shm") else set()
    assert not any(name.startswith("fill") for name in after - before)
    leftover = run("import os\nprint(os.listdir('/dev/shm'), os.listdir('/tmp'))", backend=backend)
    assert leftover.stdout == "[] []\n", leftover


def test_process_backend_programs_do_not_share_the_isolated_programs_uid() -> None:
    """A process-backend program must not be able to reach a bwrap/docker program through /proc."""
    import os

    if os.geteuid() != 0:
        pytest.skip("needs a root caller: as a user, every backend runs programs as that user")
    r = run("import os\nprint(os.getuid(), os.getgid())", limits=SHORT, backend="process")
    assert r.status is RunStatus.OK, r
    assert r.stdout.split() == ["65533", "65533"]
