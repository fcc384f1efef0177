"""Sampling and scoring for pass@k: from a model through the rollout engine, or from a completions file.

A completions file (JSONL) holds one sample per line, so a task with n lines has n samples:
    {"task": {...Task JSON...}, "completion": "..."}
    {"task_id": "<Task.id>", "completion": "..."}     task given on another line or in `tasks=`
`"completions": ["...", ...]` in place of `"completion"` gives several samples on one line (vLLM's
n outputs per prompt). Every sample is scored through `verifiers.verify_batch` (worker processes,
hard timeouts), in batches, with a progress bar.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from trainer_adapter.eval.passk import EvalInputError
from trainer_adapter.eval.result import EvalResult
from verifiers import Task, Verdict, verify_batch

# The paper's evaluation sampling (ProRL section 3): vLLM, temperature 0.6, top_p 0.95.
PAPER_TEMPERATURE = 0.6
PAPER_TOP_P = 0.95
VERIFY_CHUNK = 2048


def _progress(show: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        disable=not show,
    )


def _slim(verdict: Verdict) -> Verdict:
    """What pass@k and the tables need; the details of 256 samples x every task would not fit."""
    return verdict.model_copy(update={"details": {}, "extracted": None, "reason": None})


def _score(
    pairs: Sequence[tuple[int, str]],
    tasks: Sequence[Task],
    into: list[list[Verdict]],
    workers: int | None,
    timeout_s: float | None,
    advance: Callable[[int], None],
) -> None:
    """Score (task index, completion) pairs in chunks, appending each verdict to its task's list."""
    for start in range(0, len(pairs), VERIFY_CHUNK):
        chunk = pairs[start : start + VERIFY_CHUNK]
        items = [{"task": tasks[i], "completion": text} for i, text in chunk]
        verdicts = verify_batch(items, workers=workers, timeout_s=timeout_s, progress=advance)
        for (i, _), verdict in zip(chunk, verdicts, strict=True):
            into[i].append(_slim(verdict))


def paper_params(n: int, max_new_tokens: int = 1024, seed: int | None = None) -> Any:
    """SamplingParams with the paper's temperature and top_p (its response limit is 32k tokens)."""
    from trainer_adapter.prorl.rollout import SamplingParams

    return SamplingParams(
        n=n, temperature=PAPER_TEMPERATURE, top_p=PAPER_TOP_P, max_new_tokens=max_new_tokens, seed=seed
    )


def evaluate(
    engine: Any,
    tasks: list[Task],
    n: int,
    ks: Sequence[int] | None = None,
    params: Any | None = None,
    *,
    label: str = "model",
    batch_size: int = 32,
    workers: int | None = None,
    timeout_s: float | None = None,
    show_progress: bool = True,
) -> EvalResult:
    """Sample `n` completions per task with `engine` (a RolloutEngine) and score them; `n` overrides params.n.

    `params` defaults to the paper's evaluation settings (temperature 0.6, top_p 0.95).
    """
    if n < 1:
        raise EvalInputError(f"n (samples per task) must be >= 1, got {n}")
    if not tasks:
        raise EvalInputError("no tasks to evaluate; give at least one Task")
    if batch_size < 1:
        raise EvalInputError(f"batch_size must be >= 1, got {batch_size}")
    params = paper_params(n) if params is None else replace(params, n=n)
    verdicts: list[list[Verdict]] = [[] for _ in tasks]
    # Batch i is verified in a thread while batch i+1 samples, so the accelerator does not wait on
    # the verifier pool (each batch fills its own tasks' lists).
    with _progress(show_progress) as progress, ThreadPoolExecutor(max_workers=1) as scorer:
        sampling = progress.add_task("sampling", total=len(tasks))
        scoring = progress.add_task("verifying", total=len(tasks) * n)
        pending: list[Future[None]] = []
        for start in range(0, len(tasks), batch_size):
            batch = tasks[start : start + batch_size]
            rollouts = engine.generate([t.prompt for t in batch], params)
            if len(rollouts) != len(batch):
                raise RuntimeError(f"engine returned {len(rollouts)} rollout groups for {len(batch)} prompts")
            progress.advance(sampling, len(batch))
            pairs = [(start + j, r.text) for j, group in enumerate(rollouts) for r in group]
            advance = functools.partial(progress.advance, scoring)
            pending.append(scorer.submit(_score, pairs, tasks, verdicts, workers, timeout_s, advance))
        for future in pending:
            future.result()  # re-raises a scoring failure here
    settings = {
        "source": "model",
        "engine": type(engine).__name__,
        "n": n,
        "temperature": params.temperature,
        "top_p": params.top_p,
        "max_new_tokens": params.max_new_tokens,
        "seed": params.seed,
    }
    return EvalResult.from_verdicts(label, tasks, verdicts, ks, settings)


def _read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist; pass a JSONL file of completion lines")
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except json.JSONDecodeError as exc:
                    raise EvalInputError(f"{path}:{number} is not valid JSON: {exc}") from None


def load_tasks(source: str | Path | Iterable[Task | Mapping[str, Any]]) -> list[Task]:
    """Tasks from a JSONL file (as `prorl-gym sample` writes) or from Task objects / dicts."""
    if isinstance(source, str | Path):
        rows: Iterable[tuple[Any, Any]] = ((f"{source}:{i}", row) for i, row in _read_jsonl(Path(source)))
    else:
        rows = ((f"task {i}", row) for i, row in enumerate(source))
    return [_task(row, where) for where, row in rows]


def _task(obj: Any, where: str) -> Task:
    if isinstance(obj, Task):
        return obj
    try:
        return Task.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        where_in = ".".join(str(p) for p in first["loc"]) or "the object"
        raise EvalInputError(f"{where}: not a Task ({first['msg']} at {where_in})") from None


def _samples(row: Any, where: str) -> list[str]:
    if not isinstance(row, Mapping):
        raise EvalInputError(f'{where}: expected an object like {{"task": ..., "completion": "..."}}')
    if "completions" in row:
        texts = row["completions"]
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            raise EvalInputError(f'{where}: "completions" must be a list of strings')
        return texts
    if not isinstance(row.get("completion"), str):
        raise EvalInputError(f'{where}: needs "completion" (a string) or "completions" (a list of strings)')
    return [row["completion"]]


def _rows(path_or_rows: str | Path | Iterable[Mapping[str, Any]]) -> Iterator[tuple[str, Any]]:
    if isinstance(path_or_rows, str | Path):
        for number, row in _read_jsonl(Path(path_or_rows)):
            yield f"{path_or_rows}:{number}", row
    else:
        for index, row in enumerate(path_or_rows):
            yield f"row {index}", row


def collect_samples(
    path_or_rows: str | Path | Iterable[Mapping[str, Any]],
    tasks: str | Path | Iterable[Task | Mapping[str, Any]] | None = None,
) -> tuple[list[Task], list[list[str]]]:
    """Tasks in first-seen order and each one's completions; a `task_id` nobody defines is an error."""
    known = {t.id: t for t in load_tasks(tasks)} if tasks is not None else {}
    order: dict[str, int] = {}
    samples: list[list[str]] = []
    pending: list[tuple[str, str, list[str]]] = []  # task_id lines whose task may come later
    for where, row in _rows(path_or_rows):
        texts = _samples(row, where)
        if "task" in row:
            task = _task(row["task"], where)
            known.setdefault(task.id, task)
            task_id = task.id
        elif isinstance(row.get("task_id"), str):
            task_id = row["task_id"]
            if task_id not in known:
                pending.append((where, task_id, texts))
                continue
        else:
            raise EvalInputError(f'{where}: needs "task" (a Task object) or "task_id" (a Task.id string)')
        if task_id not in order:
            order[task_id] = len(samples)
            samples.append([])
        samples[order[task_id]].extend(texts)
    for where, task_id, texts in pending:
        if task_id not in known:
            raise EvalInputError(
                f"{where}: task_id {task_id!r} matches no task; give the task on some line as "
                f'"task" or pass the tasks file (--tasks FILE.jsonl)'
            )
        if task_id not in order:
            order[task_id] = len(samples)
            samples.append([])
        samples[order[task_id]].extend(texts)
    if not samples:
        raise EvalInputError("no completions found; each line needs a task (or task_id) and a completion")
    by_index = sorted(order, key=order.__getitem__)
    return [known[i] for i in by_index], samples


def evaluate_completions(
    path_or_rows: str | Path | Iterable[Mapping[str, Any]],
    ks: Sequence[int] | None = None,
    *,
    tasks: str | Path | Iterable[Task | Mapping[str, Any]] | None = None,
    label: str | None = None,
    workers: int | None = None,
    timeout_s: float | None = None,
    show_progress: bool = True,
) -> EvalResult:
    """Score already generated completions (see the module docstring for the line format)."""
    task_list, samples = collect_samples(path_or_rows, tasks)
    pairs = [(i, text) for i, texts in enumerate(samples) for text in texts]
    verdicts: list[list[Verdict]] = [[] for _ in task_list]
    with _progress(show_progress) as progress:
        bar = progress.add_task("verifying", total=len(pairs))
        _score(pairs, task_list, verdicts, workers, timeout_s, lambda k: progress.advance(bar, k))
    source = str(path_or_rows) if isinstance(path_or_rows, str | Path) else "rows"
    name = label or (Path(source).stem if source != "rows" else "completions")
    return EvalResult.from_verdicts(name, task_list, verdicts, ks, {"source": source, "samples": len(pairs)})


__all__ = [
    "PAPER_TEMPERATURE",
    "PAPER_TOP_P",
    "collect_samples",
    "evaluate",
    "evaluate_completions",
    "load_tasks",
    "paper_params",
]
