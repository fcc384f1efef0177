"""Summaries of many verdicts: what a researcher reads to spot a broken reward before a long run."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

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

    def add(self, verdict: Verdict) -> None:
        self.n += 1
        self.reward_sum += verdict.reward
        self.correct += int(verdict.correct)
        self.statuses[verdict.status.value] += 1
        self.elapsed.append(verdict.elapsed_s)

    def latency_ms(self, q: float) -> float:
        """The q-quantile (0..1, nearest rank) of the verification time, in milliseconds."""
        if not self.elapsed:
            return 0.0
        times = sorted(self.elapsed)
        return times[min(len(times) - 1, int(q * len(times)))] * 1000

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "mean_reward": round(self.mean_reward, 6),
            "correct": self.correct,
            "statuses": dict(self.statuses.most_common()),
            "p50_ms": round(self.latency_ms(0.5), 3),
            "p99_ms": round(self.latency_ms(0.99), 3),
        }


class Summary:
    """Streaming per-group stats: each verdict counts in every group it is given, and in `all`."""

    def __init__(self) -> None:
        self.stats: dict[str, GroupStats] = defaultdict(GroupStats)

    def add(self, verdict: Verdict, groups: Iterable[str]) -> None:
        for key in (*groups, "all"):
            self.stats[key].add(verdict)

    def ordered(self) -> dict[str, GroupStats]:
        return dict(sorted(self.stats.items(), key=lambda kv: (kv[0] == "all", kv[0])))

    def as_dict(self) -> dict[str, dict[str, Any]]:
        return {name: s.as_dict() for name, s in self.ordered().items()}


def summarize(verdicts: Sequence[Verdict], groups: Sequence[str]) -> dict[str, GroupStats]:
    """Per-group counts, mean reward and status distribution, plus an `all` row."""
    summary = Summary()
    for verdict, group in zip(verdicts, groups, strict=True):
        summary.add(verdict, (group,))
    return summary.ordered()


def verdict_table(stats: dict[str, GroupStats], title: str = "verdicts") -> Table:
    table = Table(title=title)
    table.add_column("group")
    for column in ("n", "mean reward", "correct", "p50 ms", "p99 ms"):
        table.add_column(column, justify="right")
    table.add_column("statuses")
    for name, s in stats.items():
        statuses = ", ".join(f"{k} {v}" for k, v in s.statuses.most_common())
        table.add_row(
            name,
            str(s.n),
            f"{s.mean_reward:.3f}",
            f"{s.correct / max(s.n, 1):.1%}",
            f"{s.latency_ms(0.5):.1f}",
            f"{s.latency_ms(0.99):.1f}",
            statuses,
        )
    return table


__all__ = ["GroupStats", "Summary", "summarize", "verdict_table"]
