"""Tasks as verl's RL parquet: `data_source`, `prompt` messages, `ability`, `reward_model`, `extra_info`.

`reward_model.ground_truth` is a string (the answer as is, or its JSON) so one column type holds
every domain; the whole Task rides along in `extra_info.task` (JSON text) and comes back exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from trainer_adapter.data import EnvOrMix, answer_text, chat_messages, sample_tasks, task_json
from verifiers import Task

SINGLE_TURN = "single_turn_agent"


def _schema(with_agent: bool) -> Any:
    import pyarrow as pa

    fields = [
        pa.field("data_source", pa.string()),
        pa.field("prompt", pa.list_(pa.struct([("role", pa.string()), ("content", pa.string())]))),
        pa.field("ability", pa.string()),
        pa.field("reward_model", pa.struct([("style", pa.string()), ("ground_truth", pa.string())])),
        pa.field(
            "extra_info",
            pa.struct(
                [
                    ("split", pa.string()),
                    ("index", pa.int64()),
                    ("task_id", pa.string()),
                    ("task", pa.string()),
                ]
            ),
        ),
    ]
    if with_agent:
        fields.append(pa.field("agent_name", pa.string()))
    return pa.schema(fields)


def verl_row(task: Task, index: int, split: str = "train", agent_name: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {
        "data_source": task.env,
        "prompt": chat_messages(task),
        "ability": task.domain,
        "reward_model": {"style": "rule", "ground_truth": answer_text(task.answer)},
        "extra_info": {"split": split, "index": index, "task_id": task.id, "task": task_json(task)},
    }
    if agent_name is not None:
        row["agent_name"] = agent_name
    return row


def verl_rows(
    tasks: Sequence[Task], split: str = "train", agents: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Rows for `tasks`; `agents` maps env name -> verl agent loop (others get `single_turn_agent`)."""
    return [
        verl_row(t, i, split, None if agents is None else agents.get(t.env, SINGLE_TURN))
        for i, t in enumerate(tasks)
    ]


def export_parquet(
    env_or_mix: EnvOrMix,
    n: int,
    path: str | Path,
    seed: int = 0,
    split: str = "train",
    agents: Mapping[str, str] | None = None,
) -> Path:
    """Write `n` Tasks (an env or a mixture) as verl RL parquet at `path`; returns the path.

    `agents={"code": "prorl_code_feedback"}` adds an `agent_name` column routing code rows to the
    multi-turn agent loop (see `trainer_adapter.verl.agent_loop`).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(path)
    if out.suffix != ".parquet":
        raise ValueError(f"{out}: verl reads parquet; give the file a .parquet name")
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = verl_rows(sample_tasks(env_or_mix, n, seed), split, agents)
    pq.write_table(pa.Table.from_pylist(rows, schema=_schema(agents is not None)), out)
    return out
