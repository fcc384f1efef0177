"""Summaries of many verdicts: what a researcher reads to spot a broken reward before a long run."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.table import Table

from verifiers import Verdict


@dataclass
class GroupStats:
    n: int = 0
    reward_sum: float = 0.0
    correct: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    elapsed: list[float] = field(default_factory=list)

    @property
    def mean_reward(self) -> float:
        return self.reward_sum / self.n if self.n else 0.0


def summarize(verdicts: Sequence[Verdict], groups: Sequence[str]) -> dict[str, GroupStats]:
    """Per-group counts, mean reward and status distribution, plus an `all` row."""
    stats: dict[str, GroupStats] = defaultdict(GroupStats)
    for verdict, group in zip(verdicts, groups, strict=True):
        for key in (group, "all"):
            s = stats[key]
            s.n += 1
            s.reward_sum += verdict.reward
            s.correct += int(verdict.correct)
            s.statuses[verdict.status.value] += 1
            s.elapsed.append(verdict.elapsed_s)
    return dict(sorted(stats.items(), key=lambda kv: (kv[0] == "all", kv[0])))


def verdict_table(stats: dict[str, GroupStats], title: str = "verdicts") -> Table:
    table = Table(title=title)
    table.add_column("group")
    table.add_column("n", justify="right")
    table.add_column("mean reward", justify="right")
    table.add_column("correct", justify="right")
    table.add_column("p50 ms", justify="right")
    table.add_column("statuses")
    for name, s in stats.items():
        times = sorted(s.elapsed)
        p50 = times[len(times) // 2] * 1000 if times else 0.0
        statuses = ", ".join(f"{k} {v}" for k, v in s.statuses.most_common())
        table.add_row(
            name, str(s.n), f"{s.mean_reward:.3f}", f"{s.correct / max(s.n, 1):.1%}", f"{p50:.1f}", statuses
        )
    return table


__all__ = ["GroupStats", "summarize", "verdict_table"]
