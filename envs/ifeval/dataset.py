"""Env `ifeval` with data: rows in IFEval's format (`key`, `prompt`, `instruction_id_list`, `kwargs`),
as in google/IFEval, RLVR-IFeval-style sets and NeMo-Gym's instruction_following data, from local files
or hub datasets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from typing import Any, Literal

from envs.core import ConfigError, Env, configure
from envs.datafiles import DataConfig, Source, sources
from verifiers import Task
from verifiers.ifeval import InstructionError, bind


class IFEvalDataConfig(DataConfig):
    """Config of `ifeval` with data: where the rows come from, and how they are scored."""

    mode: Literal["fraction", "all"] = "fraction"
    strict: bool = True
    on_unknown: Literal["error", "skip"] = "error"  # rows naming instruction ids we cannot check


class IFEvalDatasetEnv(Env):
    """Every row of the user's IFEval-format files (JSONL, JSON, CSV, parquet; optionally .gz) or hub
    datasets, each checked against the instruction registry when read."""

    domain = "instruction_following"
    verifier = "ifeval"
    dataset_backed = True

    def __init__(
        self, config: IFEvalDataConfig | None = None, *, env_name: str = "ifeval", **options: Any
    ) -> None:
        super().__init__()
        self.name = env_name
        self.config = configure(IFEvalDataConfig, config, options, env_name)
        self.sources = sources(self.config, env_name)
        self.skipped = 0  # rows dropped by on_unknown="skip" in the last pass over tasks()

    def tasks(self) -> Iterator[Task]:
        self.skipped = 0
        return islice(self._tasks(), self.config.limit)

    def _tasks(self) -> Iterator[Task]:
        for source in self.sources:
            for line, row in source.rows():
                task = self._row_task(source, line, row)
                if task is not None:
                    yield task

    def _row_task(self, source: Source, line: int, row: Any) -> Task | None:
        where = f"{source.name}, row {line}"
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("prompt"), str)
            or "instruction_id_list" not in row
        ):
            raise ConfigError(
                f"{where}: an IFEval row needs 'prompt' and 'instruction_id_list' (and 'kwargs')"
            )
        ids = row["instruction_id_list"]
        kwargs = _json(row.get("kwargs"), where)
        if kwargs is None:
            kwargs = [{} for _ in ids]
        if not isinstance(ids, list) or not isinstance(kwargs, list) or len(ids) != len(kwargs):
            raise ConfigError(f"{where}: 'instruction_id_list' and 'kwargs' must be lists of the same length")
        instructions = []
        for iid, raw in zip(ids, kwargs, strict=True):
            kw = _json(raw, where) or {}
            if not isinstance(kw, dict):
                raise ConfigError(f"{where}: each kwargs entry must be an object, got {type(kw).__name__}")
            # Arrow (hub datasets) gives every kwargs dict the union of keys, None where unset
            kw = {k: v for k, v in kw.items() if v is not None}
            try:
                bind(iid, kw)
            except InstructionError as exc:
                if self.config.on_unknown == "skip":
                    self.skipped += 1
                    return None
                raise ConfigError(f"{where}: {exc} (on_unknown='skip' drops such rows)") from None
            instructions.append({"id": iid, "kwargs": kw})
        key = row.get("key", row.get("id"))
        return Task(
            env=self.name,
            domain=self.domain,
            prompt=[{"role": "user", "content": row["prompt"]}],
            verifier="ifeval",
            answer={"instructions": instructions, "strict": self.config.strict, "mode": self.config.mode},
            metadata={"source": source.name, "row": line, **({"key": key} if key is not None else {})},
        )


def _json(value: Any, where: str) -> Any:
    """`value`, decoded when a CSV or flattened set stores it as a JSON string."""
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{where}: kwargs is a string but not valid JSON ({exc.msg})") from None
