"""TRL adapter (extra `[trl]`): datasets, the reward function, the ProRL config and reference resets.

```python
from trainer_adapter.trl import make_dataset, reward_function, prorl_config, ProRLResetCallback
reset = ProRLResetCallback(every_steps=200)
trainer = GRPOTrainer(model_dir, reward_funcs=[reward_function()], args=prorl_config(output_dir="out"),
                      train_dataset=make_dataset({"math": 1, "sudoku": 1, "code": 1}, 10_000, seed=0),
                      callbacks=[reset])
reset.attach(trainer)
trainer.train()
```
trl, transformers, torch and datasets are imported only inside the functions that need them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from trainer_adapter.data import EnvOrMix, sample_tasks, task_rows, tasks_from_column
from trainer_adapter.reset import Plateau
from trainer_adapter.rewards import Scorer, batch_stats, score, warmup
from trainer_adapter.trl.config import PRORL_GRPO, prorl_config
from trainer_adapter.trl.env import CodeFeedbackEnv, code_environment_factory
from verifiers import Status, Task, Verdict

__all__ = [
    "PRORL_GRPO",
    "CodeFeedbackEnv",
    "Plateau",
    "ProRLResetCallback",
    "RewardFunction",
    "code_environment_factory",
    "make_dataset",
    "prorl_config",
    "reward_function",
]


def __getattr__(name: str) -> Any:
    # The callback subclasses transformers' TrainerCallback: import transformers only when it is asked for.
    if name == "ProRLResetCallback":
        from trainer_adapter.trl.callback import ProRLResetCallback

        return ProRLResetCallback
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_dataset(env_or_mix: EnvOrMix, n: int, seed: int = 0) -> Any:
    """A `datasets.Dataset` of `n` Tasks: conversational `prompt`, the Task as JSON (`task`), `env`, ...

    Every domain has the same column types, so mixtures of all of them build (a naive
    `Dataset.from_list(task.model_dump())` fails on a mixture: `answer` is a string for math and a
    struct for logic). `trainer_adapter.data.row_task(row)` gives back the exact Task.
    """
    from datasets import Dataset

    return Dataset.from_list(task_rows(sample_tasks(env_or_mix, n, seed)))


class RewardFunction:
    """TRL's reward contract: `(prompts, completions, **columns) -> list[float | None]`.

    Completions may be strings or message lists; the Task comes from the `task` column. A row with
    no Task gets None (TRL then leaves it to the other reward functions), and so does a verdict whose
    status is in `unscorable` (by default `sandbox_error`: the infrastructure failed, not the model).
    Each batch logs `{name}/{env}/reward` and `{name}/{env}/status/{status}` through TRL's
    `log_metric` and the status per completion through `log_extra`. `last_verdicts` keeps the batch.
    """

    def __init__(
        self,
        name: str = "prorl_gym",
        *,
        scorer: Scorer | None = None,
        workers: int | None = None,
        timeout_s: float | None = None,
        unscorable: Sequence[str] = (Status.SANDBOX_ERROR,),
    ) -> None:
        if not name.isidentifier():
            raise ValueError(
                f"reward function name must be an identifier (it is TRL's metric key), got {name!r}"
            )
        self.__name__ = name
        self.scorer = scorer
        self.workers = workers
        self.timeout_s = timeout_s
        self.unscorable = {str(Status(s)) for s in unscorable}
        self.last_verdicts: list[Verdict | None] = []

    def warmup(self) -> float:
        """Start the verifier workers now; seconds taken."""
        return warmup(self.workers, self.scorer)

    def __call__(
        self,
        prompts: Sequence[Any] | None = None,
        completions: Sequence[Any] | None = None,
        task: Sequence[Any] | None = None,
        log_metric: Callable[[str, float], None] | None = None,
        log_extra: Callable[[str, list[Any]], None] | None = None,
        **kwargs: Any,
    ) -> list[float | None]:
        completions = list(completions or [])
        if task is None:
            raise ValueError(
                "the reward function needs the dataset's 'task' column: build the dataset with "
                "trainer_adapter.trl.make_dataset, and keep GRPOConfig(remove_unused_columns=False)"
            )
        tasks = tasks_from_column(list(task))
        if len(tasks) != len(completions):
            raise ValueError(f"{len(completions)} completions but {len(tasks)} tasks")
        idx = [i for i, t in enumerate(tasks) if t is not None]
        scored = score(
            [tasks[i] for i in idx],  # type: ignore[misc]
            [completions[i] for i in idx],
            scorer=self.scorer,
            workers=self.workers,
            timeout_s=self.timeout_s,
        )
        verdicts: list[Verdict | None] = [None] * len(tasks)
        for i, verdict in zip(idx, scored, strict=True):
            verdicts[i] = verdict
        self.last_verdicts = verdicts
        self._log(tasks, verdicts, log_metric, log_extra)
        return [None if v is None or str(v.status) in self.unscorable else float(v.reward) for v in verdicts]

    def _log(
        self,
        tasks: list[Task | None],
        verdicts: list[Verdict | None],
        log_metric: Callable[[str, float], None] | None,
        log_extra: Callable[[str, list[Any]], None] | None,
    ) -> None:
        if log_extra is not None:
            log_extra(f"{self.__name__}_status", [None if v is None else str(v.status) for v in verdicts])
        if log_metric is None:
            return
        pairs = [(t.env, v) for t, v in zip(tasks, verdicts, strict=True) if t is not None and v is not None]
        stats = batch_stats([env for env, _ in pairs], [v for _, v in pairs])
        for key, value in sorted(stats.items()):
            log_metric(f"{self.__name__}/{key}", value)


def reward_function(
    name: str = "prorl_gym",
    *,
    scorer: Scorer | None = None,
    workers: int | None = None,
    timeout_s: float | None = None,
    unscorable: Sequence[str] = (Status.SANDBOX_ERROR,),
) -> RewardFunction:
    """The reward function for `GRPOTrainer(reward_funcs=[...])`; `scorer` defaults to `verify_batch`
    (pass the HTTP client's `verify_batch` to score on a reward server)."""
    return RewardFunction(name, scorer=scorer, workers=workers, timeout_s=timeout_s, unscorable=unscorable)
