"""Reward servers on 127.0.0.1 for tests: in a thread (fast) or as a `prorl-gym serve` process (faults)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

TESTS = Path(__file__).resolve().parents[1]  # tests/: the served kinds (pool_kinds) import from there


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, limit_s: float = 90.0) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url + "/health", timeout=5).status_code == 200:
                return
        time.sleep(0.1)
    raise TimeoutError(f"no healthy server at {url} after {limit_s} s")


@contextlib.contextmanager
def app_server(config=None) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """`create_app(config)` served by uvicorn in a thread of this process; yields its URL."""
    import uvicorn

    from prorl_gym.server import ServerConfig, create_app

    port = free_port()
    app = create_app(config or ServerConfig(workers=2))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        server.should_exit = True
        thread.join(60)


class ServeProcess:
    """`python -m prorl_gym serve` with the test kinds imported, as a separate process."""

    def __init__(self, port: int | None = None, *args: str) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.args = args
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> ServeProcess:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
        command = [sys.executable, "-m", "prorl_gym", "serve", "--port", str(self.port), "--workers", "2"]
        command += ["--import", "pool_kinds", *self.args]
        self.proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_healthy(self.url)
        return self

    def signal(self, sig: int) -> None:
        assert self.proc is not None
        self.proc.send_signal(sig)

    def wait(self, limit_s: float = 120.0) -> int:
        assert self.proc is not None
        return self.proc.wait(limit_s)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(30)
