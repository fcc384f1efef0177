"""Env `ifeval`: a reply that does not attempt the writing task earns nothing, however many negative
constraints (no commas, lowercase, no digits, word caps) it satisfies; a real attempt still earns its
share; IFEval's own data (the parity path) keeps the published semantics."""

from __future__ import annotations

import pytest

import envs
from envs.ifeval.attempt import min_words, topic_stems
from envs.ifeval.generator import base_prompts
from verifiers import Status, Task, verify_local

NEGATIVE = [
    "punctuation:no_comma",
    "change_case:english_lowercase",
    "count:no_digits",
    "keywords:forbidden_words",
    "length_constraints:number_words",
    "words:max_word_length",
]


@pytest.fixture(scope="module")
def tasks() -> list[Task]:
    return envs.make("ifeval", include=NEGATIVE, min_constraints=2, max_constraints=3).sample(40, seed=9)


def _attempt(task: Task) -> str:
    """An honest reply: on the task's subject, long enough, lowercase, no commas or digits."""
    base = base_prompts()[task.metadata["base_prompt"]]
    subject = " ".join(topic_stems(base)) or "this"
    return (
        f"here is my answer about {subject} and the things that matter most about it. "
        "first i set the scene with care so the reader knows where we are and why it matters. "
        "then i walk through each point in turn and explain what it means in plain words. "
        "finally i close with a short thought that ties the parts together for the reader."
    )


VACUOUS = {
    "ok": "ok",
    "dot": ".",
    "lowercase-word": "yes",
    "short-sentence": "i will not write this today",
    "repeated-word": " ".join(["fine"] * 80),
    "filler-off-topic": " ".join(
        ["lorem", "ipsum", "dolor", "sit", "amet", "elit", "sed", "do", "eiusmod", "tempor"] * 5
    ),
}


@pytest.mark.parametrize("kind", sorted(VACUOUS))
def test_vacuous_replies_earn_nothing(tasks: list[Task], kind: str) -> None:
    rewards = [verify_local("ifeval", VACUOUS[kind], t.answer).reward for t in tasks]
    assert max(rewards) == 0.0, kind


def test_the_prompt_copied_back_is_not_an_attempt(tasks: list[Task]) -> None:
    for task in tasks[:10]:
        prompt = task.prompt[0]["content"]
        verdict = verify_local("ifeval", prompt.lower().replace(",", ""), task.answer)
        assert verdict.reward == 0.0 and "attempt" in (verdict.reason or "")


def test_an_honest_attempt_still_earns_its_share(tasks: list[Task]) -> None:
    rewards = [verify_local("ifeval", _attempt(t), t.answer) for t in tasks]
    assert all(v.status is not Status.ERROR for v in rewards)
    assert sum(v.reward > 0 for v in rewards) >= 0.9 * len(tasks)
    assert all("attempt" not in (v.reason or "") for v in rewards)


def test_the_floor_leaves_room_under_every_cap() -> None:
    words = "length_constraints:number_words"
    assert min_words([(words, {"relation": "less than", "num_words": 30})]) <= 12
    assert (
        min_words([("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 3})])
        <= 12
    )
    assert min_words([("format:json_schema", {"required_keys": ["a"], "key_types": {}})]) <= 15
    assert min_words([]) == 25
    for task in envs.make("ifeval").sample(300, seed=1):  # an honest reply always fits the floor
        kw = {i["id"]: i["kwargs"] for i in task.answer["instructions"]}
        cap = kw.get(words, {}).get("num_words") if kw.get(words, {}).get("relation") == "less than" else None
        if cap is not None:
            assert task.answer["attempt"]["min_words"] < cap


def test_ifeval_data_keeps_the_published_semantics(tmp_path) -> None:
    row = {
        "key": 1,
        "prompt": "Write a haiku.",
        "instruction_id_list": ["punctuation:no_comma"],
        "kwargs": [{}],
    }
    path = tmp_path / "d.jsonl"
    import json

    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (task,) = list(envs.make("ifeval", data_files=str(path)).tasks())
    assert "attempt" not in task.answer
    assert verify_local("ifeval", "ok", task.answer).reward == 1.0  # IFEval counts it followed


@pytest.mark.parametrize(
    "bad",
    [
        pytest.param({"min_words": -1}, id="negative-floor"),
        pytest.param({"min_words": "ten"}, id="floor-not-int"),
        pytest.param({"topic": "river"}, id="topic-not-list"),
        pytest.param([], id="not-an-object"),
    ],
)
def test_a_malformed_attempt_record_is_bad_task_data(bad: object) -> None:
    answer = {"instructions": [{"id": "punctuation:no_comma"}], "attempt": bad}
    assert verify_local("ifeval", "some text here", answer).status is Status.ERROR


def test_long_replies_are_judged_on_their_own_words(tasks: list[Task]) -> None:
    task = tasks[0]
    prompt = task.prompt[0]["content"]
    copies = "\n".join([prompt] * 30)  # the prompt many times over: long, on topic, nothing of its own
    assert verify_local("ifeval", copies, task.answer).reward == 0.0
    # The attempt after a long copy of the prompt still counts (the head alone does not settle it).
    verdict = verify_local("ifeval", copies + "\n" + _attempt(task), task.answer)
    assert "attempt" not in (verdict.reason or "")
