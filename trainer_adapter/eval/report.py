"""Writing what an evaluation found: passk.json, passk.md and passk.png, and console tables.

`compare(base, trained, out_dir)` is the paper's picture (base against trained, regimes labelled);
`write_report(result, out_dir)` is the same files for one model alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from trainer_adapter.eval.compare import DEFAULT_EPS, Comparison, Delta, build_comparison
from trainer_adapter.eval.compare import __doc__ as REGIME_DOC
from trainer_adapter.eval.plot import plot_passk
from trainer_adapter.eval.result import EvalResult, GroupScore

COMPARISON_FORMAT = "prorl-gym.passk-comparison/1"
FILES = ("passk.png", "passk.json", "passk.md")


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _signed(x: float, se: float | None = None) -> str:
    return f"{100 * x:+.1f}" + (f" ±{100 * se:.1f}" if se is not None else "")


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _delta_rows(rows: Sequence[Delta], k1: int, k: int, domains: bool = False) -> list[list[str]]:
    out = []
    for d in rows:
        regime = d.regime + (" (beyond base)" if d.beyond_base else "")
        out.append(
            [
                d.name,
                ", ".join(d.envs) if domains else d.domain,
                str(d.tasks),
                str(d.min_n),
                _pct(d.base[k1]),
                _pct(d.trained[k1]),
                _signed(d.delta[k1], d.se.get(k1)),
                _pct(d.base[k]),
                _pct(d.trained[k]),
                _signed(d.delta[k], d.se.get(k)),
                f"{d.base_reward:.3f} → {d.trained_reward:.3f}" + (" (continuous)" if d.continuous else ""),
                regime + ("" if d.same_tasks else " ⚠ different tasks"),
            ]
        )
    return out


def comparison_markdown(c: Comparison) -> str:
    k, k1 = c.boundary_k, c.ks[0]
    header = ["env", "domain", "tasks", "n", f"base pass@{k1}", f"trained pass@{k1}", "Δ"]
    header += [f"base pass@{k}", f"trained pass@{k}", "Δ", "mean reward base → trained", "regime"]
    lines = [
        f"# pass@k: {c.labels['trained']} against {c.labels['base']}",
        "",
        f"pass@k in percent (unbiased estimator over n samples per task). Boundary k = {k}; "
        f"regime threshold eps = {100 * c.eps:.1f} points. Δ ± one standard error over tasks (paired "
        "when both sides answered the same tasks). Domains average their envs equally.",
        "",
        "## Per env",
        "",
        *_md_table(header, _delta_rows(list(c.envs.values()), k1, k)),
        "",
        "## Per domain",
        "",
        *_md_table(
            ["domain", "envs", *header[2:]], _delta_rows(list(c.domains.values()), k1, k, domains=True)
        ),
        "",
        "## pass@k at every k",
        "",
    ]
    curve_rows = []
    for d in c.envs.values():
        curve_rows.append([d.name, c.labels["base"], *(_pct(d.base[x]) for x in c.ks)])
        if d.intermediate is not None:
            curve_rows.append([d.name, c.labels["intermediate"], *(_pct(d.intermediate[x]) for x in c.ks)])
        curve_rows.append([d.name, c.labels["trained"], *(_pct(d.trained[x]) for x in c.ks)])
        curve_rows.append([d.name, "Δ", *(_signed(d.delta[x]) for x in c.ks)])
    lines += _md_table(["env", "model", *(f"k={x}" for x in c.ks)], curve_rows)
    counts = ", ".join(f"{r} {n}" for r, n in c.regime_counts().items())
    r = c.boundary_gain_correlation()
    lines += ["", f"Regimes: {counts}."]
    if r is not None:
        lines.append(f"Correlation of base pass@{k} with its gain over envs: r = {r:+.2f} (ProRL: negative).")
    if c.only_in_base or c.only_in_trained:
        lines.append(
            f"Not compared (in one result only): base {c.only_in_base}, trained {c.only_in_trained}."
        )
    lines += ["", "## How the regimes are defined", "", (REGIME_DOC or "").split("\n\n", 1)[1].strip(), ""]
    return "\n".join(lines)


def comparison_dict(c: Comparison, base: EvalResult, trained: EvalResult) -> dict[str, Any]:
    return {
        "format": COMPARISON_FORMAT,
        "labels": c.labels,
        "ks": c.ks,
        "boundary_k": c.boundary_k,
        "eps": c.eps,
        "figure": c.figure,
        "regime_counts": c.regime_counts(),
        "boundary_gain_correlation": c.boundary_gain_correlation(),
        "envs": {name: asdict(d) | {"reward_delta": d.reward_delta} for name, d in c.envs.items()},
        "domains": {name: asdict(d) | {"reward_delta": d.reward_delta} for name, d in c.domains.items()},
        "only_in_base": c.only_in_base,
        "only_in_trained": c.only_in_trained,
        "results": {"base": base.to_dict(), "trained": trained.to_dict()},
    }


def compare(
    base: EvalResult,
    trained: EvalResult,
    out_dir: Path,
    *,
    eps: float = DEFAULT_EPS,
    intermediate: EvalResult | None = None,
    k: int | None = None,
) -> Comparison:
    """Write passk.png, passk.json and passk.md into `out_dir`; regimes as in `compare.py`'s docstring."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    c = build_comparison(base, trained, eps=eps, intermediate=intermediate, k=k)
    curves: dict[str, dict[str, dict[int, float]]] = {
        "base": {n: d.base for n, d in c.envs.items()},
        "trained": {n: d.trained for n, d in c.envs.items()},
    }
    if intermediate is not None:
        curves["intermediate"] = {n: d.intermediate or {} for n, d in c.envs.items()}
    titles = {n: f"{n}: {d.regime}" + (" (beyond base)" if d.beyond_base else "") for n, d in c.envs.items()}
    c.paths = {name: out_dir / name for name in FILES}
    c.figure = plot_passk(curves, c.labels, c.paths["passk.png"], titles)
    data = comparison_dict(c, base, trained)
    if intermediate is not None:
        data["results"]["intermediate"] = intermediate.to_dict()
    c.paths["passk.json"].write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    c.paths["passk.md"].write_text(comparison_markdown(c), encoding="utf-8")
    return c


def _group_rows(groups: Sequence[GroupScore], ks: Sequence[int], domains: bool = False) -> list[list[str]]:
    return [
        [
            g.name,
            ", ".join(g.envs) if domains else g.domain,
            str(g.tasks),
            str(g.min_n),
            *(_pct(g.pass_at_k[k]) for k in ks),
        ]
        + [f"{g.mean_reward:.3f}" + (" (continuous)" if g.continuous else "")]
        for g in groups
    ]


def result_markdown(result: EvalResult) -> str:
    header = ["env", "domain", "tasks", "n", *(f"pass@{k}" for k in result.ks), "mean reward"]
    return "\n".join(
        [
            f"# pass@k: {result.label}",
            "",
            "pass@k in percent (unbiased estimator over n samples per task); domains average their envs.",
            "",
            "## Per env",
            "",
            *_md_table(header, _group_rows(list(result.envs().values()), result.ks)),
            "",
            "## Per domain",
            "",
            *_md_table(
                ["domain", "envs", *header[2:]], _group_rows(list(result.domains().values()), result.ks, True)
            ),
            "",
        ]
    )


def write_report(result: EvalResult, out_dir: Path) -> dict[str, Path]:
    """passk.png / .json / .md for one model alone (no base to compare against)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / name for name in FILES}
    curves = {"trained": {n: g.pass_at_k for n, g in result.envs().items()}}
    figure = plot_passk(curves, {"trained": result.label}, paths["passk.png"])
    data = {"format": COMPARISON_FORMAT, "labels": {"trained": result.label}, "ks": result.ks}
    data |= {"figure": figure, "results": {"trained": result.to_dict()}}
    paths["passk.json"].write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    paths["passk.md"].write_text(result_markdown(result), encoding="utf-8")
    return paths


__all__ = ["FILES", "compare", "comparison_markdown", "result_markdown", "write_report"]
