"""What a run starts from: the task mix and its held-out split, the tokenizer and policy, the device."""

from __future__ import annotations

import copy
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import envs
from envs.core import derive_seed
from envs.gold import gold_completion
from trainer_adapter.prorl import checkpoint
from trainer_adapter.prorl.config import TrainConfig
from trainer_adapter.prorl.metrics import RunLogger
from trainer_adapter.prorl.rollout import make_engine
from trainer_adapter.prorl.scoring import OverlappedScorer
from trainer_adapter.prorl.warmstart import warm_start
from verifiers import Task


class TaskStream:
    """Training tasks in a fixed order from the mix; `position` is all a resume needs."""

    def __init__(self, mix: envs.MixEnv, seed: int, exclude: Iterable[str] = (), salt: str = "train") -> None:
        self.mix = mix
        self.seed = seed
        self.exclude = set(exclude)
        self.salt = salt
        self.position = 0

    def next(self, n: int) -> list[Task]:
        out: list[Task] = []
        misses = 0
        while len(out) < n:
            task = self.mix.task_at(derive_seed(self.seed, self.position, self.salt))
            self.position += 1
            if task.id in self.exclude:
                misses += 1
                if misses > 100 * (n + 10):
                    raise RuntimeError(
                        "the training mix yields only held-out tasks; lower data.heldout_per_env"
                    )
                continue
            out.append(task)
        return out


def build_mix(cfg: TrainConfig) -> envs.MixEnv:
    spec = {name: {"weight": e.weight, "config": e.config} for name, e in cfg.data.mix.items()}
    return envs.make_mix(spec, seed=cfg.seed)


def heldout_tasks(cfg: TrainConfig, mix: envs.MixEnv) -> list[Task]:
    """`heldout_per_env` (or the env's own `heldout`) distinct tasks per env, drawn apart from training
    (by seed and then by id)."""
    out: list[Task] = []
    for name, entry in cfg.data.mix.items():
        want = entry.heldout or cfg.data.heldout_per_env
        seen: set[str] = set()
        tasks = mix.envs[name].sample(4 * want, seed=derive_seed(cfg.seed, 0, "heldout"))
        for task in tasks:
            if task.id not in seen and len(seen) < want:
                seen.add(task.id)
                out.append(task)
    return out


def pick_device(setting: str) -> str:
    import torch

    if setting != "auto":
        return setting
    return "cuda" if torch.cuda.is_available() else "cpu"


def build_policy(cfg: TrainConfig, corpus: list[Task], resume: Path | None) -> tuple[Any, Any]:
    """(model, tokenizer): from a checkpoint, a pretrained path, or tiny from a config and a local tokenizer."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dtype = getattr(torch, cfg.model.dtype)
    if resume is not None or cfg.model.source == "pretrained":
        path = str(resume / "policy") if resume is not None else str(cfg.model.path)
        tokenizer = AutoTokenizer.from_pretrained(path)
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        tokenizer.padding_side = "left"
        return AutoModelForCausalLM.from_pretrained(path, dtype=dtype), tokenizer
    from trainer_adapter.tiny import tiny_qwen2, train_tokenizer

    texts = [m["content"] for t in corpus for m in t.prompt]
    texts += [g for g in (gold_completion(t, cfg.warmstart.think) for t in corpus) if g]
    tokenizer = train_tokenizer(texts, cfg.model.vocab_size)
    torch.manual_seed(cfg.seed)
    model = tiny_qwen2(tokenizer, cfg.model.hidden_size, cfg.model.num_layers, cfg.model.num_heads)
    return model.to(dtype), tokenizer


@dataclass
class RunState:
    """Everything besides tensors that a resume needs."""

    step: int = 0
    stream_position: int = 0
    resets: list[dict[str, Any]] = field(default_factory=list)
    val_history: list[dict[str, float]] = field(default_factory=list)

    def history_since_reset(self) -> list[dict[str, float]]:
        last = self.resets[-1]["step"] if self.resets else 0
        return [row for row in self.val_history if row["step"] > last]


@dataclass
class Run:
    """The live objects of a run, ready for the first (or the next) step."""

    policy: Any
    ref: Any
    tokenizer: Any
    optimizer: Any
    engine: Any
    scorer: OverlappedScorer
    stream: TaskStream
    heldout: list[Task]
    logger: RunLogger
    state: RunState
    mix: envs.MixEnv
    device: str
    start_dir: Path


def start_run(cfg: TrainConfig, console: bool | None = None) -> Run:
    """Seeds, the held-out split, tokenizer and policy, warm start, reference, AdamW, the engine."""
    import torch

    random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    if cfg.model.threads:
        torch.set_num_threads(cfg.model.threads)
    device = pick_device(cfg.model.device)
    run_dir = cfg.run_dir
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "config.yaml").write_text(yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False))
    mix = build_mix(cfg)
    heldout = heldout_tasks(cfg, mix)
    exclude = {t.id for t in heldout}
    stream = TaskStream(mix, cfg.seed, exclude)
    warm_tasks = TaskStream(mix, cfg.seed, exclude, salt="warmstart").next(cfg.warmstart.tasks)
    resume = Path(cfg.resume) if cfg.resume else None
    policy, tokenizer = build_policy(cfg, warm_tasks, resume)
    policy.to(device)
    logger = RunLogger(
        run_dir,
        cfg.optim.steps,
        console=cfg.log.console if console is None else console,
        tensorboard=cfg.log.tensorboard,
    )
    logger.event(
        "start",
        name=cfg.name,
        device=device,
        params=sum(p.numel() for p in policy.parameters()),
        heldout=len(heldout),
        envs=sorted(cfg.data.mix),
    )

    # warm start: a policy that can sometimes solve the tasks, as the paper starts from
    start_dir = run_dir / "start_policy"
    if resume is None:
        t0 = time.perf_counter()
        info = warm_start(
            policy, tokenizer, warm_tasks, cfg.warmstart, cfg.rollout.max_new_tokens, device, cfg.seed
        )
        logger.event("warm_start", seconds=round(time.perf_counter() - t0, 1), **info)
        policy.save_pretrained(start_dir)
        tokenizer.save_pretrained(start_dir)
    ref = copy.deepcopy(policy).eval().requires_grad_(False) if cfg.algo.beta > 0 else None
    o = cfg.optim
    optimizer = torch.optim.AdamW(policy.parameters(), lr=o.lr, betas=o.betas, weight_decay=o.weight_decay)
    state = RunState()
    if resume is not None:
        loop = checkpoint.load(resume, policy, ref, optimizer)
        state = RunState(**loop)
        stream.position = state.stream_position
        logger.event("resume", step=state.step, checkpoint=str(resume))
    engine = make_engine(cfg.rollout.engine, policy, tokenizer, **_engine_kwargs(cfg, device))
    scorer = OverlappedScorer(
        engine,
        tokenizer,
        chunks=cfg.rollout.chunks,
        stop_properly=cfg.algo.stop_properly,
        workers=cfg.verify.workers,
        timeout_s=cfg.verify.timeout_s,
    )
    return Run(
        policy,
        ref,
        tokenizer,
        optimizer,
        engine,
        scorer,
        stream,
        heldout,
        logger,
        state,
        mix,
        device,
        start_dir,
    )


def _engine_kwargs(cfg: TrainConfig, device: str) -> dict[str, Any]:
    if cfg.rollout.engine == "hf":
        return {"device": device, "batch_size": cfg.rollout.batch_size}
    return {"gpu_memory_utilization": cfg.rollout.gpu_memory_utilization, "seed": cfg.seed}
