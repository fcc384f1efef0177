"""Completions (plain text or chat messages) + Tasks -> Verdicts and rewards, always in one batch.

Every adapter scores through one `verify_batch` call per trainer batch (worker processes with hard
timeouts), or through any scorer with the same signature, such as the HTTP reward client. Chat
completions (TRL's conversational format, tool transcripts) are reduced to the final assistant
text first: handing a message list to a verifier would silently score it `malformed`.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import verifiers
from verifiers import Status, Task, Verdict


class Scorer(Protocol):
    """What `verifiers.verify_batch` looks like: items in, one Verdict (or Verdict dict) per item out."""

    def __call__(
        self, items: list[dict[str, Any]], workers: int | None = ..., timeout_s: float | None = ...
    ) -> Sequence[Verdict | Mapping[str, Any]]: ...


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks: [{"type": "text", "text": ...}, ...]
        parts = [
            b.get("text", "") for b in content if isinstance(b, Mapping) and b.get("type", "text") == "text"
        ]
        return "".join(p for p in parts if isinstance(p, str))
    return ""


def completion_text(completion: Any) -> str:
    """The text a verifier judges: a string as is; for chat messages, the last assistant message.

    A tool-using transcript ends with the assistant's final reply; earlier assistant turns and tool
    outputs are context, not the answer. Anything else (None, numbers) becomes "" (`no_answer`).
    """
    if isinstance(completion, str):
        return completion
    if isinstance(completion, Mapping):
        return _content_text(completion.get("content"))
    if isinstance(completion, Sequence):
        for message in reversed(completion):
            if isinstance(message, Mapping) and message.get("role", "assistant") == "assistant":
                return _content_text(message.get("content"))
    return ""


def _as_verdict(value: Any) -> Verdict:
    if isinstance(value, Verdict):
        return value
    try:
        return Verdict.model_validate(value)
    except Exception as exc:
        return Verdict.fail(Status.ERROR, f"scorer returned an unreadable verdict: {exc}"[:2000])


def score(
    tasks: Sequence[Task],
    completions: Sequence[Any],
    *,
    scorer: Scorer | None = None,
    workers: int | None = None,
    timeout_s: float | None = None,
) -> list[Verdict]:
    """One Verdict per (task, completion), in order, from a single batched scorer call."""
    if len(tasks) != len(completions):
        raise ValueError(f"{len(tasks)} tasks but {len(completions)} completions; they must pair up")
    items = [{"task": t, "completion": completion_text(c)} for t, c in zip(tasks, completions, strict=True)]
    if not items:
        return []
    fn: Callable[..., Any] = scorer or verifiers.verify_batch
    kwargs: dict[str, Any] = {}
    if workers is not None:
        kwargs["workers"] = workers
    if timeout_s is not None:
        kwargs["timeout_s"] = timeout_s
    out = [_as_verdict(v) for v in fn(items, **kwargs)]
    if len(out) != len(items):
        raise RuntimeError(f"scorer returned {len(out)} verdicts for {len(items)} items")
    return out


def warmup(workers: int | None = None, scorer: Scorer | None = None) -> float:
    """Start the verifier workers before training (the first batch otherwise pays ~2 s); returns seconds.

    A custom scorer gets one trivial item per worker instead (e.g. to open a remote connection).
    """
    start = time.perf_counter()
    warm = getattr(verifiers, "warmup", None)
    if scorer is None and callable(warm):
        warm(workers)
    else:
        item = {"verifier": "math", "answer": "1", "completion": "\\boxed{1}"}
        kwargs: dict[str, Any] = {} if workers is None else {"workers": workers}
        (scorer or verifiers.verify_batch)([dict(item) for _ in range(workers or 1)], **kwargs)
    return time.perf_counter() - start


def batch_stats(envs: Sequence[str], verdicts: Sequence[Verdict]) -> dict[str, float]:
    """Per-env mean reward and per-env status counts for one batch: `{env}/reward`, `{env}/status/{s}`."""
    rewards: dict[str, list[float]] = defaultdict(list)
    statuses: Counter[tuple[str, str]] = Counter()
    for env, verdict in zip(envs, verdicts, strict=True):
        rewards[env].append(verdict.reward)
        statuses[(env, str(verdict.status))] += 1
    out = {f"{env}/reward": sum(vals) / len(vals) for env, vals in rewards.items()}
    out.update({f"{env}/status/{status}": float(n) for (env, status), n in statuses.items()})
    return out
