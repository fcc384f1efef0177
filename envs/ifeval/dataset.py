"""Env `ifeval` with `data_files`: rows in IFEval's format (`key`, `prompt`, `instruction_id_list`,
`kwargs`), as in google/IFEval, RLVR-IFeval-style sets and NeMo-Gym's instruction_following data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from envs import datafiles
from envs.core import ConfigError, Env, validate_config
from verifiers import Task
from verifiers.ifeval import InstructionError, bind


class IFEvalDataConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_files: str | list[str]
    mode: Literal["fraction", "all"] = "fraction"
    strict: bool = True
    on_unknown: Literal["error", "skip"] = "error"  # rows naming instruction ids we cannot check


class IFEvalDatasetEnv(Env):
    """Every row of the user's IFEval-format files (JSONL, JSON list, parquet; optionally .gz)."""

    domain = "instruction_following"
    verifier = "ifeval"
    dataset_backed = True

    def __init__(self, env_name: str = "ifeval", **config: Any) -> None:
        super().__init__()
        self.name = env_name
        cfg = validate_config(IFEvalDataConfig, config, env_name)
        assert isinstance(cfg, IFEvalDataConfig)
        files = [cfg.data_files] if isinstance(cfg.data_files, str) else list(cfg.data_files)
        if not files:
            raise ConfigError(
                f"envs.make({env_name!r}): data_files is empty; pass one or more IFEval-format files"
            )
        self.paths = [Path(f).expanduser() for f in files]
        for path in self.paths:
            if not path.is_file():
                raise ConfigError(
                    f"data file {str(path)!r} does not exist (pass local IFEval-format JSONL, JSON or parquet)"
                )
        self.config = cfg
        self.skipped = 0

    def tasks(self) -> Iterator[Task]:
        self.skipped = 0
        for path in self.paths:
            for line, row in read_rows(path):
                task = self._row_task(path, line, row)
                if task is not None:
                    yield task

    def _row_task(self, path: Path, line: int, row: Any) -> Task | None:
        where = f"{path.name}, row {line}"
        if (
            not isinstance(row, dict)
            or not isinstance(row.get("prompt"), str)
            or "instruction_id_list" not in row
        ):
            raise ConfigError(
                f"{where}: an IFEval row needs 'prompt' and 'instruction_id_list' (and 'kwargs')"
            )
        ids = row["instruction_id_list"]
        kwargs = row.get("kwargs")
        if isinstance(kwargs, str):
            kwargs = json.loads(kwargs)
        if kwargs is None:
            kwargs = [{} for _ in ids]
        if not isinstance(ids, list) or not isinstance(kwargs, list) or len(ids) != len(kwargs):
            raise ConfigError(f"{where}: 'instruction_id_list' and 'kwargs' must be lists of the same length")
        instructions = []
        for iid, kw in zip(ids, kwargs, strict=True):
            kw = json.loads(kw) if isinstance(kw, str) else (kw or {})
            try:
                bind(iid, kw)
            except InstructionError as exc:
                if self.config.on_unknown == "skip":
                    self.skipped += 1
                    return None
                raise ConfigError(f"{where}: {exc} (on_unknown='skip' drops such rows)") from None
            instructions.append({"id": iid, "kwargs": {k: v for k, v in kw.items() if v is not None}})
        key = row.get("key", row.get("id"))
        return Task(
            env=self.name,
            domain=self.domain,
            prompt=[{"role": "user", "content": row["prompt"]}],
            verifier="ifeval",
            answer={"instructions": instructions, "strict": self.config.strict, "mode": self.config.mode},
            metadata={"source": path.name, "row": line, **({"key": key} if key is not None else {})},
        )


def read_rows(path: Path) -> Iterator[tuple[int, Any]]:
    """(row number, row) from JSONL, JSON, CSV or parquet, optionally gzipped."""
    yield from datafiles.read_rows(path)
