"""The ProRL objective: token-level decoupled-clip policy gradient plus a clamped KL to the reference.

ratio = exp(logp - old_logp)
pg    = -min(ratio * A, clamp(ratio, 1 - eps_low, 1 + eps_high) * A)
kl    = k3: exp(ref - logp) - (ref - logp) - 1    |  k2: (logp - ref)^2 / 2   (clamped, as verl)
loss  = sum((pg + beta * kl) * mask) / n_tokens   (token mean over the whole mini-batch)
"""

from __future__ import annotations

from typing import Any

import torch


def kl_estimate(logp: torch.Tensor, ref_logp: torch.Tensor, estimator: str, log_clamp: float, clamp: float):
    """Per-token KL(pi || ref) estimate; the log-ratio and the result are clamped (verl's low_var_kl)."""
    d = torch.clamp(ref_logp - logp, -log_clamp, log_clamp)
    kl = torch.exp(d) - d - 1 if estimator == "k3" else 0.5 * d * d
    return torch.clamp(kl, -clamp, clamp)


def policy_loss(
    logp: torch.Tensor,  # [B, T] log pi(token) under the current policy
    old_logp: torch.Tensor,  # [B, T] at sampling time
    ref_logp: torch.Tensor | None,  # [B, T] under the reference policy (None when beta == 0)
    advantages: torch.Tensor,  # [B] one per sequence, broadcast over its tokens
    mask: torch.Tensor,  # [B, T] 1 on completion tokens
    n_tokens: float,  # completion tokens in the whole mini-batch (token-mean denominator)
    eps_low: float,
    eps_high: float,
    beta: float,
    kl_estimator: str = "k3",
    log_ratio_clamp: float = 20.0,
    kl_clamp: float = 10.0,
) -> tuple[torch.Tensor, dict[str, Any]]:
    ratio = torch.exp(logp - old_logp)
    adv = advantages[:, None]
    pg = -torch.minimum(ratio * adv, torch.clamp(ratio, 1 - eps_low, 1 + eps_high) * adv)
    kl = torch.zeros_like(logp)
    if ref_logp is not None and beta > 0:
        kl = kl_estimate(logp, ref_logp, kl_estimator, log_ratio_clamp, kl_clamp)
    loss = ((pg + beta * kl) * mask).sum() / n_tokens
    with torch.no_grad():
        low = ((ratio < 1 - eps_low) & (adv < 0)).float()  # tokens whose gradient the clip stopped
        high = ((ratio > 1 + eps_high) & (adv > 0)).float()
        stats = {
            "pg_sum": float((pg * mask).sum()),
            "kl_sum": float((kl * mask).sum()),
            "clip_low_sum": float((low * mask).sum()),
            "clip_high_sum": float((high * mask).sum()),
            "ratio_sum": float((ratio * mask).sum()),
        }
    return loss, stats


def token_logprobs(
    model: Any, input_ids: torch.Tensor, attention_mask: torch.Tensor, n_completion: int, temperature: float
) -> tuple[torch.Tensor, torch.Tensor]:
    """log pi(token) and entropy for the last `n_completion` positions, from logits / temperature."""
    positions = (attention_mask.cumsum(-1) - 1).clamp(min=0)  # left padding, as `generate` numbers them
    logits = model(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions).logits
    logits = logits[:, -n_completion - 1 : -1].float() / temperature
    logsm = torch.log_softmax(logits, dim=-1)
    targets = input_ids[:, -n_completion:]
    logp = logsm.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
    entropy = -(logsm.exp() * logsm).sum(-1)
    return logp, entropy
