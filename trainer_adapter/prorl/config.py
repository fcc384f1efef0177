"""Every knob of the ProRL loop as one pydantic model, loaded from YAML and `--set key=value` overrides.

Unknown keys and bad values fail with the dotted key path and what is allowed, before anything
heavy is imported. With no file, the built-in default is `configs/cpu-tiny.yaml`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from trainer_adapter.reset import Plateau, ResetPlan

DEFAULT_CONFIG = Path(__file__).resolve().parents[2] / "configs" / "cpu-tiny.yaml"


class ConfigError(ValueError):
    """A config file or override that cannot be used; the message says what to fix."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelConfig(_Section):
    source: Literal["tiny", "pretrained"] = "tiny"  # tiny: built from a config; pretrained: from `path`
    path: str | None = None  # model id or directory for source=pretrained
    hidden_size: int = Field(64, ge=8)
    num_layers: int = Field(2, ge=1)
    num_heads: int = Field(4, ge=1)
    vocab_size: int = Field(1024, ge=300)  # tokenizer trained locally on the task texts
    dtype: Literal["float32", "bfloat16"] = "float32"
    device: str = "auto"  # auto: cuda when available, else cpu
    threads: int | None = Field(None, ge=1)  # torch CPU threads


class EnvEntry(_Section):
    weight: float = Field(1.0, gt=0)
    config: dict[str, Any] = Field(default_factory=dict)  # passed to envs.make(name, **config)
    learnable: bool = True  # whether the summary expects this env to improve at this scale
    heldout: int | None = Field(None, ge=1)  # held-out tasks of this env (default: data.heldout_per_env)


class DataConfig(_Section):
    mix: dict[str, EnvEntry]
    heldout_per_env: int = Field(16, ge=1)  # validation / final pass@k tasks per env, never trained on


class WarmStartConfig(_Section):
    steps: int = Field(0, ge=0)  # supervised steps on gold completions before RL (0: off)
    tasks: int = Field(256, ge=1)  # how many training tasks supply gold completions
    batch_size: int = Field(32, ge=1)
    micro_batch: int = Field(8, ge=1)  # rows per forward pass, grouped by length (less padding)
    lr: float = Field(3e-3, gt=0)
    think: str = ""  # reasoning prefix put before each gold final answer


class RolloutConfig(_Section):
    engine: Literal["hf", "vllm"] = "hf"
    n: int = Field(8, ge=1)  # rollouts per prompt (group size)
    temperature: float = Field(1.0, gt=0)
    top_p: float = Field(1.0, gt=0, le=1)
    max_new_tokens: int = Field(48, ge=1)
    batch_size: int = Field(64, ge=1)  # sequences per generate call (hf)
    chunks: int = Field(2, ge=1)  # generation chunks per round; each is scored while the next generates
    gpu_memory_utilization: float = Field(0.3, gt=0, le=1)  # vllm


class AlgoConfig(_Section):
    advantage: Literal["grpo", "reinforce_pp_baseline"] = "grpo"
    std_eps: float = Field(1e-6, gt=0)
    eps_low: float = Field(0.2, ge=0, lt=1)
    eps_high: float = Field(0.4, ge=0)
    beta: float = Field(1e-4, ge=0)  # KL coefficient (0: no reference model forward)
    kl_estimator: Literal["k3", "k2"] = "k3"
    kl_clamp: float = Field(10.0, gt=0)  # |estimate| <= kl_clamp, as verl's low_var_kl
    log_ratio_clamp: float = Field(20.0, gt=0)  # |log pi_ref - log pi| clamped before the estimator
    dynamic_sampling: bool = True  # drop groups whose rewards are all equal, refill
    max_extra_rounds: int = Field(2, ge=0)  # refill generation rounds per step beyond the first
    stop_properly: bool = True  # truncated responses get reward 0 (ProRL runs 4-5)


class OptimConfig(_Section):
    steps: int = Field(60, ge=0)  # rollout steps
    prompts_per_step: int = Field(16, ge=1)
    mini_batch_prompts: int = Field(8, ge=1)  # one optimizer step per mini-batch
    micro_batch_seqs: int = Field(64, ge=1)  # sequences per forward/backward (gradient accumulation)
    lr: float = Field(1e-3, gt=0)  # AdamW, constant
    weight_decay: float = Field(0.0, ge=0)
    betas: tuple[float, float] = (0.9, 0.999)
    grad_clip: float = Field(1.0, gt=0)

    @model_validator(mode="after")
    def _divides(self) -> OptimConfig:
        if self.prompts_per_step % self.mini_batch_prompts:
            raise ValueError(
                f"prompts_per_step ({self.prompts_per_step}) must be a multiple of "
                f"mini_batch_prompts ({self.mini_batch_prompts})"
            )
        return self


class ResetConfig(_Section):
    every_steps: int | None = Field(None, ge=1)
    at_steps: list[int] = Field(default_factory=list)
    plateau_metric: str | None = None  # e.g. "val/reward"; a reset when it stalls
    patience: int = Field(3, ge=1)
    min_delta: float = Field(0.0, ge=0)
    reset_optimizer: bool = True  # v1 clears AdamW state; v2 keeps it

    def plan(self) -> ResetPlan:
        plateau = None
        if self.plateau_metric:
            plateau = Plateau(self.plateau_metric, self.patience, self.min_delta)
        return ResetPlan(self.every_steps, tuple(self.at_steps), plateau, self.reset_optimizer)


class EvalConfig(_Section):
    every_steps: int = Field(20, ge=0)  # validation on held-out tasks (0: only at the end)
    val_n: int = Field(4, ge=1)  # samples per held-out task during training
    final_n: int = Field(8, ge=1)  # samples per held-out task for the final pass@k
    ks: list[int] = Field(default_factory=lambda: [1, 4, 8])
    temperature: float = Field(0.6, gt=0)  # the paper evaluates at 0.6 / top_p 0.95
    top_p: float = Field(0.95, gt=0, le=1)
    max_new_tokens: int | None = Field(None, ge=1)  # default: the rollout length
    final: bool = True  # pass@k of the starting vs the trained policy at the end
    min_z: float = Field(2.0, gt=0)  # "learned": the paired gain on learnable envs exceeds min_z std errors


class VerifyConfig(_Section):
    workers: int | None = Field(None, ge=1)  # verifier pool size (default: one per core)
    timeout_s: float | None = Field(None, gt=0)  # hard timeout per item (default: per kind)


class LogConfig(_Section):
    out_dir: str = "runs"
    console: bool = True  # live rich display
    plots: bool = True
    tensorboard: bool = False
    checkpoint_every: int = Field(0, ge=0)  # steps (0: only at the end)


class TrainConfig(_Section):
    name: str = "cpu-tiny"
    seed: int = 0
    model: ModelConfig = Field(default_factory=ModelConfig)  # type: ignore[arg-type]
    data: DataConfig
    warmstart: WarmStartConfig = Field(default_factory=WarmStartConfig)  # type: ignore[arg-type]
    rollout: RolloutConfig = Field(default_factory=RolloutConfig)  # type: ignore[arg-type]
    algo: AlgoConfig = Field(default_factory=AlgoConfig)  # type: ignore[arg-type]
    optim: OptimConfig = Field(default_factory=OptimConfig)  # type: ignore[arg-type]
    reset: ResetConfig = Field(default_factory=ResetConfig)  # type: ignore[arg-type]
    eval: EvalConfig = Field(default_factory=EvalConfig)  # type: ignore[arg-type]
    verify: VerifyConfig = Field(default_factory=VerifyConfig)  # type: ignore[arg-type]
    log: LogConfig = Field(default_factory=LogConfig)  # type: ignore[arg-type]
    resume: str | None = None  # a checkpoint directory to continue from

    @model_validator(mode="after")
    def _consistent(self) -> TrainConfig:
        if self.model.source == "pretrained" and not self.model.path:
            raise ValueError("model.path is required when model.source is 'pretrained'")
        if any(k < 1 or k > self.eval.final_n for k in self.eval.ks):
            raise ValueError(f"eval.ks must lie in [1, eval.final_n={self.eval.final_n}], got {self.eval.ks}")
        return self

    @property
    def run_dir(self) -> Path:
        return Path(self.log.out_dir) / self.name


def _set(tree: dict[str, Any], dotted: str, value: Any) -> None:
    keys = dotted.split(".")
    node = tree
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            raise ConfigError(f"--set {dotted}: {key!r} holds a value, not a section")
        node = child
    node[keys[-1]] = value


def apply_overrides(tree: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    """`key.sub=value` strings into the raw tree; values parse as YAML (`1e-4`, `[1, 2]`, `true`)."""
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--set expects key=value (e.g. algo.beta=0.001), got {item!r}")
        try:
            value = yaml.safe_load(raw) if raw.strip() else None
        except yaml.YAMLError as exc:
            raise ConfigError(f"--set {item}: the value is not valid YAML ({exc})") from None
        _set(tree, key.strip(), value)
    return tree


def _explain(exc: ValidationError, source: str) -> ConfigError:
    lines = [f"invalid training config ({source}):"]
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        if err["type"] == "extra_forbidden":
            lines.append(f"  {where}: unknown key (check the spelling; see configs/cpu-tiny.yaml)")
        else:
            lines.append(f"  {where}: {err['msg']} (got {err.get('input')!r})")
    return ConfigError("\n".join(lines))


def load_config(path: str | Path | None = None, overrides: list[str] | None = None) -> TrainConfig:
    """The config in `path` (default: the built-in cpu-tiny) with `overrides` applied and validated."""
    file = Path(path) if path is not None else DEFAULT_CONFIG
    if not file.is_file():
        raise ConfigError(f"config file not found: {file}")
    try:
        tree = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{file} is not valid YAML: {exc}") from None
    if not isinstance(tree, dict):
        raise ConfigError(f"{file} must hold a mapping of sections, got {type(tree).__name__}")
    apply_overrides(tree, list(overrides or []))
    try:
        return TrainConfig.model_validate(tree)
    except ValidationError as exc:
        raise _explain(exc, str(file)) from None
