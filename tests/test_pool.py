"""The verifier pool: order kept, nothing lost, hard timeouts from any caller, broken workers replaced."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading

import pool_kinds  # noqa: F401  (registers the test_* kinds)
import pytest

from verifiers import Status, VerifierPool, verify, verify_batch
from verifiers.worker import Job


def test_order_kept_and_none_lost():
    items = [{"verifier": "test_echo", "answer": str(i % 7), "completion": str(i)} for i in range(200)]
    verdicts = verify_batch(items, workers=2)
    assert len(verdicts) == 200
    assert [v.extracted for v in verdicts] == [str(i) for i in range(200)]
    assert [v.correct for v in verdicts] == [i == i % 7 for i in range(200)]
    assert len({v.details["pid"] for v in verdicts}) == 2


def test_timeout_returns_status_and_replaces_worker():
    with VerifierPool(2) as pool:
        jobs = [
            Job("test_sleep", "x", 30, timeout_s=0.5),
            Job("test_echo", "a", "a"),
            Job("test_spin", "", None, timeout_s=0.3),
        ]
        jobs += [Job("test_echo", str(i), str(i)) for i in range(10)]
        verdicts = pool.map(jobs)
        assert verdicts[0].status is Status.TIMEOUT and verdicts[0].reward == 0.0
        assert "0.5 s" in (verdicts[0].reason or "")
        assert verdicts[2].status is Status.TIMEOUT
        assert all(v.correct for i, v in enumerate(verdicts) if i not in (0, 2))
        assert pool.timeouts == 2
        alive = [w for w in pool.idle_workers if w.proc.is_alive()]
        assert len(alive) == 2


def test_crashing_and_raising_verifiers_become_error_verdicts():
    items = [
        {"verifier": "test_crash", "answer": None, "completion": "x"},
        {"verifier": "test_raise", "answer": None, "completion": "x"},
        {"verifier": "test_echo", "answer": "ok", "completion": "ok"},
    ]
    crash, boom, fine = verify_batch(items, workers=2)
    assert crash.status is Status.ERROR and "exit code 3" in (crash.reason or "")
    assert boom.status is Status.ERROR and "verifier bug" in (boom.reason or "")
    assert fine.correct


def test_memory_limit_contains_a_hog():
    with VerifierPool(1, memory_mb=512) as pool:
        hog, after = pool.map([Job("test_hog", "", 2048), Job("test_echo", "y", "y")])
    assert hog.status is Status.ERROR
    assert after.correct


def test_malformed_items_get_verdicts_in_place():
    items = [
        "not a dict",
        {"completion": "no verifier"},
        {"task": {"env": "x"}, "completion": "bad task"},
        {"verifier": "no_such_kind", "answer": 1, "completion": "1"},
        {"verifier": "test_echo", "answer": "1", "completion": "1"},
    ]
    verdicts = verify_batch(items, workers=1)
    assert [v.status for v in verdicts[:3]] == [Status.MALFORMED, Status.MALFORMED, Status.ERROR]
    assert verdicts[3].status is Status.ERROR and "unknown verifier kind" in (verdicts[3].reason or "")
    assert verdicts[4].correct


def test_unknown_kind_raises_for_direct_calls():
    with pytest.raises(ValueError, match="test_echo"):
        verify("test_ecko", "1", "1")


def test_unclosed_think_is_no_answer():
    v = verify("test_echo", "<think>the answer is 1", "1")
    assert v.status is Status.NO_ANSWER
    assert verify("test_echo", "<think>2</think>1", "1").correct


def test_timeout_from_threads():
    results: list = []

    def call():
        results.append(verify("test_sleep", "x", 10, timeout_s=0.3))

    threads = [threading.Thread(target=call) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(results) == 3
    assert all(v.status is Status.TIMEOUT for v in results)


def test_timeout_from_asyncio():
    async def main():
        return await asyncio.gather(
            asyncio.to_thread(verify, "test_sleep", "x", 10, timeout_s=0.3),
            asyncio.to_thread(verify, "test_echo", "z", "z"),
        )

    slow, fast = asyncio.run(main())
    assert slow.status is Status.TIMEOUT
    assert fast.correct


def _in_child(_: int) -> str:

    return verify("test_sleep", "x", 10, timeout_s=0.3).status.value


def test_timeout_from_a_process_pool():
    import multiprocessing as mp

    with concurrent.futures.ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as ex:
        statuses = list(ex.map(_in_child, range(2)))
    assert statuses == ["timeout", "timeout"]


def test_task_level_timeout_option():
    from verifiers import Task

    task = Task(
        env="t",
        domain="t",
        prompt=[{"role": "user", "content": "q"}],
        verifier="test_sleep",
        answer=5,
        metadata={"verifier_options": {"timeout_s": 0.2}},
    )
    assert verify_batch([{"task": task, "completion": "x"}])[0].status is Status.TIMEOUT


def test_concurrent_maps_share_a_bounded_pool():
    with VerifierPool(2) as pool:
        out: dict[int, list] = {}

        def run(k: int) -> None:
            out[k] = pool.map([Job("test_echo", f"{k}-{i}", f"{k}-{i}") for i in range(30)])

        threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert sorted(out) == [0, 1, 2, 3]
        for k, verdicts in out.items():
            assert [v.extracted for v in verdicts] == [f"{k}-{i}" for i in range(30)]
            assert all(v.correct for v in verdicts)
        pids = {v.details["pid"] for verdicts in out.values() for v in verdicts}
        assert len(pids) <= 2 and pool.live == 2


def test_many_timeouts_leave_no_process_behind():
    import multiprocessing as mp

    before = {p.pid for p in mp.active_children()}
    pool = VerifierPool(2)
    verdicts = pool.map([Job("test_sleep", "x", 10, timeout_s=0.05) for _ in range(40)])
    assert all(v.status is Status.TIMEOUT for v in verdicts)
    assert pool.timeouts == 40 and pool.live == 2
    pool.close()
    leftover = {p.pid for p in mp.active_children()} - before
    assert leftover == set()


def test_worker_startup_is_not_charged_to_the_first_job(tmp_path):
    """A script without a __main__ guard that imports slowly must not make its jobs time out."""
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "train.py"
    script.write_text(
        "import time, sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "time.sleep(1.0)  # a slow top-level import, e.g. torch\n"
        "import pool_kinds\n"
        "from verifiers import verify_batch\n"
        "items = [{'verifier': 'test_echo', 'answer': str(i), 'completion': str(i)} for i in range(6)]\n"
        "print(sum(v.correct for v in verify_batch(items, workers=2, timeout_s=0.5)))\n"
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "6", out.stderr[-2000:]


def test_kind_defined_in_main_is_a_clear_error():
    from verifiers import register_verifier

    def local(text, answer, **options):
        return None

    local.__module__ = "__main__"
    register_verifier("test_main_kind", timeout_s=1.0)(local)
    with pytest.raises(ValueError, match="importable module"):
        verify("test_main_kind", "x", 1)
    (v,) = verify_batch([{"verifier": "test_main_kind", "answer": 1, "completion": "x"}])
    assert v.status is Status.ERROR and "importable module" in (v.reason or "")
