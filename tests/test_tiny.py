"""The tiny tokenizer and model: trained and built locally, chat template, save/reload round trip."""

from __future__ import annotations

import pytest

pytest.importorskip("torch", reason="needs torch: pip install -e .[train]")
pytest.importorskip("transformers", reason="needs transformers: pip install -e .[train]")

import torch  # noqa: E402
from transformers import AutoModelForCausalLM, AutoTokenizer  # noqa: E402

from trainer_adapter.tiny import tiny_qwen2, train_tokenizer  # noqa: E402

TEXTS = ["Calculate 12 + 7. Give the answer in <answer></answer> tags."] * 20


def test_tokenizer_specials_and_chat_template() -> None:
    tok = train_tokenizer(TEXTS, vocab_size=400)
    assert {tok.pad_token_id, tok.eos_token_id, tok.bos_token_id} == {0, 1, 2}
    text = tok.apply_chat_template(
        [{"role": "user", "content": "hi"}], add_generation_prompt=True, tokenize=False
    )
    assert text == "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    assert tok.tokenize("<answer>42</answer>") == ["<answer>", "4", "2", "</answer>"]
    assert tok.decode(tok.encode("any text: ünïcode ✓")) == "any text: ünïcode ✓"


def test_tiny_qwen2_save_reload_same_logits(tmp_path) -> None:
    tok = train_tokenizer(TEXTS, vocab_size=400)
    model = tiny_qwen2(tok, hidden_size=32, num_layers=1, num_heads=2)
    assert model.config.vocab_size == len(tok)
    model.save_pretrained(tmp_path)
    tok.save_pretrained(tmp_path)
    again = AutoModelForCausalLM.from_pretrained(tmp_path)
    tok2 = AutoTokenizer.from_pretrained(tmp_path)
    ids = torch.tensor([tok2.encode("Calculate 1 + 2")])
    assert torch.allclose(model(ids).logits, again(ids).logits, atol=1e-6)


def test_bad_sizes_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="vocab_size"):
        train_tokenizer(TEXTS, vocab_size=10)
    tok = train_tokenizer(TEXTS, vocab_size=400)
    with pytest.raises(ValueError, match="divisible"):
        tiny_qwen2(tok, hidden_size=30, num_heads=4)
