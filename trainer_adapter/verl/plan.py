"""The staged ProRL plan as a bash script: one verl run per stage, each resetting reference and optimizer.

Stage k loads the last checkpoint of stage k-1 as `actor_rollout_ref.model.path`, which verl uses
for both the actor and the reference worker; `trainer.resume_mode=disable` starts a fresh optimizer.
That is ProRL's hard reset. A stage can be stopped early when validation stalls (the plan's plateau
rule, applied by watching `val-core/*` in the logger): `START=k+1 bash plan.sh` carries on from
that stage's latest checkpoint (`latest_checkpointed_iteration.txt`).
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence

from trainer_adapter.verl.recipe import CODE_AGENT, MIX_WITH_IF, Stage, hydra_args, prorl_stages

HEADER = """#!/usr/bin/env bash
# ProRL as {count} verl runs (written by `prorl-gym verl-plan`). Each run starts from the previous run's
# last checkpoint, which becomes both the policy and the KL reference, with a fresh optimizer.
# Stop a run early when validation stalls, then: START=<next stage> bash {name}
# Needs GPUs, verl 0.9 with vLLM, and prorl-gym[verl] installed in the same environment.
set -euo pipefail
MODEL=${{MODEL:-{model}}}
WORK=${{WORK:-{workdir}}}
START=${{START:-1}}
STEPS=${{STEPS:-{steps}}}
SAVE_FREQ=${{SAVE_FREQ:-{save_freq}}}
TRAIN_N=${{TRAIN_N:-{train_n}}}
NODES=${{NODES:-{nodes}}}
GPUS=${{GPUS:-{gpus}}}
mkdir -p "$WORK"

last_ckpt() {{  # the HF weights of a stage's latest checkpoint
  local ckpt="$1/ckpt"
  [ -f "$ckpt/latest_checkpointed_iteration.txt" ] || {{ echo "no checkpoint in $ckpt" >&2; exit 1; }}
  echo "$ckpt/global_step_$(cat "$ckpt/latest_checkpointed_iteration.txt")/actor/huggingface"
}}

VAL="$WORK/val.parquet"
[ -f "$VAL" ] || prorl-gym verl-export {val_mix} -n {val_n} --seed 999 --split test -o "$VAL"{agents}
PREV="$MODEL"
"""

STAGE = """
# --- stage {k}: {name}
DIR="$WORK/stage{k}"
if [ "$START" -le {k} ]; then
  prorl-gym verl-export {mix} -n "$TRAIN_N" --seed {seed} -o "$DIR/train.parquet"{agents}
  python3 -m verl.trainer.main_ppo \\
{args}
fi
PREV=$(last_ckpt "$DIR")
"""

COMMON = [
    "data.train_files=$DIR/train.parquet",
    "data.val_files=$VAL",
    "data.max_prompt_length=2048",
    "data.filter_overlong_prompts=true",
    "actor_rollout_ref.model.path=$PREV",
    "actor_rollout_ref.rollout.name=vllm",
    "actor_rollout_ref.actor.checkpoint.save_contents=[model,optimizer,extra,hf_model]",
    "trainer.resume_mode=disable",
    "trainer.default_local_dir=$DIR/ckpt",
    "trainer.save_freq=$SAVE_FREQ",
    "trainer.test_freq=$SAVE_FREQ",
    "trainer.nnodes=$NODES",
    "trainer.n_gpus_per_node=$GPUS",
    "trainer.project_name=prorl",
    "trainer.logger=[console,tensorboard]",
]


def _arg(text: str) -> str:
    """Quote for bash but let `$VAR` expand: double quotes, with the characters bash treats specially escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`") + '"'


def plan_script(
    model: str,
    workdir: str,
    *,
    stages: Sequence[Stage] | None = None,
    steps_per_stage: int = 300,
    save_freq: int = 50,
    train_n: int = 136_000,
    val_n: int = 1000,
    nodes: int = 4,
    gpus_per_node: int = 8,
    multi_turn_code: bool = False,
    start_seed: int = 0,
    name: str = "prorl_plan.sh",
) -> str:
    """The bash script that runs `stages` (default: the paper's eight) one after another."""
    stages = list(prorl_stages() if stages is None else stages)
    if not stages:
        raise ValueError("a plan needs at least one stage")
    for value, what in ((steps_per_stage, "steps_per_stage"), (save_freq, "save_freq"), (train_n, "train_n")):
        if value < 1:
            raise ValueError(f"{what} must be >= 1, got {value}")
    agents = f" --agents code={CODE_AGENT}" if multi_turn_code else ""
    out = [
        HEADER.format(
            count=len(stages),
            name=name,
            model=shlex.quote(model),
            workdir=shlex.quote(workdir),
            steps=steps_per_stage,
            save_freq=save_freq,
            train_n=train_n,
            nodes=nodes,
            gpus=gpus_per_node,
            val_mix=shlex.quote(MIX_WITH_IF),
            val_n=val_n,
            agents=agents,
        )
    ]
    for k, stage in enumerate(stages, start=1):
        steps = str(stage.steps) if stage.steps is not None else "$STEPS"
        overrides = stage.overrides()
        if multi_turn_code:
            overrides["actor_rollout_ref.rollout.agent.agent_loop_config_path"] = "$WORK/agent_loops.yaml"
        args = [*COMMON, f"trainer.total_training_steps={steps}", f"trainer.experiment_name=stage{k}"]
        args += hydra_args(overrides)
        body = " \\\n".join("    " + _arg(a) for a in args)
        out.append(
            STAGE.format(
                k=k,
                name=stage.name,
                mix=shlex.quote(stage.mix),
                seed=start_seed + k,
                agents=agents,
                args=body,
            )
        )
    if multi_turn_code:
        out.insert(1, AGENT_YAML)
    out.append('\necho "ProRL plan done; final weights: $PREV"\n')
    return "".join(out)


AGENT_YAML = """
cat > "$WORK/agent_loops.yaml" <<'YAML'
- name: prorl_code_feedback
  _target_: trainer_adapter.verl.agent_loop.CodeFeedbackAgentLoop
YAML
"""
