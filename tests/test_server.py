"""The reward server over real HTTP on 127.0.0.1: endpoints, limits, auth, metrics, and its clients."""

from __future__ import annotations

import asyncio
import threading
import time

import httpx
import pool_kinds  # noqa: F401  (registers the test_* kinds, also in the server's workers)
import pytest

import envs
from prorl_gym.client import (
    AsyncRewardClient,
    RewardClient,
    RewardServerError,
    remote_scorer,
    trl_reward_function,
    verl_compute_score,
    verl_compute_score_batch,
)
from prorl_gym.server import ServerConfig
from tests.support.server_harness import app_server
from verifiers import Status, verify_batch


@pytest.fixture(scope="module")
def url():
    with app_server(ServerConfig(workers=2, max_batch=50, max_body_bytes=200_000)) as base:
        yield base


def _error_body(response: httpx.Response) -> str:
    body = response.json()
    assert set(body) == {"error", "detail"}, body
    return str(body["detail"])


def test_health_envs_docs(url):
    health = httpx.get(url + "/health").json()
    assert health["status"] == "ok" and {"math", "code", "logic", "test_echo"} <= set(health["kinds"])
    assert "process" in health["sandbox_backends"]
    names = {e["name"] for e in httpx.get(url + "/envs").json()}
    assert {"sudoku", "math", "code", "ifeval"} <= names
    assert httpx.get(url + "/docs").status_code == 200
    paths = httpx.get(url + "/openapi.json").json()["paths"]
    assert {"/verify", "/verify/batch", "/sample", "/envs", "/health", "/metrics"} <= set(paths)


def test_batch_matches_local_verify_batch_in_order(url):
    tasks = envs.make("gcd").sample(5, seed=4)
    items = [{"verifier": "test_echo", "answer": str(i % 3), "completion": str(i)} for i in range(30)]
    items += [{"task": t, "completion": f"<answer>{t.answer['entry']['answer']}</answer>"} for t in tasks]
    items += [
        "not a dict",
        {"completion": 5},
        {"completion": "no kind"},
        {"verifier": "nope", "completion": "1"},
    ]
    with RewardClient(url, batch_size=7) as client:  # several requests, merged back in order
        remote = client.verify_batch(items)
    local = verify_batch(items, workers=2)
    assert [(v.status, v.extracted) for v in remote] == [(v.status, v.extracted) for v in local]
    assert all(v.correct for v in remote[30:35])
    assert [v.status for v in remote[35:]] == [Status.MALFORMED] * 3 + [Status.ERROR]


def test_sample_is_seeded_and_matches_local(url):
    with RewardClient(url) as client:
        first = client.sample("gcd", n=4, seed=9)
        again = client.sample("gcd", n=4, seed=9)
        mixed = client.sample({"gcd": 0.5, "lcm": 0.5}, n=20, seed=1)
    assert (
        [t.id for t in first] == [t.id for t in again] == [t.id for t in envs.make("gcd").sample(4, seed=9)]
    )
    assert {t.env for t in mixed} == {"gcd", "lcm"}
    missing = httpx.post(url + "/sample", json={"env": "sudokku", "n": 1})
    assert missing.status_code == 404 and "sudoku" in _error_body(missing)
    bad = httpx.post(url + "/sample", json={"env": "gcd", "n": 1, "config": {"nope": 1}})
    assert bad.status_code == 400 and "nope" in _error_body(bad)
    both = httpx.post(url + "/sample", json={"env": "gcd", "mix": {"gcd": 1.0}})
    assert both.status_code == 422 and "exactly one" in _error_body(both)


def test_limits_are_413_naming_the_limit(url):
    item = {"verifier": "test_echo", "answer": "1", "completion": "1"}
    long_batch = httpx.post(url + "/verify/batch", json={"items": [item] * 51})
    assert long_batch.status_code == 413 and "max_batch=50" in _error_body(long_batch)
    big = httpx.post(url + "/verify", json={**item, "completion": "x" * 300_000})
    assert big.status_code == 413 and "max_body_bytes=200000" in _error_body(big)

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(30):
            yield b"x" * 10_000

    streamed = httpx.post(url + "/verify", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and "max_body_bytes" in _error_body(streamed)
    huge_timeout = httpx.post(url + "/verify", json={**item, "options": {"timeout_s": 1e9}})
    assert huge_timeout.status_code == 422 and "timeout_s" in _error_body(huge_timeout)


def test_full_queue_is_429_with_retry_after_and_the_client_retries():
    config = ServerConfig(workers=2, max_queue=2)
    slow = {"verifier": "test_sleep", "answer": 0.5, "completion": "x", "options": {"timeout_s": 10}}
    with app_server(config) as base:
        first: list[httpx.Response] = []
        holder = threading.Thread(
            target=lambda: first.append(httpx.post(base + "/verify/batch", json={"items": [slow, slow]}))
        )
        holder.start()
        while httpx.get(base + "/health").json()["queue_depth"] < 2 and holder.is_alive():
            time.sleep(0.01)
        rejected = httpx.post(base + "/verify", json=slow)
        holder.join()
        assert rejected.status_code == 429
        assert rejected.headers["retry-after"] == "1" and "max_queue" in _error_body(rejected)
        assert first[0].status_code == 200
        over = httpx.post(base + "/verify/batch", json={"items": [slow] * 3})
        assert over.status_code == 413 and "max_queue=2" in _error_body(over)
        with RewardClient(base, batch_size=2, max_backoff_s=0.05) as client:
            results: list[list] = []
            threads = [
                threading.Thread(target=lambda: results.append(client.verify_batch([slow, slow])))
                for _ in range(4)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        assert len(results) == 4 and all(v.correct for r in results for v in r)
        metrics = httpx.get(base + "/metrics").text
        assert 'prorl_requests_total{code="429",route="/verify"}' in metrics


def test_bearer_token():
    item = {"verifier": "test_echo", "answer": "1", "completion": "1"}
    with app_server(ServerConfig(workers=1, token="s3cret")) as base:
        missing = httpx.post(base + "/verify", json=item)
        assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "missing bearer token" in _error_body(missing)
        wrong = httpx.post(base + "/verify", json=item, headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 403 and "wrong" in _error_body(wrong)
        assert httpx.get(base + "/health").status_code == 200
        assert RewardClient(base, token="s3cret").verify("test_echo", "1", "1").correct
        with pytest.raises(RewardServerError, match="403"):
            RewardClient(base, token="nope").verify("test_echo", "1", "1")


def test_metrics_count_verdicts_latency_and_restarts(url):
    with RewardClient(url) as client:
        client.verify("math", "\\boxed{0.5}", "1/2")
        client.verify("math", "\\boxed{7}", "1/2")
        client.verify("test_sleep", "x", 5, timeout_s=0.2)
    text = httpx.get(url + "/metrics").text
    assert 'prorl_verdicts_total{kind="math",status="correct"}' in text
    assert 'prorl_verdicts_total{kind="math",status="wrong"}' in text
    assert 'prorl_verdicts_total{kind="test_sleep",status="timeout"}' in text
    assert 'prorl_verdict_seconds_bucket{kind="math",le="0.1"}' in text
    assert "prorl_queue_depth 0.0" in text
    restarts = [line for line in text.splitlines() if line.startswith("prorl_worker_restarts ")]
    assert restarts and float(restarts[0].split()[1]) >= 1.0


def test_async_client_and_trainer_hooks(url):
    items = [{"verifier": "test_echo", "answer": str(i), "completion": str(i)} for i in range(25)]

    async def run():
        async with AsyncRewardClient(url, batch_size=4) as client:
            return await client.verify_batch(items)

    verdicts = asyncio.run(run())
    assert [v.extracted for v in verdicts] == [str(i) for i in range(25)] and all(v.correct for v in verdicts)
    assert [v.correct for v in remote_scorer(url)(items[:3], None, None)] == [True] * 3

    task = envs.make("gcd").sample(1, seed=2)[0]
    gold = f"<answer>{task.answer['entry']['answer']}</answer>"
    task_json = task.model_dump(mode="json")
    assert verl_compute_score("gcd", gold, None, {"task": task_json}, url=url) == {"score": 1.0, "acc": 1.0}
    assert verl_compute_score("math", "\\boxed{3}", "3", url=url)["score"] == 1.0
    batch = verl_compute_score_batch(
        ["gcd", "gcd"], [gold, "no"], [task.model_dump_json()] * 2, None, url=url
    )
    assert [b["score"] for b in batch] == [1.0, 0.0]
    reward = trl_reward_function(url)
    chat = [[{"role": "assistant", "content": gold}], [{"role": "assistant", "content": "?"}]]
    assert reward(prompts=[None, None], completions=chat, task=[task_json, task_json]) == [1.0, 0.0]


def test_client_gives_up_loudly_when_no_server():
    from tests.support.server_harness import free_port

    client = RewardClient(f"http://127.0.0.1:{free_port()}", max_wait_s=0.3)
    with pytest.raises(RewardServerError, match="unreachable"):
        client.verify("test_echo", "1", "1")
