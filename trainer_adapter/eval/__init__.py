"""pass@k evaluation and the reasoning-boundary plot (ProRL section 4).

result = evaluate(engine, tasks, n=16)                 # sample through a RolloutEngine, then score
result = evaluate_completions("completions.jsonl")     # or score completions generated elsewhere
comparison = compare(base, trained, Path("out"))       # passk.png, passk.json, passk.md
"""

from trainer_adapter.eval.compare import DEFAULT_EPS, REGIMES, Comparison, Delta, classify
from trainer_adapter.eval.passk import EvalInputError, default_ks, mean_pass_at_k, pass_at_k
from trainer_adapter.eval.report import compare, write_report
from trainer_adapter.eval.result import EvalResult, GroupScore, TaskScore
from trainer_adapter.eval.run import (
    PAPER_TEMPERATURE,
    PAPER_TOP_P,
    evaluate,
    evaluate_completions,
    load_tasks,
    paper_params,
)

__all__ = [
    "DEFAULT_EPS",
    "PAPER_TEMPERATURE",
    "PAPER_TOP_P",
    "REGIMES",
    "Comparison",
    "Delta",
    "EvalInputError",
    "EvalResult",
    "GroupScore",
    "TaskScore",
    "classify",
    "compare",
    "default_ks",
    "evaluate",
    "evaluate_completions",
    "load_tasks",
    "mean_pass_at_k",
    "paper_params",
    "pass_at_k",
    "write_report",
]
