"""Every domain's gold completion earns full reward through the public verifier path."""

from __future__ import annotations

import pytest

import envs
from envs.gold import IFEVAL_GOLD_IDS, final_answers, gold_completion
from verifiers import verify_batch, verify_task

DOMAIN_ENVS = {
    "logic": ("basic_arithmetic", {}),
    "math": ("math_arithmetic", {}),
    "code": ("code", {}),
    "stem_mcq": ("stem_mcq", {}),
    "stem_numeric": ("stem_numeric", {}),
    "ifeval": ("ifeval", {"include": list(IFEVAL_GOLD_IDS), "max_constraints": 2}),
}


@pytest.mark.parametrize("label", sorted(DOMAIN_ENVS))
def test_gold_completion_scores_one(label: str) -> None:
    name, config = DOMAIN_ENVS[label]
    tasks = envs.make(name, **config).sample(6, seed=3)
    golds = [gold_completion(t) for t in tasks]
    assert all(g is not None for g in golds), label
    verdicts = verify_batch([{"task": t, "completion": g} for t, g in zip(tasks, golds, strict=True)])
    assert [v.reward for v in verdicts] == [1.0] * len(tasks), [
        (v.status, v.reason, v.details) for v in verdicts
    ]


def test_gold_and_wrong_differ_in_reward() -> None:
    task = envs.make("basic_arithmetic").sample(1, seed=1)[0]
    finals = final_answers(task)
    assert finals is not None
    assert verify_task(task, finals["gold"]).reward == 1.0
    assert verify_task(task, finals["wrong"]).reward < 1.0


def test_unsupported_ifeval_instruction_has_no_gold() -> None:
    task = envs.make("ifeval", include=["format:json_schema"], max_constraints=1).sample(1, seed=0)[0]
    assert gold_completion(task) is None


def test_exported_from_envs() -> None:
    assert envs.gold_completion is gold_completion
