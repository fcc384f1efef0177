"""Acceptance: re-scoring GPT-4's 541 IFEval responses reproduces the paper's four scores.

Published (Zhou et al. 2023, Table 3): prompt-strict 76.89, instruction-strict 83.57,
prompt-loose 79.30, instruction-loose 85.37 (416/541, 697/834, 429/541, 712/834). Each must hold
within 0.5 points. Our exact counts are pinned too, so a checker change that moves them is seen:
docs/ifeval.md explains the residual (the reference scores keys 1122 and 1129 at random).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from verifiers import verify_batch, verify_local

PUBLISHED = {"prompt_strict": 76.89, "inst_strict": 83.57, "prompt_loose": 79.30, "inst_loose": 85.37}
OURS = {
    "prompt_strict": (417, 541),
    "inst_strict": (698, 834),
    "prompt_loose": (431, 541),
    "inst_loose": (714, 834),
}


def data_dir() -> Path:
    root = os.environ.get("PRORL_GYM_SHARED")
    base = Path(root) if root else Path(__file__).resolve().parents[1].parent / "shared"
    return base / "data" / "ifeval"


@pytest.fixture(scope="module")
def rows() -> list[tuple[dict, str]]:
    folder = data_dir()
    inputs, responses = folder / "input_data.jsonl", folder / "input_response_data_gpt4.jsonl"
    if not inputs.is_file() or not responses.is_file():
        pytest.skip(f"IFEval data not found at {folder} (set PRORL_GYM_SHARED to the shared/ folder)")
    by_prompt = {}
    for line in responses.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        by_prompt[record["prompt"]] = record["response"]
    out = []
    for line in inputs.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((row, by_prompt[row["prompt"]]))
    assert len(out) == 541
    return out


def ifeval_answer(row: dict, strict: bool) -> dict:
    items = [{"id": i, "kwargs": k} for i, k in zip(row["instruction_id_list"], row["kwargs"], strict=True)]
    return {"instructions": items, "strict": strict}


def scores(results: list[list[bool]]) -> tuple[int, int, int]:
    return sum(all(r) for r in results), sum(sum(r) for r in results), sum(len(r) for r in results)


def test_rescoring_gpt4_reproduces_the_published_scores(rows: list[tuple[dict, str]]) -> None:
    measured = {}
    for strict, suffix in ((True, "strict"), (False, "loose")):
        results = []
        for row, response in rows:
            verdict = verify_local("ifeval", response, ifeval_answer(row, strict), strip_think=False)
            results.append([item["followed"] for item in verdict.details["instructions"]])
        prompts, followed, total = scores(results)
        measured[f"prompt_{suffix}"] = (prompts, len(rows))
        measured[f"inst_{suffix}"] = (followed, total)
    for name, (hit, total) in measured.items():
        assert abs(100 * hit / total - PUBLISHED[name]) <= 0.5, (name, hit, total)
    assert measured == OURS


def test_the_worker_pool_gives_the_same_scores(rows: list[tuple[dict, str]]) -> None:
    items = [
        {
            "verifier": "ifeval",
            "answer": ifeval_answer(row, False),
            "completion": response,
            "options": {"strip_think": False},
        }
        for row, response in rows
    ]
    verdicts = verify_batch(items, workers=2)
    results = [[item["followed"] for item in v.details["instructions"]] for v in verdicts]
    prompts, followed, _ = scores(results)
    assert (prompts, followed) == (OURS["prompt_loose"][0], OURS["inst_loose"][0])
