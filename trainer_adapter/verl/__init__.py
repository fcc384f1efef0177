"""verl adapter (extra `[verl]`): the reward function, RL parquet, the ProRL overrides and staged plan.

Nothing here imports verl except `trainer_adapter.verl.agent_loop` (the multi-turn code agent loop),
which verl imports itself through `agent_loop_config_path`; the reward function is plain Python
that verl loads with `reward.custom_reward_function.path=pkg://trainer_adapter.verl.score`.
"""

from trainer_adapter.verl.export import export_parquet, verl_row, verl_rows
from trainer_adapter.verl.plan import plan_script
from trainer_adapter.verl.recipe import (
    CODE_AGENT,
    REWARD_FUNCTION,
    Stage,
    hydra_args,
    overlong_penalty,
    prorl_overrides,
    prorl_stages,
)
from trainer_adapter.verl.score import compute_score, compute_score_batch, verl_task

__all__ = [
    "CODE_AGENT",
    "REWARD_FUNCTION",
    "Stage",
    "compute_score",
    "compute_score_batch",
    "export_parquet",
    "hydra_args",
    "overlong_penalty",
    "plan_script",
    "prorl_overrides",
    "prorl_stages",
    "verl_row",
    "verl_rows",
    "verl_task",
]
