"""The env registry: names, lazy entry points, config models validated once by `make`."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, model_validator

import envs
from envs import registry
from envs.core import configure, load_attr
from verifiers import Task

VALIDATIONS: list[str] = []


class TinyConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    size: int = 3
    tag: str = "x"

    @model_validator(mode="after")
    def _count(self) -> TinyConfig:
        VALIDATIONS.append(self.tag)
        return self


class TinyDataConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data_files: str | list[str] | None = None
    dataset: str | None = None
    tag: str = "x"


class TinyEnv(envs.Env):
    """A procedural env whose task is its config, so tests can see what `make` passed."""

    def __init__(self, config: TinyConfig | None = None, *, env_name: str = "tiny", **options: Any) -> None:
        super().__init__()
        self.name = env_name
        self.config = configure(TinyConfig, config, options, env_name)

    def task_at(self, seed: int) -> Task:
        prompt = [{"role": "user", "content": f"{self.config.tag} {self.config.size} {seed}"}]
        return Task(env=self.name, domain="misc", prompt=prompt, verifier="math", answer="1")


class TinyDataEnv(envs.Env):
    dataset_backed = True

    def __init__(self, config: TinyDataConfig, env_name: str = "tiny") -> None:
        super().__init__()
        self.name, self.config = env_name, config

    def tasks(self) -> Iterator[Task]:
        prompt = [{"role": "user", "content": "q"}]
        yield Task(env=self.name, domain="misc", prompt=prompt, verifier="math", answer="1")


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> str:
    """Registers `tiny` (procedural unless data) and `tiny_big` (size fixed) for one test."""
    envs.list_envs()  # every family registers into the real registry first
    monkeypatch.setattr(registry, "_SPECS", dict(registry._SPECS))
    here = __name__
    registry.register(
        "tiny",
        f"{here}:TinyEnv",
        config=f"{here}:TinyConfig",
        data=(f"{here}:TinyDataEnv", f"{here}:TinyDataConfig"),
        domain="misc",
        verifier="math",
        env_name="tiny",
    )
    registry.register(
        "tiny_big", f"{here}:TinyEnv", config=TinyConfig, domain="misc", verifier="math", size=99
    )
    VALIDATIONS.clear()
    return "tiny"


def test_make_validates_once_and_passes_the_model(tiny: str) -> None:
    env = envs.make("tiny", size=5, tag="once")
    assert isinstance(env, TinyEnv) and env.config.size == 5 and env.spec is envs.spec("tiny")
    assert VALIDATIONS == ["once"]


def test_data_variant_is_chosen_by_data_files_or_dataset(tiny: str) -> None:
    assert isinstance(envs.make("tiny", data_files="rows.jsonl"), TinyDataEnv)
    assert isinstance(envs.make("tiny", dataset="owner/name"), TinyDataEnv)
    assert isinstance(envs.make("tiny", data_files=None), TinyEnv)


@pytest.mark.parametrize(
    ("name", "config", "message"),
    [
        ("tiny", {"sise": 1}, "unknown config key.*'sise'.*valid keys: size, tag"),
        ("tiny", {"size": "many"}, "invalid config: size"),
        ("tiny", {"data_files": "x.jsonl", "size": 2}, "size do not apply with data_files"),
        ("tiny", {"dataset": "a/b", "size": 2}, "size do not apply with data_files"),
        ("tiny", {"data_files": "x.jsonl", "sise": 1}, "unknown config key.*valid keys: data_files"),
        ("tiny_big", {"size": 1}, r"size is fixed by this env \(size=99\)"),
    ],
    ids=[
        "unknown-key",
        "bad-value",
        "procedural-key-with-data",
        "procedural-key-with-dataset",
        "unknown-key-data-variant",
        "fixed-key",
    ],
)
def test_config_errors_name_the_key(tiny: str, name: str, config: dict, message: str) -> None:
    with pytest.raises(envs.ConfigError, match=message):
        envs.make(name, **config)


def test_config_fields_read_the_models(tiny: str) -> None:
    assert envs.spec("tiny").config_fields() == {"size": 3, "tag": "x", "data_files": None, "dataset": None}
    assert envs.spec("tiny_big").config_fields() == {"tag": "x"}  # fixed keys are not the user's
    assert envs.make("tiny_big").config.size == 99


@pytest.mark.parametrize(
    ("name", "present", "absent"),
    [
        ("math", {"families", "difficulty", "data_files", "dataset", "split", "format", "limit"}, set()),
        ("math_geometry", {"difficulty"}, {"families", "data_files", "env_name"}),
        ("stem", {"mcq_fraction", "difficulty", "data_files", "subset", "revision", "streaming"}, set()),
        ("stem_numeric", {"rel_tol", "data_files"}, {"mcq_fraction", "kind"}),
        ("code", {"data_files", "dataset", "max_turns", "format"}, set()),
        ("ifeval", {"min_constraints", "data_files", "on_unknown"}, set()),
    ],
)
def test_builtin_config_fields(name: str, present: set[str], absent: set[str]) -> None:
    fields = envs.spec(name).config_fields()
    assert present <= set(fields) and not absent & set(fields)


def test_a_registered_name_twice_is_refused(tiny: str) -> None:
    with pytest.raises(ValueError, match="already registered"):
        registry.register("tiny", TinyEnv, domain="misc", verifier="math")


def test_entry_points_are_module_attr_strings() -> None:
    assert load_attr("envs.mix:MixEnv") is envs.MixEnv
    with pytest.raises(ValueError, match="package.module:attr"):
        load_attr("envs.mix.MixEnv")


def test_making_one_env_loads_only_its_family() -> None:
    code = (
        "import sys, envs; envs.make('ifeval'); envs.make('math_arithmetic');"
        "print(','.join(m for m in ('envs.logic', 'reasoning_gym', 'datasets', 'envs.stem.env',"
        " 'envs.code.env') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_unknown_env_names_the_closest() -> None:
    with pytest.raises(envs.UnknownEnvError, match="sudoku") as err:
        envs.make("sudoko")
    assert "mini_sudoku" in str(err.value)


def test_list_envs_by_domain() -> None:
    logic = envs.list_envs(domain="logic")
    assert "sudoku" in logic and "knights_knaves" in logic
    assert {"math", "code", "ifeval", "stem"} <= set(envs.list_envs())
    assert set(logic) <= set(envs.list_envs())
    with pytest.raises(ValueError, match="domains"):
        envs.list_envs(domain="astrology")


def test_bad_config_names_the_field() -> None:
    with pytest.raises(envs.ConfigError, match="blanks_max"):
        envs.make("sudoku", blanks_max=3, not_a_field=1)
