"""Hard timeouts for kind `math` from a thread, from asyncio and from a process pool.

Math-Verify's own timeout uses `signal.alarm`, which fails outside the main thread; ours kills the
worker process. The pathological input is a gold power tower (golds are trusted, so unguarded):
Math-Verify evaluates 9^(9^(9^9)) while parsing it and never finishes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import threading

from verifiers import Status, Verdict, shared_pool, verify, verify_batch

TOWER = "9^{9^{9^{9}}}"
LIMIT_S = 1.0


def _assert_timed_out(verdict: Verdict) -> None:
    assert verdict.status is Status.TIMEOUT, verdict
    assert verdict.reward == 0.0 and not verdict.correct


def test_timeout_from_a_thread_replaces_the_worker() -> None:
    pool = shared_pool()  # the pool `verify` uses
    replaced = pool.replaced
    box: list[Verdict] = []
    thread = threading.Thread(
        target=lambda: box.append(verify("math", "\\boxed{1}", TOWER, timeout_s=LIMIT_S))
    )
    thread.start()
    thread.join(timeout=120)
    assert not thread.is_alive()
    _assert_timed_out(box[0])
    assert pool.replaced == replaced + 1
    assert verify("math", "\\boxed{2}", "2").correct  # the replacement worker scores normally


def test_timeout_from_asyncio() -> None:
    async def main() -> list[Verdict]:
        slow = asyncio.to_thread(verify, "math", "\\boxed{1}", TOWER, timeout_s=LIMIT_S)
        fast = asyncio.to_thread(verify, "math", "\\boxed{\\frac{1}{2}}", "0.5")
        return list(await asyncio.gather(slow, fast))

    slow, fast = asyncio.run(main())
    _assert_timed_out(slow)
    assert fast.correct


def test_timeout_from_a_process_pool() -> None:
    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=ctx) as executor:
        slow = executor.submit(verify, "math", "\\boxed{1}", TOWER, timeout_s=LIMIT_S)
        _assert_timed_out(slow.result(timeout=180))
        assert executor.submit(verify, "math", "\\boxed{3}", "3").result(timeout=180).correct


def test_batch_with_pathological_items_keeps_order_and_scores_the_rest() -> None:
    items = [
        {"verifier": "math", "answer": str(i), "completion": f"\\boxed{{{i}}}"} if i % 3 else
        {"verifier": "math", "answer": TOWER, "completion": "\\boxed{1}"}
        for i in range(9)
    ]  # fmt: skip
    verdicts = verify_batch(items, workers=2, timeout_s=LIMIT_S)
    for i, verdict in enumerate(verdicts):
        if i % 3:
            assert verdict.correct, (i, verdict)
        else:
            _assert_timed_out(verdict)


def test_task_level_timeout_option() -> None:
    task = {
        "env": "t",
        "domain": "math",
        "prompt": [{"role": "user", "content": "?"}],
        "verifier": "math",
        "answer": TOWER,
        "metadata": {"verifier_options": {"timeout_s": LIMIT_S}},
    }
    (verdict,) = verify_batch([{"task": task, "completion": "\\boxed{1}"}], workers=1)
    _assert_timed_out(verdict)
