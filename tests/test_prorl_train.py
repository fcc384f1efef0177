"""The loop end to end on a tiny model: reward rises on a trivially learnable env; resume is exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="needs torch: pip install -e .[train]")
pytest.importorskip("transformers", reason="needs transformers: pip install -e .[train]")

import prorl_kinds  # noqa: E402  (registers the trivially learnable env and its verifier)

from trainer_adapter.prorl.config import TrainConfig  # noqa: E402
from trainer_adapter.prorl.train import train  # noqa: E402

NO_DIGITS = {prorl_kinds.NAME: {"weight": 1.0}}


def tiny_config(tmp_path: Path, **sections) -> TrainConfig:
    tree = {
        "name": "t",
        "seed": 0,
        "model": {
            "hidden_size": 32,
            "num_layers": 1,
            "num_heads": 2,
            "vocab_size": 300,
            "device": "cpu",
            "threads": 1,
        },
        "data": {"mix": NO_DIGITS, "heldout_per_env": 4},
        "warmstart": {"steps": 0},
        "rollout": {"n": 8, "temperature": 1.0, "max_new_tokens": 24, "chunks": 2},
        "algo": {"stop_properly": False, "dynamic_sampling": True, "max_extra_rounds": 1, "beta": 0.01},
        "optim": {"steps": 30, "prompts_per_step": 8, "mini_batch_prompts": 4, "lr": 0.01},
        "reset": {"at_steps": [15]},
        "eval": {"every_steps": 0, "final": False},
        "verify": {"workers": 1},
        "log": {"out_dir": str(tmp_path), "console": False, "plots": False},
    }
    for key, value in sections.items():
        tree[key] = {**tree.get(key, {}), **value} if isinstance(value, dict) else value
    return TrainConfig.model_validate(tree)


def rows(run_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]


def test_reward_rises_on_a_trivially_learnable_env(tmp_path: Path) -> None:
    cfg = tiny_config(tmp_path, log={"plots": True})
    train(cfg)
    metrics = rows(cfg.run_dir)
    env = prorl_kinds.NAME
    for key in ("kl", "entropy", "clip_low", "clip_high", "train/response_len", "train/truncated",
                f"train/{env}/reward", f"train/{env}/accuracy", "tokens_per_s", "time/generate_s",
                "time/verify_s", "time/update_s", "verify_hidden_fraction"):  # fmt: skip
        assert key in metrics[0], key
    assert any(k.startswith(f"train/{env}/status/") for k in metrics[0])
    assert (cfg.run_dir / "curves.png").stat().st_size > 10_000
    assert [r["step"] for r in metrics] == list(range(1, 31))
    first = sum(r["train/reward"] for r in metrics[:5]) / 5
    last = sum(r["train/reward"] for r in metrics[-5:]) / 5
    assert last > first + 0.2, (first, last)
    events = [json.loads(line) for line in (cfg.run_dir / "events.jsonl").read_text().splitlines()]
    resets = [e for e in events if e["event"] == "reference_reset"]
    assert [e["step"] for e in resets] == [15] and "at_steps" in resets[0]["reason"]
    assert metrics[14].get("reset") == 1
    assert all(0 <= r["kept_fraction"] <= 1 and r["sampling_rounds"] >= 1 for r in metrics)


def test_resume_reproduces_the_next_step_exactly(tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    full = tiny_config(tmp_path / "a", optim={"steps": 2}, log={"checkpoint_every": 1})
    train(full)
    resumed = tiny_config(tmp_path / "b", optim={"steps": 2}, resume=str(full.run_dir / "checkpoint-1"))
    train(resumed)
    a, b = rows(full.run_dir)[1], rows(resumed.run_dir)[0]
    assert a["step"] == b["step"] == 2
    same = {k: a[k] for k in a if not k.startswith("time/") and k != "tokens_per_s" and "hidden" not in k}
    assert same == {k: b[k] for k in same}
    wa = load_file(full.run_dir / "checkpoint-last" / "policy" / "model.safetensors")
    wb = load_file(resumed.run_dir / "checkpoint-last" / "policy" / "model.safetensors")
    assert all(torch.equal(wa[k], wb[k]) for k in wa)
