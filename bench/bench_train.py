"""Time per training step (rollout + verification + update): our ProRL loop vs TRL's GRPOTrainer.

Both run in this process on CPU with the same tiny Qwen2 (saved once, loaded by both), the same
prompts, n, completion length, learning rate, clip range and KL coefficient, one optimizer step per
rollout step, rewards from the same verifiers. Dynamic sampling and stop-properly are off in ours
(TRL has neither), and ours generates in one chunk (verification is too cheap here to hide). Then: the share of verification time hidden behind generation on a mix with code.

    .venv/bin/python bench/bench_train.py [--steps 12] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import torch

import envs
from envs.gold import gold_completion
from verifiers import Task, verify_batch

MIX = {
    "chain_sum": {"weight": 1.0, "config": {"min_terms": 2, "max_terms": 2, "min_digits": 1, "max_digits": 1}}
}
PROMPTS, N, MAX_TOKENS, LR, BETA = 4, 8, 32, 1e-3, 1e-4


def make_model(directory: Path, tasks: list[Task]) -> None:
    from trainer_adapter.tiny import tiny_qwen2, train_tokenizer

    texts = [t.prompt[-1]["content"] for t in tasks] + [gold_completion(t) or "" for t in tasks]
    tokenizer = train_tokenizer(texts, 1024)
    torch.manual_seed(0)
    model = tiny_qwen2(tokenizer, hidden_size=64, num_layers=2, num_heads=4)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    print(f"model: {sum(p.numel() for p in model.parameters()):,} parameters, vocab {len(tokenizer)}")


def run_ours(
    model_dir: Path, steps: int, out: Path, mix: dict[str, Any], **sections: Any
) -> list[dict[str, float]]:
    from trainer_adapter.prorl.config import TrainConfig
    from trainer_adapter.prorl.train import train

    cfg = TrainConfig.model_validate({
        "name": "bench-ours", "seed": 0,
        "model": {"source": "pretrained", "path": str(model_dir), "device": "cpu"},
        "data": {"mix": mix, "heldout_per_env": 1},
        "rollout": {"n": N, "temperature": 1.0, "max_new_tokens": MAX_TOKENS, "chunks": 1},
        "algo": {"dynamic_sampling": False, "stop_properly": False, "beta": BETA, "eps_low": 0.2, "eps_high": 0.4},
        "optim": {"steps": steps, "prompts_per_step": PROMPTS, "mini_batch_prompts": PROMPTS, "lr": LR},
        "eval": {"every_steps": 0, "final": False},
        "log": {"out_dir": str(out), "console": False, "plots": False},
        **sections,
    })  # fmt: skip
    train(cfg)
    return [json.loads(line) for line in (cfg.run_dir / "metrics.jsonl").read_text().splitlines()]


def _trl_reward(prompts: list, completions: list, task: list[str], **_: Any) -> list[float]:
    texts = [c[-1]["content"] if isinstance(c, list) else c for c in completions]
    items = [{"task": json.loads(t), "completion": text} for t, text in zip(task, texts, strict=True)]
    return [v.reward for v in verify_batch(items)]


def run_trl(model_dir: Path, steps: int, out: Path, tasks: list[Task]) -> list[dict[str, float]]:
    from datasets import Dataset
    from transformers import AutoModelForCausalLM, AutoTokenizer, TrainerCallback
    from trl import GRPOConfig, GRPOTrainer

    rows = [{"prompt": t.prompt, "task": t.model_dump_json()} for t in tasks]
    args = GRPOConfig(
        output_dir=str(out / "trl"), use_cpu=True, report_to="none", save_strategy="no", disable_tqdm=True,
        max_steps=steps, per_device_train_batch_size=PROMPTS * N, num_generations=N, steps_per_generation=1,
        num_iterations=1, max_completion_length=MAX_TOKENS, temperature=1.0, learning_rate=LR,
        lr_scheduler_type="constant", beta=BETA, epsilon=0.2, epsilon_high=0.4, loss_type="dapo",
        use_bias_correction_kl=False, logging_steps=10**6, seed=0, shuffle_dataset=False,
    )  # fmt: skip
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    times: list[dict[str, float]] = []
    phase = {"generate_s": 0.0, "verify_s": 0.0}

    def timed_reward(prompts, completions, **kw):
        t0 = time.perf_counter()
        result = _trl_reward(prompts, completions, **kw)
        phase["verify_s"] += time.perf_counter() - t0
        return result

    timed_reward.__name__ = "verifier_reward"
    trainer = GRPOTrainer(
        model=model,
        reward_funcs=[timed_reward],
        args=args,
        train_dataset=Dataset.from_list(rows),
        processing_class=tokenizer,
    )
    generate = trainer._generate_single_turn

    def timed_generate(*a, **kw):
        t0 = time.perf_counter()
        result = generate(*a, **kw)
        phase["generate_s"] += time.perf_counter() - t0
        return result

    trainer._generate_single_turn = timed_generate

    class StepTimer(TrainerCallback):
        def on_step_begin(self, *a, **kw):
            self.t0 = time.perf_counter()
            phase.update(generate_s=0.0, verify_s=0.0)

        def on_step_end(self, *a, **kw):
            total = time.perf_counter() - self.t0
            times.append({"time/step_s": total, **{f"time/{k}": v for k, v in phase.items()}})

    trainer.add_callback(StepTimer())
    trainer.train()
    return times


def summarize(rows: list[dict[str, float]], skip: int) -> dict[str, float]:
    kept = rows[skip:]
    step = statistics.median(r["time/step_s"] for r in kept)
    gen = statistics.median(r["time/generate_s"] for r in kept)
    ver = statistics.median(r.get("time/verify_exposed_s", r["time/verify_s"]) for r in kept)
    return {"step_s": step, "generate_s": gen, "verify_exposed_s": ver, "update_and_rest_s": step - gen - ver}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    tasks = envs.make("chain_sum", **MIX["chain_sum"]["config"]).sample(PROMPTS * args.steps, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        make_model(out / "model", tasks + envs.make("code").sample(40, seed=0))
        verify_batch([{"task": tasks[0], "completion": "warm"}])  # start the pool outside both timings
        trl_rows = run_trl(out / "model", args.steps, out, tasks)
        ours_rows = run_ours(out / "model", args.steps, out, MIX)
        code_mix = {**MIX, "code": {"weight": 3.0}}
        # a short warm-start on gold code first, so the policy writes whole code blocks the sandbox runs
        warm = {"steps": 60, "tasks": 64, "lr": 3e-3}
        long = {"n": N, "temperature": 1.0, "max_new_tokens": 384, "chunks": 4}
        mix_rows = run_ours(out / "model", 4, out / "mix", code_mix, warmstart=warm, rollout=long)
    skip = 2
    trl, ours = summarize(trl_rows, skip), summarize(ours_rows, skip)
    print(f"\n{PROMPTS} prompts x {N} samples, {MAX_TOKENS} new tokens, 1 update/step, {args.threads} thread(s), "
          f"median of steps {skip + 1}..{args.steps}")  # fmt: skip
    print(f"{'':8s} {'step s':>8s} {'generate':>9s} {'verify*':>8s} {'update+rest':>12s}")
    for name, s in (("TRL", trl), ("ours", ours)):
        print(
            f"{name:8s} {s['step_s']:8.3f} {s['generate_s']:9.3f} {s['verify_exposed_s']:8.3f} {s['update_and_rest_s']:12.3f}"
        )
    print("* verify: TRL's reward call; ours: the verification time not hidden behind generation")
    ratio = trl["step_s"] / ours["step_s"]
    print(
        f"speed-up ours vs TRL: {ratio:.2f}x per step (goal >= 1.5x: {'met' if ratio >= 1.5 else 'NOT met'})"
    )
    hidden = sum(r["time/verify_s"] - r["time/verify_exposed_s"] for r in mix_rows) / max(
        1e-9, sum(r["time/verify_s"] for r in mix_rows)
    )
    verify_total = sum(r["time/verify_s"] for r in mix_rows)
    statuses = {
        k.rsplit("/", 1)[1]: round(v, 2)
        for k, v in mix_rows[-1].items()
        if k.startswith("train/code/status/")
    }
    print(
        f"mix with code (chain_sum 1 : code 3, 384 tokens, 4 steps after a code warm-start): {hidden:.0%} of "
        f"{verify_total:.2f} s verification hidden behind generation; last step's code statuses {statuses}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
