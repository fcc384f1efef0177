"""The contract types, answer extraction, the registry and mixtures."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import envs
from verifiers import Status, Task, Verdict
from verifiers.extract import answer_tags, boxed_all, final_text, last_answer_tag, last_boxed


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


def test_derive_seeds_is_derive_seed_in_a_batch():
    assert envs.derive_seeds(7, 50, "x") == [envs.derive_seed(7, i, "x") for i in range(50)]


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


@pytest.mark.parametrize(
    "completion, expected",
    [
        ("plain answer", "plain answer"),
        ("<think>a</think>b", "b"),
        ("<think>a</think>b<think>c</think>d", "d"),
        ("<think>never closed <answer>1</answer>", None),
        ("", ""),
        (None, None),
        (12, None),
    ],
)
def test_final_text(completion, expected):
    assert final_text(completion) == expected


def test_boxed_and_answer_tags():
    text = r"so \boxed{\frac{1}{2}} and then \boxed{x^{2}+\{1\}} and \boxed{unclosed"
    assert boxed_all(text) == [r"\frac{1}{2}", r"x^{2}+\{1\}"]
    assert last_boxed(r"\fbox{3}") == "3"
    assert last_boxed("none") is None
    assert last_answer_tag("<answer>1</answer> x <ANSWER> 2 </ANSWER>") == "2"
    assert last_answer_tag("<answer>open") is None
    # An open pairs with the next close; opens inside a block and stray closes are ignored.
    assert answer_tags("<answer>a<answer>b</answer>") == ["a<answer>b"]
    assert answer_tags("</answer> <answer>x</answer></answer><answer>y") == ["x"]
    assert answer_tags("<answer></answer><Answer> z </answer>") == ["", " z "]


def test_unknown_env_names_the_closest():
    with pytest.raises(envs.UnknownEnvError, match="sudoku") as err:
        envs.make("sudoko")
    assert "mini_sudoku" in str(err.value)


def test_list_envs_by_domain():
    logic = envs.list_envs(domain="logic")
    assert "sudoku" in logic and "knights_knaves" in logic
    assert set(logic) <= set(envs.list_envs())
    with pytest.raises(ValueError, match="domains"):
        envs.list_envs(domain="astrology")


def test_bad_config_names_the_field():
    with pytest.raises(envs.ConfigError, match="blanks_max"):
        envs.make("sudoku", blanks_max=3, not_a_field=1)


def test_reset_step_contract():
    env = envs.make("sudoku")
    obs, info = env.reset(seed=1)
    assert obs[-1]["role"] == "user" and "<answer>" in obs[-1]["content"]
    task = info["task"]
    gold = task.answer["entry"]["answer"]
    transcript, reward, terminated, truncated, info = env.step(f"<think>ok</think><answer>{gold}</answer>")
    assert reward == 1.0 and terminated and not truncated
    assert info["verdict"].status is Status.CORRECT
    assert transcript[-1]["role"] == "assistant"
    with pytest.raises(RuntimeError, match="reset"):
        env.step("again")


def test_same_seed_same_ids_across_processes():
    code = "import envs; print(','.join(t.id for t in envs.make('knights_knaves').sample(5, seed=3)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    here = ",".join(t.id for t in envs.make("knights_knaves").sample(5, seed=3))
    assert out == here
    assert envs.make("knights_knaves").sample(5, seed=4)[0].id not in here


def test_mixture_matches_weights_and_is_reproducible():
    weights = {"gcd": 0.5, "lcm": 0.3, "basic_arithmetic": 0.2}
    mix = envs.make_mix(weights, seed=0)
    picks = [mix.pick(envs.derive_seed(0, i, "mix")) for i in range(10_000)]
    for name, w in weights.items():
        assert abs(picks.count(name) / 10_000 - w) <= 0.02
    a = [t.id for t in envs.make_mix(weights, seed=1).sample(50)]
    b = [t.id for t in envs.make_mix(weights, seed=1).sample(50)]
    c = [t.id for t in envs.make_mix(weights, seed=2).sample(50)]
    assert a == b and a != c
    sampled = envs.make_mix(weights, seed=0)
    tasks = sampled.sample(300)
    assert sum(sampled.counts.values()) == 300
    assert {t.env for t in tasks} == set(weights)


def test_mixture_is_an_env():
    mix = envs.make_mix(
        {"gcd": 1, "lcm": {"weight": 1, "config": {"min_numbers": 2, "max_numbers": 2}}}, seed=0
    )
    obs, info = mix.reset(seed=3)
    gold = info["task"].answer["entry"]["answer"]
    _, reward, terminated, _, _ = mix.step(f"<answer>{gold}</answer>")
    assert reward == 1.0 and terminated


@pytest.mark.parametrize(
    "weights, message",
    [
        ({}, "non-empty"),
        ({"gcd": -1}, ">= 0"),
        ({"gcd": "lots"}, "number"),
        ({"gcd": 0}, "every weight is 0"),
        ({"gcd": {"weight": 1, "cfg": {}}}, "unknown keys"),
    ],
)
def test_mixture_bad_weights(weights, message):
    with pytest.raises(envs.ConfigError, match=message):
        envs.make_mix(weights)


def test_parse_mix(tmp_path):
    assert envs.parse_mix("gcd=0.5, lcm=0.5") == {"gcd": 0.5, "lcm": 0.5}
    path = tmp_path / "mix.yaml"
    path.write_text("mix:\n  gcd: 2\n  lcm: {weight: 1, config: {min_numbers: 2}}\n")
    assert envs.parse_mix(str(path))["gcd"] == 2
    with pytest.raises(envs.ConfigError, match="name=weight"):
        envs.parse_mix("gcd")
    with pytest.raises(envs.ConfigError, match="not a number"):
        envs.parse_mix("gcd=x")
    with pytest.raises(envs.ConfigError, match="does not exist"):
        envs.parse_mix(str(tmp_path / "missing.yaml"))


def test_task_dump_is_plain_json():
    task = envs.make("gcd").sample(1, seed=0)[0]
    assert json.loads(task.model_dump_json())["verifier"] == "logic"
