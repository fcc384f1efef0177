"""Load through a real `prorl-gym serve` process on 127.0.0.1: bounded in count, checked item by item."""

from __future__ import annotations

import asyncio
import os
import re

import httpx
import pytest

import envs
from envs.gold import THINK, final_answers
from prorl_gym.client import AsyncRewardClient, RewardClient
from tests.support.server_harness import ServeProcess
from verifiers import Task, verify_batch

pytestmark = pytest.mark.slow

# Hostile completions, 2% of the load: each must get a verdict, in its place, like any other item.
PATHOLOGICAL = (
    "\\boxed{" * 20000,
    "}" * 100_000,
    "\x00" * 5000,
    "<think>" + "a" * 20000,
    "9" * 100_000,
    "\\frac{" * 5000 + "1",
    "<answer>" * 10000,
    "\u202e\U0001f600" * 5000,
    "\\boxed{9^{9^{9^{9^{9^{9}}}}}}",
    "```python\nimport os\nos._exit(0)\n```",
)
ENVS = {
    "math": 30,
    "gcd": 15,
    "sudoku": 5,
    "knights_knaves": 10,
    "stem_mcq": 20,
    "stem_numeric": 20,
    "ifeval": 40,
}


@pytest.fixture(scope="module")
def server():
    served = ServeProcess(None, "--max-queue", "64").start()
    yield served
    served.stop()


def _pairs(tasks: list[Task]) -> list[tuple[Task, str]]:
    pairs = []
    for task in tasks:
        finals = final_answers(task)
        if finals is not None:
            pairs += [(task, THINK + finals["gold"]), (task, THINK + finals.get("wrong", "no answer here"))]
    return pairs


def _mixed_load(n: int) -> tuple[list[dict], list[int], set[int]]:
    """(the unique items, the index into them of each of the n load positions, the gold items' indices)."""
    normal = [p for name, k in ENVS.items() for p in _pairs(envs.make(name).sample(k, seed=3))]
    code = _pairs(envs.make("code").sample(3, seed=3))
    per_kind = {t.verifier: t for t, _ in normal + code}
    hostile = [(t, text) for t in per_kind.values() for text in PATHOLOGICAL]
    unique = [{"task": t, "completion": c} for t, c in normal + code + hostile]
    first_code, first_hostile = len(normal), len(normal) + len(code)
    order = []
    for i in range(n):
        if i % 50 == 0:  # 2%
            order.append(first_hostile + (i // 50) % len(hostile))
        elif i % 2000 == 7:  # code runs in the sandbox (about 1 s each here): a few, so the load stays quick
            order.append(first_code + (i // 2000) % len(code))
        else:
            order.append(i % len(normal))
    assert set(per_kind) == {"math", "logic", "mcq", "numeric", "ifeval", "code"}
    golds = {j for j in range(first_hostile) if (j if j < first_code else j - first_code) % 2 == 0}
    return unique, order, golds


def test_20000_mixed_items_across_every_kind_get_their_verdicts_in_order(server):
    unique, order, golds = _mixed_load(20_000)
    expected = verify_batch(unique, workers=2)  # each distinct item scored once, in this process
    with RewardClient(server.url, batch_size=64) as client:  # max_queue is 64
        served = client.verify_batch([unique[j] for j in order])
    assert len(served) == 20_000
    mismatches = [
        (i, served[i].status, expected[j].status)
        for i, j in enumerate(order)
        if (served[i].status, served[i].reward) != (expected[j].status, expected[j].reward)
    ]
    assert not mismatches, mismatches[:10]
    gold_positions = [i for i, j in enumerate(order) if j in golds]
    assert all(served[i].correct for i in gold_positions)


def test_64_concurrent_clients_lose_nothing(server):
    """64 clients, 10,000 requests in total (PRORL_GYM_LOAD_REQUESTS=N for fewer or more)."""
    clients, total = 64, int(os.environ.get("PRORL_GYM_LOAD_REQUESTS", "10000"))
    per_client = [range(c, total, clients) for c in range(clients)]

    async def one_client(client: AsyncRewardClient, ids: range) -> list[tuple[int, str | None, bool]]:
        out = []
        for i in ids:
            if i % 10 == 0:
                verdict = await client.verify("math", f"\\boxed{{{i}}}", str(i))
            else:
                verdict = await client.verify("test_echo", f"r{i}", f"r{i}")
            out.append((i, verdict.extracted, verdict.correct))
        return out

    async def run() -> list[list[tuple[int, str | None, bool]]]:
        async with AsyncRewardClient(server.url, max_backoff_s=0.05, max_wait_s=300) as client:
            return await asyncio.gather(*(one_client(client, ids) for ids in per_client))

    results = [row for rows in asyncio.run(run()) for row in rows]
    assert len(results) == total
    assert sorted(i for i, _, _ in results) == list(range(total))
    assert all(correct for _, _, correct in results)
    assert all(extracted == (str(i) if i % 10 == 0 else f"r{i}") for i, extracted, _ in results)
    metrics = httpx.get(server.url + "/metrics").text
    codes = dict(re.findall(r'prorl_requests_total\{code="(\d+)",route="/verify/batch"\} (\S+)', metrics))
    assert not [c for c in codes if c.startswith("5")], codes
    assert float(codes.get("200", 0)) >= total
    print(f"429s retried by the clients: {codes.get('429', '0')}")
