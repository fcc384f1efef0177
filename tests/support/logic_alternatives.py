"""A right answer for every reasoning-gym entry, including the datasets whose gold is None.

Where the gold is not the only right answer, `ALTERNATIVES` names the dataset and builds a different
valid answer, so the tests check the scorer accepts more than the stored one.
"""

from __future__ import annotations

import json
from typing import Any


def right_answer(dataset: str, entry: dict[str, Any]) -> str | None:
    """The stored gold, or for answer=None datasets the example answer in the metadata (None if none)."""
    if isinstance(entry.get("answer"), str):
        return str(entry["answer"])
    meta = entry.get("metadata", {})
    if dataset == "graph_color":
        return json.dumps(meta["possible_answer"])
    if dataset == "rush_hour":
        from reasoning_gym.games.rush_hour import Board

        shown = Board(meta["board_config"]).board_str()  # the question relabels the cars
        return solve_rush_hour(shown.replace("\n", "").replace(".", "o"))
    if dataset == "boxnet":
        return plan_boxnet(meta["initial_state"])
    for key in ("example_correct_answer", "example_answer", "possible_answer"):
        if isinstance(meta.get(key), str):
            return str(meta[key])
    return None


def solve_rush_hour(board: str) -> str:
    """A shortest move list (`"B+1 A+3"`) for a 6x6 Rush Hour board string, by breadth-first search."""
    from collections import deque

    def pieces(state: str) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for i, ch in enumerate(state):
            if ch not in "ox.":
                out.setdefault(ch, []).append(i)
        return out

    def solved(state: str) -> bool:
        return state[17] == "A"  # the red car's right end is at the exit (row 2, column 5)

    start = board
    seen = {start: ""}
    queue = deque([start])
    while queue:
        state = queue.popleft()
        if solved(state):
            return seen[state].strip()
        for name, cells in pieces(state).items():
            horizontal = cells[1] - cells[0] == 1
            step = 1 if horizontal else 6
            for direction in (1, -1):
                moved = 0
                grid = list(state)
                while True:
                    head = cells[-1] + step * (moved + 1) if direction == 1 else cells[0] - step * (moved + 1)
                    if not 0 <= head < 36 or (horizontal and head // 6 != cells[0] // 6) or grid[head] != "o":
                        break
                    moved += 1
                    new = list(state)
                    for c in cells:
                        new[c] = "o"
                    for c in cells:
                        new[c + direction * step * moved] = name
                    key = "".join(new)
                    if key not in seen:
                        seen[key] = f"{seen[state]} {name}{'+' if direction == 1 else '-'}{moved}"
                        queue.append(key)
    raise ValueError("no solution")


def plan_boxnet(state: dict[str, list[str]]) -> str:
    """A plan (JSON list of steps) that walks each box to its target, one square per step."""
    where = {item: cell for cell, items in state.items() for item in items}
    steps: list[dict[str, str]] = []
    for box, cell in sorted((k, v) for k, v in where.items() if k.startswith("box_")):
        r, c = (float(x) for x in cell.split("_"))
        tr, tc = (float(x) for x in where["target_" + box[4:]].split("_"))
        while (r, c) != (tr, tc):
            nr, nc = (r + (1 if tr > r else -1), c) if r != tr else (r, c + (1 if tc > c else -1))
            steps.append({f"Agent[{r}, {c}]": f"move({box}, square[{nr}, {nc}])"})
            r, c = nr, nc
        steps.append({f"Agent[{r}, {c}]": f"move({box}, target_{box[4:]})"})
    return json.dumps(steps)
