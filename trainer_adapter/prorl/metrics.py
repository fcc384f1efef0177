"""What a run shows: metrics JSONL per step, a live rich display, optional TensorBoard, PNG curves.

Per env it logs reward, accuracy and the Verdict status mix, so a format failure or a reward hack
shows up as a status shift before it shows up as a score.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from trainer_adapter.prorl.groups import Group


def rollout_metrics(groups: list[Group], prefix: str = "train") -> dict[str, float]:
    """Reward, accuracy, status mix per env and overall; response length and truncation rate."""
    by_env: dict[str, list[Any]] = defaultdict(list)
    for g in groups:
        by_env[g.task.env].extend(g.samples)
    out: dict[str, float] = {}
    every = [s for samples in by_env.values() for s in samples]
    for name, samples in sorted(by_env.items()) + [("all", every)]:
        if not samples:
            continue
        key = f"{prefix}/{name}" if name != "all" else prefix
        out[f"{key}/reward"] = sum(s.reward for s in samples) / len(samples)
        out[f"{key}/accuracy"] = sum(s.verdict.correct for s in samples) / len(samples)
        if name != "all":
            for status, count in Counter(s.verdict.status.value for s in samples).items():
                out[f"{key}/status/{status}"] = count / len(samples)
    if every:
        out[f"{prefix}/response_len"] = sum(len(s.rollout.token_ids) for s in every) / len(every)
        out[f"{prefix}/truncated"] = sum(s.rollout.finish_reason != "stop" for s in every) / len(every)
    return out


class RunLogger:
    """metrics.jsonl and events.jsonl under the run directory, a live console table, TensorBoard."""

    COLUMNS = (
        ("step", "step", "{:.0f}"),
        ("reward", "train/reward", "{:.3f}"),
        ("acc", "train/accuracy", "{:.3f}"),
        ("val", "val/reward", "{:.3f}"),
        ("kl", "kl", "{:.2e}"),
        ("entropy", "entropy", "{:.2f}"),
        ("len", "train/response_len", "{:.1f}"),
        ("kept", "kept_fraction", "{:.2f}"),
        ("tok/s", "tokens_per_s", "{:.0f}"),
        ("s/step", "time/step_s", "{:.2f}"),
    )

    def __init__(
        self, run_dir: Path, total_steps: int, console: bool = True, tensorboard: bool = False
    ) -> None:
        self.run_dir = run_dir
        run_dir.mkdir(parents=True, exist_ok=True)
        self._metrics = (run_dir / "metrics.jsonl").open("a", encoding="utf-8")
        self._events = (run_dir / "events.jsonl").open("a", encoding="utf-8")
        self.total_steps = total_steps
        self._rows: list[dict[str, Any]] = []
        self._last_val: float | None = None
        self._tb = None
        if tensorboard:
            from torch.utils.tensorboard import SummaryWriter

            self._tb = SummaryWriter(str(run_dir / "tensorboard"))
        self._live = None
        if console:
            from rich.console import Console
            from rich.live import Live

            self.console = Console()
            self._live = Live(self._table(), console=self.console, refresh_per_second=4, transient=False)
            self._live.start()
        else:
            from rich.console import Console

            self.console = Console(quiet=True)

    def _table(self) -> Any:
        from rich.table import Table

        table = Table(title=f"ProRL training: {self.run_dir.name} ({self.total_steps} steps)")
        for label, _, _ in self.COLUMNS:
            table.add_column(label, justify="right")
        for row in self._rows[-12:]:
            cells = []
            for _, key, fmt in self.COLUMNS:
                value = row.get(key)
                cells.append("" if value is None else fmt.format(value))
            table.add_row(*cells)
        return table

    def log(self, row: dict[str, Any]) -> None:
        self._metrics.write(json.dumps(row, sort_keys=True) + "\n")
        self._metrics.flush()
        if self._tb is not None:
            for key, value in row.items():
                if isinstance(value, int | float) and math.isfinite(value):
                    self._tb.add_scalar(key, value, row["step"])
        if "val/reward" in row:
            self._last_val = row["val/reward"]
        shown = dict(row)
        if self._last_val is not None:
            shown.setdefault("val/reward", self._last_val)
        self._rows.append(shown)
        if self._live is not None:
            self._live.update(self._table())

    def event(self, kind: str, **data: Any) -> None:
        record = {"event": kind, **data}
        self._events.write(json.dumps(record, sort_keys=True) + "\n")
        self._events.flush()
        self.console.print(f"[bold magenta]{kind}[/bold magenta] " + json.dumps(data, sort_keys=True))

    def stop_live(self) -> None:
        """End the live table (before printing the summary under it)."""
        if self._live is not None:
            self._live.stop()
            self._live = None

    def close(self) -> None:
        self.stop_live()
        if self._tb is not None:
            self._tb.close()
        self._metrics.close()
        self._events.close()


PANELS = (
    ("train reward (per env)", "train/", "/reward"),
    ("validation reward (per env)", "val/", "/reward"),
    ("KL to reference", "kl", None),
    ("entropy", "entropy", None),
    ("response length", "train/response_len", None),
    ("truncation rate", "train/truncated", None),
    ("kept-group fraction", "kept_fraction", None),
    ("clip fraction (low / high)", "clip_", None),
    ("time per phase (s)", "time/", None),
)


def _series(rows: list[dict[str, Any]], prefix: str, suffix: str | None) -> dict[str, tuple[list, list]]:
    out: dict[str, tuple[list, list]] = {}
    for row in rows:
        for key, value in row.items():
            if not isinstance(value, int | float) or key == "step":
                continue
            if suffix is None and not (
                key == prefix or (prefix.endswith(("_", "/")) and key.startswith(prefix))
            ):
                continue
            if suffix is not None and not (key.startswith(prefix) and key.endswith(suffix)):
                continue
            xs, ys = out.setdefault(key, ([], []))
            xs.append(row["step"])
            ys.append(value)
    return out


def plot_run(run_dir: Path, resets: list[int] | None = None) -> Path:
    """curves.png from metrics.jsonl: one panel per quantity, dashed lines at reference resets."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines() if line.strip()]
    fig, axes = plt.subplots(3, 3, figsize=(15, 11))
    for ax, (title, prefix, suffix) in zip(axes.flat, PANELS, strict=True):
        for key, (xs, ys) in sorted(_series(rows, prefix, suffix).items()):
            label = key.removeprefix(prefix).removesuffix(suffix or "") or key
            ax.plot(xs, ys, label=label, marker="." if len(xs) < 30 else None)
        for step in resets or []:
            ax.axvline(step, color="grey", linestyle="--", linewidth=0.8)
        ax.set_title(title)
        ax.set_xlabel("step")
        if ax.lines:
            ax.legend(fontsize=7)
    fig.tight_layout()
    path = run_dir / "curves.png"
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return path
