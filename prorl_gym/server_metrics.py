"""The reward server's Prometheus metrics, in a registry of its own (several apps can share a process)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from verifiers import Verdict, known_kinds

_ROUTES = ("/verify", "/verify/batch", "/sample", "/envs", "/health", "/metrics")
_LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120)


class Metrics:
    def __init__(self, queue_depth: Callable[[], int], worker_restarts: Callable[[], int]) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "prorl_requests",
            "HTTP requests by route and status code",
            ["route", "code"],
            registry=self.registry,
        )
        self.request_latency = Histogram(
            "prorl_request_seconds",
            "HTTP request latency",
            ["route"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.verdicts = Counter(
            "prorl_verdicts",
            "verdicts by verifier kind and status",
            ["kind", "status"],
            registry=self.registry,
        )
        self.verdict_latency = Histogram(
            "prorl_verdict_seconds",
            "verification time per item",
            ["kind"],
            buckets=_LATENCY_BUCKETS,
            registry=self.registry,
        )
        Gauge("prorl_queue_depth", "items admitted and not yet scored", registry=self.registry).set_function(
            lambda: float(queue_depth())
        )
        Gauge(
            "prorl_worker_restarts", "verifier workers replaced (timeouts, crashes)", registry=self.registry
        ).set_function(lambda: float(worker_restarts()))
        self._kinds = set(known_kinds())

    def observe_request(self, path: str, code: int, seconds: float) -> None:
        route = path if path in _ROUTES else "other"  # bounded label values, whatever clients send
        self.requests.labels(route, str(code)).inc()
        self.request_latency.labels(route).observe(seconds)

    def observe_verdicts(self, kinds: Sequence[str], verdicts: Sequence[Verdict]) -> None:
        for kind, verdict in zip(kinds, verdicts, strict=True):
            label = kind if kind in self._kinds else "other"
            self.verdicts.labels(label, verdict.status.value).inc()
            self.verdict_latency.labels(label).observe(verdict.elapsed_s)

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
