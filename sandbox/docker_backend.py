"""The `docker` backend: a warm pool of locked-down containers, each running `sandbox/runner.py` as pid 1.

Each container: no network, read-only root, tmpfs /work /tmp /dev/shm, user nobody, every capability
dropped, no-new-privileges, pids/memory/CPU cgroup limits. The runner reads one request at a time over
the attached stdin, runs the program under the same rlimits as the host backends, then kills every
other process in the container and wipes its writable dirs, so the next program starts clean.
Leftovers are reaped three ways: atexit removes our containers; containers are created with
stdin_once + auto_remove, so when this process dies (even SIGKILL) the attach stream closes, the runner
sees EOF and exits and Docker deletes the container; and each new backend removes labelled containers
whose owner process on this host is gone.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import socket
import struct
import threading
import time
from dataclasses import dataclass
from typing import Any

from sandbox.bundle import runner_source
from sandbox.image.build import default_tag
from sandbox.limits import Limits
from sandbox.pool import Pool
from sandbox.program import COMPILE_LIMITS, Plan, clean_env, limits_dict
from sandbox.result import Result
from sandbox.supervise import HEADER, read_exact

LABEL = "prorl-gym.sandbox"
OWNER_LABEL = "prorl-gym.sandbox.owner"
WORK = "/work"
_RUNNER_OVERHEAD_MB = 256  # runner, page cache and tmpfs pages charged to the container's memory cgroup
_RUNNER_PROCESSES = 8
_ANSWER_SLACK_S = 10.0  # how long past the program's own limits the runner may take to answer
_START_TIMEOUT_S = 60.0
_FRAME = struct.Struct(">BxxxI")


def _client(timeout: int = 60) -> Any:
    import docker

    return docker.from_env(timeout=timeout)


def docker_problem(tag: str | None = None) -> str | None:
    """None when the docker backend can run here, else what is missing."""
    try:
        import docker  # noqa: F401
    except ImportError:
        return "the docker Python SDK is not installed (pip install docker)"
    try:
        client = _client(timeout=5)
        client.ping()
    except Exception as exc:
        return f"no Docker engine reachable ({type(exc).__name__}); start dockerd or set DOCKER_HOST"
    from sandbox.image.build import image_present

    tag = tag or default_tag()
    try:
        if not image_present(client, tag):
            return f"image {tag} is missing: run `prorl-gym sandbox build-image`"
    except Exception as exc:
        return f"could not query images ({exc})"
    finally:
        client.close()
    return None


@dataclass(frozen=True)
class Shape:
    """Container-level limits; programs with the same shape share a pool."""

    memory_mb: int
    pids: int
    tmpfs_mb: int

    @classmethod
    def of(cls, limits: Limits) -> Shape:
        return cls(
            memory_mb=max(limits.memory_mb, COMPILE_LIMITS.memory_mb // 2) + _RUNNER_OVERHEAD_MB,
            pids=max(limits.processes, COMPILE_LIMITS.processes) + _RUNNER_PROCESSES,
            tmpfs_mb=max(limits.file_size_mb * 2, 64),
        )


class RunnerGone(Exception):
    """The container's runner stopped answering or its stream closed."""


class WarmContainer:
    """One started container and the attached stream to its runner."""

    def __init__(self, client: Any, image: str, shape: Shape, owner: str) -> None:
        tmpfs_opts = f"rw,exec,nosuid,nodev,size={shape.tmpfs_mb}m,uid=65534,gid=65534,mode=0700"
        api = client.api
        host_config = api.create_host_config(
            auto_remove=True,
            network_mode="none",
            read_only=True,
            tmpfs={
                WORK: tmpfs_opts,
                "/tmp": tmpfs_opts.replace("mode=0700", "mode=1777"),
                "/dev/shm": tmpfs_opts.replace("mode=0700", "mode=1777"),
            },
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            pids_limit=shape.pids,
            mem_limit=f"{shape.memory_mb}m",
            memswap_limit=f"{shape.memory_mb}m",
            nano_cpus=1_000_000_000,
            ipc_mode="private",
        )
        self._api = api
        self.id: str = api.create_container(
            image,
            command=["python3", "-S", "-E", "-s", "-B", "-c", runner_source(), WORK],
            user="65534:65534",
            working_dir="/",
            environment={"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"},
            stdin_open=True,
            detach=False,  # with stdin_open this sets StdinOnce: when our attach closes (we exited or
            tty=False,  # died), the runner reads EOF and exits, and auto_remove deletes the container
            labels={LABEL: "1", OWNER_LABEL: owner},
            host_config=host_config,
        )["Id"]
        try:
            params = {"stdin": 1, "stdout": 1, "stderr": 1, "stream": 1}
            self._io = api.attach_socket(self.id, params=params)
            self._sock: socket.socket = getattr(self._io, "_sock", self._io)
            api.start(self.id)
            self._pending = b""
            ready = self._receive(time.monotonic() + _START_TIMEOUT_S)
            if not ready.get("ready"):
                raise RunnerGone(f"runner did not start: {ready}")
        except BaseException:
            self.remove()
            raise

    def execute(self, request: dict[str, Any], answer_within_s: float) -> dict[str, Any]:
        payload = json.dumps(request).encode()
        try:
            self._sock.settimeout(answer_within_s)
            self._sock.sendall(HEADER.pack(len(payload)) + payload)
        except OSError as exc:
            raise RunnerGone(f"could not send to the runner: {exc}") from exc
        return self._receive(time.monotonic() + answer_within_s)

    def _receive(self, deadline: float) -> dict[str, Any]:
        """One length-prefixed JSON message from the runner's stdout (Docker multiplexes stdout/stderr)."""
        while True:
            if len(self._pending) >= HEADER.size:
                size = HEADER.unpack_from(self._pending)[0]
                if len(self._pending) >= HEADER.size + size:
                    body = self._pending[HEADER.size : HEADER.size + size]
                    self._pending = self._pending[HEADER.size + size :]
                    return json.loads(body)
            stream, data = self._frame(deadline)
            if stream == 1:
                self._pending += data

    def _frame(self, deadline: float) -> tuple[int, bytes]:
        header = self._read(_FRAME.size, deadline)
        stream, size = _FRAME.unpack(header)
        return stream, self._read(size, deadline)

    def _read(self, size: int, deadline: float) -> bytes:
        try:
            data = read_exact(self._sock.fileno(), size, deadline, recv=self._sock.recv)
        except TimeoutError:
            raise RunnerGone("the runner did not answer in time") from None
        except OSError as exc:
            raise RunnerGone(f"stream to the runner failed: {exc}") from exc
        if data is None:
            raise RunnerGone("the runner's stream closed")
        return data

    def remove(self) -> None:
        with contextlib.suppress(Exception):
            self._io.close()
        with contextlib.suppress(Exception):
            self._api.remove_container(self.id, force=True)


class DockerBackend:
    name = "docker"

    def __init__(self, image: str | None = None, pool_size: int | None = None) -> None:
        self.image = image or default_tag()
        env_size = os.environ.get("PRORL_SANDBOX_DOCKER_POOL")
        self.pool_size = pool_size or (int(env_size) if env_size else max(2, 2 * (os.cpu_count() or 1)))
        self._pid = -1
        self._lock = threading.Lock()
        self._pools: dict[Shape, Pool[WarmContainer]] = {}
        self._client: Any = None
        atexit.register(self.close)

    def _ensure_process(self) -> None:
        """A forked child must not share its parent's attached streams: start afresh in each process."""
        if self._pid == os.getpid():
            return
        with self._lock:
            if self._pid == os.getpid():
                return
            self._pools = {}
            self._client = _client()
            self._owner = owner_id()
            reap_orphans(self._client)
            self._pid = os.getpid()

    def _pool(self, shape: Shape) -> Pool[WarmContainer]:
        self._ensure_process()
        with self._lock:
            pool = self._pools.get(shape)
            if pool is None:
                pool = Pool(
                    lambda: WarmContainer(self._client, self.image, shape, self._owner), self.pool_size
                )
                self._pools[shape] = pool
            return pool

    def warm(self, count: int, limits: Limits | None = None) -> None:
        """Start `count` containers for this shape now, so the first programs do not pay for it."""
        pool = self._pool(Shape.of(limits or Limits()))
        boxes = [pool.acquire() for _ in range(min(count, self.pool_size))]
        for box in boxes:
            pool.release(box, healthy=True)

    def run_plan(self, plan: Plan, stdin: bytes, limits: Limits) -> Result:
        started = time.monotonic()
        request = {
            "files": {rel: data.hex() for rel, data in plan.files.items()},
            "argv": plan.run,
            "compile": plan.compile,
            "compile_limits": limits_dict(COMPILE_LIMITS),
            "limits": limits_dict(limits),
            "stdin": stdin.hex(),
            "env": clean_env(f"{WORK}/run"),
        }
        budget = limits.wall_s + (COMPILE_LIMITS.wall_s if plan.compile else 0.0) + _ANSWER_SLACK_S
        pool = self._pool(Shape.of(limits))
        try:
            box = pool.acquire()
        except Exception as exc:
            return Result.error(
                f"sandbox failure: could not start a container: {exc}", self.name, sandbox_error=True
            )
        try:
            outcome = box.execute(request, budget)
        except RunnerGone as exc:
            pool.release(box, healthy=False)
            return Result.error(
                f"sandbox failure: {exc}; container recycled",
                self.name,
                wall_s=time.monotonic() - started,
                sandbox_error=True,
            )
        except BaseException:
            pool.release(box, healthy=False)
            raise
        pool.release(box, healthy=bool(outcome.get("clean", True)))
        if outcome["status"] == "error" and outcome.get("reason", "").startswith("compilation failed"):
            log = (bytes.fromhex(outcome["stdout"]) + bytes.fromhex(outcome["stderr"])).decode(
                "utf-8", "replace"
            )
            return Result.error(outcome["reason"], self.name, log, time.monotonic() - started)
        result = Result.from_outcome(outcome, self.name)
        result.sandbox_error = result.sandbox_error or outcome["status"] == "error"
        return result

    def close(self) -> None:
        """Remove this process's containers (atexit does this too)."""
        if self._pid != os.getpid():
            return
        for pool in list(self._pools.values()):
            pool.drain()


def owner_id() -> str:
    """host:pid:start-time of this process, so a reaper can tell a live owner from a recycled pid."""
    return f"{socket.gethostname()}:{os.getpid()}:{_start_time(os.getpid())}"


def _start_time(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "?"


def reap_orphans(client: Any) -> int:
    """Remove sandbox containers whose owning process on this host is gone; returns how many."""
    removed = 0
    host = socket.gethostname()
    for container in client.containers.list(all=True, filters={"label": LABEL}):
        owner = container.labels.get(OWNER_LABEL, "")
        parts = owner.split(":")
        if len(parts) != 3 or parts[0] != host:
            continue
        pid = int(parts[1]) if parts[1].isdigit() else -1
        if pid > 0 and _start_time(pid) == parts[2]:
            continue
        with contextlib.suppress(Exception):
            container.remove(force=True)
            removed += 1
    return removed


def remove_all(client: Any | None = None) -> int:
    """Remove every sandbox container on the engine (any owner); for `sandbox doctor --clean` and CI."""
    client = client or _client()
    removed = 0
    for container in client.containers.list(all=True, filters={"label": LABEL}):
        with contextlib.suppress(Exception):
            container.remove(force=True)
            removed += 1
    return removed
