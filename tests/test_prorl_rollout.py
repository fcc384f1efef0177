"""The hf rollout engine: n samples per prompt, stop/length, and log-probs equal to the training path's."""

from __future__ import annotations

import sys

import pytest

torch = pytest.importorskip("torch", reason="needs torch: pip install -e .[train]")
pytest.importorskip("transformers", reason="needs transformers: pip install -e .[train]")

from trainer_adapter.prorl.batch import make_batch  # noqa: E402
from trainer_adapter.prorl.groups import Group, Sample  # noqa: E402
from trainer_adapter.prorl.loss import token_logprobs  # noqa: E402
from trainer_adapter.prorl.rollout import HFEngine, SamplingParams, make_engine, prompt_ids  # noqa: E402
from trainer_adapter.tiny import tiny_qwen2, train_tokenizer  # noqa: E402
from verifiers import Status, Task, Verdict  # noqa: E402

PROMPTS = [
    [{"role": "user", "content": "Calculate 3 + 4."}],
    [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Spell cat backwards, please, slowly."},
    ],
]


@pytest.fixture(scope="module")
def policy():
    tok = train_tokenizer([m["content"] for p in PROMPTS for m in p] * 10, vocab_size=320)
    torch.manual_seed(0)
    return tiny_qwen2(tok, hidden_size=32, num_layers=2, num_heads=2), tok


def test_n_rollouts_per_prompt_with_consistent_fields(policy) -> None:
    model, tok = policy
    engine = HFEngine(model, tok, batch_size=3)  # batches that cut across prompts
    out = engine.generate(PROMPTS, SamplingParams(n=4, temperature=1.0, max_new_tokens=12, seed=1))
    assert [len(g) for g in out] == [4, 4]
    for index, group in enumerate(out):
        for r in group:
            assert r.prompt_index == index
            assert len(r.logprobs) == len(r.token_ids) <= 12
            assert r.finish_reason in ("stop", "length")
            assert (r.finish_reason == "stop") == (r.token_ids[-1] == tok.eos_token_id)
            assert all(lp <= 0 for lp in r.logprobs)


def test_same_seed_same_samples(policy) -> None:
    model, tok = policy
    engine = HFEngine(model, tok)
    params = SamplingParams(n=2, temperature=1.0, max_new_tokens=8, seed=5)
    a = engine.generate(PROMPTS, params)
    b = engine.generate(PROMPTS, params)
    assert [[r.token_ids for r in g] for g in a] == [[r.token_ids for r in g] for g in b]


def test_engine_logprobs_match_the_training_forward(policy) -> None:
    """old_logp comes from the engine: it must equal log pi under logits / T on the padded batch."""
    model, tok = policy
    engine = HFEngine(model, tok)
    temperature = 0.7
    out = engine.generate(PROMPTS, SamplingParams(n=3, temperature=temperature, max_new_tokens=10, seed=2))
    task = Task(env="t", domain="logic", prompt=PROMPTS[0], verifier="math", answer="1")
    verdict = Verdict(reward=0.0, correct=False, status=Status.WRONG)
    groups = [
        Group(task, prompt_ids(tok, p), [Sample(r, verdict, 0.0) for r in g])
        for p, g in zip(PROMPTS, out, strict=True)
    ]
    batch = make_batch(groups, [[0.0] * 3, [0.0] * 3], tok.pad_token_id)
    with torch.no_grad():
        logp, _ = token_logprobs(
            model, batch.input_ids, batch.attention_mask, batch.n_completion, temperature
        )
    diff = ((logp - batch.old_logp) * batch.mask).abs().max()
    assert float(diff) < 1e-4


def test_bad_params_and_engine_names() -> None:
    with pytest.raises(ValueError, match="temperature"):
        SamplingParams(n=1, temperature=0.0)
    with pytest.raises(ValueError, match="n must be"):
        SamplingParams(n=0, temperature=1.0)
    with pytest.raises(ValueError, match="unknown rollout engine"):
        make_engine("sglang", None, None)


def test_vllm_is_not_imported_by_the_cpu_path() -> None:
    assert "vllm" not in sys.modules
