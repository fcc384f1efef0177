"""The reward server's overhead and the Ray backend's, each against in-process `verify_batch` in the same run.

1. verdicts/s for a mixed load (math, logic, mcq, numeric, ifeval; gold and wrong replies) in process
   versus through `prorl-gym serve` on 127.0.0.1 (the HTTP path's cost);
2. requests/s and p50/p99 latency of single-item requests at 1, 8 and 64 concurrent clients;
3. the same load on a local Ray cluster (one node: actor + pool) versus the local pool.

Usage: python -m bench.bench_server [--items 4000] [--requests 600]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import envs
from envs.gold import THINK, final_answers
from prorl_gym.client import AsyncRewardClient, RewardClient
from verifiers import verify_batch, warmup

ENVS = {"math": 40, "gcd": 20, "knights_knaves": 20, "stem_mcq": 20, "stem_numeric": 20, "ifeval": 40}


def mixed_items(n: int) -> list[dict]:
    pool = []
    for name, k in ENVS.items():
        for task in envs.make(name).sample(k, seed=5):
            finals = final_answers(task)
            if finals is not None:
                pool += [{"task": task, "completion": THINK + finals["gold"]}]
                pool += [{"task": task, "completion": THINK + finals.get("wrong", "no")}]
    return [pool[i % len(pool)] for i in range(n)]


def rate(fn, n: int) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return n / (time.perf_counter() - start)


async def clients_run(url: str, clients: int, total: int) -> tuple[float, float, float]:
    latencies: list[float] = []

    async def one(client: AsyncRewardClient, k: int) -> None:
        for i in range(k, total, clients):
            start = time.perf_counter()
            await client.verify("math", f"\\boxed{{{i}}}", str(i))
            latencies.append(time.perf_counter() - start)

    async with AsyncRewardClient(url, max_backoff_s=0.05) as client:
        start = time.perf_counter()
        await asyncio.gather(*(one(client, k) for k in range(clients)))
        wall = time.perf_counter() - start
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    return total / wall, statistics.median(latencies) * 1000, p99 * 1000


def bench_ray(items: list[dict], local: float) -> None:
    try:
        import ray

        from verifiers.ray_backend import RayScorer
    except ImportError:
        print("ray: not installed (pip install 'prorl-gym[ray]'), skipped")
        return
    ray.init(num_cpus=2, object_store_memory=200 * 1024 * 1024, include_dashboard=False, log_to_driver=False)
    try:
        scorer = RayScorer(workers_per_node=2)
        scorer.verify_batch(items[:50])  # start the actor and its pool
        on_ray = rate(lambda: scorer.verify_batch(items), len(items))
        print(
            f"ray (1 node, 2 workers):  {on_ray:8.0f} verdicts/s   local pool {local:8.0f}/s   ratio {on_ray / local:.2f}"
        )
        scorer.close()
    finally:
        ray.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=4000)
    parser.add_argument("--requests", type=int, default=600)
    args = parser.parse_args()
    from tests.support.server_harness import ServeProcess

    items = mixed_items(args.items)
    warmup(2)
    local = rate(lambda: verify_batch(items, workers=2), len(items))
    server = ServeProcess().start()
    try:
        with RewardClient(server.url, batch_size=256) as client:
            client.verify_batch(items[:50])
            served = rate(lambda: client.verify_batch(items), len(items))
        print(f"mixed load, {len(items)} items, 2 workers")
        print(f"in process:               {local:8.0f} verdicts/s")
        print(f"through the server:       {served:8.0f} verdicts/s   ratio {served / local:.2f}")
        for clients in (1, 8, 64):
            rps, p50, p99 = asyncio.run(clients_run(server.url, clients, args.requests))
            print(
                f"{clients:3d} clients, 1-item requests: {rps:7.0f} req/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms"
            )
    finally:
        server.stop()
    bench_ray(items, local)


if __name__ == "__main__":
    main()
