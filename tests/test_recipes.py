"""The ProRL data recipe: five domains by public ids, the paper's sizes as limits and weights, the YAML
twin, and a CPU build from local stand-ins for every public id (no network)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

import envs
from envs.recipes import LOGIC_HELD_OUT, PRORL_DATA, logic_tasks, prorl_mix_spec

YAML = Path(__file__).resolve().parent.parent / "configs" / "prorl-data.yaml"
PAPER = {"math": 40_000, "code": 24_000, "stem": 25_000, "logic": 37_000, "ifeval": 10_000}
IDS = {
    "math": "agentica-org/DeepScaleR-Preview-Dataset",
    "code": "PRIME-RL/Eurus-2-RL-Data",
    "stem": "EricLu/SCP-116K",
}


def test_the_recipe_is_the_papers_table() -> None:
    assert {d.name: d.size for d in PRORL_DATA} == PAPER and sum(PAPER.values()) == 136_000
    spec = prorl_mix_spec()
    for name, dataset_id in IDS.items():
        config = spec[name]["config"]
        assert (config["dataset"], config["split"], config["limit"]) == (dataset_id, "train", PAPER[name])
    assert spec["code"]["config"]["total_time_limit_s"] == 5.0  # over 5 s in total scores 0
    assert spec["logic"]["env"] == "composite" and spec["ifeval"]["env"] == "ifeval"
    assert not set(LOGIC_HELD_OUT) & set(spec["logic"]["config"]["datasets"])
    assert len(logic_tasks()) == 102  # reasoning-gym 0.1.25: 105 tasks, 3 held out


def test_the_yaml_is_the_same_mixture() -> None:
    assert envs.parse_mix(str(YAML)) == prorl_mix_spec()
    assert yaml.safe_load(YAML.read_text())["mix"]["math"]["config"]["dataset"] == IDS["math"]


def test_the_public_mix_builds_without_reading_the_hub() -> None:
    mix = envs.prorl_mix()  # hub sets load on first read, so building needs no network
    assert set(mix.envs) == set(PAPER)
    assert mix.weights == pytest.approx({k: v / 136_000 for k, v in PAPER.items()})
    assert [s.ref for s in mix.envs["stem"].sources] == [IDS["stem"]]


@pytest.fixture
def standins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Dataset repositories in the public layouts, one per public id of the recipe."""
    datasets = pytest.importorskip("datasets", reason="needs the [hub] extra: pip install 'prorl-gym[hub]'")
    from hub_standins import FORMATS, repository, rows_of

    monkeypatch.setattr(datasets.config, "HF_DATASETS_CACHE", tmp_path / "hf-cache")
    fixtures = {"math": FORMATS[0][2], "code": FORMATS[3][2], "stem": FORMATS[11][2]}
    return {
        name: str(repository(tmp_path / "hub", IDS[name].split("/")[1], {"train": rows_of(path) * 3}))
        for name, path in fixtures.items()
    }


SIZES = {"math": 5, "code": 4, "stem": 3, "logic": 6, "ifeval": 2}


def test_the_recipe_builds_from_local_standins(standins: dict[str, str]) -> None:
    mix = envs.prorl_mix(data=standins, sizes=SIZES, seed=0)
    total = sum(SIZES.values())
    assert mix.weights == pytest.approx({k: v / total for k, v in SIZES.items()})
    for name in ("math", "code", "stem"):  # the per-domain counts are the sizes
        tasks = list(mix.envs[name].tasks())
        assert len(tasks) == SIZES[name] and {t.domain for t in tasks} == {name}
    assert all(t.answer["total_time_limit_s"] == 5.0 for t in mix.envs["code"].tasks())
    picks = Counter(mix.pick(s) for s in envs.derive_seeds(1, 5000, "mix"))
    for name, size in SIZES.items():
        assert abs(picks[name] / 5000 - size / total) < 0.025, picks
    tasks = mix.sample(200, seed=1)
    assert sum(mix.counts.values()) == 200 and set(mix.counts) == set(SIZES)
    domains = Counter(t.domain for t in tasks)
    assert set(domains) == {"math", "code", "stem", "logic", "instruction_following"}


def test_streaming_recipe_reads_the_same_tasks(standins: dict[str, str]) -> None:
    sizes = {**SIZES, "logic": 0, "ifeval": 0}  # generated domains do not stream
    eager = envs.prorl_mix(data=standins, sizes=sizes)
    streamed = envs.prorl_mix(data=standins, sizes=sizes, streaming=True)
    assert streamed.envs["math"].config.streaming and not eager.envs["math"].config.streaming
    for name in ("math", "code", "stem"):
        assert [t.id for t in streamed.envs[name].tasks()] == [t.id for t in eager.envs[name].tasks()]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sizes": {"poetry": 3}}, "unknown domain"),
        ({"data": {"logic": "x.jsonl"}}, "generated and takes no data"),
        ({"sizes": {"math": -1}}, ">= 0"),
    ],
    ids=["unknown-domain", "data-for-generated", "negative-size"],
)
def test_recipe_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(envs.ConfigError, match=message):
        envs.prorl_mix(**kwargs)


def test_a_domain_of_size_zero_is_left_out() -> None:
    mix = envs.prorl_mix(sizes={"math": 0, "code": 0, "stem": 0})
    assert set(mix.envs) == {"logic", "ifeval"}
