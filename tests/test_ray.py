"""The Ray backend on a real local Ray cluster: order kept, hard timeouts kept, a killed actor costs nothing."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pool_kinds  # noqa: F401  (registers the test_* kinds)
import pytest

from verifiers import Status, verify_batch

ray = pytest.importorskip("ray", reason="needs Ray: pip install 'prorl-gym[ray]'")

from verifiers.ray_backend import RayScorer  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    if ray.is_initialized():
        ray.shutdown()
    ray.init(
        num_cpus=2,
        object_store_memory=200 * 1024 * 1024,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).parent)}},  # actors import pool_kinds
    )
    yield
    ray.shutdown()


@pytest.fixture()
def scorer(cluster):
    s = RayScorer(workers_per_node=2, chunk_size=4)
    yield s
    s.close()


def test_mixed_items_keep_order_and_timeouts(scorer):
    items = [{"verifier": "test_echo", "answer": str(i % 5), "completion": str(i)} for i in range(60)]
    items[7] = {"verifier": "test_sleep", "answer": 30, "completion": "x", "options": {"timeout_s": 0.3}}
    items[20] = "not a dict"
    items[33] = {"verifier": "test_crash", "answer": None, "completion": "x"}
    items[41] = {"verifier": "math", "answer": "1/2", "completion": "so \\boxed{0.5}"}
    verdicts = scorer.verify_batch(items)
    assert len(verdicts) == 60
    assert verdicts[7].status is Status.TIMEOUT and "0.3 s" in (verdicts[7].reason or "")
    assert verdicts[20].status is Status.MALFORMED
    assert verdicts[33].status is Status.ERROR and "exit code 3" in (verdicts[33].reason or "")
    assert verdicts[41].correct
    for i, v in enumerate(verdicts):
        if i not in (7, 20, 33, 41):
            assert v.extracted == str(i) and v.correct == (i == i % 5)


def _kill_actor_soon(scorer: RayScorer, after_s: float) -> threading.Thread:
    (pid,) = scorer.actor_pids()

    def kill() -> None:
        time.sleep(after_s)
        os.kill(pid, signal.SIGKILL)

    thread = threading.Thread(target=kill)
    thread.start()
    return thread


def test_actor_killed_mid_batch_items_are_retried(scorer):
    items = [{"verifier": "test_sleep", "answer": 0.05, "completion": str(i)} for i in range(80)]
    killer = _kill_actor_soon(scorer, 0.8)
    verdicts = scorer.verify_batch(items)
    killer.join()
    assert scorer.restarts >= 1
    assert [v.extracted for v in verdicts] == [str(i) for i in range(80)]
    assert all(v.correct for v in verdicts)


def test_actor_killed_without_retries_gives_error_verdicts_not_losses(cluster):
    scorer = RayScorer(workers_per_node=2, chunk_size=4, max_retries=0)
    try:
        items = [{"verifier": "test_sleep", "answer": 0.05, "completion": str(i)} for i in range(80)]
        killer = _kill_actor_soon(scorer, 0.8)
        verdicts = scorer.verify_batch(items)
        killer.join()
        assert len(verdicts) == 80
        failed = [i for i, v in enumerate(verdicts) if not v.correct]
        assert failed, "the killed actor's chunks should have error verdicts"
        assert all(verdicts[i].status is Status.ERROR for i in failed)
        assert all("Ray actor died" in (verdicts[i].reason or "") for i in failed)
        assert all(verdicts[i].extracted == str(i) for i in range(80) if i not in failed)
    finally:
        scorer.close()


def test_verify_batch_backend_ray(cluster):
    items = [{"verifier": "test_echo", "answer": str(i), "completion": str(i)} for i in range(30)]
    verdicts = verify_batch(items, workers=2, backend="ray")
    assert [v.extracted for v in verdicts] == [str(i) for i in range(30)] and all(v.correct for v in verdicts)
    with pytest.raises(ValueError, match="backend"):
        verify_batch(items, backend="dask")  # type: ignore[arg-type]


def test_verify_cli_on_ray(cluster, tmp_path):
    import json

    from prorl_gym.cli import main

    data = tmp_path / "items.jsonl"
    rows = [
        {"verifier": "test_echo", "answer": str(i), "completion": str(i if i % 3 else -1)} for i in range(12)
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    out = tmp_path / "v.jsonl"
    assert main(["verify", str(data), "-o", str(out), "--ray", "auto", "--workers", "2", "-q"]) == 0
    verdicts = [json.loads(line)["verdict"] for line in out.read_text().splitlines()]
    assert [v["correct"] for v in verdicts[:12]] == [bool(i % 3) for i in range(12)]
    assert verdicts[12]["status"] == "malformed" and "line 13" in verdicts[12]["reason"]
