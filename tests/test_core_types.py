"""The contract types: Task ids and JSON round trips, Verdict statuses, canonical JSON."""

from __future__ import annotations

import json

import pytest

from verifiers import Status, Task, Verdict


def _task(**kw):
    base = dict(env="e", domain="d", prompt=[{"role": "user", "content": "q"}], verifier="math", answer="1/2")
    base.update(kw)
    return Task(**base)


def test_task_id_is_a_content_hash():
    a, b = _task(), _task()
    assert a.id == b.id and len(a.id) == 20
    assert _task(answer="1/3").id != a.id
    assert _task(metadata={"difficulty": 3}).id == a.id  # metadata does not define the task


def test_content_id_is_the_hash_of_canonical_json():
    import hashlib

    from verifiers.canonical import canonical_json
    from verifiers.types import content_id

    t = _task(answer={"b": (1, 2), "a": {3: "x"}, "big": 2**70, "ü": float("nan")})
    whole = {"answer": t.answer, "env": t.env, "prompt": t.prompt, "verifier": t.verifier}
    assert t.id == content_id(t.env, t.prompt, t.verifier, t.answer)
    assert t.id == hashlib.sha256(canonical_json(whole)).hexdigest()[:20]
    # Key order and tuple-vs-list do not change the id; the values do.
    assert _task(answer={"a": {"3": "x"}, "b": [1, 2], "big": 2**70, "ü": float("nan")}).id == t.id
    assert _task(answer={"a": {3: "x"}, "b": [1, 2], "big": 2**70 + 1, "ü": float("nan")}).id != t.id


def test_canonical_and_plain_agree_on_every_path():
    from datetime import date
    from fractions import Fraction

    from verifiers.canonical import canonical_and_plain, canonical_json, plain_json

    for value in (
        {"b": (1, 2), "a": {2: "x", 10: "y"}, "d": date(2024, 1, 2), "s": {"z", "y"}, "f": Fraction(1, 3)},
        {"huge": 2**70, "t": (1, (2, 3))},  # beyond orjson's 64-bit integers: the stdlib path
    ):
        blob, plain = canonical_and_plain(value)
        assert blob == canonical_json(value) == canonical_json(plain)
        assert plain == plain_json(value) and json.loads(blob) == plain
    assert canonical_and_plain({"huge": 2**70})[1] == {"huge": 2**70}  # exact, never a float


def test_unvalidated_builders_match_validated_ones():
    # Task.trusted and Verdict's fast path skip pydantic validation; they must build the same objects.
    fields = dict(env="e", domain="d", prompt=[{"role": "user", "content": "q"}], verifier="math", answer=[1])
    validated = Task(**fields, metadata={"seed": 1})
    trusted = Task.trusted(id=validated.id, metadata={"seed": 1}, **fields)
    assert trusted == validated and trusted.model_dump_json() == validated.model_dump_json()
    assert trusted.model_fields_set == validated.model_fields_set | {"id"}
    trusted.metadata["x"] = 1  # a plain mutable model, like a validated one
    for fast, slow in (
        (
            Verdict.scored(0.5, extracted="7", reason="r"),
            Verdict(reward=0.5, correct=False, status="partial", extracted="7", reason="r"),
        ),
        (
            Verdict.fail(Status.TIMEOUT, "slow"),
            Verdict(reward=0.0, correct=False, status="timeout", reason="slow"),
        ),
    ):
        assert fast == slow and fast.model_dump_json() == slow.model_dump_json()
        fast.elapsed_s = 0.25
        assert Verdict.model_validate_json(fast.model_dump_json()) == fast


def test_task_json_round_trip():
    t = _task(answer={"x": [1, 2, {"y": None}]}, metadata={"seed": 5})
    again = Task.model_validate_json(t.model_dump_json())
    assert again == t and again.id == t.id


def test_task_rejects_bad_prompt_and_unknown_fields():
    with pytest.raises(ValueError, match="role"):
        _task(prompt=[{"text": "hi"}])
    with pytest.raises(ValueError):
        Task.model_validate({**_task().model_dump(), "surprise": 1})


def test_verdict_status_follows_reward():
    assert Verdict.scored(1.0).status is Status.CORRECT and Verdict.scored(1.0).correct
    assert Verdict.scored(0.0).status is Status.WRONG
    partial = Verdict.scored(0.25)
    assert partial.status is Status.PARTIAL and not partial.correct
    assert Verdict.scored(7).reward == 1.0 and Verdict.scored(-1).reward == 0.0
    fail = Verdict.fail(Status.TIMEOUT, "slow")
    assert fail.reward == 0.0 and fail.reason == "slow" and not fail.correct
