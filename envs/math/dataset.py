"""Env `math` with data: every row of the user's DeepScaleR / MATH / GSM8K / AIME files or hub sets."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from envs.core import ConfigError, Env, configure
from envs.datafiles import sources
from envs.math.config import MathDataConfig
from envs.math.formats import FORMATS, rows_with_answers
from envs.math.procedural import PROMPT
from verifiers import Task

_KEPT = ("level", "type", "subject", "id", "unique_id", "year", "url")


class MathDatasetEnv(Env):
    """Math problems in the public datasets' formats, from local files (JSONL, JSON, CSV, parquet, .gz)
    or hub datasets."""

    domain = "math"
    verifier = "math"
    dataset_backed = True

    def __init__(
        self, config: MathDataConfig | None = None, *, env_name: str = "math", **options: Any
    ) -> None:
        super().__init__()
        self.name = env_name
        cfg = configure(MathDataConfig, config, options, env_name)
        if cfg.format is not None and cfg.format not in FORMATS:
            raise ConfigError(
                f"unknown math format {cfg.format!r}; formats: {', '.join(FORMATS)} (or None to detect)"
            )
        self.sources = sources(cfg, env_name)
        self.config = cfg

    def tasks(self) -> Iterator[Task]:
        return islice(self._tasks(), self.config.limit)

    def _tasks(self) -> Iterator[Task]:
        for source in self.sources:
            for i, row, fmt, answer in rows_with_answers(source, self.config.format):
                metadata: dict[str, Any] = {"source": source.name, "format": fmt.name, "row": i}
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
