"""Training config: YAML + --set overrides; unknown keys and bad values name what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from trainer_adapter.prorl.config import DEFAULT_CONFIG, ConfigError, load_config

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


def test_default_is_cpu_tiny_and_covers_five_domains() -> None:
    cfg = load_config()
    assert cfg.name == "cpu-tiny" and DEFAULT_CONFIG.name == "cpu-tiny.yaml"
    import envs

    domains = {envs.spec(name).domain for name in cfg.data.mix}
    assert {"math", "code", "logic", "stem", "instruction_following"} <= domains
    assert len(cfg.data.mix) >= 5
    assert cfg.reset.plan().enabled


def test_paper_config_holds_the_paper_values() -> None:
    cfg = load_config(CONFIGS / "prorl-1.5b.yaml")
    assert cfg.model.path == "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B"
    assert (cfg.rollout.n, cfg.rollout.temperature) == (16, 1.2)
    assert (cfg.algo.eps_low, cfg.algo.eps_high, cfg.algo.beta) == (0.2, 0.4, 1e-4)
    assert (cfg.optim.lr, cfg.optim.prompts_per_step, cfg.optim.mini_batch_prompts) == (2e-6, 256, 64)
    assert cfg.rollout.max_new_tokens == 8192
    assert cfg.rollout.engine == "vllm"


def test_overrides_parse_as_yaml_values() -> None:
    cfg = load_config(None, ["algo.beta=0.001", "reset.at_steps=[5, 9]", "log.console=false", "name=x"])
    assert cfg.algo.beta == 0.001 and cfg.reset.at_steps == [5, 9] and cfg.log.console is False
    assert cfg.name == "x"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("algo.bta=0.1", "algo.bta: unknown key"),
        ("algo.eps_low=1.5", "algo.eps_low"),
        ("optim.lr=fast", "optim.lr"),
        ("rollout.engine=sglang", "rollout.engine"),
        ("optim.mini_batch_prompts=5", "multiple of"),
        ("eval.ks=[1, 99]", "eval.ks"),
        ("justakey", "key=value"),
        ("algo.beta.x=1", "holds a value"),
    ],
)
def test_bad_input_is_a_clear_error(override: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        load_config(None, [override])


def test_missing_and_malformed_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- a list\n")
    with pytest.raises(ConfigError, match="mapping"):
        load_config(bad)


def test_no_learnable_env_of_the_default_pays_a_constant_answer() -> None:
    """A gain on the learnable envs must not be reachable by learning one fixed reply (the most common
    gold answer, or the prompt echoed back)."""
    from collections import Counter

    import envs
    from envs.gold import gold_completion
    from verifiers import verify_batch

    cfg = load_config()
    learnable = [name for name, entry in cfg.data.mix.items() if entry.learnable]
    assert learnable
    for name in learnable:
        tasks = envs.make(name, **cfg.data.mix[name].config).sample(200, seed=5)
        common = Counter(gold_completion(t, "") for t in tasks).most_common(1)[0][0]
        for reply in (common, None):
            items = [{"task": t, "completion": reply or t.prompt[-1]["content"]} for t in tasks]
            mean = sum(v.reward for v in verify_batch(items, workers=1)) / len(tasks)
            assert mean < 0.15, (name, reply, mean)
