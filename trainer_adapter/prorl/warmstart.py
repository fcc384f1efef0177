"""A short supervised warm-start on gold completions, so RL starts from a policy that sometimes succeeds.

The paper starts from R1-Distill-Qwen-1.5B, which already reasons; a randomly initialised tiny model
would give RL no signal at all. Gold completions come from `envs.gold_completion`.
"""

from __future__ import annotations

from typing import Any

import torch

from envs.gold import gold_completion
from trainer_adapter.prorl.config import WarmStartConfig
from trainer_adapter.prorl.loss import token_logprobs
from trainer_adapter.prorl.rollout import prompt_ids
from verifiers import Task


def gold_pairs(
    tokenizer: Any, tasks: list[Task], think: str, max_tokens: int
) -> list[tuple[list[int], list[int]]]:
    """(prompt ids, completion ids + EOS) per task with a gold completion; cut at `max_tokens` (no EOS)."""
    pairs = []
    for task in tasks:
        gold = gold_completion(task, think)
        if gold is None:
            continue
        ids = tokenizer.encode(gold, add_special_tokens=False) + [tokenizer.eos_token_id]
        pairs.append((prompt_ids(tokenizer, task.prompt), ids[:max_tokens]))
    return pairs


def _pad(pairs: list[tuple[list[int], list[int]]], pad_id: int) -> tuple[torch.Tensor, ...]:
    wp = max(len(p) for p, _ in pairs)
    wc = max(len(c) for _, c in pairs)
    ids = torch.full((len(pairs), wp + wc), pad_id, dtype=torch.long)
    attn = torch.zeros_like(ids)
    mask = torch.zeros((len(pairs), wc))
    for i, (p, c) in enumerate(pairs):
        ids[i, wp - len(p) : wp] = torch.tensor(p)
        ids[i, wp : wp + len(c)] = torch.tensor(c)
        attn[i, wp - len(p) : wp + len(c)] = 1
        mask[i, : len(c)] = 1
    return ids, attn, mask


def warm_start(
    model: Any,
    tokenizer: Any,
    tasks: list[Task],
    cfg: WarmStartConfig,
    max_tokens: int,
    device: str,
    seed: int,
) -> dict[str, float]:
    """`cfg.steps` AdamW steps of token-mean cross-entropy on gold completions; returns loss figures."""
    pairs = gold_pairs(tokenizer, tasks, cfg.think, max_tokens)
    if not pairs or cfg.steps == 0:
        return {"warmstart/pairs": float(len(pairs)), "warmstart/steps": 0.0}
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
    gen = torch.Generator().manual_seed(seed)
    model.train()
    losses = []
    for _ in range(cfg.steps):
        pick = torch.randint(len(pairs), (min(cfg.batch_size, len(pairs)),), generator=gen).tolist()
        batch = sorted((pairs[i] for i in pick), key=lambda pc: len(pc[0]) + len(pc[1]))
        n_tokens = sum(len(c) for _, c in batch)
        optimizer.zero_grad(set_to_none=True)
        loss_sum = 0.0
        # micro-batches of similar length (a long code prompt pads only its neighbours), one token-mean
        for start in range(0, len(batch), cfg.micro_batch):
            part = batch[start : start + cfg.micro_batch]
            ids, attn, mask = (t.to(device) for t in _pad(part, tokenizer.pad_token_id))
            logp, _ = token_logprobs(model, ids, attn, mask.shape[1], 1.0)
            loss = -(logp * mask).sum() / n_tokens
            loss.backward()
            loss_sum += loss.item()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        losses.append(loss_sum)
    k = max(1, len(losses) // 10)
    return {
        "warmstart/pairs": float(len(pairs)),
        "warmstart/steps": float(cfg.steps),
        "warmstart/loss_first": sum(losses[:k]) / k,
        "warmstart/loss_last": sum(losses[-k:]) / k,
    }
