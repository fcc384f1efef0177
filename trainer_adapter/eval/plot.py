"""The reasoning-boundary figure: pass@k against k (log2 axis), one panel per env, a curve per model.

The canvas is a fixed grid of fixed-size panels (no tight bbox), so the PNG's pixel size follows from
the layout recorded beside it: width = cols * panel_px[0], height = rows * panel_px[1].
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

PANEL_INCHES = (4.0, 3.2)
DPI = 100
MAX_COLS = 4
# Each panel's axes sit inside their own cell (left, right, bottom, top margins as cell fractions).
CELL_MARGINS = (0.15, 0.04, 0.17, 0.11)
# One fixed color per curve role, so a reader (or a test) can find each curve in the PNG.
COLORS = {"base": "#1f77b4", "intermediate": "#2ca02c", "trained": "#d62728"}
# Later curves draw thinner on top of wider earlier ones, so equal curves still show both.
WIDTHS = {"base": 4.5, "intermediate": 3.2, "trained": 2.0}


def layout(panels: list[str]) -> dict[str, Any]:
    """Grid and pixel size for `panels`, filled row by row."""
    if not panels:
        raise ValueError("nothing to plot: no env has results")
    cols = min(MAX_COLS, len(panels))
    rows = math.ceil(len(panels) / cols)
    return {
        "rows": rows,
        "cols": cols,
        "panels": list(panels),
        "panel_px": [int(PANEL_INCHES[0] * DPI), int(PANEL_INCHES[1] * DPI)],
        "size_px": [int(cols * PANEL_INCHES[0] * DPI), int(rows * PANEL_INCHES[1] * DPI)],
        "colors": {k: v for k, v in COLORS.items()},
    }


def _cell_box(index: int, rows: int, cols: int) -> tuple[float, float, float, float]:
    """The axes rectangle (figure fractions) inside grid cell `index`, with room for its labels."""
    row, col = divmod(index, cols)
    left, right, bottom, top = CELL_MARGINS
    width, height = 1 / cols, 1 / rows
    x0, y0 = col * width, 1 - (row + 1) * height
    return (x0 + left * width, y0 + bottom * height, (1 - left - right) * width, (1 - bottom - top) * height)


def plot_passk(
    curves: Mapping[str, Mapping[str, Mapping[int, float]]],
    labels: Mapping[str, str],
    path: Path,
    titles: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Write the PNG; `curves[role][env][k]` with role in COLORS; returns the layout written."""
    from matplotlib.figure import Figure  # no pyplot: no global figure state, no GUI backend

    roles = [r for r in COLORS if r in curves]
    unknown = set(curves) - set(COLORS)
    if unknown:
        raise ValueError(f"unknown curve roles {sorted(unknown)}; use {sorted(COLORS)}")
    envs = list(curves[roles[-1]])
    grid = layout(envs)
    rows, cols = grid["rows"], grid["cols"]
    fig = Figure(figsize=(cols * PANEL_INCHES[0], rows * PANEL_INCHES[1]), dpi=DPI)
    for index, env in enumerate(envs):
        ax = fig.add_axes(_cell_box(index, rows, cols))
        ks: list[int] = []
        for role in roles:
            points = sorted(curves[role][env].items())
            ks = [k for k, _ in points]
            ax.plot(
                ks,
                [v for _, v in points],
                marker="o",
                markersize=WIDTHS[role] + 1.5,
                linewidth=WIDTHS[role],
                color=COLORS[role],
                label=labels.get(role, role),
            )
        ax.set_xscale("log", base=2)
        ax.set_xticks(ks, [str(k) for k in ks], fontsize=7)
        ax.set_ylim(-0.03, 1.03)
        ax.grid(True, alpha=0.3)
        ax.set_title((titles or {}).get(env, env), fontsize=9)
        ax.set_xlabel("k", fontsize=8)
        ax.set_ylabel("pass@k", fontsize=8)
        if index == 0:
            ax.legend(fontsize=7, loc="lower right")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=DPI)
    return grid


__all__ = ["COLORS", "DPI", "PANEL_INCHES", "layout", "plot_passk"]
