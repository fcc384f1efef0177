"""The ProRL loop, read top to bottom.

    sample tasks -> rollouts (n per prompt) -> verify (overlapped with generation) -> advantages
    -> dynamic sampling (drop all-equal groups, refill) -> loss over mini-batches -> optimizer steps
    -> reference-reset check -> log / validate / checkpoint

No trainer framework underneath: the policy is a transformers causal LM, the optimizer plain AdamW
at a constant LR, rewards come from our verifiers through the worker pool with hard timeouts.
"""

from __future__ import annotations

import time
from typing import Any

import torch

from envs.core import derive_seed
from trainer_adapter.prorl import checkpoint
from trainer_adapter.prorl.batch import make_batch
from trainer_adapter.prorl.config import TrainConfig
from trainer_adapter.prorl.groups import Group, advantages, collect_batch
from trainer_adapter.prorl.loss import policy_loss, token_logprobs
from trainer_adapter.prorl.metrics import plot_run, rollout_metrics
from trainer_adapter.prorl.rollout import SamplingParams
from trainer_adapter.prorl.scoring import PhaseTimes
from trainer_adapter.prorl.setup import start_run


def update(
    policy: Any,
    ref: Any,
    optimizer: Any,
    groups: list[Group],
    advs: list[list[float]],
    cfg: TrainConfig,
    device: str,
) -> dict[str, float]:
    """One optimizer step per mini-batch of prompts; token-mean loss over each mini-batch."""
    algo, optim = cfg.algo, cfg.optim
    sums: dict[str, float] = {}
    tokens, steps = 0.0, 0
    policy.train()
    for start in range(0, len(groups), optim.mini_batch_prompts):
        end = start + optim.mini_batch_prompts
        batch = make_batch(groups[start:end], advs[start:end], policy.config.pad_token_id).to(device)
        n_tokens = float(batch.mask.sum().clamp(min=1))
        optimizer.zero_grad(set_to_none=True)
        for micro in batch.split(optim.micro_batch_seqs):
            args = (micro.input_ids, micro.attention_mask, micro.n_completion, cfg.rollout.temperature)
            logp, entropy = token_logprobs(policy, *args)
            ref_logp = None
            if ref is not None:
                with torch.no_grad():
                    ref_logp, _ = token_logprobs(ref, *args)
            loss, stats = policy_loss(
                logp, micro.old_logp, ref_logp, micro.advantages, micro.mask, n_tokens,
                algo.eps_low, algo.eps_high, algo.beta, algo.kl_estimator, algo.log_ratio_clamp, algo.kl_clamp,
            )  # fmt: skip
            loss.backward()
            stats["entropy_sum"] = float((entropy.detach() * micro.mask).sum())
            stats["loss"] = loss.item()
            for key, value in stats.items():
                sums[key] = sums.get(key, 0.0) + value
        grad_norm = torch.nn.utils.clip_grad_norm_(policy.parameters(), optim.grad_clip)
        sums["grad_norm"] = sums.get("grad_norm", 0.0) + float(grad_norm)
        optimizer.step()
        tokens += n_tokens
        steps += 1
    if steps == 0:
        return {"optimizer_steps": 0.0}
    per_token = {k.removesuffix("_sum"): sums[k] / tokens for k in sums if k.endswith("_sum")}
    return {
        **per_token,
        "loss": sums["loss"] / steps,
        "grad_norm": sums["grad_norm"] / steps,
        "optimizer_steps": float(steps),
    }


def reset_reference(ref: Any, policy: Any, optimizer: Any, clear_optimizer: bool) -> None:
    """ProRL's hard reset: reference <- policy; AdamW moments cleared (v1) or kept (v2)."""
    if ref is not None:
        ref.load_state_dict(policy.state_dict())
    if clear_optimizer:
        optimizer.state.clear()


def validate(engine: Any, tasks: list, cfg: TrainConfig, n: int, label: str, seed: int) -> Any:
    """pass@k and mean reward per env on held-out tasks, sampled as in evaluation."""
    from trainer_adapter.eval import evaluate

    params = SamplingParams(
        n=n,
        temperature=cfg.eval.temperature,
        top_p=cfg.eval.top_p,
        max_new_tokens=cfg.eval.max_new_tokens or cfg.rollout.max_new_tokens,
        seed=seed,
    )
    ks = [k for k in cfg.eval.ks if k <= n] or [1]
    return evaluate(
        engine,
        tasks,
        n,
        ks,
        params,
        label=label,
        workers=cfg.verify.workers,
        timeout_s=cfg.verify.timeout_s,
        show_progress=False,
    )


def val_row(result: Any, step: int) -> dict[str, float]:
    row: dict[str, float] = {"step": float(step)}
    groups = result.envs()
    for name, g in groups.items():
        row[f"val/{name}/reward"] = g.mean_reward
        row[f"val/{name}/pass@1"] = g.pass_at_k.get(1, 0.0)
    row["val/reward"] = sum(g.mean_reward for g in groups.values()) / max(1, len(groups))
    return row


def train(cfg: TrainConfig, console: bool | None = None) -> dict[str, Any]:
    """Run the whole pipeline in `cfg`; returns the summary (also written to runs/<name>/summary.json)."""
    from trainer_adapter.prorl.summary import final_comparison

    # --- setup: seeds, tasks (held-out split first), tokenizer and policy, warm start, reference,
    #     optimizer, engine; or all of it restored from a checkpoint (setup.start_run)
    run = start_run(cfg, console)
    policy, ref, optimizer, tokenizer = run.policy, run.ref, run.optimizer, run.tokenizer
    engine, scorer, stream, heldout, logger, state = (
        run.engine,
        run.scorer,
        run.stream,
        run.heldout,
        run.logger,
        run.state,
    )
    device, run_dir = run.device, cfg.run_dir
    plan = cfg.reset.plan()
    r = cfg.rollout

    for step in range(state.step + 1, cfg.optim.steps + 1):
        t_step = time.perf_counter()
        times, seen = PhaseTimes(), list[Group]()

        # 1-3. sample tasks -> rollouts -> verify; dynamic sampling drops all-equal groups and refills
        def generate(
            k: int, step: int = step, seen: list[Group] = seen, times: PhaseTimes = times
        ) -> list[Group]:
            seed = derive_seed(cfg.seed, 1000 * step + len(seen), "rollout") % 2**62
            params = SamplingParams(r.n, r.temperature, r.top_p, r.max_new_tokens, seed)
            groups, spent = scorer(stream.next(k), params)
            times.add(spent)
            seen.extend(groups)
            return groups

        groups, sampling = collect_batch(
            generate, cfg.optim.prompts_per_step, cfg.algo.dynamic_sampling, cfg.algo.max_extra_rounds
        )
        t_rollout = time.perf_counter()

        # 4. advantages per group (GRPO, or REINFORCE++-baseline)
        advs = advantages([g.rewards for g in groups], cfg.algo.advantage, cfg.algo.std_eps)

        # 5-6. clipped token-level loss + KL, one optimizer step per mini-batch; push weights to the engine
        stats = (
            update(policy, ref, optimizer, groups, advs, cfg, device) if groups else {"optimizer_steps": 0.0}
        )
        engine.update_weights(policy)
        t_update = time.perf_counter()

        # 7. validation on held-out tasks, then the reference-reset check (schedule or plateau)
        row: dict[str, Any] = {"step": step, **rollout_metrics(seen), **stats}
        if cfg.eval.every_steps and step % cfg.eval.every_steps == 0:
            val = val_row(
                validate(engine, heldout, cfg, cfg.eval.val_n, f"step {step}", cfg.seed + step), step
            )
            state.val_history.append(val)
            row.update(val)
        reason = plan.decide(step, state.history_since_reset())
        if reason is not None:
            reset_reference(ref, policy, optimizer, plan.reset_optimizer)
            state.resets.append({"step": step, "reason": reason, "optimizer_cleared": plan.reset_optimizer})
            logger.event("reference_reset", step=step, reason=reason, optimizer_cleared=plan.reset_optimizer)
            row["reset"] = 1

        # 8. log and checkpoint
        elapsed = time.perf_counter() - t_step
        row.update({
            "kept_fraction": sampling.kept_fraction, "sampling_rounds": sampling.rounds, "kept_groups": sampling.kept_groups,
            "tokens_per_s": times.tokens / max(times.generate_s, 1e-9), "verify_hidden_fraction": times.hidden_fraction,
            "time/generate_s": times.generate_s, "time/verify_s": times.verify_s, "time/verify_exposed_s": times.verify_exposed_s,
            "time/update_s": t_update - t_rollout, "time/step_s": elapsed,
        })  # fmt: skip
        logger.log(row)
        state.step, state.stream_position = step, stream.position
        if cfg.log.checkpoint_every and step % cfg.log.checkpoint_every == 0:
            checkpoint.save(run_dir / f"checkpoint-{step}", policy, ref, tokenizer, optimizer, state.__dict__)

    scorer.close()
    checkpoint.save(run_dir / "checkpoint-last", policy, ref, tokenizer, optimizer, state.__dict__)
    plot = plot_run(run_dir, [e["step"] for e in state.resets]) if cfg.log.plots and state.step else None
    summary: dict[str, Any] = {"name": cfg.name, "steps": state.step, "resets": state.resets, "envs": []}
    if cfg.eval.final:
        summary = final_comparison(
            cfg, engine, heldout, run.start_dir, tokenizer, device, logger, state.resets, plot
        )
    logger.close()
    run.mix.close()
    return summary
