"""The end of a run: pass@k of the starting and the trained policy on held-out tasks, and the verdict.

"Learning" is judged on the envs the config marks learnable, by a paired test: per held-out task,
the trained policy's mean reward minus the starting policy's (same tasks, same sample count), pooled
over the learnable envs; the run "learned" when the mean delta exceeds `eval.min_z` standard errors
of that mean. The pass@k files come from trainer_adapter.eval.
"""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path
from typing import Any

from trainer_adapter.prorl.config import TrainConfig
from trainer_adapter.prorl.rollout import make_engine


def paired_gain(start: Any, trained: Any, envs: set[str]) -> dict[str, float]:
    """Mean and standard error over tasks of the per-task mean-reward delta on `envs` (tasks both
    results hold); se is inf with fewer than two tasks, so nothing counts as significant then."""
    before = {s.task_id: s.reward_sum / s.n for s in start.tasks if s.env in envs}
    deltas = [t.reward_sum / t.n - before[t.task_id] for t in trained.tasks if t.task_id in before]
    if not deltas:
        return {"tasks": 0.0, "mean": 0.0, "se": math.inf}
    se = statistics.stdev(deltas) / math.sqrt(len(deltas)) if len(deltas) > 1 else math.inf
    return {"tasks": float(len(deltas)), "mean": statistics.fmean(deltas), "se": se}


def _table(rows: list[dict[str, Any]], ks: list[int], z: float) -> Any:
    from rich.table import Table

    table = Table(title="held-out: starting policy -> trained policy")
    for col in ("env", "domain", "learnable", "tasks", "reward start", "reward trained", "delta ± se"):
        table.add_column(col, justify="right")
    for k in ks:
        table.add_column(f"pass@{k} start -> trained", justify="right")
    for row in rows:
        delta, se = row["trained"] - row["start"], row["se"]
        colour = "green" if delta > z * se else ("red" if delta < -z * se else "white")
        cells = [
            row["env"],
            row["domain"],
            "yes" if row["learnable"] else "no",
            str(row["tasks"]),
            f"{row['start']:.3f}",
            f"{row['trained']:.3f}",
            f"[{colour}]{delta:+.3f}±{se:.3f}[/{colour}]",
        ]
        cells += [f"{row['pass_start'][k]:.2f} -> {row['pass_trained'][k]:.2f}" for k in ks]
        table.add_row(*cells)
    return table


def final_comparison(
    cfg: TrainConfig, engine: Any, heldout: list, start_dir: Path, tokenizer: Any, device: str,
    logger: Any, resets: list[dict[str, Any]], plot: Path | None,
) -> dict[str, Any]:  # fmt: skip
    """Evaluate both policies, write passk.{png,json,md} and summary.json, print the table."""
    from transformers import AutoModelForCausalLM

    from trainer_adapter.eval import compare
    from trainer_adapter.prorl.train import validate

    run_dir = cfg.run_dir
    n, seed = cfg.eval.final_n, cfg.seed + 10**6
    trained = validate(engine, heldout, cfg, n, "trained", seed)
    start_model = AutoModelForCausalLM.from_pretrained(start_dir)
    start_model.to(device)  # type: ignore[arg-type]
    start_engine = make_engine("hf", start_model, tokenizer, device=device, batch_size=cfg.rollout.batch_size)
    start = validate(start_engine, heldout, cfg, n, "start", seed)
    comparison = compare(start, trained, run_dir / "passk")
    ks = trained.ks
    rows = []
    for name, g in trained.envs().items():
        s = start.envs()[name]
        entry = cfg.data.mix.get(name)
        rows.append({
            "env": name, "domain": g.domain, "learnable": bool(entry.learnable) if entry else True,
            "tasks": g.tasks, "start": s.mean_reward, "trained": g.mean_reward,
            "se": paired_gain(start, trained, {name})["se"],
            "pass_start": s.pass_at_k, "pass_trained": g.pass_at_k,
        })  # fmt: skip
    gain = paired_gain(start, trained, {r["env"] for r in rows if r["learnable"]})
    summary = {
        "name": cfg.name,
        "steps": cfg.optim.steps,
        "resets": resets,
        "envs": rows,
        "learnable_gain": gain,
        "learned": gain["tasks"] > 1 and gain["mean"] > cfg.eval.min_z * gain["se"],
        "files": {
            "metrics": str(run_dir / "metrics.jsonl"),
            "curves": str(plot) if plot else None,
            "passk": {k: str(v) for k, v in (comparison.paths or {}).items()},
        },
        "settings": trained.settings,
    }
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1, default=str) + "\n")
    logger.stop_live()
    console = logger.console
    console.print(_table(rows, ks, cfg.eval.min_z))
    verdict = "[green]LEARNED[/green]" if summary["learned"] else "[red]NO MEASURABLE GAIN[/red]"
    console.print(
        f"{verdict}: paired held-out reward gain on the learnable envs {gain['mean']:+.3f} +- "
        f"{gain['se']:.3f} (std error over {int(gain['tasks'])} tasks x {n} samples, T={cfg.eval.temperature};"
        f" learned means gain > {cfg.eval.min_z:g} se); "
        f"resets at steps {[r['step'] for r in resets]}"
    )
    console.print(
        f"run directory: {run_dir}  (metrics.jsonl, events.jsonl, curves.png, passk/, summary.json)"
    )
    return summary
