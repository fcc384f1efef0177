"""compare(): regimes on hand-built results, the three files, and a PNG with one real panel per env."""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path

import pytest

from trainer_adapter.eval import EvalResult, TaskScore, compare, pass_at_k, write_report
from trainer_adapter.eval.compare import delta_se
from trainer_adapter.eval.plot import COLORS

N = 8
# env -> (domain, verifier, base correct counts per task, trained correct counts per task)
DESIGN = {
    "m1": ("math", "math", [2, 2, 2, 2], [8, 8, 0, 0]),  # pass@1 up, pass@4 down: diminish
    "c1": ("code", "code", [0, 0, 1, 1], [4, 4, 4, 4]),  # both up: sustained
    "l1": ("logic", "logic", [0, 0, 0, 0], [2, 0, 0, 0]),  # base 0 at every k: beyond base
    "l2": ("logic", "logic", [2, 0, 0, 0], [1, 1, 0, 0]),  # same pass@1, wider boundary: broaden
    "s1": ("stem", "mcq", [3, 1, 0, 0], [3, 1, 0, 0]),  # identical: unchanged
}
EXPECTED = {"m1": "diminish", "c1": "sustained", "l1": "sustained", "l2": "broaden", "s1": "unchanged"}


def result(label: str, side: int) -> EvalResult:
    tasks = [
        TaskScore(f"{env}-{i}", env, domain, kind, N, counts[i], float(counts[i]))
        for env, (domain, kind, *sides) in DESIGN.items()
        for counts in [sides[side]]
        for i in range(len(counts))
    ]
    return EvalResult(label, [1, 2, 4, 8], tasks, {"n": N})


def colored(pixels, hex_color: str) -> int:  # type: ignore[no-untyped-def]
    import numpy as np

    rgb = np.array([int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(pixels[..., :3] - rgb).max(axis=-1) < 0.02).sum())


def test_compare_labels_regimes_and_deltas(tmp_path: Path) -> None:
    c = compare(result("base", 0), result("trained", 1), tmp_path)
    assert c.boundary_k == 4
    assert {name: d.regime for name, d in c.envs.items()} == EXPECTED
    assert [name for name, d in c.envs.items() if d.beyond_base] == ["l1"]
    m1 = c.envs["m1"]
    assert m1.base[1] == pytest.approx(0.25) and m1.trained[1] == pytest.approx(0.5)
    expected_base_k4 = pass_at_k(N, 2, 4)
    assert m1.delta[4] == pytest.approx(0.5 - expected_base_k4)
    # a domain averages its envs: logic = mean of l1 and l2
    logic = c.domains["logic"]
    assert logic.trained[4] == pytest.approx((c.envs["l1"].trained[4] + c.envs["l2"].trained[4]) / 2)
    assert set(c.domains) == {"code", "logic", "math", "stem"}
    # standard errors: paired over the same tasks, per-task deltas of m1 at k=1 are .75, .75, -.25, -.25
    assert m1.se[1] == pytest.approx(statistics.stdev([0.75, 0.75, -0.25, -0.25]) / 2)
    assert c.envs["s1"].se[4] == 0.0  # identical answers: no doubt about a zero delta
    assert logic.se[1] == pytest.approx(math.hypot(c.envs["l1"].se[1], c.envs["l2"].se[1]) / 2)


def test_standard_error_unpaired_and_undefined() -> None:
    base = [TaskScore("a", "e", "d", "math", 4, 0, 0.0), TaskScore("b", "e", "d", "math", 4, 4, 4.0)]
    other = [TaskScore("x", "e", "d", "math", 4, 2, 2.0), TaskScore("y", "e", "d", "math", 4, 2, 2.0)]
    # different tasks: unpaired, sqrt(var(trained)/2 + var(base)/2) = sqrt(0 + 0.5/2)
    assert delta_se(base, other, 1) == pytest.approx(math.sqrt(0.5 / 2))
    assert delta_se(base[:1], other[:1], 1) is None


def test_writes_png_json_md_with_one_panel_per_env(tmp_path: Path) -> None:
    import matplotlib.image

    c = compare(result("base", 0), result("trained", 1), tmp_path / "out")
    data = json.loads((tmp_path / "out" / "passk.json").read_text())
    envs = list(DESIGN)
    assert data["figure"]["panels"] == list(c.envs) and sorted(data["figure"]["panels"]) == sorted(envs)
    rows, cols = data["figure"]["rows"], data["figure"]["cols"]
    assert rows * cols >= len(envs) > (rows - 1) * cols
    pixels = matplotlib.image.imread(tmp_path / "out" / "passk.png")
    width, height = data["figure"]["size_px"]
    assert (
        pixels.shape[:2]
        == (height, width)
        == (rows * data["figure"]["panel_px"][1], cols * data["figure"]["panel_px"][0])
    )
    pw, ph = data["figure"]["panel_px"]
    for cell in range(rows * cols):
        r, col = divmod(cell, cols)
        region = pixels[r * ph : (r + 1) * ph, col * pw : (col + 1) * pw]
        if cell < len(envs):  # a drawn panel: both curves visible in its own cell
            assert colored(region, COLORS["trained"]) > 200, f"no trained curve in panel {cell}"
            assert colored(region, COLORS["base"]) > 200, f"no base curve in panel {cell}"
        else:  # an unused cell stays blank
            assert (region[..., :3] > 0.99).all(), f"cell {cell} should be empty"
    assert data["envs"]["m1"]["regime"] == "diminish"
    assert data["domains"]["logic"]["envs"] == ["l1", "l2"]
    assert data["results"]["base"]["label"] == "base"
    md = (tmp_path / "out" / "passk.md").read_text()
    assert "## Per env" in md and "## Per domain" in md
    for env, regime in EXPECTED.items():
        assert any(line.startswith(f"| {env} |") and regime in line for line in md.splitlines()), env
    assert "beyond base" in md


def test_results_round_trip_through_json(tmp_path: Path) -> None:
    base = result("base", 0)
    again = EvalResult.from_json(base.to_json(tmp_path / "base.json"))
    assert again.to_dict() == base.to_dict()
    assert (
        EvalResult.from_json(tmp_path / "base.json").envs()["c1"].pass_at_k[2]
        == base.envs()["c1"].pass_at_k[2]
    )
    with pytest.raises(ValueError, match="not a prorl-gym eval result"):
        EvalResult.from_json('{"label": "x"}')


def test_intermediate_checkpoint_separates_plateau_from_sustained(tmp_path: Path) -> None:
    trained = result("trained", 1)
    c = compare(result("base", 0), trained, tmp_path, intermediate=trained)
    assert c.envs["c1"].regime == "plateau"  # all the gain was already there at the intermediate
    assert json.loads((tmp_path / "passk.json").read_text())["results"]["intermediate"]["label"] == "trained"


def test_mismatched_results_are_clear_errors(tmp_path: Path) -> None:
    base = result("base", 0)
    other = EvalResult("x", [1], [TaskScore("z", "zz", "math", "math", 1, 1, 1.0)])
    with pytest.raises(ValueError, match="none in common"):
        compare(base, other, tmp_path)
    with pytest.raises(ValueError, match="boundary k=16"):
        compare(base, result("trained", 1), tmp_path, k=16)


def test_single_result_report(tmp_path: Path) -> None:
    paths = write_report(result("trained", 1), tmp_path)
    data = json.loads(paths["passk.json"].read_text())
    assert data["figure"]["panels"] == [name for name in data["results"]["trained"]["envs"]]
    assert paths["passk.png"].stat().st_size > 0
    assert "| c1 | code | 4 | 8 | 50.0 |" in paths["passk.md"].read_text()
