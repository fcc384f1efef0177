"""Sudoku grading by the rules, not by one stored solution: any completed grid that keeps the givens
and has no repeated digit in a row, column or box is correct (reasoning-gym compares cell by cell
with the single solution it generated, so a valid alternative of a multi-solution puzzle loses)."""

from __future__ import annotations

import math
import re
from typing import Any

from verifiers.types import Status, Verdict

_SEPARATOR_LINE = re.compile(r"^[\s|+\-=_.*]*$")
_CELL_SPLIT = re.compile(r"[\s|,;]+")
# A grid that keeps the givens but breaks a rule earns at most this, scaled by its conflict-free cells.
PARTIAL_CAP = 0.5


def parse_grid(text: str, size: int) -> list[list[int]] | None:
    """`size` rows of `size` digits 1..size; separator lines and `|`/`,` between cells allowed; else None."""
    rows: list[list[int]] = []
    for line in text.strip().splitlines():
        if _SEPARATOR_LINE.match(line):
            continue
        cells = [c for c in _CELL_SPLIT.split(line.strip()) if c]
        if len(cells) == 1 and len(cells[0]) == size:  # a row written without spaces: 534678912
            cells = list(cells[0])
        if len(cells) != size or not all(c.isdigit() and len(c) == 1 and 1 <= int(c) <= size for c in cells):
            return None
        rows.append([int(c) for c in cells])
    return rows if len(rows) == size else None


def _units(size: int) -> list[list[tuple[int, int]]]:
    box = math.isqrt(size)
    units = [[(r, c) for c in range(size)] for r in range(size)]
    units += [[(r, c) for r in range(size)] for c in range(size)]
    for br in range(0, size, box):
        for bc in range(0, size, box):
            units.append([(br + r, bc + c) for r in range(box) for c in range(box)])
    return units


def score_sudoku(answer: str, entry: dict[str, Any]) -> Verdict:
    """1.0 for any valid completion of the puzzle; partial (< 0.5) for one that keeps the givens but
    breaks a rule, by the share of blank cells free of conflicts; 0 when givens were changed."""
    puzzle: list[list[int]] = entry["metadata"]["puzzle"]
    size = len(puzzle)
    grid = parse_grid(answer, size)
    if grid is None:
        return Verdict.fail(
            Status.MALFORMED,
            f"answer is not a {size}x{size} grid of digits 1-{size}",
            extracted=answer[:2000],
        )
    changed = sum(1 for r in range(size) for c in range(size) if puzzle[r][c] and puzzle[r][c] != grid[r][c])
    if changed:
        return Verdict.scored(
            0.0,
            extracted=answer,
            reason=f"{changed} given cell(s) changed",
            details={"changed_givens": changed},
        )
    conflicted: set[tuple[int, int]] = set()
    for unit in _units(size):
        seen: dict[int, list[tuple[int, int]]] = {}
        for cell in unit:
            seen.setdefault(grid[cell[0]][cell[1]], []).append(cell)
        for cells in seen.values():
            if len(cells) > 1:
                conflicted.update(cells)
    if not conflicted:
        return Verdict.scored(1.0, extracted=answer, details={"valid": True})
    blanks = [(r, c) for r in range(size) for c in range(size) if not puzzle[r][c]]
    clean = sum(1 for cell in blanks if cell not in conflicted)
    reward = PARTIAL_CAP * clean / len(blanks) if blanks else 0.0
    return Verdict.scored(
        reward,
        extracted=answer,
        reason=f"{len(conflicted)} cell(s) break a row, column or box rule",
        details={"valid": False, "conflicted_cells": len(conflicted)},
    )
