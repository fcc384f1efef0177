"""Rollout engines: chat prompts in, n sampled completions per prompt out (ids, text, log-probs, finish).

Two engines behind one small interface: `hf` (transformers `generate`, batched, CPU or CUDA; it
shares the training model, so weight sync is free) and `vllm` (a colocated `vllm.LLM` in this
process, weights pushed after each update, sleep/wake between phases on CUDA). The log-probs are
those of the *processed* distribution (logits / temperature), the same quantity training computes.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class SamplingParams:
    n: int
    temperature: float
    top_p: float = 1.0
    max_new_tokens: int = 256
    seed: int | None = None

    def __post_init__(self) -> None:
        if self.n < 1:
            raise ValueError(f"SamplingParams.n must be >= 1, got {self.n}")
        if self.temperature <= 0:
            raise ValueError(f"SamplingParams.temperature must be > 0, got {self.temperature}")
        if not 0 < self.top_p <= 1:
            raise ValueError(f"SamplingParams.top_p must be in (0, 1], got {self.top_p}")
        if self.max_new_tokens < 1:
            raise ValueError(f"SamplingParams.max_new_tokens must be >= 1, got {self.max_new_tokens}")


@dataclass
class Rollout:
    prompt_index: int
    token_ids: list[int]  # the completion only; ends with EOS when finish_reason == "stop"
    text: str  # decoded without special tokens
    logprobs: list[float]  # one per token in token_ids, under logits / temperature
    finish_reason: str  # "stop" | "length"


class RolloutEngine(Protocol):
    def generate(self, prompts: list[list[dict]], params: SamplingParams) -> list[list[Rollout]]:
        """n rollouts per prompt, in prompt order."""
        ...

    def update_weights(self, model: Any) -> None:
        """Make the next `generate` sample from `model`'s current weights."""
        ...


def prompt_ids(tokenizer: Any, messages: list[dict]) -> list[int]:
    """Token ids of a chat prompt with the assistant turn opened."""
    ids = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=True)
    if isinstance(ids, dict) or hasattr(ids, "keys"):
        ids = ids["input_ids"]
    return list(ids)


class HFEngine:
    """Sampling with `model.generate` on the training model itself (left-padded batches)."""

    def __init__(self, model: Any, tokenizer: Any, device: str | None = None, batch_size: int = 64) -> None:
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.model = model
        self.tokenizer = tokenizer
        self.device = device or str(next(model.parameters()).device)
        self.batch_size = batch_size

    def update_weights(self, model: Any) -> None:
        self.model = model  # same tensors: nothing to copy

    def generate(self, prompts: list[list[dict]], params: SamplingParams) -> list[list[Rollout]]:
        import torch

        if params.seed is not None:
            torch.manual_seed(params.seed)
        encoded = [prompt_ids(self.tokenizer, p) for p in prompts]
        # batches of similar prompt length: less padding, and short tasks stop together instead of
        # waiting for a long reply in their batch (the output order is by prompt either way)
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
        jobs = [(i, encoded[i]) for i in order for _ in range(params.n)]
        out: list[list[Rollout]] = [[] for _ in prompts]
        for start in range(0, len(jobs), self.batch_size):
            for rollout in self._batch(jobs[start : start + self.batch_size], params):
                out[rollout.prompt_index].append(rollout)
        return out

    def _batch(self, jobs: list[tuple[int, list[int]]], params: SamplingParams) -> list[Rollout]:
        import torch

        tok = self.tokenizer
        width = max(len(ids) for _, ids in jobs)
        input_ids = torch.full((len(jobs), width), tok.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(jobs), width), dtype=torch.long)
        for row, (_, ids) in enumerate(jobs):
            input_ids[row, width - len(ids) :] = torch.tensor(ids)
            mask[row, width - len(ids) :] = 1
        was_training = self.model.training
        self.model.eval()
        with torch.no_grad():
            gen = self.model.generate(
                input_ids=input_ids.to(self.device),
                attention_mask=mask.to(self.device),
                do_sample=True,
                temperature=params.temperature,
                top_p=params.top_p,
                top_k=0,
                max_new_tokens=params.max_new_tokens,
                eos_token_id=tok.eos_token_id,
                pad_token_id=tok.pad_token_id,
                return_dict_in_generate=True,
                output_logits=True,
            )
        self.model.train(was_training)
        new = gen.sequences[:, width:].cpu()
        logits = torch.stack(gen.logits, dim=1).float().cpu() / params.temperature
        logp = torch.log_softmax(logits, dim=-1).gather(-1, new.unsqueeze(-1)).squeeze(-1)
        rollouts = []
        for row, (index, _) in enumerate(jobs):
            ids = new[row].tolist()
            stop = tok.eos_token_id in ids
            length = ids.index(tok.eos_token_id) + 1 if stop else len(ids)
            ids = ids[:length]
            rollouts.append(
                Rollout(
                    prompt_index=index,
                    token_ids=ids,
                    text=tok.decode(ids, skip_special_tokens=True),
                    logprobs=logp[row, :length].tolist(),
                    finish_reason="stop" if stop else "length",
                )
            )
        return rollouts


class VLLMEngine:
    """A colocated `vllm.LLM` in this process (vLLM >= 0.31 API; GPU machines only, not run in CI).

    In-process executor (`VLLM_ENABLE_V1_MULTIPROCESSING=0`), so trained weights go straight into
    the engine's model with `load_weights`; `logprobs_mode="processed_logprobs"` so its log-probs
    are those of logits / temperature. With sleep mode (CUDA) the engine frees its memory while
    the trainer updates: sleep(2) -> train -> wake weights -> load_weights -> wake KV cache.
    """

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        *,
        gpu_memory_utilization: float = 0.3,
        max_model_len: int | None = None,
        enable_sleep_mode: bool | None = None,
        seed: int = 0,
        dtype: str = "auto",
    ) -> None:
        os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")
        import torch
        from vllm import LLM

        self.tokenizer = tokenizer
        self.sleep_mode = torch.cuda.is_available() if enable_sleep_mode is None else enable_sleep_mode
        path = getattr(model, "name_or_path", "") or ""
        if not os.path.isdir(path):  # a model built in memory: vLLM loads its config from a directory
            path = tempfile.mkdtemp(prefix="prorl-vllm-")
            model.save_pretrained(path)
            tokenizer.save_pretrained(path)
        self.llm = LLM(
            model=path,
            dtype=dtype,
            seed=seed,
            gpu_memory_utilization=gpu_memory_utilization,
            max_model_len=max_model_len,
            enable_sleep_mode=self.sleep_mode,
            logprobs_mode="processed_logprobs",
        )
        self._pending: Any = None
        self._asleep = False

    def _engine_model(self) -> Any:
        return self.llm.llm_engine.model_executor.driver_worker.model_runner.model

    def update_weights(self, model: Any) -> None:
        """Push weights now, or at the next wake-up when the engine sleeps (its weights are discarded)."""
        if self._asleep:
            self._pending = model
            return
        self._load(model)

    def _load(self, model: Any) -> None:
        state = model.state_dict()
        self._engine_model().load_weights((name, tensor.detach()) for name, tensor in state.items())
        self.llm.reset_prefix_cache()

    def _wake(self) -> None:
        if not self._asleep:
            return
        self.llm.wake_up(tags=["weights"])
        if self._pending is not None:
            self._load(self._pending)
            self._pending = None
        self.llm.wake_up(tags=["kv_cache"])
        self._asleep = False

    def sleep(self) -> None:
        if self.sleep_mode and not self._asleep:
            self.llm.sleep(level=2)
            self._asleep = True

    def generate(self, prompts: list[list[dict]], params: SamplingParams) -> list[list[Rollout]]:
        from vllm import SamplingParams as VSamplingParams

        self._wake()
        sampling = VSamplingParams(
            n=params.n,
            temperature=params.temperature,
            top_p=params.top_p,
            max_tokens=params.max_new_tokens,
            seed=params.seed,
            logprobs=0,  # only the sampled token's log-prob
        )
        requests = [{"prompt_token_ids": prompt_ids(self.tokenizer, p)} for p in prompts]
        outputs = self.llm.generate(requests, sampling_params=sampling, use_tqdm=False)
        result: list[list[Rollout]] = []
        for index, request in enumerate(outputs):
            group = []
            for c in request.outputs:
                ids = list(c.token_ids)
                logprobs = [step[tid].logprob for tid, step in zip(ids, c.logprobs or [], strict=False)]
                reason = "stop" if c.finish_reason == "stop" else "length"
                group.append(Rollout(index, ids, c.text, logprobs, reason))
            result.append(group)
        self.sleep()
        return result


def make_engine(name: str, model: Any, tokenizer: Any, **kw: Any) -> RolloutEngine:
    """`hf` or `vllm`; keyword arguments go to the engine's constructor."""
    if name == "hf":
        return HFEngine(model, tokenizer, **kw)
    if name == "vllm":
        return VLLMEngine(model, tokenizer, **kw)
    raise ValueError(f"unknown rollout engine {name!r}; choose 'hf' or 'vllm'")
