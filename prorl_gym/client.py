"""A client for the reward server, so reward work can run on another machine or process.

`RewardClient(url).verify_batch` has the local `verifiers.verify_batch` signature and guarantees
(verdict i belongs to item i, malformed items get verdicts); `AsyncRewardClient` is the asyncio
twin. A full queue (429, honouring Retry-After), a draining server (503) and connection errors are
retried with jittered exponential backoff until `max_wait_s`; scoring is pure, so resending a batch
the server may already have started is safe. When the server stays unreachable the call raises
`RewardServerError` rather than return zero rewards a trainer would learn from.

`remote_scorer(url)` is a drop-in scorer for the trainer adapters; `verl_compute_score` and
`trl_reward_function(url)` are what verl's custom reward loading and TRL's `reward_funcs` call.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import httpx

from prorl_gym.errors import UsageError
from verifiers import Status, Task, Verdict

URL_ENV = "PRORL_GYM_REWARD_URL"
TOKEN_ENV = "PRORL_GYM_TOKEN"
_RETRY_STATUSES = (429, 502, 503, 504)


class RewardServerError(RuntimeError):
    """The server refused a request (a 4xx naming the problem) or stayed unreachable past `max_wait_s`."""


def _wire_item(item: Any) -> dict[str, Any] | Verdict:
    """An item as JSON for the server, or the verdict local `verify_batch` would give it up front."""
    if not isinstance(item, Mapping):
        return Verdict.fail(Status.MALFORMED, f"item must be a dict, got {type(item).__name__}")
    completion = item.get("completion")
    if not isinstance(completion, str):
        return Verdict.fail(Status.MALFORMED, f"completion must be a string, got {type(completion).__name__}")
    if "task" in item:
        task = item["task"]
        task = task.model_dump(mode="json") if isinstance(task, Task) else task
        if not isinstance(task, Mapping):
            return Verdict.fail(
                Status.ERROR, f"invalid task: expected a Task or dict, got {type(task).__name__}"
            )
        return {"task": dict(task), "completion": completion}
    if "verifier" in item:
        return {
            "verifier": str(item["verifier"]),
            "answer": item.get("answer"),
            "options": dict(item.get("options") or {}),
            "completion": completion,
        }
    return Verdict.fail(Status.MALFORMED, "item needs a 'task', or a 'verifier' and an 'answer'")


def _retry_after(response: httpx.Response, fallback: float) -> float:
    try:
        return max(0.0, float(response.headers.get("retry-after", fallback)))
    except ValueError:
        return fallback


class _Policy:
    """Shared by the sync and async clients: URLs, headers, batching and the retry schedule."""

    def __init__(
        self,
        url: str | None,
        token: str | None,
        batch_size: int,
        max_wait_s: float,
        backoff_s: float,
        max_backoff_s: float,
    ) -> None:
        url = url or os.environ.get(URL_ENV)
        if not url:
            raise UsageError(f"no reward server URL: pass url= or set {URL_ENV}")
        if batch_size < 1:
            raise UsageError(f"batch_size must be >= 1, got {batch_size}")
        self.url = url.rstrip("/")
        token = token if token is not None else os.environ.get(TOKEN_ENV)
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.batch_size = batch_size
        self.max_wait_s = max_wait_s
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s

    def delay(self, attempt: int, response: httpx.Response | None) -> float:
        base = min(self.max_backoff_s, self.backoff_s * 2**attempt)
        if response is not None and response.status_code in (429, 503):
            base = min(self.max_backoff_s, _retry_after(response, base))
        return base * (0.5 + random.random() / 2)

    def parse(self, response: httpx.Response, path: str) -> Any:
        if response.status_code >= 400:
            try:
                detail = response.json().get("detail")
            except ValueError:
                detail = response.text[:500]
            raise RewardServerError(f"{self.url}{path} answered {response.status_code}: {detail}")
        return response.json()

    def batches(
        self, items: Iterable[Any], timeout_s: float | None
    ) -> tuple[list[Any], list[dict[str, Any]]]:
        """(the wire form or up-front verdict per item, the request bodies for the wire items)."""
        wire = [_wire_item(item) for item in items]
        sendable = [w for w in wire if not isinstance(w, Verdict)]
        bodies = []
        for start in range(0, len(sendable), self.batch_size):
            body: dict[str, Any] = {"items": sendable[start : start + self.batch_size]}
            if timeout_s is not None:
                body["timeout_s"] = timeout_s
            bodies.append(body)
        return wire, bodies

    def give_up(self, path: str, waited: float, last: str) -> RewardServerError:
        return RewardServerError(f"{self.url}{path} unreachable for {waited:.0f} s (last: {last})")


def _merge(wire: list[Any], verdict_rows: Iterable[Any]) -> list[Verdict]:
    it = iter(verdict_rows)
    return [w if isinstance(w, Verdict) else Verdict.model_validate(next(it)) for w in wire]


def _describe(response: httpx.Response | None, exc: Exception | None) -> str:
    return f"HTTP {response.status_code}" if response is not None else f"{type(exc).__name__}: {exc}"


class RewardClient:
    """Blocking client; one connection pool, safe to share between threads."""

    def __init__(
        self,
        url: str | None = None,
        *,
        token: str | None = None,
        batch_size: int = 512,
        timeout_s: float = 600.0,
        max_wait_s: float = 600.0,
        backoff_s: float = 0.05,
        max_backoff_s: float = 5.0,
    ) -> None:
        self.policy = _Policy(url, token, batch_size, max_wait_s, backoff_s, max_backoff_s)
        self._http = httpx.Client(timeout=timeout_s, headers=self.policy.headers)

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        start, attempt = time.monotonic(), 0
        while True:
            response: httpx.Response | None = None
            error: Exception | None = None
            try:
                response = self._http.post(self.policy.url + path, json=body)
            except httpx.TransportError as exc:
                error = exc
            if response is not None and response.status_code not in _RETRY_STATUSES:
                return self.policy.parse(response, path)
            waited = time.monotonic() - start
            if waited >= self.policy.max_wait_s:
                raise self.policy.give_up(path, waited, _describe(response, error))
            time.sleep(self.policy.delay(attempt, response))
            attempt += 1

    def verify_batch(
        self,
        items: Iterable[Any],
        workers: int | None = None,
        timeout_s: float | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[Verdict]:
        """Score on the server; verdict i belongs to item i. `workers` is the server's to choose."""
        wire, bodies = self.policy.batches(items, timeout_s)
        rows: list[Any] = []
        if progress is not None:
            progress(sum(isinstance(w, Verdict) for w in wire))
        for body in bodies:
            rows.extend(self._post("/verify/batch", body)["verdicts"])
            if progress is not None:
                progress(len(body["items"]))
        return _merge(wire, rows)

    def verify(
        self, kind: str, completion: str, answer: Any, *, timeout_s: float | None = None, **options: Any
    ) -> Verdict:
        item = {"verifier": kind, "answer": answer, "completion": completion, "options": options}
        return self.verify_batch([item], timeout_s=timeout_s)[0]

    def sample(self, env: str | Mapping[str, float], n: int = 10, seed: int = 0, **config: Any) -> list[Task]:
        """Tasks from an env name (with config) or a mixture {name: weight}."""
        body: dict[str, Any] = {"n": n, "seed": seed}
        body.update({"env": env, "config": config} if isinstance(env, str) else {"mix": dict(env)})
        return [Task.model_validate(t) for t in self._post("/sample", body)["tasks"]]

    def health(self) -> dict[str, Any]:
        return self.policy.parse(self._http.get(self.policy.url + "/health"), "/health")

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RewardClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncRewardClient:
    """The asyncio twin of RewardClient (same retries and ordering)."""

    def __init__(
        self,
        url: str | None = None,
        *,
        token: str | None = None,
        batch_size: int = 512,
        timeout_s: float = 600.0,
        max_wait_s: float = 600.0,
        backoff_s: float = 0.05,
        max_backoff_s: float = 5.0,
    ) -> None:
        self.policy = _Policy(url, token, batch_size, max_wait_s, backoff_s, max_backoff_s)
        self._http = httpx.AsyncClient(timeout=timeout_s, headers=self.policy.headers)

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        start, attempt = time.monotonic(), 0
        while True:
            response: httpx.Response | None = None
            error: Exception | None = None
            try:
                response = await self._http.post(self.policy.url + path, json=body)
            except httpx.TransportError as exc:
                error = exc
            if response is not None and response.status_code not in _RETRY_STATUSES:
                return self.policy.parse(response, path)
            waited = time.monotonic() - start
            if waited >= self.policy.max_wait_s:
                raise self.policy.give_up(path, waited, _describe(response, error))
            await asyncio.sleep(self.policy.delay(attempt, response))
            attempt += 1

    async def verify_batch(
        self, items: Iterable[Any], workers: int | None = None, timeout_s: float | None = None
    ) -> list[Verdict]:
        """Score on the server; the batches of one call are sent concurrently, verdicts kept in order."""
        wire, bodies = self.policy.batches(items, timeout_s)
        answers = await asyncio.gather(*(self._post("/verify/batch", body) for body in bodies))
        return _merge(wire, (row for answer in answers for row in answer["verdicts"]))

    async def verify(
        self, kind: str, completion: str, answer: Any, *, timeout_s: float | None = None, **options: Any
    ) -> Verdict:
        item = {"verifier": kind, "answer": answer, "completion": completion, "options": options}
        return (await self.verify_batch([item], timeout_s=timeout_s))[0]

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncRewardClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


_CLIENTS: dict[str, RewardClient] = {}


def _client(url: str | None) -> RewardClient:
    key = url or os.environ.get(URL_ENV) or ""
    if key not in _CLIENTS:
        _CLIENTS[key] = RewardClient(url)
    return _CLIENTS[key]


def remote_scorer(url: str | None = None, **client_options: Any) -> Callable[..., list[Verdict]]:
    """A scorer with the `verifiers.verify_batch` signature that scores on the server at `url`."""
    return RewardClient(url, **client_options).verify_batch


def _verl_item(data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any) -> dict[str, Any]:
    """verl's reward arguments as an item: the Task in extra_info["task"] or in ground_truth, else
    data_source names the verifier kind and ground_truth is the answer."""
    for candidate in (
        (extra_info or {}).get("task") if isinstance(extra_info, Mapping) else None,
        ground_truth,
    ):
        if isinstance(candidate, str) and candidate.lstrip().startswith("{"):
            try:
                candidate = json.loads(candidate)
            except ValueError:
                continue
        if isinstance(candidate, Mapping) and "verifier" in candidate and "prompt" in candidate:
            return {"task": dict(candidate), "completion": solution_str}
    return {"verifier": str(data_source), "answer": ground_truth, "completion": solution_str}


def verl_compute_score(
    data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, url: str | None = None
) -> dict[str, float]:
    """verl's `custom_reward_function` (per sample): `{"score": reward, "acc": 1.0 if correct}`.

    Point verl at it with `custom_reward_function.path=<prorl_gym/client.py>`, `.name=verl_compute_score`,
    and the server with `custom_reward_function.reward_kwargs.url=...` or $PRORL_GYM_REWARD_URL.
    """
    (verdict,) = _client(url).verify_batch([_verl_item(data_source, solution_str, ground_truth, extra_info)])
    return {"score": verdict.reward, "acc": float(verdict.correct)}


def verl_compute_score_batch(
    data_sources: list[Any],
    solution_strs: list[str],
    ground_truths: list[Any],
    extra_infos: list[Any] | None = None,
    url: str | None = None,
) -> list[dict[str, float]]:
    """The batched form verl's BatchRewardManager calls: one request per trainer batch."""
    infos = extra_infos if extra_infos is not None else [None] * len(solution_strs)
    items = [
        _verl_item(d, s, g, e)
        for d, s, g, e in zip(data_sources, solution_strs, ground_truths, infos, strict=True)
    ]
    return [{"score": v.reward, "acc": float(v.correct)} for v in _client(url).verify_batch(items)]


def trl_reward_function(url: str | None = None, **client_options: Any) -> Callable[..., list[float]]:
    """A TRL `reward_funcs` entry scoring on the server; the dataset needs a `task` column (Task dicts)."""
    from trainer_adapter.rewards import completion_text

    scorer = remote_scorer(url, **client_options)

    def prorl_remote_reward(
        prompts: list[Any], completions: list[Any], task: list[Any], **_: Any
    ) -> list[float]:
        tasks = [json.loads(t) if isinstance(t, str) else t for t in task]
        items = [
            {"task": t, "completion": completion_text(c)} for t, c in zip(tasks, completions, strict=True)
        ]
        return [v.reward for v in scorer(items)]

    return prorl_remote_reward
