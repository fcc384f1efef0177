"""Faults against a real `prorl-gym serve` process: a killed worker, a graceful stop, a restart mid-run."""

from __future__ import annotations

import signal
import threading
import time

import httpx
import pytest

from prorl_gym.client import RewardClient
from tests.support.server_harness import ServeProcess
from verifiers import Status


@pytest.fixture(scope="module")
def served():
    server = ServeProcess().start()
    yield server
    server.stop()


def _echo(i: int) -> dict:
    return {"verifier": "test_echo", "answer": str(i), "completion": str(i)}


def test_worker_sigkilled_mid_batch_costs_only_its_item(served, tmp_path):
    import os

    pidfile = tmp_path / "pid"
    items = [_echo(i) for i in range(40)]
    items[13] = {"verifier": "test_pidfile", "answer": str(pidfile), "completion": "x"}
    out: list = []
    thread = threading.Thread(target=lambda: out.append(RewardClient(served.url).verify_batch(items)))
    thread.start()
    deadline = time.monotonic() + 60
    while not (pidfile.exists() and pidfile.read_text()) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(int(pidfile.read_text()), signal.SIGKILL)
    thread.join(60)
    (verdicts,) = out
    assert verdicts[13].status is Status.ERROR and "exit code -9" in (verdicts[13].reason or "")
    assert all(v.correct and v.extracted == str(i) for i, v in enumerate(verdicts) if i != 13)


def test_sigterm_finishes_work_in_flight_and_refuses_new(served):
    slow = [{"verifier": "test_sleep", "answer": 0.5, "completion": str(i)} for i in range(6)]
    answers: list[httpx.Response] = []
    thread = threading.Thread(
        target=lambda: answers.append(
            httpx.post(served.url + "/verify/batch", json={"items": slow}, timeout=60)
        )
    )
    thread.start()
    while httpx.get(served.url + "/health").json()["queue_depth"] == 0:
        time.sleep(0.01)
    served.signal(signal.SIGTERM)
    time.sleep(0.2)
    try:
        late = httpx.post(served.url + "/verify", json=_echo(1), timeout=10)
        refused = late.status_code == 503 and late.json()["error"] == "shutting down"
    except httpx.TransportError:
        refused = True  # the listening socket is already closed
    thread.join(60)
    assert refused
    assert answers[0].status_code == 200
    assert [v["status"] for v in answers[0].json()["verdicts"]] == ["correct"] * 6
    assert served.wait() in (0, -signal.SIGTERM)  # uvicorn re-raises the signal once drained


def test_restart_mid_run_loses_nothing():
    """A client mid-run across a server crash (SIGKILL), then a graceful stop (SIGTERM), each followed by a
    new server on the same port: every item is scored exactly as asked, or the client would have raised."""
    batches = [[_echo(b * 10 + i) for i in range(10)] for b in range(150)]
    results: list[list] = []
    errors: list[BaseException] = []
    first = ServeProcess().start()

    def run() -> None:
        try:
            with RewardClient(first.url, max_wait_s=120, max_backoff_s=0.2) as client:
                for batch in batches:
                    results.append(client.verify_batch(batch))
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    servers = [first]
    try:
        for sig, after in ((signal.SIGKILL, 20), (signal.SIGTERM, 70)):
            while len(results) < after and thread.is_alive():
                time.sleep(0.01)
            servers[-1].signal(sig)
            servers[-1].wait()
            servers.append(ServeProcess(first.port).start())
        thread.join(180)
    finally:
        for server in servers:
            server.stop()
    assert not errors, errors
    assert len(results) == 150
    for b, verdicts in enumerate(results):
        assert [v.extracted for v in verdicts] == [str(b * 10 + i) for i in range(10)]
        assert all(v.correct for v in verdicts)
