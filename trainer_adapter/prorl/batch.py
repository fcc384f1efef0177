"""Groups of rollouts -> padded training tensors: [left-padded prompt | right-padded completion]."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import torch

from trainer_adapter.prorl.groups import Group


@dataclass
class Batch:
    input_ids: torch.Tensor  # [B, P + T]
    attention_mask: torch.Tensor  # [B, P + T]
    mask: torch.Tensor  # [B, T] 1 on completion tokens
    old_logp: torch.Tensor  # [B, T] sampling-time log-probs
    advantages: torch.Tensor  # [B]

    @property
    def n_completion(self) -> int:
        return self.mask.shape[1]

    def to(self, device: str) -> Batch:
        return Batch(
            *(
                t.to(device)
                for t in (self.input_ids, self.attention_mask, self.mask, self.old_logp, self.advantages)
            )
        )

    def split(self, rows: int) -> Iterator[Batch]:
        for s in range(0, self.input_ids.shape[0], rows):
            yield Batch(
                self.input_ids[s : s + rows],
                self.attention_mask[s : s + rows],
                self.mask[s : s + rows],
                self.old_logp[s : s + rows],
                self.advantages[s : s + rows],
            )


def make_batch(groups: list[Group], advantages: list[list[float]], pad_id: int) -> Batch:
    rows = [
        (g.prompt_ids, s.rollout.token_ids, s.rollout.logprobs, a)
        for g, adv in zip(groups, advantages, strict=True)
        for s, a in zip(g.samples, adv, strict=True)
    ]
    width_p = max(len(p) for p, _, _, _ in rows)
    width_t = max(1, max(len(c) for _, c, _, _ in rows))
    n = len(rows)
    input_ids = torch.full((n, width_p + width_t), pad_id, dtype=torch.long)
    attention = torch.zeros((n, width_p + width_t), dtype=torch.long)
    mask = torch.zeros((n, width_t))
    old = torch.zeros((n, width_t))
    for i, (prompt, completion, logprobs, _) in enumerate(rows):
        input_ids[i, width_p - len(prompt) : width_p] = torch.tensor(prompt)
        attention[i, width_p - len(prompt) : width_p] = 1
        k = len(completion)
        if k:
            input_ids[i, width_p : width_p + k] = torch.tensor(completion)
            attention[i, width_p : width_p + k] = 1
            mask[i, :k] = 1
            old[i, :k] = torch.tensor(logprobs[:k])
    adv = torch.tensor([a for _, _, _, a in rows], dtype=torch.float32)
    return Batch(input_ids, attention, mask, old, adv)
