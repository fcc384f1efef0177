"""Adapters that plug prorl-gym envs into trainers: TRL, verl and the thin ProRL loop.

- `trainer_adapter.data`: Tasks as Arrow/parquet rows (the Task travels as JSON) and back, exactly.
- `trainer_adapter.rewards`: completions (text or chat messages) + Tasks -> Verdicts, in one batch.
- `trainer_adapter.reset`: the reference-reset plan as data, shared by every trainer.
- `trainer_adapter.trl` (extra `[trl]`): dataset, reward function, `prorl_config`, `ProRLResetCallback`,
  and the multi-turn code env for `environment_factory`.
- `trainer_adapter.verl` (extra `[verl]`): `compute_score`, `export_parquet`, `prorl_overrides`, the
  staged plan (`prorl-gym verl-plan`) and the code agent loop.
- `trainer_adapter.prorl`: the ProRL loop itself.

Importing this package imports no trainer, torch or datasets; each adapter imports its own.
"""
