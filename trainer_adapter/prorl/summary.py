"""The end of a run: pass@k of the starting and the trained policy on held-out tasks, and the verdict.

"Learning" is judged on the envs the config marks learnable: the trained policy's held-out mean
reward must be above the starting policy's there. The pass@k files come from trainer_adapter.eval.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from trainer_adapter.prorl.config import TrainConfig
from trainer_adapter.prorl.rollout import make_engine

MIN_GAIN = 0.02  # mean-reward gain (absolute) that counts as "measurably above"


def _table(rows: list[dict[str, Any]], ks: list[int]) -> Any:
    from rich.table import Table

    table = Table(title="held-out: starting policy -> trained policy")
    for col in ("env", "domain", "learnable", "reward start", "reward trained", "delta"):
        table.add_column(col, justify="right")
    for k in ks:
        table.add_column(f"pass@{k} start -> trained", justify="right")
    for row in rows:
        delta = row["trained"] - row["start"]
        colour = "green" if delta > MIN_GAIN else ("red" if delta < -MIN_GAIN else "white")
        cells = [
            row["env"],
            row["domain"],
            "yes" if row["learnable"] else "no",
            f"{row['start']:.3f}",
            f"{row['trained']:.3f}",
            f"[{colour}]{delta:+.3f}[/{colour}]",
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
            "start": s.mean_reward, "trained": g.mean_reward,
            "pass_start": s.pass_at_k, "pass_trained": g.pass_at_k,
        })  # fmt: skip
    learnable = [r for r in rows if r["learnable"]]
    gains = [r["trained"] - r["start"] for r in learnable]
    mean_gain = sum(gains) / len(gains) if gains else 0.0
    summary = {
        "name": cfg.name,
        "steps": cfg.optim.steps,
        "resets": resets,
        "envs": rows,
        "learnable_mean_gain": mean_gain,
        "learned": mean_gain > MIN_GAIN,
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
    console.print(_table(rows, ks))
    verdict = "[green]LEARNED[/green]" if summary["learned"] else "[red]NO MEASURABLE GAIN[/red]"
    console.print(
        f"{verdict}: mean held-out reward gain on learnable envs {mean_gain:+.3f} "
        f"({len(heldout)} held-out tasks x {n} samples, T={cfg.eval.temperature}); "
        f"resets at steps {[r['step'] for r in resets]}"
    )
    console.print(
        f"run directory: {run_dir}  (metrics.jsonl, events.jsonl, curves.png, passk/, summary.json)"
    )
    return summary
