"""Env `math` with `data_files`: every row of the user's DeepScaleR / MATH / GSM8K / AIME files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from envs.core import ConfigError, Env, validate_config
from envs.math.formats import FORMATS, rows_with_answers
from envs.math.procedural import PROMPT
from verifiers import Task

_HUB_ID = re.compile(r"^[\w.-]+/[\w.-]+$")
_KEPT = ("level", "type", "subject", "id", "unique_id", "year", "url")


class MathDataConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_files: str | list[str]
    format: str | None = None  # gsm8k | deepscaler | aime | math; detected from the columns when None
    verifier_options: dict[str, Any] = Field(default_factory=dict)


class MathDatasetEnv(Env):
    """Math problems from local files in the public datasets' formats (JSONL, JSON, parquet, .gz)."""

    domain = "math"
    verifier = "math"
    dataset_backed = True

    def __init__(self, env_name: str = "math", **config: Any) -> None:
        super().__init__()
        self.name = name = env_name
        cfg = validate_config(MathDataConfig, config, name)
        assert isinstance(cfg, MathDataConfig)
        if cfg.format is not None and cfg.format not in FORMATS:
            raise ConfigError(
                f"unknown math format {cfg.format!r}; formats: {', '.join(FORMATS)} (or None to detect)"
            )
        files = [cfg.data_files] if isinstance(cfg.data_files, str) else list(cfg.data_files)
        if not files:
            raise ConfigError(f"envs.make({name!r}): data_files is empty; pass one or more local files")
        self.paths = [_local(f) for f in files]
        self.config = cfg

    def tasks(self) -> Iterator[Task]:
        for path in self.paths:
            for i, row, fmt, answer in rows_with_answers(path, self.config.format):
                metadata: dict[str, Any] = {"source": str(path.name), "format": fmt.name, "row": i}
                metadata.update({k: row[k] for k in _KEPT if k in row and row[k] is not None})
                if self.config.verifier_options:
                    metadata["verifier_options"] = dict(self.config.verifier_options)
                yield Task(
                    env=self.name,
                    domain=self.domain,
                    prompt=[
                        {"role": "user", "content": PROMPT.format(question=str(row[fmt.question]).strip())}
                    ],
                    verifier="math",
                    answer=answer,
                    metadata=metadata,
                )


def _local(name: str) -> Path:
    path = Path(name).expanduser()
    if path.exists():
        return path
    if _HUB_ID.match(name) and not Path(name).suffix:
        raise ConfigError(
            f"data_files={name!r} is not a local file and looks like a Hugging Face hub dataset id; "
            "the hub cannot be reached from this machine. Download the dataset's files elsewhere and "
            "pass their local paths (JSONL, JSON or parquet, optionally .gz)."
        )
    raise ConfigError(f"data file {name!r} does not exist (pass local JSONL, JSON or parquet files)")
