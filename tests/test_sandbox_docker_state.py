"""Nothing a program creates in a warm container survives into the next program there (issue 11):
files in every writable place, processes, SysV shared memory, message queues and semaphores, POSIX
message queues and shared memory, environment. One container (a pool of one), so the second program
surely lands where the first one ran.
"""

from __future__ import annotations

import json

import pytest
from sandbox_helpers import require

from sandbox import Limits
from sandbox.program import make_plan

pytestmark = pytest.mark.docker

# Finds every directory the program may write to, leaves a mark in each and every IPC object it can make.
PLANT = r"""
import ctypes, os, time
libc = ctypes.CDLL(None, use_errno=True)
marks = []
for root, dirs, files in os.walk("/"):
    if root.startswith(("/proc", "/sys")):
        dirs[:] = []
        continue
    if os.access(root, os.W_OK):
        try:
            with open(os.path.join(root, "left-behind"), "w") as handle:
                handle.write("x")
            marks.append(root)
        except OSError:
            pass
shm = libc.shmget(0, 1 << 20, 0o1600)           # IPC_PRIVATE, IPC_CREAT | 0600
msg = libc.msgget(0, 0o1600)
sem = libc.semget(0, 1, 0o1600)
rt = ctypes.CDLL("librt.so.1", use_errno=True)
mq = rt.mq_open(b"/left-behind", os.O_CREAT | os.O_RDWR, 0o600, None)
posix_shm = os.open("/dev/shm/psm.left-behind", os.O_CREAT | os.O_RDWR, 0o600)
os.environ["LEFT_BEHIND"] = "1"
if os.fork() == 0:
    os.setsid()
    time.sleep(120)
import json
print(json.dumps({"dirs": marks, "ids": [shm, msg, sem, mq]}))
"""
LOOK = r"""
import json, os
found = {}
for kind in ("shm", "msg", "sem"):
    with open(f"/proc/sysvipc/{kind}") as handle:
        found[kind] = handle.read().splitlines()[1:]
found["mqueue"] = os.listdir("/dev/mqueue") if os.path.isdir("/dev/mqueue") else []
found["marks"] = []
for root, dirs, files in os.walk("/"):
    if root.startswith(("/proc", "/sys")):
        dirs[:] = []
        continue
    found["marks"] += [os.path.join(root, f) for f in files if "left-behind" in f]
found["env"] = os.environ.get("LEFT_BEHIND")
found["processes"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, os.getpid()))
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def box() -> object:
    require("docker")
    from sandbox.docker_backend import DockerBackend

    backend = DockerBackend(pool_size=1)
    yield backend
    backend.close()


def _run(backend: object, program: str, limits: Limits) -> object:
    return backend.run_plan(make_plan(program, None, "python"), b"", limits)  # type: ignore[attr-defined]


def test_no_channel_survives_into_the_next_program(box: object) -> None:
    limits = Limits(wall_s=30)
    planted = _run(box, PLANT, limits)
    assert planted.ok, planted
    made = json.loads(planted.stdout.splitlines()[-1])
    assert "/tmp" in made["dirs"] and "/dev/shm" in made["dirs"], made  # the plant did reach them
    assert all(i >= 0 for i in made["ids"]), made  # and made every IPC object
    seen = json.loads(_run(box, LOOK, limits).stdout)
    assert seen == {"shm": [], "msg": [], "sem": [], "mqueue": [], "marks": [], "env": None, "processes": []}


LEAVE_SHM = r"""
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
size = 1 << 30
ident = libc.shmget(0, ctypes.c_size_t(size), 0o1600)
addr = libc.shmat(ident, None, 0)
for offset in range(0, size, 1 << 26):        # touch it all: 1 GB of shared memory charged to the container
    ctypes.memset(addr + offset, 1, 1 << 26)
print(ident)
"""
HONEST = "block = bytearray(1 << 30)\nfor i in range(0, len(block), 4096):\n    block[i] = 1\nprint('fine')\n"


def test_a_gigabyte_of_leftover_shm_does_not_starve_the_next_program(box: object) -> None:
    limits = Limits(wall_s=60, memory_mb=1400)  # the container holds ~1.6 GB: not both gigabytes
    left = _run(box, LEAVE_SHM, limits)
    assert left.ok and int(left.stdout) >= 0, left
    for _ in range(2):
        honest = _run(box, HONEST, limits)
        assert honest.ok and honest.stdout == "fine\n", honest
