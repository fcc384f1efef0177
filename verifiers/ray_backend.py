"""Scoring over a Ray cluster: one verifier pool per node, items shipped in chunks, order kept.

Each alive node gets one actor holding a `VerifierPool` (so hard timeouts, memory limits and worker
replacement work exactly as on one machine). The driver splits the items into chunks, keeps a few
chunks in flight per actor, and puts verdicts back in input order. A chunk whose actor dies (or stops
answering) is retried on a fresh actor; after `max_retries` its items get `error` verdicts, never lost.
Ray is imported on first use: `pip install prorl-gym[ray]`.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from verifiers.batch import merge, to_jobs
from verifiers.types import Status, Verdict
from verifiers.worker import Job

_SLACK_S = 60.0  # beyond a chunk's summed hard timeouts before its actor is declared stuck
_LOCAL_OBJECT_STORE = 200 * 1024 * 1024


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise ImportError("backend='ray' needs Ray: pip install 'prorl-gym[ray]'") from exc
    return ray


def connect(address: str | None = None) -> None:
    """Join the Ray cluster at `address` ("auto": the running one, else a small local one)."""
    ray = _ray()
    if ray.is_initialized():
        return
    quiet: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
    if address in (None, "local"):
        ray.init(object_store_memory=_LOCAL_OBJECT_STORE, **quiet)
        return
    try:
        ray.init(address=address, **quiet)
    except ConnectionError:
        if address != "auto":
            raise
        ray.init(object_store_memory=_LOCAL_OBJECT_STORE, **quiet)


class _NodeScorer:
    """The actor body: one node's verifier pool (its processes are outside Ray's CPU accounting)."""

    def __init__(self, workers: int | None) -> None:
        from verifiers.pool import VerifierPool

        self.pool = VerifierPool(workers)

    def pid(self) -> int:
        return os.getpid()

    def score(self, jobs: list[Job]) -> list[dict[str, Any]]:
        return [v.model_dump(mode="json") for v in self.pool.map(jobs)]


@dataclass
class _Chunk:
    start: int
    jobs: list[Job]
    attempts: int = 0
    deadline: float = 0.0
    actor: Any = None


@dataclass
class _Node:
    node_id: str
    actor: Any
    inflight: set[Any] = field(default_factory=set)


class RayScorer:
    """`verify_batch` over a Ray cluster; the same signature and guarantees as the local one."""

    def __init__(
        self,
        address: str | None = None,
        *,
        workers_per_node: int | None = None,
        chunk_size: int | None = None,
        inflight_per_node: int = 3,
        max_retries: int = 2,
    ) -> None:
        connect(address)
        self.workers_per_node = workers_per_node
        self.chunk_size = chunk_size
        self.inflight_per_node = inflight_per_node
        self.max_retries = max_retries
        self.restarts = 0
        self._lock = threading.Lock()
        self._nodes: dict[str, _Node] = {}
        self._actor_cls = _ray().remote(num_cpus=0, max_concurrency=inflight_per_node + 1)(_NodeScorer)

    # --- actors ------------------------------------------------------------------------------
    def _alive_node_ids(self) -> list[str]:
        return [n["NodeID"] for n in _ray().nodes() if n.get("Alive")]

    def _spawn(self, node_id: str) -> _Node:
        from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

        strategy = NodeAffinitySchedulingStrategy(node_id, soft=False)
        actor = self._actor_cls.options(scheduling_strategy=strategy).remote(self.workers_per_node)
        return _Node(node_id, actor)

    def nodes(self) -> list[_Node]:
        """One actor per alive node, started on first use (and for nodes that joined since)."""
        alive = self._alive_node_ids()
        for node_id in alive:
            if node_id not in self._nodes:
                self._nodes[node_id] = self._spawn(node_id)
        for node_id in list(self._nodes):
            if node_id not in alive:
                del self._nodes[node_id]
        return list(self._nodes.values())

    def actor_pids(self) -> list[int]:
        """The actors' process ids (one per node), e.g. to check where work runs."""
        return [int(_ray().get(node.actor.pid.remote())) for node in self.nodes()]

    def _replace(self, node: _Node) -> None:
        """Kill a dead or stuck actor and start its replacement on the same node, if that node lives."""
        ray = _ray()
        try:
            ray.kill(node.actor, no_restart=True)
        except Exception:
            pass
        self.restarts += 1
        self._nodes.pop(node.node_id, None)
        if node.node_id in self._alive_node_ids():
            self._nodes[node.node_id] = self._spawn(node.node_id)

    # --- scoring -----------------------------------------------------------------------------
    def verify_batch(
        self,
        items: Iterable[Any],
        workers: int | None = None,
        timeout_s: float | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Verdict]:
        """Score `items` on the cluster; result i belongs to item i. `workers` is ignored (per node: the
        scorer's `workers_per_node`)."""
        items = list(items)
        prepared = to_jobs(items, timeout_s, in_process=False)
        jobs = [p for p in prepared if isinstance(p, Job)]
        if progress is not None:
            progress(len(items) - len(jobs))
        with self._lock:  # one batch at a time drives the actors; each actor still runs chunks in parallel
            verdicts = self._run(jobs, progress)
        return merge(prepared, verdicts)

    def _run(self, jobs: list[Job], progress: Callable[[int], None] | None) -> list[Verdict]:
        results: list[Verdict | None] = [None] * len(jobs)
        nodes = self.nodes()
        size = self.chunk_size or max(1, min(256, math.ceil(len(jobs) / (4 * max(len(nodes), 1)))))
        pending = deque(_Chunk(i, jobs[i : i + size]) for i in range(0, len(jobs), size))
        inflight: dict[Any, tuple[_Chunk, _Node]] = {}
        while pending or inflight:
            self._submit(pending, inflight)
            if not inflight:  # no actor can take work: the chunks left fail, loudly
                while pending:
                    self._fail(results, pending.popleft(), "no Ray node is available to score this item")
                break
            timeout = max(0.0, min(c.deadline for c, _ in inflight.values()) - time.monotonic())
            done, _ = _ray().wait(list(inflight), num_returns=1, timeout=timeout)
            for ref in done:
                chunk, node = inflight.pop(ref)
                node.inflight.discard(ref)
                self._collect(ref, chunk, node, results, pending, progress)
            self._reap_stuck(inflight)
        return [r if r is not None else Verdict.fail(Status.ERROR, "not scored") for r in results]

    def _submit(self, pending: deque[_Chunk], inflight: dict[Any, tuple[_Chunk, _Node]]) -> None:
        for node in self.nodes():
            while pending and len(node.inflight) < self.inflight_per_node:
                chunk = pending.popleft()
                chunk.deadline = time.monotonic() + sum(j.timeout_s for j in chunk.jobs) + _SLACK_S
                ref = node.actor.score.remote(chunk.jobs)
                node.inflight.add(ref)
                inflight[ref] = (chunk, node)

    def _collect(
        self,
        ref: Any,
        chunk: _Chunk,
        node: _Node,
        results: list[Verdict | None],
        pending: deque[_Chunk],
        progress: Callable[[int], None] | None,
    ) -> None:
        try:
            answers = _ray().get(ref)
        except Exception as exc:  # the actor died (or its node): retry the chunk on a fresh actor
            if self._nodes.get(node.node_id) is node:
                self._replace(node)
            self._retry(results, chunk, pending, f"{type(exc).__name__}: {exc}")
            return
        for offset, answer in enumerate(answers):
            results[chunk.start + offset] = Verdict.model_validate(answer)
        if progress is not None:
            progress(len(chunk.jobs))

    def _reap_stuck(self, inflight: dict[Any, tuple[_Chunk, _Node]]) -> None:
        now = time.monotonic()
        for chunk, node in list(inflight.values()):
            if now >= chunk.deadline and self._nodes.get(node.node_id) is node:
                self._replace(node)  # its other refs then fail with RayActorError and are retried

    def _retry(self, results: list[Verdict | None], chunk: _Chunk, pending: deque[_Chunk], why: str) -> None:
        chunk.attempts += 1
        if chunk.attempts > self.max_retries:
            self._fail(results, chunk, f"Ray actor died {chunk.attempts} times scoring this item ({why})")
        else:
            pending.appendleft(chunk)

    @staticmethod
    def _fail(results: list[Verdict | None], chunk: _Chunk, reason: str) -> None:
        for offset in range(len(chunk.jobs)):
            results[chunk.start + offset] = Verdict.fail(Status.ERROR, reason[:2000])

    def close(self) -> None:
        """Stop the actors (and so their pools); the Ray connection stays."""
        ray = _ray()
        for node in self._nodes.values():
            try:
                ray.kill(node.actor, no_restart=True)
            except Exception:
                pass
        self._nodes.clear()


_SHARED: RayScorer | None = None
_SHARED_LOCK = threading.Lock()


def shared_scorer(workers: int | None = None, address: str | None = "auto") -> RayScorer:
    """The process-wide RayScorer behind `verify_batch(..., backend="ray")` (`workers` per node)."""
    global _SHARED
    with _SHARED_LOCK:
        stale = _SHARED is not None and not _ray().is_initialized()  # ray.shutdown() since
        if _SHARED is None or stale or _SHARED.workers_per_node != workers:
            if _SHARED is not None and not stale:
                _SHARED.close()
            _SHARED = RayScorer(address, workers_per_node=workers)
        return _SHARED
