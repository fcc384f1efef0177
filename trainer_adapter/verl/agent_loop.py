"""A verl 0.9 agent loop for the multi-turn code env: write a program, get test feedback, try again.

Rows whose `agent_name` is `prorl_code_feedback` (see `export_parquet(..., agents={"code": ...})`)
run here. Each assistant turn is judged by the `code` verifier; a wrong program gets `envs.code`'s
feedback (the first failing public test, or the compile error) as the next user message, whose
tokens are masked out of the loss (`response_mask` 0). The last turn's verdict is the trajectory's
reward (`reward_score`, so verl's reward loop is skipped for it), and its `acc` feeds
`algorithm.filter_groups.metric=acc` like `compute_score`'s. Register it with
`actor_rollout_ref.rollout.agent.agent_loop_config_path` pointing at a YAML list holding
`{name: prorl_code_feedback, _target_: trainer_adapter.verl.agent_loop.CodeFeedbackAgentLoop}`.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from verl.experimental.agent_loop.agent_loop import AgentLoopBase, AgentLoopMetrics, AgentLoopOutput, register
from verl.utils.profiler import simple_timer

from envs.code.env import feedback
from trainer_adapter.verl.recipe import CODE_AGENT
from trainer_adapter.verl.score import verdict_result, verl_task
from verifiers import Verdict, verify_task

DEFAULT_TURNS = 3


@register(CODE_AGENT)
class CodeFeedbackAgentLoop(AgentLoopBase):
    """Up to `max_turns` programs per trajectory (default: `rollout.multi_turn.max_assistant_turns`, else 3)."""

    def __init__(self, *args: Any, max_turns: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.response_length = int(self.rollout_config.response_length)
        configured = (self.rollout_config.get("multi_turn") or {}).get("max_assistant_turns")
        self.max_turns = int(max_turns or configured or DEFAULT_TURNS)
        if self.max_turns < 1:
            raise ValueError(f"{CODE_AGENT}: max_turns must be >= 1, got {self.max_turns}")

    async def run(self, sampling_params: dict[str, Any], **kwargs: Any) -> AgentLoopOutput:
        task = verl_task(
            kwargs.get("data_source"),
            (kwargs.get("reward_model") or {}).get("ground_truth"),
            kwargs.get("extra_info"),
        )
        messages = [dict(m) for m in kwargs["raw_prompt"]]
        tokenizer: Any = self.tokenizer
        ids = await self.ct_build_initial_tokens(messages)
        mask: list[int] = []
        logprobs: list[float] = []
        metrics: dict[str, Any] = {}
        scores: list[float] = []
        verdict: Verdict | None = None
        turns = 0
        while turns < self.max_turns:
            with simple_timer("generate_sequences", metrics):
                out = await self.server_manager.generate(
                    request_id=uuid4().hex, prompt_ids=ids, sampling_params=sampling_params
                )
            turns += 1
            merged, mask, new_lp = await self.ct_merge_assistant_token(
                ids,
                out.token_ids,
                mask,
                logprobs if (logprobs or out.log_probs) else None,
                assistant_logprobs=out.log_probs or None,
            )
            ids, logprobs = merged.token_ids, new_lp or logprobs
            text = tokenizer.decode(out.token_ids, skip_special_tokens=True)
            verdict = await self.loop.run_in_executor(None, verify_task, task, text)
            scores.append(float(verdict.reward))
            if verdict.correct or turns >= self.max_turns or len(mask) >= self.response_length:
                break
            before = [*messages, {"role": "assistant", "content": text}]
            messages = [*before, {"role": "user", "content": feedback(task, verdict)}]
            merged, new_mask, new_lp = await self.ct_merge_context_msg(
                before, messages, ids, mask, logprobs or None
            )
            if len(new_mask) >= self.response_length:
                break  # no room left for another program: the last verdict stands
            ids, mask, logprobs = merged.token_ids, new_mask, new_lp or logprobs
        assert verdict is not None
        length, split = self.response_length, len(ids) - len(mask)  # the builder may re-split the boundary
        output = AgentLoopOutput(
            prompt_ids=ids[:split],
            response_ids=ids[split:][:length],
            response_mask=mask[:length],
            response_logprobs=logprobs[:length] if logprobs else None,
            reward_score=float(verdict.reward),
            num_turns=2 * turns,
            metrics=AgentLoopMetrics(generate_sequences=metrics.get("generate_sequences", 0.0)),
            extra_fields={},
        )
        output.extra_fields.update(
            {"turn_scores": scores, "tool_rewards": [], "reward_extra_info": verdict_result(verdict)}
        )
        return output
