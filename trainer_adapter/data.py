"""Tasks as table rows that every Arrow / parquet schema accepts, and back, exactly.

`Task.answer` is a string for math, a nested reasoning-gym entry for logic and a test list for
code, so a mixture turned into columns naively fails (`ArrowInvalid: cannot mix struct and
non-struct`). Here the whole Task travels as one JSON string column; the few columns a trainer
reads (prompt messages, env, domain) are uniform across every domain.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import envs
from envs import Env
from verifiers import Task

TASK_COLUMN = "task"
EnvOrMix = Env | str | Mapping[str, Any]


def resolve_env(env_or_mix: EnvOrMix, seed: int = 0) -> Env:
    """An Env from an Env, an env name, a mixture spec (`"math=0.5,sudoku=0.5"` or a YAML path) or a
    mapping of env name -> weight (as `envs.make_mix` takes)."""
    if isinstance(env_or_mix, Env):
        return env_or_mix
    if isinstance(env_or_mix, Mapping):
        return envs.make_mix(env_or_mix, seed=seed)
    if isinstance(env_or_mix, str):
        if "=" in env_or_mix or env_or_mix.endswith((".yaml", ".yml", ".json")):
            return envs.make_mix(envs.parse_mix(env_or_mix), seed=seed)
        return envs.make(env_or_mix)
    raise TypeError(
        f"expected an Env, an env name, a mixture spec or a mapping of env -> weight, "
        f"got {type(env_or_mix).__name__}"
    )


def sample_tasks(env_or_mix: EnvOrMix, n: int, seed: int = 0) -> list[Task]:
    """`n` reproducible Tasks from an env or a mixture (see `resolve_env`)."""
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    return resolve_env(env_or_mix, seed).sample(n, seed=seed)


def task_json(task: Task) -> str:
    """The Task as JSON text; `task_from_json` gives back an equal Task (same id, answer, metadata)."""
    return task.model_dump_json()


def task_from_json(text: str | bytes | Mapping[str, Any] | Task) -> Task:
    """A Task from its JSON text (or an already-parsed dict / Task); a clear error for anything else."""
    if isinstance(text, Task):
        return text
    if isinstance(text, Mapping):
        return Task.model_validate(dict(text))
    if not isinstance(text, str | bytes):
        raise TypeError(f"the {TASK_COLUMN!r} column must hold Task JSON text, got {type(text).__name__}")
    return Task.model_validate_json(text)


def chat_messages(task: Task) -> list[dict[str, str]]:
    """The prompt as `{"role", "content"}` messages only, so every row has the same struct type."""
    return [{"role": str(m["role"]), "content": str(m["content"])} for m in task.prompt]


def task_row(task: Task) -> dict[str, Any]:
    """One row: conversational `prompt`, the Task as JSON, and flat string columns to group by."""
    return {
        "prompt": chat_messages(task),
        TASK_COLUMN: task_json(task),
        "task_id": task.id,
        "env": task.env,
        "domain": task.domain,
        "verifier": task.verifier,
    }


def task_rows(tasks: Iterable[Task]) -> list[dict[str, Any]]:
    return [task_row(t) for t in tasks]


def row_task(row: Mapping[str, Any]) -> Task:
    """The Task a row carries (the inverse of `task_row`)."""
    if TASK_COLUMN not in row:
        raise KeyError(
            f"row has no {TASK_COLUMN!r} column (columns: {sorted(row)}); build rows with task_row()"
        )
    return task_from_json(row[TASK_COLUMN])


def tasks_from_column(values: Sequence[Any]) -> list[Task | None]:
    """Tasks from a column of Task JSON; None where a row has no Task (another reward applies there)."""
    out: list[Task | None] = []
    for i, value in enumerate(values):
        try:
            out.append(None if value is None else task_from_json(value))
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"row {i}: the {TASK_COLUMN!r} column is not a valid Task: {exc}"[:2000]
            ) from None
    return out


def answer_text(answer: Any) -> str:
    """A Task answer as one string (verl's `ground_truth`): strings as they are, the rest as JSON."""
    return answer if isinstance(answer, str) else json.dumps(answer, sort_keys=True, ensure_ascii=False)
