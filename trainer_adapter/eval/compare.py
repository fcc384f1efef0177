"""Base against trained: per-env and per-domain deltas, and which of the paper's regimes each falls in.

ProRL (section 4, Fig. 4) sorts tasks by how RL moved pass@1 and the reasoning boundary (pass@k at a
large k; the paper's pass@128 from 256 samples). With d1 = trained - base at k=1 and dK = trained - base
at the boundary k, and a threshold `eps` (differences within it count as flat):

- sustained: d1 > eps and dK > eps; with an intermediate checkpoint, also trained - intermediate at K > eps
- plateau:   d1 > eps and dK > eps, but the trained model no longer beats the intermediate one at K
             (all the gain came early; needs `intermediate`, else such envs read as sustained)
- diminish:  d1 > eps while dK <= eps (the distribution sharpened; the boundary stayed or shrank)
- broaden:   |d1| <= eps while dK > eps (more problems within reach, no better first try)
- unchanged: |d1| <= eps and |dK| <= eps
- regress:   d1 < -eps, or |d1| <= eps while dK < -eps

`beyond_base` marks envs where the base solves nothing even at K while the trained model does (the
paper's dice and boxnet).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer_adapter.eval.passk import EvalInputError, pass_at_k
from trainer_adapter.eval.result import EvalResult, GroupScore, TaskScore

DEFAULT_EPS = 0.02
REGIMES = ("sustained", "plateau", "diminish", "broaden", "unchanged", "regress")


def classify(d1: float, dk: float, eps: float = DEFAULT_EPS, dk_late: float | None = None) -> str:
    """The regime for pass@1 delta `d1` and boundary delta `dk`; `dk_late` is trained - intermediate at K."""
    if d1 > eps:
        if dk <= eps:
            return "diminish"
        return "plateau" if dk_late is not None and dk_late <= eps else "sustained"
    if d1 < -eps:
        return "regress"
    if dk > eps:
        return "broaden"
    return "regress" if dk < -eps else "unchanged"


def boundary_k(ks: Sequence[int], min_n: int) -> int:
    """The largest k <= n/2 (pass@128 from 256 samples, as in the paper), else the largest k."""
    within = [k for k in ks if k <= max(1, min_n // 2)]
    return max(within) if within else max(ks)


@dataclass
class Delta:
    """One env's (or domain's) curves side by side, the deltas and the regime."""

    name: str
    domain: str
    tasks: int
    min_n: int
    base: dict[int, float]
    trained: dict[int, float]
    delta: dict[int, float]
    base_reward: float
    trained_reward: float
    continuous: bool
    regime: str
    beyond_base: bool
    same_tasks: bool
    envs: list[str]
    intermediate: dict[int, float] | None = None
    se: dict[int, float | None] = field(default_factory=dict)  # standard error of delta[k] over tasks

    @property
    def reward_delta(self) -> float:
        return self.trained_reward - self.base_reward


@dataclass
class Comparison:
    """What `compare` found and wrote: rows per env and per domain, the figure layout, the file paths."""

    labels: dict[str, str]
    ks: list[int]
    boundary_k: int
    eps: float
    envs: dict[str, Delta]
    domains: dict[str, Delta]
    only_in_base: list[str] = field(default_factory=list)
    only_in_trained: list[str] = field(default_factory=list)
    settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    figure: dict[str, Any] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)

    def boundary_gain_correlation(self) -> float | None:
        """Pearson r between base pass@K and its gain over envs (the paper finds it clearly negative)."""
        rows = list(self.envs.values())
        if len(rows) < 3:
            return None
        xs = [r.base[self.boundary_k] for r in rows]
        ys = [r.delta[self.boundary_k] for r in rows]
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        sx = math.sqrt(sum((x - mx) ** 2 for x in xs))
        sy = math.sqrt(sum((y - my) ** 2 for y in ys))
        if sx == 0 or sy == 0:
            return None
        return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sx * sy)

    def regime_counts(self) -> dict[str, int]:
        return {r: n for r in REGIMES if (n := sum(d.regime == r for d in self.envs.values()))}


def _delta(
    base: GroupScore,
    trained: GroupScore,
    ks: list[int],
    k_big: int,
    eps: float,
    same_tasks: bool,
    mid: GroupScore | None,
) -> Delta:
    b = {k: base.pass_at_k[k] for k in ks}
    t = {k: trained.pass_at_k[k] for k in ks}
    m = {k: mid.pass_at_k[k] for k in ks} if mid is not None else None
    delta = {k: t[k] - b[k] for k in ks}
    late = t[k_big] - m[k_big] if m is not None else None
    return Delta(
        name=trained.name,
        domain=trained.domain,
        tasks=trained.tasks,
        min_n=min(base.min_n, trained.min_n),
        base=b,
        trained=t,
        delta=delta,
        base_reward=base.mean_reward,
        trained_reward=trained.mean_reward,
        continuous=base.continuous or trained.continuous,
        regime=classify(delta[ks[0]], delta[k_big], eps, late),
        beyond_base=b[k_big] == 0.0 and t[k_big] > 0.0,
        same_tasks=same_tasks,
        envs=trained.envs,
        intermediate=m,
    )


def delta_se(base: Sequence[TaskScore], trained: Sequence[TaskScore], k: int) -> float | None:
    """Standard error over tasks of the pass@k delta: paired per task when both sides hold the same
    tasks (usually tighter), else unpaired; None with fewer than two tasks."""
    b = {s.task_id: pass_at_k(s.n, s.correct, k) for s in base}
    t = {s.task_id: pass_at_k(s.n, s.correct, k) for s in trained}
    if len(b) < 2 or len(t) < 2:
        return None
    if b.keys() == t.keys():
        return statistics.stdev([t[i] - b[i] for i in b]) / math.sqrt(len(b))
    return math.sqrt(statistics.variance(t.values()) / len(t) + statistics.variance(b.values()) / len(b))


def _domain_se(rows: Sequence[Delta], k: int) -> float | None:
    """A domain's delta is the mean of its envs' deltas; their errors add in quadrature."""
    errors = [r.se.get(k) for r in rows]
    if any(e is None for e in errors):
        return None
    return math.sqrt(sum(e * e for e in errors if e is not None)) / len(errors)


def _task_ids(result: EvalResult) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for s in result.tasks:
        ids.setdefault(s.env, set()).add(s.task_id)
    return ids


def build_comparison(
    base: EvalResult,
    trained: EvalResult,
    eps: float = DEFAULT_EPS,
    intermediate: EvalResult | None = None,
    k: int | None = None,
) -> Comparison:
    """Rows for every env both results cover, on the ks both report; `k` overrides the boundary k."""
    results = [base, trained] + ([intermediate] if intermediate is not None else [])
    ks = sorted(set.intersection(*(set(r.ks) for r in results)))
    if not ks:
        raise EvalInputError(
            f"base reports k={base.ks} and trained k={trained.ks}: no k in common; evaluate both with the same ks"
        )
    if k is not None and k not in ks:
        raise EvalInputError(f"boundary k={k} is not among the ks both results report: {ks}")
    min_n = min(r.min_n for r in results)
    k_big = k if k is not None else boundary_k(ks, min_n)
    groups = [r.envs() for r in results]
    common = [name for name in groups[1] if all(name in g for g in groups)]
    if not common:
        raise EvalInputError(
            f"base covers envs {sorted(groups[0])} and trained {sorted(groups[1])}: none in common"
        )
    base_ids, trained_ids = _task_ids(base), _task_ids(trained)
    mid = groups[2] if intermediate is not None else None
    envs = {
        name: _delta(
            groups[0][name],
            groups[1][name],
            ks,
            k_big,
            eps,
            base_ids[name] == trained_ids[name],
            mid[name] if mid is not None else None,
        )
        for name in common
    }
    for name, row in envs.items():
        b_tasks = [s for s in base.tasks if s.env == name]
        t_tasks = [s for s in trained.tasks if s.env == name]
        row.se = {x: delta_se(b_tasks, t_tasks, x) for x in ks}
    domains = {}
    for name in sorted({envs[e].domain for e in common}):
        # domain rows restricted to the common envs, so both sides average over the same benchmarks
        picked = [_restrict(r, set(common)).domains()[name] for r in results]
        members = [envs[e] for e in common if envs[e].domain == name]
        domains[name] = _delta(
            picked[0],
            picked[1],
            ks,
            k_big,
            eps,
            all(m.same_tasks for m in members),
            picked[2] if len(picked) > 2 else None,
        )
        domains[name].se = {x: _domain_se(members, x) for x in ks}
    return Comparison(
        labels={"base": base.label, "trained": trained.label}
        | ({"intermediate": intermediate.label} if intermediate is not None else {}),
        ks=ks,
        boundary_k=k_big,
        eps=eps,
        envs=envs,
        domains=domains,
        only_in_base=sorted(set(groups[0]) - set(groups[1])),
        only_in_trained=sorted(set(groups[1]) - set(groups[0])),
        settings={"base": base.settings, "trained": trained.settings},
    )


def _restrict(result: EvalResult, envs: set[str]) -> EvalResult:
    return EvalResult(result.label, result.ks, [s for s in result.tasks if s.env in envs], result.settings)


__all__ = ["DEFAULT_EPS", "REGIMES", "Comparison", "Delta", "boundary_k", "build_comparison", "classify"]
