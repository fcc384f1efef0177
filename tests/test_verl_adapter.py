"""The verl adapter through verl's own code: Hydra config, reward loading and loop, dataset, agent loop.

These run where verl 0.9 and prorl-gym are installed together (`make test-verl` builds .venv-verl:
verl, CPU torch, antlr 4.9.3) and skip elsewhere. The full verl trainer needs GPUs (vLLM rollouts,
FSDP workers) and is not run here; everything below is the part of verl that touches our code.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

verl = pytest.importorskip("verl", reason="needs verl 0.9 (`make test-verl` runs this file in .venv-verl)")
pytest.importorskip("hydra", reason="needs hydra-core (a verl dependency)")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from hydra import compose, initialize_config_dir  # noqa: E402
from verl import DataProto  # noqa: E402

import envs  # noqa: E402
from trainer_adapter.data import sample_tasks  # noqa: E402
from trainer_adapter.tiny import train_tokenizer  # noqa: E402
from trainer_adapter.verl import (  # noqa: E402
    compute_score,
    compute_score_batch,
    export_parquet,
    hydra_args,
    overlong_penalty,
    plan_script,
    prorl_overrides,
    verl_task,
)
from verifiers import Task  # noqa: E402

MIX = {"math": 1.0, "sudoku": 1.0, "code": 1.0, "stem_mcq": 1.0, "ifeval": 1.0}
CONFIG_DIR = Path(verl.__file__).parent / "trainer" / "config"


def verl_config(*overrides: str) -> Any:
    """verl's own PPO trainer config (what `python -m verl.trainer.main_ppo` composes) with overrides."""
    with initialize_config_dir(config_dir=str(CONFIG_DIR), version_base=None):
        return compose(config_name="ppo_trainer", overrides=list(overrides))


@pytest.fixture(scope="module")
def tasks() -> list[Task]:
    found = sample_tasks(MIX, 16, seed=5)
    return [t for t in found if envs.gold_completion(t) is not None]


@pytest.fixture(scope="module")
def tokenizer_dir(tmp_path_factory: pytest.TempPathFactory, tasks: list[Task]) -> Path:
    path = tmp_path_factory.mktemp("tok")
    texts = [t.question for t in tasks] + [envs.gold_completion(t) or "" for t in tasks]
    train_tokenizer(texts * 3, vocab_size=600).save_pretrained(path)
    return path


def _batch(tokenizer: Any, rows: list[dict[str, Any]], replies: list[str]) -> DataProto:
    """A rollout batch as verl's reward loop receives it: left-padded prompts, right-padded responses."""
    prompts = [tokenizer.encode(r["prompt"][0]["content"])[-32:] for r in rows]
    responses = [tokenizer.encode(text) for text in replies]
    p_len, r_len, pad = max(map(len, prompts)), max(map(len, responses)), tokenizer.pad_token_id
    p = torch.tensor([[pad] * (p_len - len(x)) + x for x in prompts])
    r = torch.tensor([x + [pad] * (r_len - len(x)) for x in responses])
    mask = torch.cat(
        [
            torch.tensor([[0] * (p_len - len(x)) + [1] * len(x) for x in prompts]),
            torch.tensor([[1] * len(x) + [0] * (r_len - len(x)) for x in responses]),
        ],
        dim=1,
    )
    non_tensors = {
        "data_source": np.array([r["data_source"] for r in rows], dtype=object),
        "reward_model": np.array([r["reward_model"] for r in rows], dtype=object),
        "extra_info": np.array([dict(r["extra_info"]) for r in rows], dtype=object),
    }
    return DataProto.from_dict(
        tensors={"prompts": p, "responses": r, "attention_mask": mask, "input_ids": torch.cat([p, r], 1)},
        non_tensors=non_tensors,
    )


def _rows(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_recipe_overrides_are_real_verl_keys() -> None:
    cfg = verl_config(*hydra_args({**prorl_overrides(), **overlong_penalty(8192)}))
    actor = cfg.actor_rollout_ref.actor
    assert (actor.clip_ratio_low, actor.clip_ratio_high) == (0.2, 0.4)
    assert actor.use_kl_loss is True and actor.kl_loss_coef == 1e-4 and actor.kl_loss_type == "low_var_kl"
    assert actor.loss_agg_mode == "token-mean" and actor.optim.lr_scheduler_type == "constant"
    assert actor.optim.lr == 2e-6
    assert cfg.algorithm.filter_groups.enable is True and cfg.algorithm.filter_groups.metric == "acc"
    assert cfg.actor_rollout_ref.rollout.n == 16 and cfg.actor_rollout_ref.rollout.temperature == 1.2
    assert cfg.reward.custom_reward_function.path == "pkg://trainer_adapter.verl.score"
    assert cfg.reward.reward_kwargs.overlong_buffer_cfg.enable is True
    with pytest.raises(Exception, match="clip_ratio_hihg"):  # Hydra rejects a key verl does not have
        verl_config("actor_rollout_ref.actor.clip_ratio_hihg=0.4")


def test_compute_score_through_verls_reward_loop(
    tasks: list[Task], tokenizer_dir: Path, tmp_path: Path
) -> None:
    from transformers import AutoTokenizer
    from verl.experimental.reward_loop.reward_loop import RewardLoopWorker

    path = export_parquet(MIX, 16, tmp_path / "train.parquet", seed=5)
    rows = [
        r for r in _rows(path) if envs.gold_completion(verl_task(r["data_source"], None, r["extra_info"]))
    ]
    golds = [envs.gold_completion(verl_task(r["data_source"], None, r["extra_info"])) or "" for r in rows]
    replies = [g if i % 2 == 0 else "I am not sure." for i, g in enumerate(golds)]
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    for form in ("pkg://trainer_adapter.verl.score", str(Path(compute_score.__code__.co_filename))):
        cfg = verl_config(
            *hydra_args(prorl_overrides()),
            f"reward.custom_reward_function.path={form}",
            f"actor_rollout_ref.model.path={tokenizer_dir}",
        )

        async def score_all(cfg: Any = cfg) -> list[dict[str, Any]]:
            worker = RewardLoopWorker(cfg)  # what verl's reward loop runs: load_reward_manager + run_single
            return await worker.compute_score_batch(_batch(tokenizer, rows, replies))  # concurrent threads

        outputs = asyncio.run(score_all())
        assert len(outputs) == len(rows) >= 6
        for i, out in enumerate(outputs):
            info = out["reward_extra_info"]
            assert set(info) >= {"score", "acc", "status"}
            if i % 2 == 0:
                assert out["reward_score"] == 1.0 and info["acc"] == 1.0 and info["status"] == "correct", (
                    rows[i]
                )
            else:
                assert out["reward_score"] == 0.0 and info["acc"] == 0.0


def test_batch_reward_manager_takes_compute_score_batch(
    tasks: list[Task], tokenizer_dir: Path, tmp_path: Path
) -> None:
    from transformers import AutoTokenizer
    from verl.workers.reward_manager.batch import BatchRewardManager

    rows = _rows(export_parquet(MIX, 16, tmp_path / "b.parquet", seed=5))
    rows = [r for r in rows if envs.gold_completion(verl_task(r["data_source"], None, r["extra_info"]))][:6]
    replies = [envs.gold_completion(verl_task(r["data_source"], None, r["extra_info"])) or "" for r in rows]
    replies[1] = "no idea"
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    manager = BatchRewardManager(tokenizer, num_examine=0, compute_score=compute_score_batch)
    out = manager(_batch(tokenizer, rows, replies), return_dict=True)
    scores = out["reward_tensor"].sum(dim=1).tolist()
    assert scores == [1.0, 0.0, 1.0, 1.0, 1.0, 1.0][: len(rows)]
    assert out["reward_extra_info"]["status"][1] != "correct"


def test_compute_score_without_a_task_and_on_bad_rows() -> None:
    assert compute_score("math", "so \\boxed{4}", "4")["score"] == 1.0  # rebuilt from env + ground truth
    out = compute_score("math", "x", "4", extra_info={"task": "{broken"})
    assert out == {"score": 0.0, "acc": 0.0, "status": "error"}


def test_parquet_reads_back_through_rlhf_dataset(
    tasks: list[Task], tokenizer_dir: Path, tmp_path: Path
) -> None:
    from transformers import AutoTokenizer
    from verl.utils.dataset.rl_dataset import RLHFDataset

    path = export_parquet(MIX, 12, tmp_path / "mix.parquet", seed=2, agents={"code": "prorl_code_feedback"})
    cfg = verl_config("data.max_prompt_length=100000", f"data.train_files={path}")
    dataset = RLHFDataset([str(path)], AutoTokenizer.from_pretrained(tokenizer_dir), cfg.data)
    expected = sample_tasks(MIX, 12, seed=2)
    assert len(dataset) == 12
    assert len({t.domain for t in expected}) >= 3
    for i, task in enumerate(expected):
        row = dataset[i]
        assert row["raw_prompt"] == [{"role": m["role"], "content": m["content"]} for m in task.prompt]
        assert verl_task(row["data_source"], row["reward_model"]["ground_truth"], row["extra_info"]) == task
        assert row["data_source"] == task.env and row["ability"] == task.domain
        assert row["agent_name"] == ("prorl_code_feedback" if task.env == "code" else "single_turn_agent")
        assert row["index"] == i


class ScriptedServer:
    """Stands in for the vLLM server only: replies with fixed programs, one per turn, as token ids."""

    def __init__(self, tokenizer: Any, replies: list[str]) -> None:
        self.tokenizer, self.replies, self.prompts = tokenizer, list(replies), []

    async def generate(
        self, request_id: str, *, prompt_ids: list[int], sampling_params: dict, **kw: Any
    ) -> Any:
        from verl.workers.rollout.replica import TokenOutput

        self.prompts.append(list(prompt_ids))
        text = self.replies.pop(0)
        ids = self.tokenizer.encode(text) + [self.tokenizer.convert_tokens_to_ids("<|im_end|>")]
        return TokenOutput(token_ids=ids, log_probs=[-0.5] * len(ids))


def _code_task() -> Task:
    for task in sample_tasks("code", 12, seed=0):
        if any(t.get("public") for t in task.answer.get("tests", [])):
            return task
    raise AssertionError("no stdin/stdout code task with a public test")


def _run_agent(
    tokenizer_dir: Path, task: Task, replies: list[str], max_turns: int
) -> tuple[Any, ScriptedServer]:
    from transformers import AutoTokenizer
    from verl.experimental.agent_loop.agent_loop import DictConfigWrap
    from verl.utils.dataset.rl_dataset import RLHFDataset

    from trainer_adapter.verl.agent_loop import CodeFeedbackAgentLoop
    from trainer_adapter.verl.export import verl_row

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    cfg = verl_config("data.max_prompt_length=4096", "data.max_response_length=4096")
    row = verl_row(task, 0, agent_name="prorl_code_feedback")
    server = ScriptedServer(tokenizer, replies)

    async def go() -> Any:
        loop = CodeFeedbackAgentLoop(
            trainer_config=DictConfigWrap(cfg),
            server_manager=server,
            tokenizer=tokenizer,
            processor=None,
            dataset_cls=RLHFDataset,
            data_config=DictConfigWrap(cfg.data),
            max_turns=max_turns,
        )
        return await loop.run({"temperature": 1.0}, raw_prompt=row["prompt"], **row)

    return asyncio.run(go()), server


def test_code_agent_loop_feeds_back_and_rewards_the_last_program(tokenizer_dir: Path) -> None:
    task = _code_task()
    gold = envs.gold_completion(task) or ""
    wrong = "```python\nprint(0)\n```"
    out, server = _run_agent(tokenizer_dir, task, [wrong, gold], max_turns=3)
    assert out.reward_score == 1.0 and out.extra_fields["turn_scores"][-1] == 1.0
    assert len(out.extra_fields["turn_scores"]) == 2 and out.extra_fields["turn_scores"][0] < 1.0
    assert out.extra_fields["reward_extra_info"]["acc"] == 1.0
    assert out.num_turns == 4 and len(server.prompts) == 2
    assert len(out.response_ids) == len(out.response_mask) == len(out.response_logprobs)
    mask = out.response_mask
    assert mask[0] == 1 and mask[-1] == 1 and 0 in mask  # model tokens, then feedback (masked), then model
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tokenizer_dir)
    fed_back = tok.decode([t for t, m in zip(out.response_ids, mask, strict=True) if m == 0])
    assert "fails this public test" in fed_back
    public = next(t for t in task.answer["tests"] if t.get("public"))
    assert re.sub(r"\s", "", public["stdin"]) in re.sub(r"\s", "", fed_back)
    assert server.prompts[1][: len(server.prompts[0])] == server.prompts[0]  # the context only grows


def test_code_agent_loop_stops_at_max_turns(tokenizer_dir: Path) -> None:
    task = _code_task()
    out, server = _run_agent(tokenizer_dir, task, ["```python\nprint(0)\n```"] * 2, max_turns=2)
    assert out.reward_score is not None and out.reward_score < 1.0
    assert len(out.extra_fields["turn_scores"]) == 2 and not server.replies


def test_plan_script_runs_every_stage_with_verl_keys(tmp_path: Path) -> None:
    script = plan_script(
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B", str(tmp_path / "work"), multi_turn_code=True
    )
    stages = script.split("# --- stage ")[1:]
    assert len(stages) == 8
    for k, text in enumerate(stages, start=1):
        args = re.findall(r'^    "(.*)"(?: \\)?$', text, re.M)
        assert "actor_rollout_ref.model.path=$PREV" in args and "trainer.resume_mode=disable" in args
        concrete = [a.replace("$", "X_") for a in args if not a.startswith("data.")]
        cfg = verl_config(*concrete)  # every override is a key verl's config accepts
        expected_n = 32 if k in (6, 7) else 16
        assert cfg.actor_rollout_ref.rollout.n == expected_n
        length = [a for a in args if a.startswith("data.max_response_length=")]
        assert length == [f"data.max_response_length={16384 if k == 8 else 8192}"]
        export = re.search(r"prorl-gym verl-export (\S+)", text)
        assert export and ("ifeval" in export.group(1)) == (k >= 3)
        assert (cfg.reward.reward_manager.name == "dapo") == (k in (4, 5))
    assert 'PREV=$(last_ckpt "$DIR")' in script
