"""What an evaluation produced: per-task sample counts, and the per-env / per-domain pass@k built from them.

Only (n, c) per task is kept, so any pass@k with k <= n can be recomputed from a saved result; the
summaries in the JSON are there for readers and are rebuilt on load.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from trainer_adapter.eval.passk import EvalInputError, check_ks, default_ks, mean_pass_at_k
from verifiers import Task, Verdict

FORMAT = "prorl-gym.eval/1"
# Verifier kinds whose reward is a fraction (tests passed, instructions followed, the RG scorer's
# partial credit): the paper scores logic and instruction following by mean reward, not pass@1.
CONTINUOUS_KINDS = frozenset({"logic", "code", "ifeval"})


@dataclass
class TaskScore:
    """One task's n samples: how many were `correct` (what pass@k counts) and their rewards."""

    task_id: str
    env: str
    domain: str
    verifier: str
    n: int
    correct: int
    reward_sum: float
    partial: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_verdicts(cls, task: Task, verdicts: Sequence[Verdict]) -> TaskScore:
        return cls(
            task_id=task.id,
            env=task.env,
            domain=task.domain,
            verifier=task.verifier,
            n=len(verdicts),
            correct=sum(v.correct for v in verdicts),
            reward_sum=math.fsum(v.reward for v in verdicts),
            partial=sum(0.0 < v.reward < 1.0 for v in verdicts),
            statuses=dict(Counter(v.status.value for v in verdicts)),
        )


@dataclass
class GroupScore:
    """pass@k and mean reward over one env's tasks (or, macro-averaged over envs, one domain's)."""

    name: str
    domain: str
    tasks: int
    samples: int
    min_n: int
    pass_at_k: dict[int, float]
    mean_reward: float
    continuous: bool
    envs: list[str]
    statuses: dict[str, int]


def _env_group(name: str, scores: list[TaskScore], ks: Sequence[int]) -> GroupScore:
    counts = [(s.n, s.correct) for s in scores]
    statuses: Counter[str] = Counter()
    for s in scores:
        statuses.update(s.statuses)
    return GroupScore(
        name=name,
        domain=scores[0].domain,
        tasks=len(scores),
        samples=sum(s.n for s in scores),
        min_n=min(s.n for s in scores),
        pass_at_k={k: mean_pass_at_k(counts, k) for k in ks},
        mean_reward=math.fsum(s.reward_sum / s.n for s in scores) / len(scores),
        continuous=any(s.verifier in CONTINUOUS_KINDS or s.partial for s in scores),
        envs=[name],
        statuses=dict(statuses.most_common()),
    )


def _domain_group(name: str, groups: list[GroupScore], ks: Sequence[int]) -> GroupScore:
    """Each env weighs the same, as the paper's per-domain averages weigh each benchmark the same."""
    statuses: Counter[str] = Counter()
    for g in groups:
        statuses.update(g.statuses)
    return GroupScore(
        name=name,
        domain=name,
        tasks=sum(g.tasks for g in groups),
        samples=sum(g.samples for g in groups),
        min_n=min(g.min_n for g in groups),
        pass_at_k={k: math.fsum(g.pass_at_k[k] for g in groups) / len(groups) for k in ks},
        mean_reward=math.fsum(g.mean_reward for g in groups) / len(groups),
        continuous=any(g.continuous for g in groups),
        envs=[g.name for g in groups],
        statuses=dict(statuses.most_common()),
    )


@dataclass
class EvalResult:
    """One model's (or one completions file's) scores on a task set, with the ks it reports."""

    label: str
    ks: list[int]
    tasks: list[TaskScore]
    settings: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.tasks:
            raise EvalInputError(f"evaluation {self.label!r} has no tasks; give at least one task")
        self.ks = check_ks(self.ks, self.min_n)

    @classmethod
    def from_verdicts(
        cls,
        label: str,
        tasks: Sequence[Task],
        verdicts: Sequence[Sequence[Verdict]],
        ks: Sequence[int] | None = None,
        settings: Mapping[str, Any] | None = None,
    ) -> EvalResult:
        """verdicts[i] holds the verdicts on task i's samples; ks default to 1, 2, 4, ... min n."""
        scores = [TaskScore.from_verdicts(t, v) for t, v in zip(tasks, verdicts, strict=True)]
        empty = [s.task_id for s in scores if s.n == 0]
        if empty:
            raise EvalInputError(
                f"{len(empty)} task(s) have no samples (first: {empty[0]}); every task needs n >= 1"
            )
        min_n = min((s.n for s in scores), default=1)
        return cls(label, list(ks) if ks else default_ks(min_n), scores, dict(settings or {}))

    @property
    def min_n(self) -> int:
        return min(s.n for s in self.tasks)

    def envs(self) -> dict[str, GroupScore]:
        """Per env, sorted by domain then name."""
        by_env: dict[str, list[TaskScore]] = {}
        for s in self.tasks:
            by_env.setdefault(s.env, []).append(s)
        groups = [_env_group(name, scores, self.ks) for name, scores in by_env.items()]
        return {g.name: g for g in sorted(groups, key=lambda g: (g.domain, g.name))}

    def domains(self) -> dict[str, GroupScore]:
        by_domain: dict[str, list[GroupScore]] = {}
        for g in self.envs().values():
            by_domain.setdefault(g.domain, []).append(g)
        return {name: _domain_group(name, groups, self.ks) for name, groups in sorted(by_domain.items())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "label": self.label,
            "ks": self.ks,
            "settings": self.settings,
            "envs": {name: asdict(g) for name, g in self.envs().items()},
            "domains": {name: asdict(g) for name, g in self.domains().items()},
            "tasks": [asdict(s) for s in self.tasks],
        }

    def to_json(self, path: str | Path | None = None) -> str:
        """The result as JSON text; also written to `path` when given."""
        text = json.dumps(self.to_dict(), indent=1)
        if path is not None:
            Path(path).write_text(text + "\n", encoding="utf-8")
        return text

    @classmethod
    def from_json(cls, source: str | bytes | Path | Mapping[str, Any]) -> EvalResult:
        """From `to_json()` text, its parsed dict, or a path to a file holding it."""
        if isinstance(source, str) and not source.lstrip().startswith("{") and Path(source).is_file():
            source = Path(source)
        if isinstance(source, Path):
            source = source.read_text(encoding="utf-8")
        data = json.loads(source) if isinstance(source, str | bytes) else dict(source)
        if data.get("format") != FORMAT:
            raise EvalInputError(
                f"not a prorl-gym eval result (format {data.get('format')!r}, expected {FORMAT!r})"
            )
        return cls(
            label=data["label"],
            ks=[int(k) for k in data["ks"]],
            tasks=[TaskScore(**row) for row in data["tasks"]],
            settings=dict(data.get("settings") or {}),
        )


__all__ = ["CONTINUOUS_KINDS", "EvalResult", "GroupScore", "TaskScore"]
