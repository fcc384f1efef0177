"""`prorl-gym eval` end to end on CPU: tiny checkpoints and a completions file in, table and PNG out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="needs torch: pip install -e .[train]")
pytest.importorskip("transformers", reason="needs transformers: pip install -e .[train]")
pytest.importorskip("matplotlib", reason="needs matplotlib: pip install -e .[train]")

import envs  # noqa: E402
from envs.gold import gold_completion  # noqa: E402
from prorl_gym.cli import main  # noqa: E402
from trainer_adapter.eval import pass_at_k  # noqa: E402
from trainer_adapter.eval.plot import COLORS  # noqa: E402
from trainer_adapter.tiny import tiny_qwen2, train_tokenizer  # noqa: E402
from verifiers import Task  # noqa: E402

ENVS = ("gcd", "math", "stem_mcq")
N = 4


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two tiny random checkpoints and a tasks file with two tasks from each of three envs."""
    import torch

    root = tmp_path_factory.mktemp("eval")
    tasks = [t for name in ENVS for t in envs.make(name).sample(2, seed=3)]
    (root / "tasks.jsonl").write_text("".join(t.model_dump_json() + "\n" for t in tasks))
    tok = train_tokenizer([t.question for t in tasks] * 3, vocab_size=400)
    paths = {"tasks": root / "tasks.jsonl"}
    for seed, name in enumerate(("base", "trained")):
        torch.manual_seed(seed)
        model = tiny_qwen2(tok, hidden_size=32, num_layers=1, num_heads=2)
        model.save_pretrained(root / name)
        tok.save_pretrained(root / name)
        paths[name] = root / name
    return paths


def colored(pixels, hex_color: str) -> int:  # type: ignore[no-untyped-def]
    import numpy as np

    rgb = np.array([int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(pixels[..., :3] - rgb).max(axis=-1) < 0.02).sum())


def check_figure(out: Path, envs_expected: list[str]) -> dict:
    """The PNG's size matches the recorded grid, and each env's cell holds both curves."""
    import matplotlib.image

    data = json.loads((out / "passk.json").read_text())
    fig = data["figure"]
    assert sorted(fig["panels"]) == sorted(envs_expected)
    pixels = matplotlib.image.imread(out / "passk.png")
    (pw, ph), rows, cols = fig["panel_px"], fig["rows"], fig["cols"]
    assert rows * cols >= len(envs_expected) > (rows - 1) * cols
    assert pixels.shape[:2] == (rows * ph, cols * pw)
    for cell in range(len(envs_expected)):
        r, c = divmod(cell, cols)
        region = pixels[r * ph : (r + 1) * ph, c * pw : (c + 1) * pw]
        assert colored(region, COLORS["trained"]) > 200 and colored(region, COLORS["base"]) > 200, cell
    return data


def test_two_checkpoints(setup: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    argv = [
        "eval",
        "--model",
        str(setup["trained"]),
        "--base",
        str(setup["base"]),
        "--tasks",
        str(setup["tasks"]),
    ]
    argv += ["-n", str(N), "--max-new-tokens", "6", "--workers", "1", "-q", "-o", str(out)]
    assert main(argv) == 0
    data = check_figure(out, list(ENVS))
    assert data["ks"] == [1, 2, 4] and data["boundary_k"] == 2
    for side in ("base", "trained"):
        tasks = data["results"][side]["tasks"]
        assert len(tasks) == 6 and all(t["n"] == N and sum(t["statuses"].values()) == N for t in tasks)
        assert data["results"][side]["settings"]["temperature"] == 0.6
        assert data["results"][side]["settings"]["top_p"] == 0.95
    md = (out / "passk.md").read_text()
    assert all(f"| {env} |" in md for env in ENVS)
    assert (out / "result.json").is_file() and (out / "base_result.json").is_file()


def test_model_against_completions(setup: dict[str, Path], tmp_path: Path) -> None:
    """The base side is a completions file with known correct counts; its pass@k must match exactly."""
    tasks = [json.loads(line) for line in setup["tasks"].read_text().splitlines()]
    rows, good = [], {}
    for i, t in enumerate(tasks):
        good[t["id"]] = i % (N + 1)
        gold = gold_completion(Task(**t))
        rows += [
            {"task_id": t["id"], "completion": gold if j < good[t["id"]] else "no idea"} for j in range(N)
        ]
    (tmp_path / "base.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out"
    argv = ["eval", "--model", str(setup["trained"]), "--base-completions", str(tmp_path / "base.jsonl")]
    argv += ["--tasks", str(setup["tasks"]), "-n", str(N), "--max-new-tokens", "6", "--workers", "1", "-q"]
    assert main([*argv, "-o", str(out)]) == 0
    data = check_figure(out, list(ENVS))
    for env in ENVS:
        counts = [good[t["id"]] for t in tasks if t["env"] == env]
        for k in (1, 2, 4):
            expected = sum(pass_at_k(N, c, k) for c in counts) / len(counts)
            assert data["envs"][env]["base"][str(k)] == pytest.approx(expected)
    # the random tiny model solves nothing; wherever the base solved something, that reads as a regression
    for env, row in data["envs"].items():
        if row["trained"]["1"] == 0.0 and row["base"]["1"] > 0.02:
            assert row["regime"] == "regress", env


def test_completions_only_and_reloaded_results(setup: dict[str, Path], tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    tasks = [json.loads(line) for line in setup["tasks"].read_text().splitlines()]
    rows = [{"task": t, "completions": ["no idea"] * 2} for t in tasks]
    (tmp_path / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert (
        main(
            [
                "eval",
                "--completions",
                str(tmp_path / "c.jsonl"),
                "--workers",
                "1",
                "-q",
                "-o",
                str(tmp_path / "a"),
            ]
        )
        == 0
    )
    check = json.loads((tmp_path / "a" / "passk.json").read_text())
    assert sorted(check["figure"]["panels"]) == sorted(ENVS) and (tmp_path / "a" / "passk.png").is_file()
    argv = [
        "eval",
        "--result",
        str(tmp_path / "a" / "result.json"),
        "--base-result",
        str(tmp_path / "a" / "result.json"),
    ]
    assert main([*argv, "-q", "-o", str(tmp_path / "b")]) == 0
    assert {
        row["regime"] for row in json.loads((tmp_path / "b" / "passk.json").read_text())["envs"].values()
    } == {"unchanged"}
    # bad input: a clear message and exit status 2, not a traceback
    assert (
        main(
            ["eval", "--completions", str(tmp_path / "c.jsonl"), "--k", "8", "-q", "-o", str(tmp_path / "d")]
        )
        == 2
    )
    assert "pass@8 needs at least 8 samples" in capsys.readouterr().err
    assert main(["eval", "--model", str(setup["base"]), "-n", "2", "-o", str(tmp_path / "e")]) == 2
    assert "give --tasks FILE.jsonl or --env SPEC" in capsys.readouterr().err


def test_one_model_on_tasks_sampled_from_an_env(setup: dict[str, Path], tmp_path: Path) -> None:
    argv = ["eval", "--model", str(setup["base"]), "--env", "gcd", "--num-tasks", "2", "-n", "2"]
    assert main([*argv, "--max-new-tokens", "4", "--workers", "1", "-q", "-o", str(tmp_path)]) == 0
    data = check_figure_single(tmp_path)
    assert data["figure"]["panels"] == ["gcd"]
    tasks = data["results"]["trained"]["tasks"]
    assert [t["env"] for t in tasks] == ["gcd", "gcd"] and all(t["n"] == 2 for t in tasks)
    assert "| gcd | logic | 2 | 2 |" in (tmp_path / "passk.md").read_text()


def check_figure_single(out: Path) -> dict:
    import matplotlib.image

    data = json.loads((out / "passk.json").read_text())
    pixels = matplotlib.image.imread(out / "passk.png")
    width, height = data["figure"]["size_px"]
    assert pixels.shape[:2] == (height, width)
    assert colored(pixels, COLORS["trained"]) > 200 and colored(pixels, COLORS["base"]) == 0
    return data


def test_intermediate_checkpoint_reads_plateau(setup: dict[str, Path], tmp_path: Path) -> None:
    """Base wrong everywhere, intermediate and final right everywhere: the gain came early."""
    tasks = [json.loads(line) for line in setup["tasks"].read_text().splitlines()]
    gold = [{"task": t, "completions": [gold_completion(Task(**t))] * 2} for t in tasks]
    wrong = [{"task": t, "completions": ["no idea"] * 2} for t in tasks]
    for name, rows in (("gold", gold), ("wrong", wrong)):
        (tmp_path / f"{name}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    argv = [
        "eval",
        "--completions",
        str(tmp_path / "gold.jsonl"),
        "--base-completions",
        str(tmp_path / "wrong.jsonl"),
    ]
    argv += ["--intermediate-completions", str(tmp_path / "gold.jsonl"), "--workers", "1", "-q"]
    assert main([*argv, "-o", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / "passk.json").read_text())
    assert {row["regime"] for row in data["envs"].values()} == {"plateau"}
    assert all(row["beyond_base"] for row in data["envs"].values())
    assert data["labels"]["intermediate"] == "intermediate"
    assert main([*argv[:3], *argv[5:], "-o", str(tmp_path / "x")]) == 2  # intermediate without a base
